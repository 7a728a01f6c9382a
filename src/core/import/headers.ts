// Which report sheet a file sheet holds and where its column header is. Header cells are read more leniently
// than a paste's (level codes "HTXSNV", "Tỷ lệ tốt", "(gồm xuất sắc)", a "Tỷ lệ (%)" group over the shares,
// "Tên đảng bộ cơ sở"); each recognised cell is then handed to planPaste under the label planPaste knows.
import { normalizeName } from '../names';
import { foldText } from '../parse';
import type { SheetDef } from '../template';

/** A header cell's target: a column id of the sheet, or one of the grid's fixed columns. */
export interface HeaderTarget {
  readonly col: string;
  /** The header says the good count includes the excellent ones ("gồm xuất sắc"). */
  readonly inclusive: boolean;
}

export interface FoundHeader {
  /** First and last file row of the header (a two-level header spans two or three rows). */
  readonly top: number;
  readonly bottom: number;
  /** Per file column: the merged header text and its target. */
  readonly texts: readonly string[];
  readonly targets: readonly (HeaderTarget | null)[];
  /** Distinct targets, fixed columns included. */
  readonly matched: number;
  /** Distinct columns of the sheet itself. */
  readonly dataColumns: number;
}

/** Labels planPaste knows for the grid's fixed columns. */
export const FIXED_LABELS: Readonly<Record<string, string>> = {
  stt: 'STT',
  name: 'Tên đơn vị',
  'unit-form': 'Loại hình',
  'unit-bloc': 'Khối',
};

export const HEADER_SCAN_ROWS = 15;
export const TITLE_SCAN_ROWS = 10;
const MIN_HEADER_MATCHES = 2;
const MAX_HEADER_ROWS = 3;

interface HeaderIndex {
  readonly exact: ReadonlyMap<string, string>;
  readonly acronym: ReadonlyMap<string, string>;
  readonly percent: ReadonlyMap<string, string>;
}

const indexes = new WeakMap<SheetDef, HeaderIndex>();

function indexOf(sheet: SheetDef): HeaderIndex {
  const cached = indexes.get(sheet);
  if (cached) return cached;
  const exact = new Map<string, string>();
  const acronym = new Map<string, string | null>();
  const percent = new Map<string, string>();
  const add = (map: Map<string, string>, text: string | undefined, col: string) => {
    const key = text === undefined ? '' : normalizeName(text);
    if (key !== '' && !map.has(key)) map.set(key, col);
  };
  for (const c of sheet.columns) {
    for (const t of [c.header.vi, c.header.en, c.headerInclusive?.vi, c.headerInclusive?.en])
      add(exact, t, c.id);
    if (c.kind === 'percent') for (const t of [c.header.vi, c.header.en]) add(percent, t, c.id);
    else {
      // "Hoàn thành xuất sắc nhiệm vụ" is written HTXSNV: the initials of its words.
      const words = foldText(c.header.vi)
        .split(/[^a-z0-9]+/)
        .filter((w) => w !== '');
      const key = words.map((w) => w[0]).join('');
      if (key.length >= 3) acronym.set(key, acronym.has(key) ? null : c.id); // ambiguous initials: neither
    }
  }
  const unique = new Map([...acronym].filter((e): e is [string, string] => e[1] !== null));
  const index = { exact, acronym: unique, percent };
  indexes.set(sheet, index);
  return index;
}

function fixedTarget(n: string): string | null {
  if (['stt', 'tt', 'so thu tu', 'no'].includes(n)) return 'stt';
  if (n.startsWith('ten ') || ['ten', 'don vi', 'to chuc co so dang', 'base party organization'].includes(n))
    return 'name';
  if (n === 'loai hinh' || n === 'type') return 'unit-form';
  if (n === 'khoi' || n === 'sector') return 'unit-bloc';
  return null;
}

function isPercentText(text: string): boolean {
  return text.includes('%') || normalizeName(text).startsWith('ty le');
}

/** A percentage column from what follows "Tỷ lệ": its header, or the initials of the level it counts. */
function percentTarget(rest: string, sheet: SheetDef, index: HeaderIndex): string | null {
  const direct = index.percent.get(rest);
  if (direct) return direct;
  const counted = index.acronym.get(rest.replace(/ /g, '')) ?? index.exact.get(rest);
  if (!counted) return null;
  const candidates = sheet.columns.filter((c) => c.percent?.numerator === counted);
  return (candidates.find((c) => c.percent?.partition) ?? candidates[0])?.id ?? null;
}

