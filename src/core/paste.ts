// Where a pasted block goes. A block copied out of the district's Excel usually carries a header row and the
// unit names, so its columns are mapped by header and its rows by unit name, wherever the user pastes it;
// a bare block of numbers goes cell by cell from the anchor, as in Excel. The plan says what is written and why
// every other cell is not; the UI asks first when a name match is uncertain. Pure and total.
import { TOTAL_ROW } from './finding';
import { CONTROL_ROW, type CellValue, type Unit } from './model';
import { certainBound, matchNormalized, normalizeName, type NameMatch } from './names';
import { MAX_COUNT, parseCell, parseNumber, type ParseError, type ParseResult } from './parse';
import type { ColumnDef, SheetDef } from './template';

export interface PasteRequest {
  readonly sheet: SheetDef;
  /** The sheet's unit rows, in display order. */
  readonly units: readonly Unit[];
  /** The grid's column ids in display order. */
  readonly columns: readonly string[];
  /** The grid's row ids in display order: unit ids, then '#total' and '#control' if the sheet has them. */
  readonly rows: readonly string[];
  /** Indexes into rows / columns. */
  readonly anchor: { readonly row: number; readonly col: number };
  readonly selection?: {
    readonly top: number;
    readonly left: number;
    readonly bottom: number;
    readonly right: number;
  };
  readonly block: readonly (readonly string[])[];
  isEditable(row: string, col: string): boolean;
}

export interface PlannedWrite {
  readonly row: string;
  readonly col: string;
  readonly value: CellValue;
  readonly raw: string;
}

export type SkipReason = 'read-only' | 'outside' | 'invalid' | 'unknown-unit' | 'unknown-column';

export interface Skipped {
  readonly reason: SkipReason;
  readonly blockRow: number;
  readonly blockCol: number;
  readonly row: string | null;
  readonly col: string | null;
  readonly raw: string;
  readonly error?: ParseError;
}

export interface HeaderColumn {
  readonly blockCol: number;
  readonly col: string | null;
  readonly text: string;
}

export type PlannedNameMatch = NameMatch & { readonly blockRow: number; readonly text: string };

export interface PastePlan {
  readonly writes: readonly PlannedWrite[];
  readonly skipped: readonly Skipped[];
  /** Block columns mapped by a header row, when the block starts with one. */
  readonly header: { readonly columns: readonly HeaderColumn[] } | null;
  /** Block rows matched to units by name, when the block carries the unit-name column. */
  readonly names: { readonly blockCol: number; readonly matches: readonly PlannedNameMatch[] } | null;
  /** True when some name match is not certain: the UI asks before writing. */
  readonly needsConfirmation: boolean;
}

const STT = 'stt';
const NAME = 'name';
/** Headers of the grid's fixed columns, as the grid and the district's files write them. */
const FIXED_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['STT', STT],
  ['No.', STT],
  ['Số thứ tự', STT],
  ['Tên tổ chức cơ sở đảng', NAME],
  ['Tên TCCSĐ', NAME],
  ['Tên đơn vị', NAME],
  ['Đơn vị', NAME],
  ['Base party organization', NAME],
  ['Loại hình', 'unit-form'],
  ['Type', 'unit-form'],
  ['Khối', 'unit-bloc'],
  ['Sector', 'unit-bloc'],
];
/** Rows labelled like the grid's pinned rows go to them ("Cộng" is the computed, read-only total). */
const PINNED_ROWS: ReadonlyArray<readonly [string, string]> = [
  ['Cộng', TOTAL_ROW],
  ['Tổng cộng', TOTAL_ROW],
  ['Total', TOTAL_ROW],
  ['Số liệu đã báo cáo', CONTROL_ROW],
  ['Reported totals', CONTROL_ROW],
];
const MIN_HEADER_MATCHES = 2;
/** A block column that is neither pasted nor reported cell by cell. */
const SKIP = -2;
const PLAIN_DIGITS = /^\d+$/;
/** Share of a column's names that must match a unit with certainty for it to be taken as the name column. */
const NAME_COLUMN_SHARE = 0.6;

