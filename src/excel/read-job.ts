// The read worker's job, apart from the worker plumbing so node tests can run it: SheetJS parses the bytes, and
// convertWorkbook turns the result into plain data. Everything SheetJS throws becomes a ReadError.
import * as XLSX from 'xlsx';
import { convertWorkbook } from './convert';
import { decodeText } from './decode-text';
import type { ReadError, ReadFormat, ReadLimits } from './plain-workbook';
import type { ReadRequest, WorkerMessage } from './worker-protocol';

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

export function runReadJob(request: ReadRequest, post: (message: WorkerMessage) => void): void {
  try {
    post({ type: 'progress', phase: 'parsing', ratio: 0 });
    const wb = readWithSheetJS(new Uint8Array(request.bytes), request.format, request.limits);
    post({ type: 'progress', phase: 'converting', ratio: 0 });
    const source = { fileName: request.fileName, format: request.format };
    const result = convertWorkbook(wb, source, request.limits, (done, total) =>
      post({ type: 'progress', phase: 'converting', ratio: done / total }),
    );
    post(result.ok ? { type: 'done', workbook: result.workbook } : { type: 'error', error: result.error });
  } catch (e) {
    post({ type: 'error', error: errorFromSheetJS(e) });
  }
}

/** SheetJS reports problems as plain Errors; only the message tells them apart. */
export function errorFromSheetJS(e: unknown): ReadError {
  const message = e instanceof Error ? e.message : String(e);
  if (/password|encrypt/i.test(message)) return { code: 'password', detail: message };
  if (/^Unsupported (ZIP|CFB|file)|not a spreadsheet|Unrecognized/i.test(message))
    return { code: 'not-a-spreadsheet', detail: message };
  return { code: 'failed', detail: message };
}
