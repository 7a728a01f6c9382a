// Browser benchmarks at the issue's scale ("Scale and speed"), on the production build:
//   1. Opening a stored 100,000-unit report: navigation to #/r/<id> in a fresh page → the first grid row painted,
//      with the phases the page shows (boot, IndexedDB reads, the rest until the row is in the DOM, paint); one
//      more open, from the list's "Mở" button under the CPU profiler, names where the time goes.
//   2. The app's first paint with the sample: a fresh context, the sample created once, then a reload; navigation
//      start → the sample's first grid row painted.
//   3. Scrolling Biểu 04 of the 100,000-unit report from top to bottom, one viewport per animation frame, while a
//      PerformanceObserver collects long tasks: the longest one, and how many; then the control, a blank page doing
//      as much plain JavaScript per frame as the scrolls' main thread did (bench/browser-control.ts).
//   4. Edits at that scale: a Biểu 04 cell typed, from the Enter to the value painted, with the long tasks of the
//      edit's work (the report's check, the problems panel, the save), three times, each undone by the next edit.
//   5. The page's JS heap after a full GC with that report open, scrolled and edited (CDP).
// The report is written straight into the app's IndexedDB database (the 'tong-hop' database Dexie created at its
// current version, records in the shapes of src/storage/db.ts): making 100,000 units through the form would take
// minutes and measure nothing the figures are about. Every path is checked (the report's name, the row count, the
// first and last rows, no error found) and the benchmark throws when it is broken.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sheetChunkRecords } from '../src/storage/chunks';
import type { ReportRecord, SheetChunkRecord } from '../src/storage/db';
import {
  closeQuietly,
  heapAfterGc,
  single,
  logSettled,
  newAppPage,
  round,
  storedRows,
  timed,
  YEAR,
  type BrowserResults,
  type Log,
  settle,
} from './browser-page';
import type { Figure } from './figures';
import { controlRuns } from './browser-control';
import { cpuPerFrame, describeGc, describeLongTasks, gcDetails, longTasksWithGc, traceGc } from './gc-trace';
import {
  formatSummary,
  startProfile,
  summariseProfile,
  type ProfileSummary,
  type SourceMaps,
} from './profile';
import { quantile } from './stats';
import { buildSyntheticReport } from './synthetic';

export const SCALE_UNITS = 100_000;
const RUNS = 3;
const REPORT_ID = 'bench-scale-100k';
const REPORT_NAME = 'Đảng ủy bench 100.000 đơn vị';
/** Far beyond the budgets; only there so that a hung page fails the benchmark instead of stalling it. */
const TIMEOUT_MS = 180_000;
export { TIMEOUT_MS as SCALE_TIMEOUT_MS, SCROLL_STEPS, RUNS as SCALE_RUNS };
/** Jumps from the top of a grid to its bottom (about 330 rows each at 100,000 rows). */
const SCROLL_STEPS = 300;
/** Edits at scale: pairs of an edit and the edit that puts the value back. */
const EDIT_PAIRS = 3;
/** A scrolling frame took over half a second at times on the shared 2-core machine: room for 300 of those. */
const SCROLL_TIMEOUT_MS = 600_000;

const B04_GRID = '.sheet-grid[data-sheet="b04"]';
/** The grid's first body row (pinned rows have indexes like "b-0"). */
const FIRST_ROW = '.sheet-grid .ag-row[row-index="0"]';

// --- the page-side probe ----------------------------------------------------------------------------------

interface IdbRequest {
  readonly what: string;
  readonly start: number;
  /** The success event of the request (for a cursor, of its last step), after its result was read. */
  readonly end: number;
  readonly records: number;
}

interface PaintProbe {
  /** Set by armClick: the capture-phase click on the list's "Mở" button (NaN for a navigation). */
  click: number;
  /** The first body row is in the DOM (MutationObserver, before any frame). */
  dom: number;
  /** The animation frame after that: the row is laid out and about to be painted. */
  frame: number;
  /** A task posted from that frame runs after the frame is painted. */
  painted: number;
  idb: IdbRequest[];
}

/**
 * Installed as an init script: times the first grid row's appearance from the navigation start (performance.now()
 * is 0 there) and every IndexedDB read the app makes (get, getAll and cursors on stores and indexes). The wrappers
 * observe only: the native call does the work and the app's own handlers run after the probe's listener (Dexie
 * sets onsuccess once the call has returned). Reading `result` in the listener takes the deserialization into the
 * request's time.
 */
