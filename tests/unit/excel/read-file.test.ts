// readWorkbookFile with a stand-in worker that runs the real job in-process and clones its messages like a
// browser would. Covers the page's side: preflight before any worker, one worker per file, timeout, cancel,
// untrusted answers, and a worker terminated whatever happens. The real Worker runs in the browser tests.
import { describe, expect, it } from 'vitest';
import { readWorkbookFile, type ReadOptions } from '../../../src/excel/read-file';
import { runReadJob } from '../../../src/excel/read-job';
import { parseReadRequest } from '../../../src/excel/worker-protocol';
import { fixture } from './helpers';

type Behaviour = 'job' | 'silent' | 'crash' | ((post: (data: unknown) => void) => void);

/** Implements the part of Worker that read-file.ts uses. */
class FakeWorker {
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent<unknown>) => void) | null = null;
  terminated = 0;
  received: unknown = undefined;

  constructor(private readonly behaviour: Behaviour) {}

  postMessage(data: unknown, transfer: Transferable[]): void {
    // Cloning with the transfer list detaches the sender's buffer, as a browser does.
    this.received = structuredClone(data, { transfer });
    const post = (answer: unknown) =>
      setTimeout(() => {
        if (this.terminated === 0)
          this.onmessage?.(new MessageEvent('message', { data: structuredClone(answer) }));
      });
    if (this.behaviour === 'silent') return;
    if (this.behaviour === 'crash') {
      setTimeout(() => this.onerror?.({ message: 'out of memory', preventDefault() {} } as ErrorEvent));
      return;
    }
    if (this.behaviour === 'job') {
      const request = parseReadRequest(this.received);
      if (request) void runReadJob(request, post);
      return;
    }
    this.behaviour(post);
  }

  terminate(): void {
    this.terminated++;
  }
}

function withWorker(behaviour: Behaviour) {
  const workers: FakeWorker[] = [];
  const options: ReadOptions = {
    // A stand-in for the browser's Worker: only the members read-file.ts touches exist.
    createWorker: () => {
      const worker = new FakeWorker(behaviour);
      workers.push(worker);
      return worker as unknown as Worker;
    },
  };
  return { workers, options };
}

const input = (name: string) => ({ name, bytes: fixture(name) });

