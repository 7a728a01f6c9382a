// Reading a workbook with SheetJS: every format, and any .xlsx the fast reader (fast-xlsx.ts) declines. The read
// worker loads this module only when it needs it, so a file the fast reader reads never pays for loading SheetJS.
import * as XLSX from 'xlsx';
import { convertWorkbook } from './convert';
import { decodeText } from './decode-text';
import type { ReadFormat, ReadLimits, ReadResult } from './plain-workbook';

/** The SheetJS options of every read: values, cached results and formulas; no styles, no HTML. */
export function sheetJsOptions(limits: ReadLimits): XLSX.ParsingOptions {
  return {
    dense: true,
    cellFormula: true,
    cellHTML: false,
    cellStyles: false,
    cellNF: false,
    cellText: true,
    cellDates: false,
    // Without stubs SheetJS drops a formula cell that has no cached value; convert.ts flags it instead.
    sheetStubs: true,
    // One row past the limit, so a sheet that is too long can be told from one that fits exactly.
    sheetRows: limits.maxRows + 1,
    bookVBA: false,
  };
}

/** Parses a file's bytes as the worker does. Throws what SheetJS throws. */
export function readWithSheetJS(bytes: Uint8Array, format: ReadFormat, limits: ReadLimits): XLSX.WorkBook {
  const options = sheetJsOptions(limits);
  if (format === 'csv')
    // Decoded here, not by SheetJS (which guesses a code page); raw keeps "2.682" the text the user typed
    // instead of SheetJS's guess at a number.
    return XLSX.read(decodeText(bytes), { ...options, type: 'string', raw: true });
  return XLSX.read(bytes, { ...options, type: 'array' });
}

/** SheetJS's read and convertWorkbook, with the phases the worker reports. Throws what SheetJS throws. */
export function readAndConvert(
  bytes: Uint8Array,
  source: { fileName: string; format: ReadFormat },
  limits: ReadLimits,
  progress: (phase: 'parsing' | 'converting', ratio: number) => void,
): ReadResult {
  const wb = readWithSheetJS(bytes, source.format, limits);
  progress('converting', 0);
  return convertWorkbook(wb, source, limits, (done, total) => progress('converting', done / total));
}

/** SheetJS's number formatter (SSF, typed `any` by SheetJS), for the fast reader's cells not in General. */
const ssf = XLSX.SSF as { format(format: string, value: number | string | boolean): string };
export const formatValue = (format: string, value: number | string | boolean): string =>
  ssf.format(format, value);