export const installPaintProbe = (selector: string) => {
  const probe: PaintProbe = {
    click: Number.NaN,
    dom: Number.NaN,
    frame: Number.NaN,
    painted: Number.NaN,
    idb: [],
  };
  Object.assign(globalThis, { __benchPaint: probe });
  type Reader = (this: IDBObjectStore | IDBIndex, ...args: unknown[]) => IDBRequest;
  const wrap = (proto: IDBObjectStore | IDBIndex, method: 'get' | 'getAll' | 'openCursor') => {
    // The prototypes' methods have overloads; one signature that takes any arguments is what a wrapper needs.
    const native = Reflect.get(proto, method) as Reader;
    const wrapper: Reader = function (...args) {
      const request = native.apply(this, args);
      const start = performance.now();
      const what = `${this instanceof IDBIndex ? `${this.objectStore.name}.${this.name}` : this.name}.${method}`;
      let records = 0;
      request.addEventListener('success', () => {
        const result: unknown = request.result;
        if (method === 'openCursor') {
          if (result !== null) {
            records++;
            return;
          }
        } else records = Array.isArray(result) ? result.length : result === undefined ? 0 : 1;
        probe.idb.push({ what, start, end: performance.now(), records });
      });
      return request;
    };
    Reflect.set(proto, method, wrapper);
  };
  for (const method of ['get', 'getAll', 'openCursor'] as const) {
    wrap(IDBObjectStore.prototype, method);
    wrap(IDBIndex.prototype, method);
  }
  const seen = () => {
    if (!Number.isNaN(probe.dom) || !document.querySelector(selector)) return false;
    probe.dom = performance.now();
    requestAnimationFrame(() => {
      probe.frame = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        probe.painted = performance.now();
      };
      channel.port2.postMessage(null);
    });
    return true;
  };
  const observer = new MutationObserver(() => {
    if (seen()) observer.disconnect();
  });
  document.addEventListener('DOMContentLoaded', () => {
    if (!seen()) observer.observe(document.body, { childList: true, subtree: true });
  });
};

/** Runs in the page: the next click on a "Mở" button starts the clock (the list has no grid row meanwhile). */
const armClick = () => {
  const probe = (globalThis as unknown as { __benchPaint: PaintProbe }).__benchPaint;
  document.addEventListener(
    'click',
    () => {
      if (Number.isNaN(probe.click)) probe.click = performance.now();
    },
    { capture: true },
  );
};

export async function paintProbe(page: Page): Promise<PaintProbe> {
  try {
    const handle = await page.waitForFunction(
      () => {
        const p = (globalThis as unknown as { __benchPaint?: PaintProbe }).__benchPaint;
        return p && !Number.isNaN(p.painted) ? p : null;
      },
      undefined,
      { timeout: TIMEOUT_MS, polling: 100 },
    );
    return (await handle.jsonValue()) as PaintProbe;
  } catch (e) {
    const notice = await page
      .locator('.notice')
      .textContent({ timeout: 1000 })
      .catch(() => null);
    throw new Error(`no grid row painted within ${TIMEOUT_MS} ms (notice: ${notice ?? 'none'})`, {
      cause: e,
    });
  }
}

// --- the stored report ------------------------------------------------------------------------------------

interface StoredReport {
  readonly meta: ReportRecord;
  /** The sheet chunks, made by the app's own code (src/storage/chunks.ts). */
  readonly chunks: readonly SheetChunkRecord[];
  /** How many rows the chunks hold. */
  readonly rows: number;
}

/** The synthetic report (bench/synthetic.ts: the sample's units repeated, all six sheets filled, no error). */
export function scaleReport(): StoredReport & { readonly lastUnit: string } {
  const synth = buildSyntheticReport(SCALE_UNITS);
  const now = Date.now();
  const meta: ReportRecord = {
    id: REPORT_ID,
    name: REPORT_NAME,
    committee: { name: 'Huyện ủy bench', level: 'huyen' },
    year: YEAR,
    templateId: synth.templateId,
    units: synth.units,
    settings: {},
    createdAt: now,
    updatedAt: now,
  };
  const chunks = sheetChunkRecords(REPORT_ID, synth.data);
  let rows = 0;
  for (const sheetRows of synth.data.values()) rows += sheetRows.size;
  const lastUnit = synth.units[synth.units.length - 1]?.id;
  if (!lastUnit) throw new Error('scale: no units');
  return { meta, chunks, rows, lastUnit };
}

/**
 * A report's records as JSON for storeReport: a typed array (a packed member column) is written as
 * { $typed: its class, values }, NaN (a blank number) as "NaN".
 */
export function reportJson(report: unknown): string {
  return JSON.stringify(report, (_key, v: unknown) =>
    ArrayBuffer.isView(v) && !(v instanceof DataView)
      ? {
          $typed: v.constructor.name,
          values: Array.from(v as unknown as ArrayLike<number>, (x) => (Number.isNaN(x) ? 'NaN' : x)),
        }
      : v,
  );
}

/**
 * Runs in the page, once the app has opened its database: fetches the report's records (reportJson) and puts them in
 * one transaction with the raw IndexedDB API (no version given: the database as the app's Dexie schema made it).
 */
