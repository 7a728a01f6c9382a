// SheetJS workbook → PlainWorkbook: keep what the import needs (values, shown text, merges, hidden sheets,
// custom properties), enforce the row and column limits, and let nothing of SheetJS's objects through.
// Pure; the read worker calls it, and node tests call it on fixtures read with the worker's own options.
import type { CellObject, WorkBook, WorkSheet } from 'xlsx';
import {
  readError,
  type PlainCell,
  type PlainRange,
  type PlainSheet,
  type ReadFormat,
  type ReadLimits,
  type ReadResult,
} from './plain-workbook';

export interface ConvertSource {
  fileName: string;
  format: ReadFormat;
}

type DenseRow = readonly (CellObject | undefined)[] | undefined;
type SheetResult = { ok: true; sheet: PlainSheet } | Extract<ReadResult, { ok: false }>;

/** Property names SheetJS adds to an .xls file's custom properties from the OLE property set itself. */
const OLE_PROPERTY_SET_KEYS = new Set(['SystemIdentifier', 'CodePage', 'FMTID']);

export function convertWorkbook(
  wb: WorkBook,
  source: ConvertSource,
  limits: ReadLimits,
  onSheet?: (done: number, total: number) => void,
): ReadResult {
  const sheets: PlainSheet[] = [];
  const names = wb.SheetNames;
  for (const [index, name] of names.entries()) {
    const ws = wb.Sheets[name];
    if (!ws) continue;
    const result = convertSheet(ws, name, isHidden(wb, index, name), limits);
    if (!result.ok) return result;
    sheets.push(result.sheet);
    onSheet?.(index + 1, names.length);
  }
  if (sheets.every((s) => s.rows.length === 0)) return readError('empty', 'no sheet holds a value');
  return {
    ok: true,
    workbook: {
      fileName: source.fileName,
      format: source.format,
      sheets,
      customProps: customProps(wb, source.format),
    },
  };
}

function isHidden(wb: WorkBook, index: number, name: string): boolean {
  const props = wb.Workbook?.Sheets?.[index];
  if (!props || (props.name !== undefined && props.name !== name)) return false;
  return props.Hidden === 1 || props.Hidden === 2; // 2 is "very hidden" (only VBA can show it)
}

function convertSheet(ws: WorkSheet, name: string, hidden: boolean, limits: ReadLimits): SheetResult {
  const data = denseRows(ws);
  const rows: PlainCell[][] = [];
  let lastRow = -1;
  for (let r = 0; r < data.length; r++) {
    const source: DenseRow = data[r];
    const row: PlainCell[] = [];
    for (let c = 0; source && c < source.length; c++) {
      const cell = toPlainCell(source[c]);
      row.push(cell);
      if (cell === null) continue;
      const refused = beyondLimits(name, r, c, limits);
      if (refused) return refused;
    }
    while (row.length > 0 && row[row.length - 1] === null) row.pop();
    if (row.length > 0) lastRow = r;
    rows.push(row);
  }
  rows.length = lastRow + 1;
  return {
    ok: true,
    sheet: { name, hidden, rows, merges: merges(ws, limits), truncated: hasUnreadRows(ws, limits) },
  };
}

/** The error for a value at row r, column c (0-based) past the sheet's limits, or null. Shared with fast-xlsx.ts. */
export function beyondLimits(
  name: string,
  r: number,
  c: number,
  limits: ReadLimits,
): Extract<ReadResult, { ok: false }> | null {
  if (r >= limits.maxRows)
    return readError('too-many-rows', `sheet "${name}" has more than ${limits.maxRows} rows`);
  if (c >= limits.maxColumns)
    return readError(
      'too-many-columns',
      `sheet "${name}" has a value in column ${c + 1}, past the limit of ${limits.maxColumns}`,
    );
  return null;
}

/** The rows of a sheet read with `dense: true`. */
function denseRows(ws: WorkSheet): readonly DenseRow[] {
  // SheetJS 0.18 makes the dense sheet object itself the array of rows; 0.19+ moved them to ws['!data'].
  // Its types describe neither, hence the casts.
  const data: unknown = Array.isArray(ws) ? ws : ws['!data'];
  if (!Array.isArray(data)) throw new Error('convertWorkbook: the workbook was not read with dense: true');
  return data as readonly DenseRow[];
}

export function toPlainCell(cell: CellObject | undefined): PlainCell {
  if (!cell) return null;
  const v = cell.v;
  // SheetJS keeps a formula cell saved without its <v> only as a stub ('z', needs sheetStubs: true).
  if (cell.t === 'z' || v === undefined)
    return cell.f ? { v: null, text: '', formulaWithoutValue: true } : null;
  switch (cell.t) {
    case 'n':
      if (typeof v === 'number' && Number.isFinite(v)) return { v, text: cell.w ?? String(v) };
      return { v: String(v), text: cell.w ?? String(v) };
    case 'b':
      return { v: v === true, text: cell.w ?? (v === true ? 'TRUE' : 'FALSE') };
    case 'e': {
      // The error's text ("#DIV/0!"), not its code number, so it reads as the text Excel shows.
      const text = cell.w ?? '#ERROR!';
      return { v: text, text };
    }
    case 'd': {
      const text = v instanceof Date ? v.toISOString() : String(v);
      return { v: text, text: cell.w ?? text };
    }
    default: {
      const text = v instanceof Date ? v.toISOString() : String(v);
      return { v: text, text: cell.w ?? text };
    }
  }
}

function merges(ws: WorkSheet, limits: ReadLimits): PlainRange[] {
  const out: PlainRange[] = [];
  for (const m of ws['!merges'] ?? []) {
    if (m.s.r >= limits.maxRows || m.s.c >= limits.maxColumns) continue;
    out.push({ s: { r: m.s.r, c: m.s.c }, e: { r: m.e.r, c: m.e.c } });
  }
  return out;
}

/** SheetJS keeps the declared range in '!fullref' when `sheetRows` cut the sheet short. */
function hasUnreadRows(ws: WorkSheet, limits: ReadLimits): boolean {
  const fullref: unknown = ws['!fullref'];
  if (typeof fullref !== 'string') return false;
  const lastRow = Number(/(\d+)$/.exec(fullref)?.[1] ?? 0);
  return lastRow > limits.maxRows + 1;
}

function customProps(wb: WorkBook, format: ReadFormat): Record<string, string> {
  const out: Record<string, string> = {};
  // For .xls SheetJS mixes the standard properties (Title, Author…) into Custprops; they are not custom.
  const standard = new Set(Object.keys(wb.Props ?? {}));
  const fix = (s: string) => (format === 'xlsx' ? repairUtf8(s) : s);
  for (const [rawKey, value] of Object.entries(wb.Custprops ?? {})) {
    const key = fix(rawKey);
    if (key === '__proto__' || OLE_PROPERTY_SET_KEYS.has(key) || standard.has(key)) continue;
    if (typeof value === 'string') out[key] = fix(value);
    else if (typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
    else if (value instanceof Date) out[key] = value.toISOString();
  }
  return out;
}

/**
 * SheetJS 0.18.5 reads docProps/custom.xml without decoding its UTF-8, so "Hồng" arrives as one character per
 * byte ("Há»\u0093ng"). Such a string is re-decoded; one that is not valid UTF-8 that way is left as it is.
 */
export function repairUtf8(s: string): string {
  let high = false;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code > 0xff) return s;
    if (code >= 0x80) high = true;
  }
  if (!high) return s;
  try {
    const bytes = Uint8Array.from(s, (ch) => ch.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return s;
  }
}