/** The target of one header cell; `underPercentGroup` when a "Tỷ lệ (%)" cell spans it from above. */
export function resolveHeader(text: string, sheet: SheetDef, underPercentGroup = false): HeaderTarget | null {
  const n = normalizeName(text);
  if (n === '') return null;
  const index = indexOf(sheet);
  const inclusive = n.includes('gom xuat sac');
  const found = (col: string | null | undefined) => (col ? { col, inclusive } : null);
  const fixed = fixedTarget(n);
  if (fixed) return found(fixed);
  const stripped = normalizeName(text.replace(/\([^)]*\)/g, ' '));
  if (underPercentGroup) {
    const share = percentTarget(stripped, sheet, index) ?? percentTarget(n, sheet, index);
    if (share) return found(share);
  }
  const plain =
    index.exact.get(n) ??
    index.exact.get(stripped) ??
    index.acronym.get(n.replace(/ /g, '')) ??
    index.acronym.get(stripped.replace(/ /g, ''));
  if (plain) return found(plain);
  if (isPercentText(text)) {
    const rest = stripped.replace(/^ty le\s*/, '').replace(/\s*phan tram$/, '');
    return found(percentTarget(rest, sheet, index));
  }
  return null;
}

/** The header of `sheet` in the first rows: the first row with two matches, merged with the rows around it. */
export function findHeader(
  text: (r: number, c: number) => string,
  rowCount: number,
  width: number,
  sheet: SheetDef,
): FoundHeader | null {
  const last = Math.min(rowCount, HEADER_SCAN_ROWS);
  for (let r = 0; r < last; r++) {
    let best = readSpan(text, r, r, width, sheet);
    if (best.matched < MIN_HEADER_MATCHES) continue;
    if (r > 0) {
      const up = readSpan(text, r - 1, r, width, sheet);
      if (up.matched > best.matched) best = up;
    }
    while (best.bottom + 1 < rowCount && best.bottom - best.top + 1 < MAX_HEADER_ROWS) {
      const down = readSpan(text, best.top, best.bottom + 1, width, sheet);
      if (down.matched <= best.matched) break;
      best = down;
    }
    return best;
  }
  return null;
}

/** Rows top..bottom read as one header: each column takes its lowest non-empty cell. */
function readSpan(
  text: (r: number, c: number) => string,
  top: number,
  bottom: number,
  width: number,
  sheet: SheetDef,
): FoundHeader {
  const texts: string[] = [];
  const targets: (HeaderTarget | null)[] = [];
  for (let c = 0; c < width; c++) {
    let own = '';
    let ownRow = top;
    for (let r = bottom; r >= top && own === ''; r--) {
      own = text(r, c).trim();
      ownRow = r;
    }
    let group = false;
    for (let r = top; r < ownRow && !group; r++) group = isPercentText(groupText(text, r, c));
    texts.push(own);
    targets.push(own === '' ? null : resolveHeader(own, sheet, group));
  }
  const distinct = new Set(targets.flatMap((t) => (t ? [t.col] : [])));
  const ids = new Set(sheet.columns.map((c) => c.id));
  const dataColumns = [...distinct].filter((id) => ids.has(id)).length;
  return { top, bottom, texts, targets, matched: distinct.size, dataColumns };
}

/** The group cell over a column: its own upper cell, or (unmerged files) the nearest filled one to its left. */
function groupText(text: (r: number, c: number) => string, r: number, c: number): string {
  for (let k = c; k >= 0 && k > c - 16; k--) {
    const t = text(r, k).trim();
    if (t !== '') return t;
  }
  return '';
}

/** "Biểu 04", "Bieu 04", "BM04", "04", "Bieu04", "Biểu số 04": the sheet with that number. */
export function sheetByName(name: string, sheets: readonly SheetDef[]): SheetDef | null {
  const n = normalizeName(name);
  const compact = n.replace(/ /g, '');
  const m = /^(?:bieumauso|bieumau|bieuso|bieu|bm|mauso|mau|form|so)?0*(\d{1,3})$/.exec(compact);
  const number = m?.[1] === undefined ? null : Number(m[1]);
  return (
    sheets.find((s) => number !== null && codeNumber(s) === number) ??
    sheets.find((s) => [s.code.vi, s.code.en, s.title.vi, s.title.en].some((t) => normalizeName(t) === n)) ??
    null
  );
}

function codeNumber(sheet: SheetDef): number | null {
  const digits = /(\d+)/.exec(sheet.code.vi)?.[1];
  return digits === undefined ? null : Number(digits);
}

/** The sheet named by the title rows ("Biểu số 04", "… XẾP LOẠI ĐẢNG VIÊN"), with the row that names it. */
export function sheetByTitle(
  text: (r: number, c: number) => string,
  rows: number,
  width: (r: number) => number,
  sheets: readonly SheetDef[],
): { sheet: SheetDef; row: number } | null {
  let byTitle: { sheet: SheetDef; row: number } | null = null;
  for (let r = 0; r < Math.min(rows, TITLE_SCAN_ROWS); r++)
    for (let c = 0; c < width(r); c++) {
      const n = normalizeName(text(r, c));
      if (n === '') continue;
      const code = /(?:^| )(?:bieu|bm)(?: mau)?(?: so)? 0*(\d{1,3})(?: |$)/.exec(n)?.[1];
      const byCode = code === undefined ? undefined : sheets.find((s) => codeNumber(s) === Number(code));
      if (byCode) return { sheet: byCode, row: r };
      byTitle ??= ((s) => (s ? { sheet: s, row: r } : null))(
        sheets.find((s) => [s.title.vi, s.title.en].some((t) => n.includes(normalizeName(t)))),
      );
    }
  return byTitle;
}