export const storeReport = async (url: string) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const typed = (_key: string, v: unknown): unknown => {
    if (typeof v !== 'object' || v === null || !('$typed' in v) || !('values' in v)) return v;
    const Typed = (globalThis as unknown as Record<string, new (values: number[]) => unknown>)[
      String(v.$typed)
    ];
    if (!Typed || !Array.isArray(v.values))
      throw new Error(`storeReport: no typed array ${String(v.$typed)}`);
    return new Typed(v.values.map((x: unknown) => (x === 'NaN' ? NaN : Number(x))));
  };
  const { meta, chunks, members } = JSON.parse(await response.text(), typed) as {
    meta: unknown;
    chunks: unknown[];
    members?: unknown[];
  };
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('tong-hop');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(new Error(`indexedDB.open: ${String(open.error)}`));
  });
  try {
    const stores = [...db.objectStoreNames];
    if (!stores.includes('reports') || !stores.includes('sheetChunks'))
      throw new Error(`the app's database has no reports/sheetChunks stores (${stores.join(', ')})`);
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(['reports', 'sheetChunks', 'members'], 'readwrite');
      tx.objectStore('reports').put(meta);
      const store = tx.objectStore('sheetChunks');
      for (const chunk of chunks) store.put(chunk);
      const memberStore = tx.objectStore('members');
      for (const chunk of members ?? []) memberStore.put(chunk);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(new Error(`store: ${String(tx.error)}`));
      tx.onabort = () => reject(new Error(`store aborted: ${String(tx.error)}`));
    });
    return { version: db.version, chunks: chunks.length };
  } finally {
    db.close();
  }
};

// --- checks -----------------------------------------------------------------------------------------------

/** What the open report shows must be the stored report: its name, 100,000 units, rows from the first unit. */
async function checkOpen(page: Page, label: string): Promise<void> {
  const name = (await page.getByTestId('report-name').textContent())?.trim();
  const units = (await page.getByTestId('tab-units').textContent())?.replace(/\D/g, '');
  const first = await page.locator(FIRST_ROW).first().getAttribute('row-id');
  const errors = await page.getByTestId('tab-errors').count();
  const problems: string[] = [];
  if (name !== REPORT_NAME) problems.push(`name "${name ?? ''}"`);
  if (units !== String(SCALE_UNITS)) problems.push(`units tab "${units ?? ''}"`);
  if (first !== 's000001') problems.push(`first row ${first ?? 'none'}`);
  if (errors > 0) problems.push(`${errors} sheets with errors (the report has none)`);
  if (problems.length > 0) throw new Error(`${label}: the report shown is wrong: ${problems.join('; ')}`);
}

// --- 1. opening the report --------------------------------------------------------------------------------

export interface OpenRun {
  /** Navigation start (or the click) → the first row painted. */
  readonly total: number;
  /** Navigation start → DOMContentLoaded ended: HTML, the app's JS fetched and run, app.start() called. */
  readonly boot: number;
  /** The app's IndexedDB reads, first request → the rows' result (list of reports, the meta, the rows). */
  readonly idb: number;
  /** The sheet chunks' getAll alone (the report's ~450,000 rows in ~1,500 chunks). */
  readonly idbRows: number;
  /** The rows' result → first row in the DOM: restoring the records, validation, Svelte, AG Grid. */
  readonly build: number;
  /** First row in the DOM → painted. */
  readonly paint: number;
  readonly requests: readonly IdbRequest[];
}

export function openRun(probe: PaintProbe, boot: number): OpenRun {
  const start = Number.isNaN(probe.click) ? 0 : probe.click;
  const requests = probe.idb.filter((r) => r.start >= start && r.end <= probe.dom);
  const first = Math.min(...requests.map((r) => r.start));
  // The report is loaded when its rows are; reads after that (the submission board's) overlap the build.
  const rows = requests.find((r) => r.what === 'sheetChunks.reportId.getAll');
  const last = rows?.end ?? Math.max(...requests.map((r) => r.end));
  return {
    total: probe.painted - start,
    boot,
    idb: requests.length > 0 ? last - first : Number.NaN,
    idbRows: rows ? rows.end - rows.start : Number.NaN,
    build: requests.length > 0 ? probe.dom - last : Number.NaN,
    paint: probe.painted - probe.dom,
    requests: requests.map((r) => ({ ...r, start: Math.round(r.start), end: Math.round(r.end) })),
  };
}

export const describeOpen = (r: OpenRun) =>
  `${r.total.toFixed(0)} ms (boot ${r.boot.toFixed(0)}, IndexedDB ${r.idb.toFixed(0)} of which rows ` +
  `${r.idbRows.toFixed(0)}, build ${r.build.toFixed(0)}, paint ${r.paint.toFixed(0)})`;