export function planPaste(req: PasteRequest): PastePlan {
  const block = normalizeBlock(req.block);
  const planner = new Planner(req);
  const width = block[0]?.length ?? 0;
  if (width === 0) return planner.plan(null, null);
  const sel = req.selection;
  if (width === 1 && block.length === 1 && sel && (sel.bottom > sel.top || sel.right > sel.left)) {
    planner.fill(block[0]?.[0] ?? '', sel);
    return planner.plan(null, null);
  }

  const header = readHeader(block[0] ?? [], req);
  const dataStart = header ? 1 : 0;
  const nameCol =
    header?.findIndex((h) => h.col === NAME) ?? findNameColumn(block.slice(dataStart), req) ?? -1;
  const hasNames = nameCol >= 0;

  // Block column → grid column index; SKIP: not pasted and not reported (row numbers, unknown header columns,
  // which were reported once above); -1: nowhere in the grid (reported per cell, as 'outside').
  const targets: number[] = [];
  if (header) {
    header.forEach((h) => {
      if (h.col === null && (h.text.trim() !== '' || block.some((r, i) => i > 0 && r[h.blockCol]?.trim())))
        planner.skip('unknown-column', 0, h.blockCol, null, null, h.text);
    });
    for (let c = 0; c < width; c++) {
      const col = header[c]?.col ?? null;
      targets.push(col === null || col === STT ? SKIP : req.columns.indexOf(col));
    }
  } else {
    const anchorCol = req.columns[req.anchor.col];
    const nameIndex = req.columns.indexOf(NAME);
    const pastedOnData = anchorCol !== undefined && req.sheet.columns.some((d) => d.id === anchorCol);
    // Names then values, pasted on a value column: the values start there. Otherwise the block has the
    // grid's own layout and its name column lands on the grid's.
    const shift = !hasNames
      ? req.anchor.col
      : nameCol === 0 && pastedOnData
        ? req.anchor.col - 1
        : nameIndex >= 0
          ? nameIndex - nameCol
          : req.anchor.col;
    for (let c = 0; c < width; c++) {
      const col = req.columns[c + shift];
      targets.push(col === undefined ? -1 : col === STT ? SKIP : c + shift);
    }
  }

  const names = hasNames ? planner.matchRows(block, dataStart, nameCol) : null;
  const noRow: SkipReason = names ? 'unknown-unit' : 'outside';
  for (let r = dataStart; r < block.length; r++) {
    const cells = block[r] ?? [];
    const at = req.anchor.row + r - dataStart;
    const row = names ? (names.rowAt[r] ?? -1) : at >= 0 && at < req.rows.length ? at : -1;
    for (let c = 0; c < cells.length; c++) {
      const target = targets[c] ?? -1;
      if (c === nameCol || target === SKIP) continue;
      planner.place(r, c, row, target, cells[c] ?? '', noRow);
    }
  }
  return planner.plan(
    header ? { columns: header } : null,
    names ? { blockCol: nameCol, matches: names.matches } : null,
  );
}

/** Rows padded to one width; a trailing all-empty row (an extra line break) dropped. */
function normalizeBlock(block: readonly (readonly string[])[]): (readonly string[])[] {
  let width = 0;
  for (const r of block) width = Math.max(width, r.length);
  const rows = block.map((r) => {
    // A row of the full width is already what the planner reads (an import's table): kept, not copied.
    if (r.length === width && isStrings(r)) return r;
    const row = new Array<string>(width);
    for (let c = 0; c < width; c++) row[c] = String(r[c] ?? '');
    return row;
  });
  if (rows.length > 1 && rows[rows.length - 1]?.every((cell) => cell.trim() === '')) rows.pop();
  return rows;
}

/** Every entry a string (a hole is not). */
function isStrings(row: readonly unknown[]): boolean {
  for (let c = 0; c < row.length; c++) if (typeof row[c] !== 'string') return false;
  return true;
}

function headerLabels(req: PasteRequest): Map<string, string> {
  const labels = new Map<string, string>();
  const add = (text: string | undefined, col: string) => {
    const key = text === undefined ? '' : normalizeName(text);
    if (key !== '' && !labels.has(key)) labels.set(key, col);
  };
  for (const [text, col] of FIXED_HEADERS) add(text, col);
  for (const c of req.sheet.columns)
    for (const text of [c.header.vi, c.header.en, c.headerInclusive?.vi, c.headerInclusive?.en])
      add(text, c.id);
  return labels;
}