describe('readWorkbookFile', () => {
  it('reads a file through one worker, reports progress, and terminates the worker', async () => {
    const { workers, options } = withWorker('job');
    const phases: string[] = [];
    const result = await readWorkbookFile(input('tan-hong-2022-bieu04.xlsx'), {
      ...options,
      onProgress: (phase) => phases.push(phase),
    });
    expect(result.ok && result.workbook.sheets[0]?.name).toBe('Biểu 04');
    expect(phases).toEqual(['reading', 'checking', 'parsing', 'converting', 'converting']);
    expect(workers).toHaveLength(1);
    expect(workers[0]?.terminated).toBe(1);
  });

  it("reads a File, and leaves the caller's bytes intact", async () => {
    const { options } = withWorker('job');
    const bytes = fixture('other-year.xlsx');
    const file = new File([bytes], 'other-year.xlsx');
    const fromFile = await readWorkbookFile(file, options);
    expect(fromFile.ok && fromFile.workbook.customProps['TongHop.Year']).toBe('2021');
    const fromBytes = await readWorkbookFile({ name: 'other-year.xlsx', bytes }, options);
    expect(fromBytes.ok).toBe(true);
    expect(bytes.byteLength).toBeGreaterThan(0); // a copy was transferred, not the caller's buffer
  });

  it('refuses in preflight without starting a worker', async () => {
    const { workers, options } = withWorker('job');
    for (const [name, code] of [
      ['zip-bomb.xlsx', 'zip-bomb'],
      ['password-protected.xlsx', 'password'],
      ['truncated.xlsx', 'truncated'],
      ['not-a-spreadsheet.xlsx', 'not-a-spreadsheet'],
    ] as const)
      expect(await readWorkbookFile(input(name), options)).toMatchObject({ ok: false, error: { code } });
    const big = await readWorkbookFile(input('tan-hong.xls'), { ...options, limits: { maxBytes: 100 } });
    expect(big).toMatchObject({ ok: false, error: { code: 'too-large' } });
    expect(workers).toHaveLength(0);
  });

  it("passes on the worker's own errors", async () => {
    const { workers, options } = withWorker('job');
    const result = await readWorkbookFile(input('empty-workbook.xlsx'), options);
    expect(result).toMatchObject({ ok: false, error: { code: 'empty' } });
    expect(workers[0]?.terminated).toBe(1);
  });

  it('terminates a worker that runs past the time limit', async () => {
    const { workers, options } = withWorker('silent');
    const result = await readWorkbookFile(input('hidden-rows.xlsx'), {
      ...options,
      limits: { timeoutMs: 20 },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(workers[0]?.terminated).toBe(1);
  });

  it('terminates the worker when the caller aborts', async () => {
    const { workers, options } = withWorker('silent');
    const controller = new AbortController();
    const pending = readWorkbookFile(input('hidden-rows.xlsx'), { ...options, signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(workers[0]?.terminated).toBe(1);
  });

  it('does not start when already aborted', async () => {
    const { workers, options } = withWorker('job');
    const result = await readWorkbookFile(input('hidden-rows.xlsx'), {
      ...options,
      signal: AbortSignal.abort(),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(workers).toHaveLength(0);
  });

  it.each<[string, unknown]>([
    [
      'a workbook of the wrong shape',
      { type: 'done', workbook: { fileName: 'x', format: 'xlsx', sheets: 'no' } },
    ],
    [
      'a cell with an object value',
      { type: 'done', workbook: workbookWith({ v: { toString: 1 }, text: '' }) },
    ],
    ['an unknown error code', { type: 'error', error: { code: 'pwned', detail: '' } }],
    ['an unknown message', { type: 'eval', code: 'alert(1)' }],
    ['a progress ratio out of range', { type: 'progress', phase: 'parsing', ratio: 7 }],
    ['nothing at all', null],
  ])('treats %s as a failed read', async (_, answer) => {
    const { workers, options } = withWorker((post) => post(answer));
    const result = await readWorkbookFile(input('hidden-rows.xlsx'), options);
    expect(result).toMatchObject({ ok: false, error: { code: 'failed' } });
    expect(workers[0]?.terminated).toBe(1);
  });

  it('accepts a well-formed answer from the worker', async () => {
    const { options } = withWorker((post) =>
      post({ type: 'done', workbook: workbookWith({ v: 3, text: '3' }) }),
    );
    const result = await readWorkbookFile(input('hidden-rows.xlsx'), options);
    expect(result.ok && result.workbook.sheets[0]?.rows).toEqual([[{ v: 3, text: '3' }, null]]);
  });

  it('reports a crashed worker as failed', async () => {
    const { workers, options } = withWorker('crash');
    const result = await readWorkbookFile(input('hidden-rows.xlsx'), options);
    expect(result).toMatchObject({ ok: false, error: { code: 'failed' } });
    expect(!result.ok && result.error.detail).toContain('out of memory');
    expect(workers[0]?.terminated).toBe(1);
  });

  it('never throws, even when no worker can be started or progress reporting fails', async () => {
    const noWorker = await readWorkbookFile(input('hidden-rows.xlsx'), {
      createWorker: () => {
        throw new Error('Worker is not defined');
      },
    });
    expect(noWorker).toMatchObject({ ok: false, error: { code: 'failed', detail: 'Worker is not defined' } });
    const { options } = withWorker('job');
    const result = await readWorkbookFile(input('hidden-rows.xlsx'), {
      ...options,
      onProgress: () => {
        throw new Error('display gone');
      },
    });
    expect(result.ok).toBe(true);
  });
});

function workbookWith(first: unknown) {
  return {
    fileName: 'x.xlsx',
    format: 'xlsx',
    sheets: [{ name: 'S', hidden: false, truncated: false, merges: [], rows: [[first, null]] }],
    customProps: {},
  };
}
