// The printed layout of the district's Excel templates (DOMAIN §6), as data: for each template set and sheet the
// header block, the two-level column header and its merges, the column-number row with its formulas, the styled
// unit rows, the "Cộng" row, Biểu 01's level summary, the footer and the print setup. scripts/make-templates.ts
// writes public/templates/*.xlsx from this and nothing else; the bindings (bindings.ts) say where values go, and
// the layout puts each SheetDef column at the letter its binding names.
import type { ColumnDef, SheetDef, TemplateSet } from '../core/template';
import { TEMPLATE_BINDINGS, type SheetBinding, type TemplateBinding } from './bindings';
import { TEMPLATE_SETS } from './periods';

export const FONT = { name: 'Times New Roman', size: 13 } as const;
/** Creation and modification date written into every template, so the files are reproducible. */
export const TEMPLATE_DATE = '2025-11-01T00:00:00Z';
export const TEMPLATE_AUTHOR = 'Tổng hợp';

export type Border = 'none' | 'box' | 'row';

export interface CellStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly size?: number;
  readonly h: 'left' | 'center' | 'right';
  readonly wrap?: boolean;
  /** box: thin all around; row: thin left and right, hairlines between unit rows. */
  readonly border: Border;
  readonly numFmt?: string;
}

export const COUNT_FORMAT = '#,##0';
export const PERCENT_FORMAT = '0.00%';

export const STYLES = {
  committee: { h: 'center', border: 'none' },
  office: { h: 'center', bold: true, border: 'none' },
  star: { h: 'center', border: 'none' },
  formCode: { h: 'center', bold: true, italic: true, border: 'none' },
  title: { h: 'center', bold: true, size: 14, wrap: true, border: 'none' },
  year: { h: 'center', bold: true, border: 'none' },
  head: { h: 'center', bold: true, wrap: true, border: 'box' },
  number: { h: 'center', italic: true, size: 11, wrap: true, border: 'box' },
  stt: { h: 'center', border: 'row', numFmt: '0' },
  name: { h: 'left', wrap: true, border: 'row' },
  text: { h: 'left', wrap: true, border: 'row' },
  score: { h: 'center', border: 'row', numFmt: '0.##' },
  count: { h: 'right', border: 'row', numFmt: COUNT_FORMAT },
  percent: { h: 'right', border: 'row', numFmt: PERCENT_FORMAT },
  percent0: { h: 'right', border: 'row', numFmt: '0%' },
  totalBlank: { h: 'center', bold: true, border: 'box' },
  totalLabel: { h: 'center', bold: true, border: 'box' },
  totalCount: { h: 'right', bold: true, border: 'box', numFmt: COUNT_FORMAT },
  totalPercent: { h: 'right', bold: true, border: 'box', numFmt: PERCENT_FORMAT },
  totalPercent0: { h: 'right', bold: true, border: 'box', numFmt: '0%' },
  summaryTitle: { h: 'left', bold: true, border: 'none' },
  summaryLabel: { h: 'left', border: 'box', wrap: true },
  summaryCount: { h: 'right', border: 'box', numFmt: COUNT_FORMAT },
  summaryPercent: { h: 'right', border: 'box', numFmt: PERCENT_FORMAT },
  footerDate: { h: 'center', italic: true, border: 'none' },
  footerRole: { h: 'center', bold: true, border: 'none' },
  footerSign: { h: 'center', italic: true, border: 'none' },
} as const satisfies Record<string, CellStyle>;

export type StyleName = keyof typeof STYLES;

export interface LayoutCell {
  readonly ref: string;
  readonly style: StyleName;
  readonly text?: string;
  /** Without the leading "=". */
  readonly formula?: string;
}

