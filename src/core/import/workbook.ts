// The workbook an import reads, as a structural type the file reader's PlainWorkbook (src/excel) satisfies, so
// the core never imports the reader. Every accessor is total: a ragged row, a missing cell or a value of an
// unexpected type reads as an empty cell.

export type ImportValue = string | number | boolean | null;

export interface ImportCell {
  readonly v: ImportValue;
  /** What the spreadsheet shows ("2.47%", "3328"). */
  readonly text: string;
  /** A formula saved without its computed value: not imported. */
  readonly formulaWithoutValue?: true;
}

export interface ImportRange {
  readonly s: { readonly r: number; readonly c: number };
  readonly e: { readonly r: number; readonly c: number };
}

export interface ImportSheet {
  readonly name: string;
  readonly hidden: boolean;
  /** rows[r][c], 0-based; rows are ragged and a missing entry is an empty cell. */
  readonly rows: readonly (readonly (ImportCell | null)[])[];
  /** Merged ranges, when the reader kept them: a merged header cell reads as its top-left value. */
  readonly merges?: readonly ImportRange[];
}

export interface ImportWorkbook {
  readonly fileName: string;
  readonly sheets: readonly ImportSheet[];
  readonly customProps: Readonly<Record<string, string>>;
}

export function rowsOf(sheet: ImportSheet): readonly (readonly (ImportCell | null)[])[] {
  const rows: unknown = sheet.rows;
  return Array.isArray(rows) ? (rows as readonly (readonly (ImportCell | null)[])[]) : [];
}

export function rowAt(sheet: ImportSheet, r: number): readonly (ImportCell | null)[] {
  const row: unknown = rowsOf(sheet)[r];
  return Array.isArray(row) ? (row as readonly (ImportCell | null)[]) : [];
}

export function cellAt(sheet: ImportSheet, r: number, c: number): ImportCell | null {
  const cell: unknown = rowAt(sheet, r)[c];
  return typeof cell === 'object' && cell !== null ? (cell as ImportCell) : null;
}

export function isFormulaWithoutValue(cell: ImportCell | null): boolean {
  return cell?.formulaWithoutValue === true;
}

/** The shown text of a cell, for headers, titles and names. */
export function shownText(cell: ImportCell | null): string {
  if (!cell || isFormulaWithoutValue(cell)) return '';
  if (typeof cell.text === 'string' && cell.text !== '') return cell.text;
  const v = cell.v;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

/**
 * A cell as the text planPaste reads. Numbers come from the value, not the shown text, so 2682 is never the
 * ambiguous "2.682"; a fraction with exactly three decimals gets a trailing zero so that a count column reads it
 * as the fraction it is (2.682 is not 2682). Formulas without a value are blank.
 */
export function blockText(cell: ImportCell | null): string {
  if (!cell || isFormulaWithoutValue(cell)) return '';
  const v = cell.v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return shownText(cell) || (v ? 'TRUE' : 'FALSE');
  return shownText(cell);
}

function numberText(v: number): string {
  // An integer's text has no decimal point (most cells of a big file): nothing to test.
  if (Number.isInteger(v)) return String(v);
  const s = String(v);
  return /^-?\d+\.\d{3}$/.test(s) ? `${s}0` : s;
}

export function isEmptyRow(row: readonly (ImportCell | null)[]): boolean {
  for (const cell of row)
    if (shownText(cell ?? null).trim() !== '' || isFormulaWithoutValue(cell ?? null)) return false;
  return true;
}

export function isEmptySheet(sheet: ImportSheet): boolean {
  return rowsOf(sheet).every((row) => !Array.isArray(row) || isEmptyRow(row));
}

/** The header area's text with merged cells filled from their top-left cell (only rows < `rows`). */
export function headerGrid(sheet: ImportSheet, rows: number): (r: number, c: number) => string {
  const filled = new Map<string, string>();
  const merges: unknown = sheet.merges;
  if (Array.isArray(merges))
    for (const m of merges as readonly unknown[]) {
      const range = asRange(m);
      if (!range || range.s.r >= rows) continue;
      const text = shownText(cellAt(sheet, range.s.r, range.s.c));
      const lastRow = Math.min(range.e.r, rows - 1);
      const lastCol = Math.min(range.e.c, range.s.c + 256);
      for (let r = range.s.r; r <= lastRow; r++)
        for (let c = range.s.c; c <= lastCol; c++) filled.set(`${r}:${c}`, text);
    }
  return (r, c) => filled.get(`${r}:${c}`) ?? shownText(cellAt(sheet, r, c));
}

function asRange(value: unknown): ImportRange | null {
  if (typeof value !== 'object' || value === null) return null;
  const { s, e } = value as { s?: unknown; e?: unknown };
  const point = (p: unknown) => {
    if (typeof p !== 'object' || p === null) return null;
    const { r, c } = p as { r?: unknown; c?: unknown };
    return Number.isInteger(r) && Number.isInteger(c) && (r as number) >= 0 && (c as number) >= 0
      ? { r: r as number, c: c as number }
      : null;
  };
  const start = point(s);
  const end = point(e);
  return start && end && end.r >= start.r && end.c >= start.c ? { s: start, e: end } : null;
}

/** "A", "B", … "AA": a column's letters, for columns without a header. */
export function columnLetters(c: number): string {
  let n = c + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
