// The read worker's job, apart from the worker plumbing so node tests can run it. An .xlsx goes to the fast
// reader (fast-xlsx.ts) first; every other file, and any .xlsx it declines, to SheetJS (sheetjs-read.ts, loaded
// only then). Everything either throws becomes a ReadError. The messages are posted in their wire form
// (worker-protocol.ts): the fast reader builds it directly, SheetJS's result goes through toWire.
import { openFastXlsx, type FormatValue, type WireResult } from './fast-xlsx';
import type { ReadError } from './plain-workbook';
import { toWire, type ReadRequest, type WireMessage } from './worker-protocol';

export async function runReadJob(request: ReadRequest, post: (message: WireMessage) => void): Promise<void> {
  try {
    post({ type: 'progress', phase: 'parsing', ratio: 0 });
    const bytes = new Uint8Array(request.bytes);
    const source = { fileName: request.fileName, format: request.format };
    const fast = request.format === 'xlsx' ? await readFast(request, bytes, post) : null;
    if (fast) {
      post(fast.ok ? { type: 'done', workbook: fast.workbook } : { type: 'error', error: fast.error });
      return;
    }
    const { readAndConvert } = await import('./sheetjs-read');
    const result = readAndConvert(bytes, source, request.limits, (phase, ratio) =>
      post({ type: 'progress', phase, ratio }),
    );
    post(
      result.ok
        ? toWire({ type: 'done', workbook: result.workbook })
        : { type: 'error', error: result.error },
    );
  } catch (e) {
    post({ type: 'error', error: errorFromSheetJS(e) });
  }
}

/** The fast reader's result, or null to read with SheetJS (it declined, or failed in a way it did not foresee). */
async function readFast(
  request: ReadRequest,
  bytes: Uint8Array,
  post: (message: WireMessage) => void,
): Promise<WireResult | null> {
  try {
    const fast = await openFastXlsx(bytes, request.fileName, request.limits);
    if (!fast) return null;
    // SheetJS's formatter is needed only for number formats other than General.
    const format: FormatValue | null = fast.needsFormatter
      ? (await import('./sheetjs-read')).formatValue
      : null;
    // The package is open: the sheets are read and converted in one pass, reported as SheetJS's convert is.
    post({ type: 'progress', phase: 'converting', ratio: 0 });
    return fast.read(format, (done, total) =>
      post({ type: 'progress', phase: 'converting', ratio: done / total }),
    );
  } catch {
    return null;
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