export interface LayoutColumn {
  readonly letter: string;
  /** A SheetDef column id, or stt / name / form / bloc. */
  readonly id: string;
  /** The printed column number, "(3)". */
  readonly number: number;
  /** Excel column width (characters). */
  readonly width: number;
  /** The style of the column's cells in the unit rows. */
  readonly style: StyleName;
  /** The formula of every unit row ({r} is the row number), for computed columns. */
  readonly formula?: string;
}

export interface PrintSetup {
  /** 9 = A4. */
  readonly paperSize: 9;
  readonly orientation: 'landscape';
  readonly fitToWidth: 1;
  /** 0: as many pages tall as needed. */
  readonly fitToHeight: 0;
  readonly horizontalCentered: boolean;
  /** The rows repeated on every page ("7:9"). */
  readonly titleRows: string;
  readonly area: string;
  /** Inches. */
  readonly margins: {
    readonly left: number;
    readonly right: number;
    readonly top: number;
    readonly bottom: number;
    readonly header: number;
    readonly footer: number;
  };
  readonly header: string;
  readonly footer: string;
}

export interface SheetLayout {
  readonly sheet: string;
  readonly name: string;
  readonly lastColumn: string;
  readonly lastRow: number;
  readonly columns: readonly LayoutColumn[];
  readonly headerRows: readonly [number, number];
  readonly numberRow: number;
  readonly firstUnitRow: number;
  readonly unitRows: number;
  readonly unitRowHeight: number;
  readonly totalRow: number | null;
  /** Every cell outside the unit rows that has a text, a formula or a style (merge masters only). */
  readonly cells: readonly LayoutCell[];
  /** Every merged range; all cells of a range get the style of its top-left cell. */
  readonly merges: readonly string[];
  readonly rowHeights: readonly (readonly [row: number, height: number])[];
  /** Columns and rows kept in view while scrolling. */
  readonly freeze: { readonly columns: number; readonly rows: number };
  readonly print: PrintSetup;
}

export interface WorkbookLayout {
  readonly templateId: string;
  readonly version: number;
  readonly file: string;
  readonly sheets: readonly SheetLayout[];
}

// The fixed rows of every sheet (the units start at the binding's first unit row).
const ROW = { committee: 1, office: 2, star: 3, title: 4, year: 5, spacer: 6, head: 7, sub: 8, numbers: 9 };

const TITLES: Readonly<Record<string, string>> = {
  b01: 'KẾT QUẢ XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC CƠ SỞ ĐẢNG',
  b02: 'KẾT QUẢ XẾP LOẠI CHẤT LƯỢNG CHI BỘ TRỰC THUỘC ĐẢNG ỦY CƠ SỞ',
  b03: 'KẾT QUẢ XẾP LOẠI CHẤT LƯỢNG TẬP THỂ LÃNH ĐẠO, QUẢN LÝ',
  b04: 'KẾT QUẢ XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN',
  b05: 'KẾT QUẢ XẾP LOẠI CHẤT LƯỢNG CÁN BỘ LÃNH ĐẠO, QUẢN LÝ',
  b06: 'KẾT QUẢ KẾT NẠP ĐẢNG VIÊN',
};

const UNIT_HEADERS: Readonly<Record<string, string>> = {
  stt: 'STT',
  name: 'Tên tổ chức cơ sở đảng',
  form: 'Loại hình',
  bloc: 'Khối',
};
/** Biểu 02 has a row per đảng bộ cơ sở only. */
const NAME_HEADER: Readonly<Record<string, string>> = { b02: 'Tên đảng bộ cơ sở' };

const WIDTHS = {
  stt: 5.5,
  name: 40,
  form: 15,
  bloc: 16,
  count: 11,
  percent: 10.5,
  score: 10,
  rating: 30,
  text: 22,
  reason: 28,
} as const;