/** A fresh page of the context navigated straight to `hash`, timed until the probe's row is painted, then checked. */
export async function openFresh(
  context: BrowserContext,
  errors: string[],
  hash: string,
  check: (page: Page) => Promise<void>,
): Promise<{ page: Page; run: OpenRun }> {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/${hash}`, { waitUntil: 'commit' });
  const probe = await paintProbe(page);
  const boot = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return nav instanceof PerformanceNavigationTiming ? nav.domContentLoadedEventEnd : Number.NaN;
  });
  await check(page);
  return { page, run: openRun(probe, boot) };
}

/** From the report list, a click on the report's "Mở" button, under the CPU profiler. */
async function openProfiled(
  context: BrowserContext,
  maps: SourceMaps,
): Promise<{ run: OpenRun; profile: ProfileSummary }> {
  const page = await context.newPage();
  try {
    await page.goto('/');
    const open = page.locator(
      `[data-testid="report-row"][data-report-id="${REPORT_ID}"] .row-actions button`,
    );
    await open.first().waitFor({ timeout: TIMEOUT_MS });
    await page.evaluate(armClick);
    const cdp = await context.newCDPSession(page);
    try {
      const stop = await startProfile(cdp);
      await open.first().click();
      const probe = await paintProbe(page);
      const profile = summariseProfile(await stop(), maps, 12);
      await checkOpen(page, 'open (profiled)');
      return { run: openRun(probe, Number.NaN), profile };
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  } finally {
    await page.close();
  }
}

// --- 3. scrolling -----------------------------------------------------------------------------------------

export interface ScrollResult {
  readonly ms: number;
  readonly frames: number;
  readonly longestFrameGap: number;
  readonly scrollHeight: number;
  readonly longTasks: readonly { start: number; duration: number }[];
  /**
   * From the last jump until every row in view has all its cells: the grid fills rows in slices of a few
   * milliseconds per frame (scripts/ag-grid-frame-slice.ts), so a scroll faster than it draws shows rows filling in.
   */
  readonly settledMs: number;
  readonly lastRow: { index: string | null; id: string | null; name: string };
}

/**
 * Runs in the page: from the top of the sheet's grid to its bottom in `steps` equal jumps, one per animation frame,
 * as dragging the scrollbar's thumb does. Each jump is longer than the viewport, so every frame renders a fresh set
 * of rows: the same work as scrolling one viewport per frame, in a few hundred frames instead of thousands (one
 * viewport per frame took 8 minutes for 100,000 rows on the 2-core machine).
 */
export const scrollProbe = async (a: { grid: string; steps: number; timeoutMs: number }) => {
  const grid = document.querySelector(a.grid);
  // AG Grid 36 scrolls rows in .ag-grid-viewport (the scrollbar beside it only mirrors it).
  const viewport = grid?.querySelector('.ag-grid-viewport');
  if (!grid || !(viewport instanceof HTMLElement)) throw new Error(`no scrolling viewport in ${a.grid}`);
  const tasks: { start: number; duration: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
  });
  observer.observe({ type: 'longtask', buffered: true });
  viewport.scrollTop = 0;
  await new Promise((r) => setTimeout(r, 200));
  const jump = Math.max(
    viewport.clientHeight,
    Math.ceil((viewport.scrollHeight - viewport.clientHeight) / a.steps),
  );
  const start = performance.now();
  let frames = 0;
  let last = start;
  let longestGap = 0;
  await new Promise<void>((resolve, reject) => {
    const step = (now: number) => {
      longestGap = Math.max(longestGap, now - last);
      last = now;
      if (viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight - 1) return resolve();
      if (now - start > a.timeoutMs)
        return reject(
          new Error(
            `scroll: at ${viewport.scrollTop} of ${viewport.scrollHeight} px after ${a.timeoutMs} ms`,
          ),
        );
      viewport.scrollTop += jump;
      frames++;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  const ms = performance.now() - start;
  const stopped = performance.now();
  // Every body row in view holds its data (not a row still loading) and one cell per displayed column (the header's
  // leaf cells).
  const columns = grid.querySelectorAll('.ag-header-cell[col-id]').length;
  const complete = () => {
    const view = viewport.getBoundingClientRect();
    const rows = [...grid.querySelectorAll('.ag-row[row-index]')].filter((r) => {
      const box = r.getBoundingClientRect();
      return (
        /^[0-9]+$/.test(r.getAttribute('row-index') ?? '') && box.bottom > view.top && box.top < view.bottom
      );
    });
    return (
      rows.length > 0 &&
      rows.every(
        (r) => !r.classList.contains('ag-row-loading') && r.querySelectorAll('.ag-cell').length === columns,
      )
    );
  };
  let settledMs = -1;
  while (performance.now() - stopped < a.timeoutMs) {
    if (complete()) {
      settledMs = performance.now() - stopped;
      break;
    }
    await new Promise((r) => requestAnimationFrame(r));
  }
  if (settledMs < 0)
    throw new Error(`scroll: the rows in view were still not complete after ${a.timeoutMs} ms`);
  // Let the observer receive the last entries.
  await new Promise((r) => setTimeout(r, 500));
  for (const e of observer.takeRecords()) tasks.push({ start: e.startTime, duration: e.duration });
  observer.disconnect();
  // The body rows' indexes are numbers (pinned rows' are "b-0"…); the name column is pinned to the left, so the
  // last row's name cell is looked up by its index in any row container.
  let lastIndex = -1;
  let lastId: string | null = null;
  for (const row of grid.querySelectorAll('.ag-row[row-index]')) {
    const index = Number(row.getAttribute('row-index'));
    if (Number.isInteger(index) && index > lastIndex) {
      lastIndex = index;
      lastId = row.getAttribute('row-id');
    }
  }
  const name = grid.querySelector(`.ag-row[row-index="${lastIndex}"] .ag-cell[col-id="name"]`);
  return {
    ms,
    frames,
    longestFrameGap: longestGap,
    scrollHeight: viewport.scrollHeight,
    longTasks: tasks.filter((t) => t.start >= start),
    settledMs,
    lastRow: {
      index: lastIndex < 0 ? null : String(lastIndex),
      id: lastId,
      name: name?.textContent?.trim() ?? '',
    },
  };
};

// --- 2. first paint with the sample -----------------------------------------------------------------------

/** A fresh context: the sample created with the list's button, then a reload timed to its first row painted. */
async function firstPaintOnce(browser: Browser, baseURL: string): Promise<{ run: OpenRun; name: string }> {
  const { context, page, errors } = await newAppPage(browser, baseURL);
  try {
    await context.addInitScript(installPaintProbe, FIRST_ROW);
    await page.goto('/');
    await page.getByTestId('open-sample').click();
    await page.waitForSelector('.sheet-grid .ag-row[row-id="u01"]', { timeout: TIMEOUT_MS });
    const name = (await page.getByTestId('report-name').textContent())?.trim() ?? '';
    const url = page.url();
    await page.reload({ waitUntil: 'commit' });
    const probe = await paintProbe(page);
    const boot = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return nav instanceof PerformanceNavigationTiming ? nav.domContentLoadedEventEnd : Number.NaN;
    });
    const after = (await page.getByTestId('report-name').textContent())?.trim() ?? '';
    const first = await page.locator(FIRST_ROW).first().getAttribute('row-id');
    if (page.url() !== url || after !== name || first !== 'u01' || name === '')
      throw new Error(`first paint: after the reload "${after}" at ${page.url()} (row ${first ?? 'none'})`);
    if (errors.length > 0) throw new Error(`first paint: page errors: ${errors.join(' | ')}`);
    return { run: openRun(probe, boot), name };
  } finally {
    await closeQuietly(context);
  }
}

// --- 4. one edit at scale --------------------------------------------------------------------------------

/** One edit of a Biểu 04 cell: Enter → the frame that shows the value painted; the long tasks meanwhile. */
export interface EditRun {
  readonly ms: number;
  readonly longTasks: readonly number[];
}

const EDIT_COL = 'k';

/**
 * Runs in the page: the next Enter typed in a cell editor starts the clock; it stops once the frame in which `cell`
 * shows `expected` is painted (the task after that frame). The long tasks from the Enter until half a second later
 * (the report's check, the problems panel and the save follow the edit) are kept with it, in `__benchEdit`.
 */
const armEdit = (a: { cell: string; expected: string; timeoutMs: number }) => {
  const w = globalThis as unknown as {
    __benchEdit?: { ms: number; longTasks: number[] } | { error: string };
  };
  delete w.__benchEdit;
  const tasks: { start: number; duration: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
  });
  observer.observe({ type: 'longtask' });
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || !(document.activeElement instanceof HTMLInputElement)) return;
    document.removeEventListener('keydown', onKey, true);
    const start = performance.now();
    const frame = () => {
      if (document.querySelector(a.cell)?.textContent?.trim() !== a.expected) {
        if (performance.now() - start > a.timeoutMs) {
          observer.disconnect();
          w.__benchEdit = { error: `the cell shows "${document.querySelector(a.cell)?.textContent ?? ''}"` };
        } else requestAnimationFrame(frame);
        return;
      }
      setTimeout(() => {
        const ms = performance.now() - start;
        setTimeout(() => {
          for (const e of observer.takeRecords()) tasks.push({ start: e.startTime, duration: e.duration });
          observer.disconnect();
          // The Enter's own task began just before the clock did.
          const longTasks = tasks.filter((t) => t.start >= start - 50).map((t) => Math.round(t.duration));
          w.__benchEdit = { ms, longTasks };
        }, 500);
      }, 0);
    };
    requestAnimationFrame(frame);
  };
  document.addEventListener('keydown', onKey, true);
};

/**
 * Edits Biểu 04's first rows at the top of the sheet `pairs` times: a count one higher (the row's partition then
 * fails: a finding, its cell marked, the problems panel), then back (the report as it was stored).
 */
async function editB04(page: Page, pairs: number, log: Log): Promise<EditRun[]> {
  await page.locator(`${B04_GRID} .ag-grid-viewport`).evaluate((el) => {
    el.scrollTop = 0;
  });
  const runs: EditRun[] = [];
  for (let i = 0; i < pairs; i++) {
    const cell = `${B04_GRID} .ag-row[row-index="${i}"] .ag-cell[col-id="${EDIT_COL}"]`;
    await page.waitForSelector(cell, { timeout: TIMEOUT_MS });
    const before = (await page.locator(cell).textContent())?.trim() ?? '';
    if (!/^\d{1,3}$/.test(before))
      throw new Error(`edit: row ${i} of Biểu 04 shows "${before}" in ${EDIT_COL}`);
    for (const value of [String(Number(before) + 1), before]) {
      await page.evaluate(armEdit, { cell, expected: value, timeoutMs: TIMEOUT_MS });
      // As staff type: a key on the focused cell opens its editor with that key, Enter ends the edit.
      await page.locator(cell).click();
      await page.keyboard.type(value);
      await page.keyboard.press('Enter');
      const handle = await page.waitForFunction(
        () => (globalThis as unknown as { __benchEdit?: unknown }).__benchEdit ?? null,
        undefined,
        { timeout: TIMEOUT_MS, polling: 50 },
      );
      const r = (await handle.jsonValue()) as EditRun | { error: string };
      if ('error' in r) throw new Error(`edit: row ${i}, ${EDIT_COL} ← ${value}: ${r.error}`);
      log(
        `edit row ${i} ${EDIT_COL} ${before} → ${value}: ${r.ms.toFixed(0)} ms to the value painted, ` +
          `${r.longTasks.length === 0 ? 'no long task' : `long tasks ${r.longTasks.join(', ')} ms`}`,
      );
      runs.push(r);
    }
  }
  // Every edit written (the last one's handler ran half a second ago).
  await page.waitForSelector('[data-testid="save-state"][data-pending="0"]', { timeout: TIMEOUT_MS });
  return runs;
}

// --- the scenario -----------------------------------------------------------------------------------------

/** A grid scrolled by scrollProbe with V8's trace on (bench/gc-trace.ts). */
export interface TracedScroll {
  readonly scroll: ScrollResult;
  readonly gc: Awaited<ReturnType<typeof traceGc>>['gc'];
  readonly longTasks: ReturnType<typeof longTasksWithGc>;
  /** The longest long task, 0 without any. */
  readonly longest: number;
  /** The CPU time the main thread got during the longest long task, 0 without any (or when the trace has none). */
  readonly longestCpu: number;
  /** The main thread's CPU time over the traced scroll (its jumps, and the rows completed after), per jump. */
  readonly cpuPerFrame: number;
}

/** Scrolls `grid` in `page` top to bottom in SCROLL_STEPS jumps (scrollProbe) with V8's trace on. */
export async function tracedScroll(context: BrowserContext, page: Page, grid: string): Promise<TracedScroll> {
  const { result: scroll, gc } = await traceGc(context, page, () =>
    page.evaluate(scrollProbe, { grid, steps: SCROLL_STEPS, timeoutMs: SCROLL_TIMEOUT_MS }),
  );
  const longTasks = longTasksWithGc(scroll.longTasks, gc);
  const longest = longTasks.reduce<(typeof longTasks)[number] | null>(
    (a, t) => (a === null || t.duration > a.duration ? t : a),
    null,
  );
  return {
    scroll,
    gc,
    longTasks,
    longest: Math.max(0, ...scroll.longTasks.map((l) => l.duration)),
    longestCpu: longest?.cpuMs ?? 0,
    cpuPerFrame: cpuPerFrame(gc.tasks, scroll.frames),
  };
}

/** What latest.json keeps of each of a part's scrolls. */
export const scrollRuns = (scrolls: readonly TracedScroll[]) =>
  scrolls.map((s) => ({
    longest: s.longest,
    longTasks: s.longTasks,
    settledMs: s.scroll.settledMs,
    gc: gcDetails(s.gc),
  }));

interface B04Scroll extends TracedScroll {
  readonly rowCount: string | null;
}

/** Switches the open report to Biểu 04 and scrolls it top to bottom with V8's trace on; checks the last row shown. */
async function scrollB04(
  context: BrowserContext,
  open: Page,
  report: ReturnType<typeof scaleReport>,
  log: Log,
  run: number,
): Promise<B04Scroll> {
  await open.getByTestId('tab-b04').click();
  await open.waitForSelector('.sheet-grid[data-sheet="b04"] .ag-row[row-index="0"]', {
    timeout: TIMEOUT_MS,
  });
  const rowCount = await open
    .locator('.sheet-grid[data-sheet="b04"] .ag-grid-viewport')
    .first()
    .getAttribute('aria-rowcount');
  logSettled(log, `scale scroll ${run}`, await settle());
  const traced = await tracedScroll(context, open, B04_GRID);
  const { scroll, gc, longTasks, longest } = traced;
  log(`scroll ${run} GC: ${describeGc(gc)}; long tasks ${describeLongTasks(longTasks)}`);
  log(
    `scroll ${run}: ${scroll.frames} frames in ${scroll.ms.toFixed(0)} ms (${scroll.scrollHeight} px, aria-rowcount ` +
      `${rowCount ?? 'none'}), ${scroll.longTasks.length} long tasks, the longest ${longest.toFixed(0)} ms, ` +
      `longest frame gap ${scroll.longestFrameGap.toFixed(0)} ms, rows in view complete ` +
      `${scroll.settledMs.toFixed(0)} ms after the last jump; last row ${scroll.lastRow.index} ` +
      `${scroll.lastRow.id} "${scroll.lastRow.name}"`,
  );
  // aria-rowcount counts the header and the pinned total rows too: 2,004 for 2,000 units.
  const extraRows = Number(rowCount) - SCALE_UNITS;
  if (!(extraRows >= 0 && extraRows <= 10))
    throw new Error(
      `scroll: Biểu 04's grid has aria-rowcount ${rowCount ?? 'none'} for ${SCALE_UNITS} units`,
    );
  const lastName = report.meta.units[SCALE_UNITS - 1]?.name ?? '';
  if (scroll.lastRow.id !== report.lastUnit || scroll.lastRow.index !== String(SCALE_UNITS - 1))
    throw new Error(`scroll: the last row shown is ${scroll.lastRow.index} ${scroll.lastRow.id}`);
  if (scroll.lastRow.name !== lastName)
    throw new Error(`scroll: the last row is named "${scroll.lastRow.name}", expected "${lastName}"`);

  return { ...traced, rowCount };
}

