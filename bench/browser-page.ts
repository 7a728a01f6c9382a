// What the browser benchmarks share: a fresh app page in its own context, the "Tạo báo cáo" form, Biểu 04 opened,
// the page-side probes (the __name shim, the Worker probe) and how a list of times becomes a figure.
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Figure } from './figures';
import { summarise } from './stats';

export const YEAR = 2022;

/** tsx compiles with esbuild's keepNames: functions handed to page.evaluate call __name, which pages lack. */
export const NAME_SHIM = 'globalThis.__name = (f) => f;';

/**
 * Every Worker the page creates records when its messages arrive: `at` when the event is dispatched, `read`
 * once its data is deserialized (Chrome deserializes lazily, on first access). Observes only: the app's own
 * handler runs after this listener, unchanged.
 */
export const WORKER_PROBE = `(() => {
  const Native = globalThis.Worker;
  const log = (globalThis.__benchWorkers = []);
  globalThis.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      const record = { url: String(url), created: performance.now(), messages: [] };
      log.push(record);
      this.addEventListener('message', (event) => {
        const at = performance.now();
        const data = event.data;
        const read = performance.now();
        record.messages.push({ type: data && data.type, phase: data && data.phase, at, read });
      });
    }
  };
})();
//# sourceURL=bench-worker-probe.js`;

export type Log = (line: string) => void;

export interface BrowserResults {
  readonly figures: Figure[];
  readonly details: Record<string, unknown>;
}

/** The window every benchmark page has (about 30 rows of a sheet in view). */
export const VIEWPORT = { width: 1600, height: 1000 } as const;

export async function newAppPage(browser: Browser, baseURL: string, scripts: readonly string[] = []) {
  const context = await browser.newContext({ baseURL, viewport: VIEWPORT });
  for (const script of [NAME_SHIM, ...scripts]) await context.addInitScript(script);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { context, page, errors };
}

/**
 * A report made with the "Tạo báo cáo" form. The unit list is put in the textarea as a paste from Excel would
 * (value, then one input event): Playwright's fill() did not finish within 30 s for 10,000 lines. Returns the
 * report id from the URL.
 */
export async function createReport(page: Page, committee: string, names: readonly string[]): Promise<string> {
  await page.goto('/');
  await page.getByTestId('new-report').click();
  await page.getByTestId('committee-name').fill(committee);
  await page.getByTestId('report-year').fill(String(YEAR));
  await page.getByTestId('unit-lines').evaluate((el, text) => {
    (el as HTMLTextAreaElement).value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, names.join('\n'));
  await page.getByTestId('new-report-form').locator('button[type="submit"]').click();
  await page.getByTestId('tab-b04').waitFor({ timeout: 120_000 });
  const id = /^#\/r\/([\w-]+)$/.exec(new URL(page.url()).hash)?.[1];
  if (!id) throw new Error(`no report id in ${page.url()}`);
  return id;
}

export const firstCell = (col: string) =>
  `.sheet-grid[data-sheet="b04"] .ag-row[row-index="0"] .ag-cell[col-id="${col}"]`;

export async function openB04(page: Page): Promise<void> {
  await page.getByTestId('tab-b04').click();
  await page.waitForSelector(firstCell('total'), { timeout: 60_000 });
}

/** Rows stored in IndexedDB for a sheet of the report (the app's database and its sheet chunks, read directly). */
export function storedRows(page: Page, reportId: string, sheet: string): Promise<number> {
  return page.evaluate(
    ({ reportId, sheet }) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('tong-hop');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          const request = db
            .transaction('sheetChunks')
            .objectStore('sheetChunks')
            .getAll(IDBKeyRange.bound([reportId, sheet, -Infinity], [reportId, sheet, Infinity]));
          request.onsuccess = () => {
            db.close();
            const chunks = request.result as { rows: Record<string, unknown> }[];
            resolve(chunks.reduce((n, c) => n + Object.keys(c.rows).length, 0));
          };
          request.onerror = () => reject(new Error(String(request.error)));
        };
      }),
    { reportId, sheet },
  );
}

export function timed(id: string, what: string, samples: readonly number[]): Figure {
  const s = summarise(samples);
  return { id, what, unit: 'ms', median: s.median, p95: s.runs > 1 ? s.p95 : null, runs: s.runs };
}

/** A figure measured once (a heap, a longest task). */
export function single(id: string, what: string, unit: Figure['unit'], value: number): Figure {
  return { id, what, unit, median: value, p95: null, runs: 1 };
}

/** The page's V8 heap after two full collections (CDP HeapProfiler.collectGarbage, Runtime.getHeapUsage). */
export async function heapAfterGc(
  context: BrowserContext,
  page: Page,
): Promise<{ usedSize: number; totalSize: number }> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    return await cdp.send('Runtime.getHeapUsage');
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

export const round = (values: readonly number[]) => values.map((v) => Math.round(v * 10) / 10);

export interface WorkerRecord {
  readonly url: string;
  readonly created: number;
  readonly messages: readonly { type?: string; phase?: string; at: number; read: number }[];
}

export async function closeQuietly(context: BrowserContext): Promise<void> {
  await context.close().catch(() => undefined);
}

/**
 * Waits until the machine is quiet before a timed part: what the part before left running (a closed context's
 * storage being freed, the collector of its pages, the database's own housekeeping after 450,000 rows written) would
 * otherwise be timed with it. Quiet is under `busy` of all CPUs for a `window` (Linux: /proc/stat); gives up after
 * `limit` ms. Returns how long it waited and whether it got quiet.
 */
export async function settle(
  busy = 0.15,
  window = 500,
  limit = 20_000,
): Promise<{ ms: number; quiet: boolean }> {
  const start = performance.now();
  const sample = async (): Promise<{ idle: number; total: number } | null> => {
    try {
      const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
      const ticks = line.trim().split(/\s+/).slice(1).map(Number);
      // user nice system idle iowait irq softirq steal
      return { idle: (ticks[3] ?? 0) + (ticks[4] ?? 0), total: ticks.slice(0, 8).reduce((a, b) => a + b, 0) };
    } catch {
      return null;
    }
  };
  let before = await sample();
  if (!before) {
    await new Promise((r) => setTimeout(r, 2000)); // no /proc: a fixed pause
    return { ms: performance.now() - start, quiet: false };
  }
  while (performance.now() - start < limit) {
    await new Promise((r) => setTimeout(r, window));
    const after = await sample();
    if (!after) break;
    const total = after.total - before.total;
    if (total > 0 && 1 - (after.idle - before.idle) / total < busy)
      return { ms: performance.now() - start, quiet: true };
    before = after;
  }
  return { ms: performance.now() - start, quiet: false };
}

export function logSettled(log: Log, part: string, settled: { ms: number; quiet: boolean }): void {
  log(
    `${part}: ${settled.quiet ? 'machine quiet' : 'machine still busy'} after ${Math.round(settled.ms)} ms of waiting`,
  );
}