export const TEXT = {
  office: 'BAN TỔ CHỨC',
  star: '*',
  formCode: 'Biểu số {n}',
  total: 'Cộng',
  summaryTitle: 'Tổng hợp kết quả xếp loại',
  summaryHeads: ['Nội dung', 'Số lượng', 'Tỷ lệ'],
  summaryUnits: 'Tổng số tổ chức cơ sở đảng',
  summaryRated: 'Được xếp loại',
  date: '……, ngày …… tháng …… năm ……',
  maker: 'NGƯỜI LẬP BIỂU',
  head: 'TRƯỞNG BAN',
  sign: '(Ký, ghi rõ họ tên)',
  pageHeader: '&R&"Times New Roman,Italic"&11Biểu số {n}',
  pageFooter: '&C&"Times New Roman,Regular"&11Trang &P / &N',
} as const;

export function columnIndex(letter: string): number {
  let n = 0;
  for (const ch of letter) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function columnLetter(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** `IF(base=0,"",count/base)` at row r; a base of several columns is their sum. */
export function percentFormula(
  numerator: string,
  denominator: readonly string[],
  r: number | string,
): string {
  const base =
    denominator.length === 1 ? `${denominator[0]}${r}` : `(${denominator.map((d) => `${d}${r}`).join('+')})`;
  return `IF(${base}=0,"",${numerator}${r}/${base})`;
}

function columnStyle(col: ColumnDef): StyleName {
  switch (col.kind) {
    case 'count':
      return 'count';
    case 'percent':
      return col.percent?.decimals === 0 ? 'percent0' : 'percent';
    case 'score':
      return 'score';
    default:
      return 'text';
  }
}

function columnWidth(col: ColumnDef): number {
  if (col.id === 'reason') return WIDTHS.reason;
  return WIDTHS[col.kind];
}

function letterOf(binding: SheetBinding, id: string): string {
  const letter = binding.columns[id];
  if (!letter) throw new Error(`binding ${binding.sheet} has no column ${id}`); // the built-in data is wrong
  return letter;
}

function denominatorOf(col: ColumnDef, binding: SheetBinding): readonly string[] {
  const spec = col.percent;
  if (!spec) return [];
  const ids =
    binding.convention === 'exclusive' && spec.denominatorExclusive
      ? spec.denominatorExclusive
      : spec.denominator;
  return ids.map((id) => letterOf(binding, id));
}

function sheetLayout(
  sheet: SheetDef,
  binding: SheetBinding,
  ratingTexts: Readonly<Record<string, string>>,
): SheetLayout {
  const first = binding.firstUnitRow;
  const last = first + binding.rowsProvided - 1;
  const cells: LayoutCell[] = [];
  const merges: string[] = [];
  const put = (ref: string, style: StyleName, text?: string, formula?: string) =>
    cells.push({
      ref,
      style,
      ...(text === undefined ? {} : { text }),
      ...(formula === undefined ? {} : { formula }),
    });

  // The columns, in letter order: the unit columns, then the SheetDef columns where the binding puts them.
  const unitIds = (['stt', 'name', 'form', 'bloc'] as const).filter((id) => binding.unit[id] !== undefined);
  const placed: { letter: string; id: string; def?: ColumnDef }[] = [
    ...unitIds.map((id) => ({ letter: binding.unit[id] ?? '', id })),
    ...sheet.columns.map((def) => ({ letter: letterOf(binding, def.id), id: def.id, def })),
  ].sort((a, b) => columnIndex(a.letter) - columnIndex(b.letter));
  const numberOf = (letter: string) => columnIndex(letter);
  const columns: LayoutColumn[] = placed.map(({ letter, id, def }) => {
    const base = { letter, id, number: numberOf(letter) };
    if (!def) {
      const width = WIDTHS[id as 'stt' | 'name' | 'form' | 'bloc'];
      return { ...base, width, style: id === 'stt' ? 'stt' : id === 'name' ? 'name' : 'text' };
    }
    const formula = def.percent
      ? percentFormula(letterOf(binding, def.percent.numerator), denominatorOf(def, binding), '{r}')
      : undefined;
    return { ...base, width: columnWidth(def), style: columnStyle(def), ...(formula ? { formula } : {}) };
  });
  const firstLetter = columns[0]?.letter ?? 'A';
  const lastLetter = columns[columns.length - 1]?.letter ?? 'A';

  // The header block: left the committee and the office, centre the title and the year, right the form code.
  const leftEnd = binding.unit.name;
  const rightStart = (() => {
    let width = 0;
    for (let i = columns.length - 1; i > 1; i--) {
      width += columns[i]?.width ?? 0;
      if (width >= 36) return columns[i]?.letter ?? lastLetter;
    }
    return columns[2]?.letter ?? lastLetter;
  })();
  const formNumber = sheet.code.vi.replace(/^\D+/, '');
  const block = (row: number, from: string, to: string, style: StyleName, text: string) => {
    put(`${from}${row}`, style, text);
    if (from !== to) merges.push(`${from}${row}:${to}${row}`);
  };
  block(ROW.committee, firstLetter, leftEnd, 'committee', binding.header.committee.placeholder);
  block(ROW.office, firstLetter, leftEnd, 'office', TEXT.office);
  block(ROW.star, firstLetter, leftEnd, 'star', TEXT.star);
  block(ROW.committee, rightStart, lastLetter, 'formCode', TEXT.formCode.replace('{n}', formNumber));
  block(
    ROW.title,
    firstLetter,
    lastLetter,
    'title',
    TITLES[sheet.id] ?? sheet.title.vi.toLocaleUpperCase('vi'),
  );
  block(ROW.year, firstLetter, lastLetter, 'year', binding.header.year.placeholder);

  // The two-level column header: a group's text spans its columns on the upper row; a column without a group
  // spans both rows. Then the row of column numbers, with the formulas the forms print under them.
  const defOf = new Map(sheet.columns.map((c) => [c.id, c]));
  for (let i = 0; i < columns.length; i++) {
    const col = columns[i];
    if (!col) continue;
    const def = defOf.get(col.id);
    const group = def?.group?.vi;
    if (group) {
      let j = i;
      while (defOf.get(columns[j + 1]?.id ?? '')?.group?.vi === group) j++;
      const end = columns[j]?.letter ?? col.letter;
      if (i === 0 || defOf.get(columns[i - 1]?.id ?? '')?.group?.vi !== group) {
        put(`${col.letter}${ROW.head}`, 'head', group);
        if (end !== col.letter) merges.push(`${col.letter}${ROW.head}:${end}${ROW.head}`);
      }
    }
    const header = def
      ? binding.convention === 'inclusive' && def.headerInclusive
        ? def.headerInclusive.vi
        : def.header.vi
      : col.id === 'name'
        ? (NAME_HEADER[sheet.id] ?? UNIT_HEADERS.name)
        : (UNIT_HEADERS[col.id] ?? col.id);
    if (group) put(`${col.letter}${ROW.sub}`, 'head', header);
    else {
      put(`${col.letter}${ROW.head}`, 'head', header);
      merges.push(`${col.letter}${ROW.head}:${col.letter}${ROW.sub}`);
    }
    put(`${col.letter}${ROW.numbers}`, 'number', numberNote(col, def, binding));
  }

  // The "Cộng" row: sums of the counts over exactly the provided unit rows, percentages of those sums.
  let next = last + 1;
  if (binding.totalRow !== null) {
    const t = binding.totalRow;
    for (const col of columns) {
      const def = defOf.get(col.id);
      const ref = `${col.letter}${t}`;
      if (col.id === 'name') put(ref, 'totalLabel', TEXT.total);
      else if (def?.kind === 'count')
        put(ref, 'totalCount', undefined, `SUM(${col.letter}${first}:${col.letter}${last})`);
      else if (def?.percent && col.formula)
        put(
          ref,
          col.style === 'percent0' ? 'totalPercent0' : 'totalPercent',
          undefined,
          col.formula.replaceAll('{r}', String(t)),
        );
      else put(ref, 'totalBlank');
    }
    next = t + 1;
  }

  // Biểu 01: how many organizations are at each level, and their share of those rated.
  if (sheet.levelSummary) {
    next = levelSummary(sheet, binding, columns, first, last, next + 1, ratingTexts, put);
  }

  // The footer: the place and date, the two signatures.
  const date = next + 1;
  block(date, rightStart, lastLetter, 'footerDate', TEXT.date);
  block(date + 1, firstLetter, leftEnd, 'footerRole', TEXT.maker);
  block(date + 1, rightStart, lastLetter, 'footerRole', TEXT.head);
  block(date + 2, firstLetter, leftEnd, 'footerSign', TEXT.sign);
  block(date + 2, rightStart, lastLetter, 'footerSign', TEXT.sign);
  const lastRow = date + 2;

  const grouped = sheet.columns.some((c) => c.group);
  const noted = columns.some((c) => /=/.test(cellText(cells, `${c.letter}${ROW.numbers}`)));
  return {
    sheet: sheet.id,
    name: binding.sheetName,
    lastColumn: lastLetter,
    lastRow,
    columns,
    headerRows: [ROW.head, ROW.sub],
    numberRow: ROW.numbers,
    firstUnitRow: first,
    unitRows: binding.rowsProvided,
    unitRowHeight: 34,
    totalRow: binding.totalRow,
    cells,
    merges,
    rowHeights: rowHeights(cells, [
      [ROW.title, 24],
      [ROW.spacer, 8],
      [ROW.head, grouped ? 30 : 40],
      [ROW.sub, grouped ? 84 : 40],
      [ROW.numbers, noted ? 46 : 20],
      ...(binding.totalRow !== null ? [[binding.totalRow, 24] as const] : []),
    ]),
    freeze: { columns: columnIndex(binding.unit.name), rows: ROW.numbers },
    print: {
      paperSize: 9,
      orientation: 'landscape',
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      titleRows: `${ROW.head}:${ROW.numbers}`,
      area: `${firstLetter}1:${lastLetter}${lastRow}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      header: TEXT.pageHeader.replace('{n}', formNumber),
      footer: TEXT.pageFooter,
    },
  };
}

/** The given heights, and 20 pt for every other row with cells (the 15 pt default clips 13 pt text). */
function rowHeights(
  cells: readonly LayoutCell[],
  given: readonly (readonly [number, number])[],
): (readonly [number, number])[] {
  const heights = new Map<number, number>(given);
  for (const c of cells) {
    const row = Number(/\d+$/.exec(c.ref)?.[0]);
    if (!heights.has(row)) heights.set(row, 20);
  }
  return [...heights].sort((a, b) => a[0] - b[0]);
}

function cellText(cells: readonly LayoutCell[], ref: string): string {
  return cells.find((c) => c.ref === ref)?.text ?? '';
}

/** "(n)", or the form's note ("(3) = (4) + (5) + (6)"), or a percentage's "(11) = (7) / (6)". */
function numberNote(col: LayoutColumn, def: ColumnDef | undefined, binding: SheetBinding): string {
  if (def?.note) return def.note;
  if (def?.percent) {
    const n = (id: string) => `(${columnIndex(letterOf(binding, id))})`;
    const ids =
      binding.convention === 'exclusive' && def.percent.denominatorExclusive
        ? def.percent.denominatorExclusive
        : def.percent.denominator;
    const base = ids.length === 1 ? n(ids[0] ?? '') : `(${ids.map(n).join(' + ')})`;
    return `(${col.number}) = ${n(def.percent.numerator)} / ${base}`;
  }
  return `(${col.number})`;
}

function levelSummary(
  sheet: SheetDef,
  binding: SheetBinding,
  columns: readonly LayoutColumn[],
  first: number,
  last: number,
  start: number,
  texts: Readonly<Record<string, string>>,
  put: (ref: string, style: StyleName, text?: string, formula?: string) => void,
): number {
  const ratingLetter = letterOf(binding, sheet.levelSummary?.column ?? 'rating');
  const [labelCol, countCol, pctCol] = [
    binding.unit.name,
    columns[2]?.letter ?? 'C',
    columns[3]?.letter ?? 'D',
  ];
  const area = `$${ratingLetter}$${first}:$${ratingLetter}$${last}`;
  const countIf = (code: string) => `COUNTIF(${area},"${texts[code] ?? code}")`;
  put(`${labelCol}${start}`, 'summaryTitle', TEXT.summaryTitle);
  const head = start + 1;
  put(`${labelCol}${head}`, 'head', TEXT.summaryHeads[0]);
  put(`${countCol}${head}`, 'head', TEXT.summaryHeads[1]);
  put(`${pctCol}${head}`, 'head', TEXT.summaryHeads[2]);
  const units = head + 1;
  const rated = head + 2;
  const [x, g, h, k, notRated] = [rated + 1, rated + 2, rated + 3, rated + 4, rated + 5];
  const inclusive = binding.convention === 'inclusive';
  put(`${labelCol}${units}`, 'summaryLabel', TEXT.summaryUnits);
  put(
    `${countCol}${units}`,
    'summaryCount',
    undefined,
    `COUNTA(${binding.unit.name}${first}:${binding.unit.name}${last})`,
  );
  put(`${pctCol}${units}`, 'summaryPercent');
  put(`${labelCol}${rated}`, 'summaryLabel', TEXT.summaryRated);
  put(
    `${countCol}${rated}`,
    'summaryCount',
    undefined,
    inclusive ? `${countCol}${g}+${countCol}${h}+${countCol}${k}` : `SUM(${countCol}${x}:${countCol}${k})`,
  );
  put(`${pctCol}${rated}`, 'summaryPercent');
  const levels: [number, string, string][] = [
    [x, 'HTXSNV', countIf('HTXSNV')],
    [g, 'HTTNV', inclusive ? `${countIf('HTTNV')}+${countCol}${x}` : countIf('HTTNV')],
    [h, 'HTNV', countIf('HTNV')],
    [k, 'KHTNV', countIf('KHTNV')],
  ];
  for (const [row, code, formula] of levels) {
    const label = (texts[code] ?? code) + (inclusive && code === 'HTTNV' ? ' (gồm xuất sắc)' : '');
    put(`${labelCol}${row}`, 'summaryLabel', label);
    put(`${countCol}${row}`, 'summaryCount', undefined, formula);
    put(
      `${pctCol}${row}`,
      'summaryPercent',
      undefined,
      `IF($${countCol}$${rated}=0,"",${countCol}${row}/$${countCol}$${rated})`,
    );
  }
  put(`${labelCol}${notRated}`, 'summaryLabel', texts.CHUA ?? 'CHUA');
  put(`${countCol}${notRated}`, 'summaryCount', undefined, countIf('CHUA'));
  put(`${pctCol}${notRated}`, 'summaryPercent');
  return notRated;
}

function workbookLayout(set: TemplateSet, binding: TemplateBinding): WorkbookLayout {
  return {
    templateId: set.id,
    version: set.version,
    file: binding.file,
    sheets: set.sheets.map((sheet) => {
      const sb = binding.sheets.find((s) => s.sheet === sheet.id);
      if (!sb) throw new Error(`binding ${binding.templateId} has no sheet ${sheet.id}`); // the built-in data is wrong
      return sheetLayout(sheet, sb, binding.texts.rating ?? {});
    }),
  };
}

export const TEMPLATE_LAYOUTS: readonly WorkbookLayout[] = TEMPLATE_SETS.map((set) => {
  const binding = TEMPLATE_BINDINGS.find((b) => b.templateId === set.id);
  if (!binding) throw new Error(`no binding for template ${set.id}`); // the built-in data is wrong
  return workbookLayout(set, binding);
});
