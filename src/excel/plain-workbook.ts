// What reading a workbook file gives the page: plain data only (strings, numbers, booleans, arrays, plain
// objects), so it survives structured cloning out of the read worker and carries nothing of SheetJS with it.
// `checkPlainWorkbook` re-checks that shape on the page, because the worker's answer is untrusted.

export const READ_FORMATS = ['xlsx', 'xls', 'ods', 'csv'] as const;
/** The file's real format, decided from its bytes. 'csv' is any text file (CSV, TSV, an HTML table). */
export type ReadFormat = (typeof READ_FORMATS)[number];

export interface PlainCellValue {
  /** The raw value: a number, a string, a boolean, or null (a formula with no cached value). */
  v: string | number | boolean | null;
  /** What Excel shows ("2.47%", "3328", "TRUE"; the error text for an error cell). */
  text: string;
  /** A formula cell saved without its computed value (the file was never recalculated). */
  formulaWithoutValue?: true;
}

/** null is an empty cell. */
export type PlainCell = PlainCellValue | null;

export interface PlainRange {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

export interface PlainSheet {
  name: string;
  hidden: boolean;
  /**
   * rows[r][c], 0-based like Excel's A1 = rows[0][0]. Rows are ragged: a row ends at its last non-empty cell
   * and trailing empty rows are dropped, so a missing entry is an empty cell too.
   */
  rows: PlainCell[][];
  merges: PlainRange[];
  /**
   * The sheet declares rows past the row limit that were not read (their first row was empty, so the sheet
   * was not refused as too long; anything further down is not in `rows`).
   */
  truncated: boolean;
}

export interface PlainWorkbook {
  fileName: string;
  format: ReadFormat;
  sheets: PlainSheet[];
  /** The file's custom document properties (Excel: File › Info › Properties › Custom), as text. */
  customProps: Record<string, string>;
}

export const READ_ERROR_CODES = [
  'too-large',
  'not-a-spreadsheet',
  'truncated',
  'password',
  'empty',
  'zip-bomb',
  'too-many-rows',
  'too-many-columns',
  'timeout',
  'cancelled',
  'failed',
] as const;
export type ReadErrorCode = (typeof READ_ERROR_CODES)[number];

/** Why a file could not be read. `detail` is technical English for logs; the UI words the code itself. */
export interface ReadError {
  code: ReadErrorCode;
  detail: string;
}

export interface ReadLimits {
  maxBytes: number;
  maxUnzippedBytes: number;
  maxZipEntries: number;
  maxRows: number;
  maxColumns: number;
  timeoutMs: number;
}

const MIB = 1024 * 1024;

export const DEFAULT_LIMITS: ReadLimits = {
  maxBytes: 20 * MIB,
  maxUnzippedBytes: 200 * MIB,
  maxZipEntries: 2000,
  maxRows: 200_000,
  maxColumns: 200,
  timeoutMs: 30_000,
};

export type ReadResult = { ok: true; workbook: PlainWorkbook } | { ok: false; error: ReadError };

export function readError(code: ReadErrorCode, detail: string): { ok: false; error: ReadError } {
  return { ok: false, error: { code, detail } };
}

// --- Shape checks for data that crossed the worker boundary -------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isCell(value: unknown): value is PlainCell {
  if (value === null) return true;
  if (!isRecord(value) || typeof value.text !== 'string') return false;
  const v = value.v;
  const isValue =
    v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && isFinite(v));
  return isValue && (value.formulaWithoutValue === undefined || value.formulaWithoutValue === true);
}

function isAddress(value: unknown): value is { r: number; c: number } {
  return isRecord(value) && isIndex(value.r) && isIndex(value.c);
}

function isRange(value: unknown): value is PlainRange {
  return isRecord(value) && isAddress(value.s) && isAddress(value.e);
}

function isSheet(value: unknown): value is PlainSheet {
  return (
    isRecord(value) &&
    typeof value.name === 'string' &&
    typeof value.hidden === 'boolean' &&
    typeof value.truncated === 'boolean' &&
    Array.isArray(value.merges) &&
    value.merges.every(isRange) &&
    Array.isArray(value.rows) &&
    value.rows.every((row) => Array.isArray(row) && row.every(isCell))
  );
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'string');
}

/** The value itself when it has exactly the PlainWorkbook shape, otherwise null. */
export function checkPlainWorkbook(value: unknown): PlainWorkbook | null {
  if (!isRecord(value)) return null;
  const ok =
    typeof value.fileName === 'string' &&
    READ_FORMATS.some((f) => f === value.format) &&
    Array.isArray(value.sheets) &&
    value.sheets.every(isSheet) &&
    isStringRecord(value.customProps);
  // The checks above narrowed every field; TypeScript cannot carry that over to the whole record.
  return ok ? (value as unknown as PlainWorkbook) : null;
}

export function checkReadError(value: unknown): ReadError | null {
  if (!isRecord(value) || typeof value.detail !== 'string') return null;
  const code = READ_ERROR_CODES.find((c) => c === value.code);
  return code ? { code, detail: value.detail } : null;
}
