// Reading one workbook file on the page: size and format checks first (preflight), then a fresh worker that runs
// SheetJS, bounded by a time limit and an AbortSignal, and terminated whatever happens. Never throws: every
// outcome is a ReadResult.
import { checkFileSize, preflight } from './preflight';
import { DEFAULT_LIMITS, readError, type ReadLimits, type ReadResult } from './plain-workbook';
import { parseWorkerMessage, type ReadPhase, type ReadRequest } from './worker-protocol';

export type { ReadPhase } from './worker-protocol';

export interface ReadOptions {
  limits?: Partial<ReadLimits>;
  signal?: AbortSignal;
  onProgress?: (phase: ReadPhase, ratio: number) => void;
  /** Starts the worker; tests pass a stand-in. */
  createWorker?: () => Worker;
}

export type ReadInput = File | { name: string; bytes: Uint8Array };

export function createReadWorker(): Worker {
  // Written out in full so Vite sees the pattern and bundles the worker with its imports.
  return new Worker(new URL('./read-worker.ts', import.meta.url), { type: 'module' });
}

export async function readWorkbookFile(input: ReadInput, options: ReadOptions = {}): Promise<ReadResult> {
  try {
    return await read(input, options);
  } catch (e) {
    return readError('failed', e instanceof Error ? e.message : String(e));
  }
}

const cancelled = () => readError('cancelled', 'the read was cancelled');

async function read(input: ReadInput, options: ReadOptions): Promise<ReadResult> {
  const limits: ReadLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const { signal } = options;
  const progress = (phase: ReadPhase, ratio: number) => {
    try {
      options.onProgress?.(phase, ratio);
    } catch {
      // A failing progress display must not fail the read.
    }
  };
  if (signal?.aborted) return cancelled();

  const sizeError = checkFileSize(hasBytes(input) ? input.bytes.byteLength : input.size, limits);
  if (sizeError) return { ok: false, error: sizeError };
  progress('reading', 0);
  // The worker gets the buffer transferred, so bytes the caller passed in are copied first (theirs stay intact).
  const bytes = hasBytes(input) ? input.bytes.slice() : new Uint8Array(await input.arrayBuffer());
  if (signal?.aborted) return cancelled();

  progress('checking', 0);
  const verdict = preflight(input.name, bytes, limits);
  if (!verdict.ok) return verdict;
  const request = { bytes: bytes.buffer, fileName: input.name, format: verdict.format, limits };
  return runWorker(options.createWorker ?? createReadWorker, request, signal, progress);
}

/** Named bytes rather than a File (newer Files have a `bytes()` method, so `'bytes' in input` cannot tell). */
function hasBytes(input: ReadInput): input is { name: string; bytes: Uint8Array } {
  return input.bytes instanceof Uint8Array;
}

function runWorker(
  createWorker: () => Worker,
  request: ReadRequest,
  signal: AbortSignal | undefined,
  progress: (phase: ReadPhase, ratio: number) => void,
): Promise<ReadResult> {
  return new Promise((resolve) => {
    const worker = createWorker();
    let settled = false;
    const finish = (result: ReadResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      worker.onmessage = null;
      worker.onerror = null;
      worker.onmessageerror = null;
      worker.terminate();
      resolve(result);
    };
    const onAbort = () => finish(cancelled());
    const timer = setTimeout(
      () => finish(readError('timeout', `reading took longer than ${request.limits.timeoutMs} ms`)),
      request.limits.timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });

    worker.onmessage = (event: MessageEvent<unknown>) => {
      const message = parseWorkerMessage(event.data);
      if (!message) finish(readError('failed', 'the read worker sent a malformed answer'));
      else if (message.type === 'progress') progress(message.phase, message.ratio);
      else if (message.type === 'done') finish({ ok: true, workbook: message.workbook });
      else finish({ ok: false, error: message.error });
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault(); // reported as a ReadError, not as an uncaught error on the page
      finish(readError('failed', `the read worker failed: ${event.message || 'no message'}`));
    };
    worker.onmessageerror = () => finish(readError('failed', 'the read worker answer could not be cloned'));
    try {
      worker.postMessage(request, [request.bytes]);
    } catch (e) {
      finish(readError('failed', e instanceof Error ? e.message : String(e)));
    }
  });
}