/** The first row as a header, when at least two of its cells are column headers; null otherwise. */
function readHeader(first: readonly string[], req: PasteRequest): HeaderColumn[] | null {
  const labels = headerLabels(req);
  const known = first.map((text) => labels.get(normalizeName(text)) ?? null);
  if (known.filter((col) => col !== null).length < MIN_HEADER_MATCHES) return null;
  const used = new Set<string>();
  return first.map((text, blockCol) => {
    const col = known[blockCol] ?? null;
    // A column the grid does not show, or a second block column for the same grid column, is not pasted.
    const usable = col !== null && !used.has(col) && (col === STT || req.columns.includes(col));
    if (usable) used.add(col);
    return { blockCol, col: usable ? col : null, text };
  });
}

/** Without a header: the column whose names match units with certainty, else column 0 when pasted on names. */
function findNameColumn(rows: readonly (readonly string[])[], req: PasteRequest): number | null {
  const width = rows[0]?.length ?? 0;
  let best: { col: number; certain: number } | null = null;
  if (width >= 2)
    for (let c = 0; c < width; c++) {
      const filled = rows.map((r) => r[c] ?? '').filter((t) => t.trim() !== '');
      // Row numbers and counts are never names, even where units are named "Chi bộ 1", "Chi bộ 2"...
      if (filled.length === 0 || filled.every(isNumberText)) continue;
      const texts = filled.filter((t) => pinnedRowOf(t) === null).map(normalizeName);
      // Most columns of a big block are figures: counting the names that could match with certainty at all
      // rules them out without comparing every text with every unit.
      const bound = certainBound(texts, req.units);
      if (bound < NAME_COLUMN_SHARE * texts.length || bound <= (best?.certain ?? 0)) continue;
      const certain = matchNormalized(texts, req.units).filter((m) => m.certain).length;
      if (certain >= NAME_COLUMN_SHARE * texts.length && certain > (best?.certain ?? 0))
        best = { col: c, certain };
    }
  if (best) return best.col;
  return req.columns[req.anchor.col] === NAME ? 0 : null;
}

/** parseNumber(t.trim(), 'decimal') !== null, with plain digits (most cells of a big block) decided at once. */
function isNumberText(t: string): boolean {
  return (t.length <= 15 && PLAIN_DIGITS.test(t)) || parseNumber(t.trim(), 'decimal') !== null;
}

let pinnedLabels: ReadonlyMap<string, string> | null = null;

/** `normalized`: the text's normalizeName, when the caller has it. */
function pinnedRowOf(text: string, normalized?: string): string | null {
  // Labels are short: a long text or a number is never one, and needs no normalizing.
  if (text.length > 40 || /^[\d\s.,%-]*$/.test(text)) return null;
  pinnedLabels ??= new Map(PINNED_ROWS.map(([label, row]) => [normalizeName(label), row]));
  return pinnedLabels.get(normalized ?? normalizeName(text)) ?? null;
}

/**
 * parseCell for one column kind. A count written as plain digits (nearly every cell of a big paste or import)
 * is read at once, without the parser's result object: parseCell reads "2682" as 2682 too, and nine digits
 * stay within MAX_COUNT. Everything else goes through parseCell.
 */
function cellParser(def: ColumnDef): (raw: string) => ParseResult | number {
  if (def.kind !== 'count' || MAX_COUNT < 999_999_999) return (raw) => parseCell(def, raw);
  return (raw) => (raw.length <= 9 && PLAIN_DIGITS.test(raw) ? Number(raw) : parseCell(def, raw));
}

/** Collects writes and skips; every target cell is written at most once. */
class Planner {
  private readonly writes: PlannedWrite[] = [];
  private readonly skipped: Skipped[] = [];
  /**
   * Target cells written, at row index × columns + column index: a byte per grid cell (2.5 MB for an import
   * of 100,000 units) costs less than a Set of as many keys.
   */
  private readonly written: Uint8Array;
  private readonly defs: ReadonlyMap<string, ColumnDef>;
  /** Per grid column index: its definition and parser (undefined for the fixed columns). */
  private readonly columnDefs: readonly (ColumnDef | undefined)[];
  private readonly parsers: readonly (((raw: string) => ParseResult | number) | undefined)[];
  private needsConfirmation = false;

  constructor(private readonly req: PasteRequest) {
    this.defs = new Map(req.sheet.columns.map((c) => [c.id, c]));
    this.columnDefs = req.columns.map((id) => this.defs.get(id));
    this.parsers = this.columnDefs.map((def) => (def ? cellParser(def) : undefined));
    this.written = new Uint8Array(req.rows.length * req.columns.length);
  }