export async function benchScale(
  browser: Browser,
  baseURL: string,
  assets: string,
  maps: SourceMaps,
  log: Log,
): Promise<BrowserResults> {
  const n = SCALE_UNITS.toLocaleString('en-US');
  let t = performance.now();
  const report = scaleReport();
  await mkdir(assets, { recursive: true });
  const file = 'scale-100k.json';
  const json = reportJson({ meta: report.meta, chunks: report.chunks });
  await writeFile(join(assets, file), json);
  log(
    `scale: ${n}-unit report, ${report.rows} rows in ${report.chunks.length} chunks (${(json.length / 1e6).toFixed(0)} MB JSON) ` +
      `made in ${Math.round(performance.now() - t)} ms`,
  );

  const { context, page, errors } = await newAppPage(browser, baseURL);
  try {
    // The app makes its database when it starts; the report's records are put in it from the page.
    await page.goto('/');
    await page.getByTestId('open-sample').waitFor({ timeout: TIMEOUT_MS });
    t = performance.now();
    const stored = await page.evaluate(storeReport, `/__bench/${file}`);
    const b04 = await storedRows(page, REPORT_ID, 'b04');
    log(
      `scale: ${stored.chunks} chunk records stored in IndexedDB (version ${stored.version}) in ` +
        `${Math.round(performance.now() - t)} ms; Biểu 04 holds ${b04}`,
    );
    if (b04 !== SCALE_UNITS + 1)
      throw new Error(`scale: ${b04} Biểu 04 records, expected ${SCALE_UNITS + 1}`);
    await page.close();
    await context.addInitScript(installPaintProbe, FIRST_ROW);
    logSettled(log, 'scale', await settle());

    // 1. RUNS fresh page loads, each then 3. scrolled on Biểu 04; then one open from the list under the profiler
    // (not counted).
    const opens: OpenRun[] = [];
    const scrolls: B04Scroll[] = [];
    let open: Page | null = null;
    for (let i = 0; i < RUNS; i++) {
      await open?.close();
      // The page before is torn down first (its renderer frees a whole list).
      if (i > 0) logSettled(log, `open run ${i + 1}`, await settle());
      const fresh = await openFresh(context, errors, `#/r/${REPORT_ID}`, (page) => checkOpen(page, 'open'));
      open = fresh.page;
      opens.push(fresh.run);
      log(`open run ${i + 1}: ${describeOpen(fresh.run)}`);
      scrolls.push(await scrollB04(context, open, report, log, i + 1));
    }
    const last = scrolls.at(-1);
    if (!open || !last) throw new Error('scale: no open page');
    const { scroll, rowCount } = last;

    // The machine's own tail (bench/browser-control.ts): as much plain JavaScript per frame as the scrolls' main
    // thread used, in a blank page, RUNS times.
    const workMs = quantile(
      scrolls.map((s) => s.cpuPerFrame),
      0.5,
    );
    logSettled(log, 'control', await settle());
    const control = await controlRuns(browser, workMs, RUNS, log);

    // 4. Edits of the last page opened, each undone by the next: the report is left as stored.
    const edits = await editB04(open, EDIT_PAIRS, log);

    // 5. The heap of the last page opened, after its scroll and the edits.
    const heap = await heapAfterGc(context, open);
    log(`memory: ${(heap.usedSize / 1e6).toFixed(0)} MB used, ${(heap.totalSize / 1e6).toFixed(0)} MB total`);

    // 30 more jumps under the CPU profiler (not counted), to see what a scrolling frame spends its time on.
    let scrollProfile: ProfileSummary | null = null;
    const profiling = await context.newCDPSession(open);
    try {
      const stop = await startProfile(profiling);
      await open.evaluate(scrollProbe, { grid: B04_GRID, steps: 30, timeoutMs: SCROLL_TIMEOUT_MS });
      scrollProfile = summariseProfile(await stop(), maps, 12);
      for (const line of formatSummary(scrollProfile)) log(`scroll profile ${line}`);
    } catch (e) {
      log(`scroll profile not measured: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      await profiling.detach().catch(() => undefined);
    }
    await open.close();

    let profiled: { run: OpenRun; profile: ProfileSummary } | null = null;
    try {
      profiled = await openProfiled(context, maps);
      log(`open (profiled, from the list's button): ${describeOpen(profiled.run)}`);
      for (const line of formatSummary(profiled.profile)) log(`open profile ${line}`);
    } catch (e) {
      log(`open profile not measured: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (errors.length > 0) throw new Error(`scale: page errors: ${errors.join(' | ')}`);

    // 2. The sample's first paint, RUNS fresh contexts.
    const paints: OpenRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      const { run, name } = await firstPaintOnce(browser, baseURL);
      paints.push(run);
      log(`first paint run ${i + 1} (${name}): ${describeOpen(run)}`);
    }

    const medianOf = (
      runs: readonly OpenRun[],
      k: 'total' | 'boot' | 'idb' | 'idbRows' | 'build' | 'paint',
    ) =>
      Math.round(
        quantile(
          runs.map((r) => r[k]),
          0.5,
        ),
      );
    const phases = (runs: readonly OpenRun[]) =>
      Object.fromEntries(
        (['total', 'boot', 'idb', 'idbRows', 'build', 'paint'] as const).map((k) => [k, medianOf(runs, k)]),
      );
    const figures: Figure[] = [
      // No budget: the issue's 100,000-row report is the member list (bench/browser-members.ts); this one holds
      // 100,000 units in each of six sheets, 450,000 rows — more base organizations than the whole country has.
      timed(
        'browser-open-100k-units',
        `Browser: open a stored ${n}-unit report (six sheets, 450,000 rows), navigation → first grid row painted`,
        round(opens.map((r) => r.total)),
      ),
      timed(
        'browser-first-paint',
        'Browser: reload with the sample stored, navigation → first grid row painted',
        round(paints.map((r) => r.total)),
      ),
      timed(
        'browser-scroll-longest-task',
        `Browser: scroll Biểu 04's ${n} rows, longest long task of each scroll ` +
          `(${scrolls.map((s) => s.scroll.longTasks.length).join(', ')} long tasks)`,
        round(scrolls.map((s) => s.longest)),
      ),
      timed(
        'browser-scroll-longest-task-cpu',
        `Browser: scroll Biểu 04's ${n} rows, the main thread's CPU time in each scroll's longest long task`,
        round(scrolls.map((s) => s.longestCpu)),
      ),
      timed(
        'browser-control-longest-task',
        `Browser: control, a blank page doing only plain JavaScript, ${workMs.toFixed(1)} ms a frame (the scrolls' ` +
          `main-thread CPU time per jump) for ${SCROLL_STEPS} frames, longest long task of each run ` +
          `(${control.map((c) => c.longTasks.length).join(', ')} long tasks)`,
        round(control.map((c) => c.longest)),
      ),
      timed(
        'browser-edit-100k-units',
        `Browser: one edit in Biểu 04 of the ${n}-unit report, Enter → the value painted ` +
          `(${edits.filter((e) => e.longTasks.length > 0).length} of ${edits.length} edits with a long task)`,
        round(edits.map((e) => e.ms)),
      ),
      timed(
        'browser-edit-100k-units-longest-task',
        `Browser: one edit in Biểu 04 of the ${n}-unit report, longest long task from the Enter to 0.5 s after ` +
          'the value is painted (0 without any)',
        round(edits.map((e) => Math.max(0, ...e.longTasks))),
      ),
      timed(
        'browser-scroll-settled',
        `Browser: scroll Biểu 04's ${n} rows, last jump → every row in view complete`,
        round(scrolls.map((s) => s.scroll.settledMs)),
      ),
      single(
        'browser-memory-100k',
        `Browser: JS heap after GC, ${n}-unit report open and scrolled`,
        'MB',
        heap.usedSize / 1e6,
      ),
    ];
    return {
      figures,
      details: {
        units: SCALE_UNITS,
        rows: report.rows,
        chunkRecords: report.chunks.length,
        open: {
          runs: opens,
          phaseMedians: phases(opens),
          profiled: profiled && { run: profiled.run, mainThreadProfile: profiled.profile },
          measures:
            'a fresh page of the context that holds the report, navigated to #/r/<id>: navigation start → the ' +
            'first grid row in the DOM (MutationObserver) → the frame after it painted (a task posted from ' +
            'requestAnimationFrame). IndexedDB: the app’s get/getAll/cursor requests, issued → result read.',
        },
        firstPaint: { runs: paints, phaseMedians: phases(paints) },
        scroll: {
          ...scroll,
          ariaRowCount: rowCount,
          mainThreadProfile: scrollProfile,
          longTasks: last.longTasks,
          gc: gcDetails(last.gc),
          runs: scrollRuns(scrolls),
          measures:
            `after each open, scrollTop of Biểu 04’s .ag-grid-viewport moved top to bottom in ${SCROLL_STEPS} equal jumps, one per ` +
            'animation frame; PerformanceObserver longtask entries that started after the first jump (V8’s trace, ' +
            'categories v8, toplevel and disabled-by-default-v8.gc, on meanwhile: bench/gc-trace.ts).',
        },
        edits: {
          runs: edits,
          measures:
            `Biểu 04’s first ${EDIT_PAIRS} rows, column ${EDIT_COL}: one higher, then back, typed (the value, then ` +
            'Enter); the Enter that ends the edit (keydown, capture) → the task after the frame in which the cell ' +
            'shows the value; PerformanceObserver longtask entries from the Enter until 500 ms after',
        },
        control: {
          workMs,
          runs: control,
          measures:
            'a blank page of a fresh context, each animation frame doing only a loop of square roots sized to workMs ' +
            '(the median over the scrolls of the main thread’s CPU time per jump), for as many frames as a scroll has ' +
            'jumps; PerformanceObserver longtask entries (bench/browser-control.ts)',
        },
        memory: {
          usedMB: heap.usedSize / 1e6,
          totalMB: heap.totalSize / 1e6,
          measures:
            'CDP HeapProfiler.collectGarbage twice, then Runtime.getHeapUsage of the page (V8 heap only)',
        },
      },
    };
  } finally {
    await closeQuietly(context);
  }
}