  skip(
    reason: SkipReason,
    blockRow: number,
    blockCol: number,
    row: string | null,
    col: string | null,
    raw: string,
    error?: ParseError,
  ): void {
    this.skipped.push({ reason, blockRow, blockCol, row, col, raw, ...(error ? { error } : {}) });
  }

  /**
   * One block cell to one grid cell, by index into req.rows / req.columns (-1: none). Blank cells clear their
   * target, as in Excel; a blank that lands nowhere (past the grid, on a computed column, on an unknown unit) is
   * not reported: nothing is lost.
   */
  place(blockRow: number, blockCol: number, r: number, c: number, raw: string, noRow: SkipReason): void {
    const row = r < 0 ? null : (this.req.rows[r] ?? null);
    const col = c < 0 ? null : (this.req.columns[c] ?? null);
    const blank = raw === '' || raw.trim() === '';
    if (row === null || col === null) {
      if (!blank) this.skip(row === null ? noRow : 'outside', blockRow, blockCol, row, col, raw);
      return;
    }
    const def = this.columnDefs[c];
    const parse = this.parsers[c];
    if (!def || !parse || !this.req.isEditable(row, col)) {
      if (!blank) this.skip('read-only', blockRow, blockCol, row, col, raw);
      return;
    }
    const key = r * this.req.columns.length + c;
    if (this.written[key]) return;
    this.written[key] = 1;
    const parsed = parse(raw);
    if (typeof parsed === 'number') this.writes.push({ row, col, value: parsed, raw });
    else if (parsed.ok) this.writes.push({ row, col, value: parsed.value, raw });
    else this.skip('invalid', blockRow, blockCol, row, col, raw, parsed.error);
  }

  /** One value into every editable cell of the selection; the others are left alone silently. */
  fill(raw: string, sel: NonNullable<PasteRequest['selection']>): void {
    const { rows, columns } = this.req;
    for (let r = Math.max(0, sel.top); r <= Math.min(rows.length - 1, sel.bottom); r++)
      for (let c = Math.max(0, sel.left); c <= Math.min(columns.length - 1, sel.right); c++) {
        const row = rows[r];
        const col = columns[c];
        if (row !== undefined && col !== undefined && this.defs.has(col) && this.req.isEditable(row, col))
          this.place(0, 0, r, c, raw, 'outside');
      }
  }

  /**
   * Block row → grid row by the names in `nameCol`; pinned-row labels go to those rows, not to a unit. `rowAt`
   * holds each block row's index into req.rows, -1 for none.
   */
  matchRows(
    block: readonly (readonly string[])[],
    dataStart: number,
    nameCol: number,
  ): { rowAt: Int32Array; matches: PlannedNameMatch[] } {
    const rowAt = new Int32Array(block.length).fill(-1);
    const pinnedTaken = new Set<string>();
    const named: { blockRow: number; text: string }[] = [];
    const normalized: string[] = [];
    for (let r = dataStart; r < block.length; r++) {
      const text = block[r]?.[nameCol] ?? '';
      if (text.trim() === '') continue;
      // Normalized once, for the pinned labels and for matching.
      const name = normalizeName(text);
      const pinned = pinnedRowOf(text, name);
      if (pinned === null) {
        named.push({ blockRow: r, text });
        normalized.push(name);
      } else if (!pinnedTaken.has(pinned) && this.req.rows.includes(pinned)) {
        pinnedTaken.add(pinned);
        rowAt[r] = this.req.rows.indexOf(pinned);
      }
    }
    // Row id → index into req.rows; a unit the grid does not show has none. A loop: no pair per row.
    const shown = new Map<string, number>();
    for (let i = 0; i < this.req.rows.length; i++) shown.set(this.req.rows[i] ?? '', i);
    const matches = matchNormalized(normalized, this.req.units).map((m, i): PlannedNameMatch => ({
      index: m.index,
      unitId: m.unitId,
      score: m.score,
      certain: m.certain,
      blockRow: named[i]?.blockRow ?? -1,
      text: named[i]?.text ?? '',
    }));
    for (const m of matches) {
      if (m.unitId === null) continue;
      const at = shown.get(m.unitId);
      if (at !== undefined) rowAt[m.blockRow] = at;
      if (!m.certain) this.needsConfirmation = true;
    }
    return { rowAt, matches };
  }

  plan(header: PastePlan['header'], names: PastePlan['names']): PastePlan {
    return {
      writes: this.writes,
      skipped: this.skipped,
      header,
      names,
      needsConfirmation: this.needsConfirmation,
    };
  }
}
