// Browser benchmark: collecting the units' files on the submission board (the issue's closing note asks for "the
// time to read, check and list 27 files, and 270").
//   27:  the sample; its unit forms made with the board's own button ("make-unit-forms"), the zip downloaded and
//        unpacked in node, the 27 .xlsx handed back to the board at once.
//   270: a 270-unit report made with the "Tạo báo cáo" form, Biểu 04 filled by one paste, its 270 unit forms made
//        and handed back the same way.
// Each run has a browser context of its own (the board has no way to be cleared, and a fresh context is the staff's
// first use: the template and the reader's chunks are fetched within the timed span). Timed inside the page: from
// the collect input's change event (capture phase, before the app's handler) to the DOM holding the batch summary
// and one row per file (MutationObserver), and the unit forms from the button's click to the zip being handed to
// the browser as a download. Every run is checked (each file listed once, every unit covered, the statuses
// expected) and the benchmark throws otherwise: a time measured on a broken path means nothing.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { counts, pasteTsv, unitName, unitNames } from './browser-fixtures';
import {
  closeQuietly,
  createReport,
  firstCell,
  newAppPage,
  openB04,
  round,
  timed,
  WORKER_PROBE,
  type BrowserResults,
  type Log,
  type WorkerRecord,
} from './browser-page';
import type { Figure } from './figures';
import {
  formatSummary,
  startProfile,
  summariseProfile,
  type ProfileSummary,
  type SourceMaps,
} from './profile';
import { quantile } from './stats';

// Node loads xlsx as CommonJS (as bench/browser-fixtures.ts does).
const XLSX = createRequire(import.meta.url)('xlsx') as typeof import('xlsx');

const RUNS = 3;
const LARGE = 270;
const SAMPLE_UNITS = 27;
/** Far beyond what either batch takes; only there so a hung board fails the benchmark instead of stalling it. */
const TIMEOUT_MS = 300_000;

type Status = 'ok' | 'errors' | 'duplicate' | 'unrecognised';

/**
 * What each batch must give, checked on every run. The sample's forms come back exactly as made: each is its
 * unit's own rows of the sample, checked alone (without the committee's aggregate rules), and none has an error:
 * 27 'ok' (as observed when this benchmark was written). The 270 forms carry Biểu 04 rows that are valid by
 * construction (bench/browser-fixtures.ts) and nothing else: 270 'ok'.
 */
const EXPECTED: Readonly<Record<'sample' | 'large', Readonly<Partial<Record<Status, number>>>>> = {
  sample: { ok: SAMPLE_UNITS },
  large: { ok: LARGE },
};

interface Env {
  readonly browser: Browser;
  readonly baseURL: string;
  readonly maps: SourceMaps;
  readonly dir: string;
  readonly log: Log;
}

export async function benchCollect(
  browser: Browser,
  baseURL: string,
  maps: SourceMaps,
  log: Log,
): Promise<BrowserResults> {
  // The forms are written to disk so that setInputFiles hands Chromium paths, as a file chooser would, rather
  // than pushing megabytes of bytes through the DevTools protocol.
  const dir = await mkdtemp(join(tmpdir(), 'tong-hop-collect-'));
  try {
    const env: Env = { browser, baseURL, maps, dir, log };
    const sample = await scenario(env, 'sample', RUNS, false);
    const large = await scenario(env, 'large', RUNS, false);
    // One more 270-file run under the CPU profiler (not counted: the profiler slows the page down), to see what
    // the main thread does while the workers read.
    let profile: ProfileSummary | null = null;
    try {
      profile = (await scenario(env, 'large', 1, true)).profile;
    } catch (e) {
      log(`collect profile not measured: ${e instanceof Error ? e.message : String(e)}`);
    }
    return {
      figures: [...sample.figures, ...large.figures],
      details: { sample: sample.details, large: { ...large.details, mainThreadProfile: profile } },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// --- one scenario, RUNS fresh contexts ------------------------------------------------------------------

interface FormsRun {
  /** In the page: the button's click event → the zip's Blob URL made for the download. */
  readonly ms: number;
  /** In node: Playwright's click() called → its download event (adds the click's actionability checks). */
  readonly downloadEventMs: number;
  readonly zipBytes: number;
  readonly files: number;
}

interface CollectRun {
  readonly files: number;
  readonly bytes: number;
  /** change event → the summary and one row per file in the DOM. */
  readonly listed: number;
  /** change event → the first animation frame after that. */
  readonly frame: number;
  /** The board's own figure (collect-summary's data-ms): collect() called → the batch summarised. */
  readonly inApp: number;
  /** change event → the first read worker created: the Files' bytes read, the batch expanded, chunks loaded. */
  readonly firstWorker: number;
  /** change event → the last read worker's answer reaching the page. */
  readonly lastAnswer: number;
  /** Read workers started, and the sum of their lives (created → answer), several running at once. */
  readonly workers: number;
  readonly workerMs: number;
  /** Medians over the batch's workers of their start, SheetJS parse, and convert-and-post (ms). */
  readonly workerPhaseMedians: { readonly start: number; readonly parse: number; readonly convert: number };
  readonly statuses: Readonly<Record<string, number>>;
}

interface Scenario {
  readonly figures: Figure[];
  readonly details: Record<string, unknown>;
  readonly profile: ProfileSummary | null;
}

async function scenario(
  env: Env,
  kind: 'sample' | 'large',
  runs: number,
  profiled: boolean,
): Promise<Scenario> {
  const n = kind === 'sample' ? SAMPLE_UNITS : LARGE;
  const forms: FormsRun[] = [];
  const collects: CollectRun[] = [];
  let profile: ProfileSummary | null = null;
  for (let i = 0; i < runs; i++) {
    const label = `collect ${n}${profiled ? ' (profiled)' : ` run ${i + 1}`}`;
    const { context, page, errors } = await newAppPage(env.browser, env.baseURL, [WORKER_PROBE]);
    try {
      const t = performance.now();
      if (kind === 'sample') await openSampleBoard(page);
      else await openLargeBoard(page);
      const units = await missingUnits(page);
      if (units.length !== n)
        throw new Error(`${label}: the board lists ${units.length} missing units, not ${n}`);
      const setup = Math.round(performance.now() - t);

      const runDir = join(env.dir, `${kind}-${profiled ? 'p' : i + 1}`);
      const made = await makeUnitForms(page, runDir, n);
      if (kind === 'large') checkLargeForm(made.paths, label);
      const cdp = profiled ? await context.newCDPSession(page) : null;
      const stop = cdp ? await startProfile(cdp) : null;
      const run = await collectOnce(page, made.paths, made.bytes);
      if (stop && cdp) {
        profile = summariseProfile(await stop(), env.maps);
        await cdp.detach();
        for (const line of formatSummary(profile)) env.log(`${label} profile ${line}`);
      }
      await checkBoard(page, label, units, EXPECTED[kind]);
      if (errors.length > 0) throw new Error(`${label}: page errors: ${errors.join(' | ')}`);

      env.log(
        `${label}: board open in ${setup} ms; forms made in ${made.run.ms.toFixed(0)} ms ` +
          `(${(made.run.zipBytes / 1e6).toFixed(2)} MB zip); listed in ${run.listed.toFixed(0)} ms ` +
          `(app's figure ${run.inApp} ms; first worker at ${run.firstWorker.toFixed(0)}, last answer at ` +
          `${run.lastAnswer.toFixed(0)}; ${run.workers} workers, ${(run.workerMs / run.workers).toFixed(0)} ms ` +
          `each on average: start ${run.workerPhaseMedians.start}, parse ${run.workerPhaseMedians.parse}, ` +
          `convert ${run.workerPhaseMedians.convert} ms medians) — ${JSON.stringify(run.statuses)}`,
      );
      if (!profiled) {
        forms.push(made.run);
        collects.push(run);
      }
    } finally {
      await closeQuietly(context);
    }
  }
  if (profiled) return { figures: [], details: {}, profile };

  const what = kind === 'sample' ? `${n} unit forms of the sample` : `${n} unit forms of a ${n}-unit report`;
  const median = (values: readonly number[]) => quantile(values, 0.5);
  return {
    figures: [
      timed(
        `browser-collect-${n}`,
        `Browser: collect ${what}, read, checked and listed`,
        round(collects.map((r) => r.listed)),
      ),
      timed(
        `browser-unit-forms-${n}`,
        `Browser: make the ${n} unit forms (click → zip handed to the download)`,
        round(forms.map((r) => r.ms)),
      ),
    ],
    details: {
      files: n,
      bytes: collects[0]?.bytes ?? 0,
      filesPerSecond: Math.round((10 * n) / (median(collects.map((r) => r.listed)) / 1000)) / 10,
      inAppMsMedian: median(collects.map((r) => r.inApp)),
      collectRuns: collects.map((r) => ({
        ...r,
        listed: Math.round(r.listed),
        frame: Math.round(r.frame),
        firstWorker: Math.round(r.firstWorker),
        lastAnswer: Math.round(r.lastAnswer),
        workerMs: Math.round(r.workerMs),
        filesPerSecond: Math.round((10 * n) / (r.listed / 1000)) / 10,
      })),
      unitFormRuns: forms.map((r) => ({
        ...r,
        ms: Math.round(r.ms),
        downloadEventMs: Math.round(r.downloadEventMs),
      })),
      measures:
        'listed: change event of collect-input → collect-summary and one [data-testid="submission"] row per ' +
        'file in the DOM (MutationObserver); inApp: the board’s own data-ms; unit forms: click on ' +
        'make-unit-forms → URL.createObjectURL of the zip, in the page. A fresh browser context per run.',
    },
    profile,
  };
}

// --- driving the board ----------------------------------------------------------------------------------

async function openBoard(page: Page): Promise<void> {
  await page.getByTestId('tab-submissions').click();
  await page.getByTestId('submission-board').waitFor();
}

async function openSampleBoard(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByTestId('open-sample').click();
  await page.waitForSelector('.sheet-grid .ag-row[row-id="u01"]', { timeout: 60_000 });
  await openBoard(page);
}

/** A 270-unit report whose Biểu 04 is filled by one paste at its first cell, saved before the forms are made. */
async function openLargeBoard(page: Page): Promise<void> {
  await createReport(page, 'Đảng ủy bench thu nộp', unitNames(LARGE));
  await openB04(page);
  await page.locator(firstCell('total')).click();
  await page.evaluate((tsv) => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', tsv);
    const event = new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true });
    (document.activeElement ?? document.body).dispatchEvent(event);
  }, pasteTsv(LARGE));
  await page.waitForFunction(
    ({ cell, expected }) =>
      document.querySelector(cell)?.textContent === expected &&
      document.querySelector('[data-testid="save-state"]')?.getAttribute('data-pending') === '0',
    { cell: firstCell('total'), expected: String(counts(0)[0]) },
    { timeout: 60_000 },
  );
  await openBoard(page);
}

/** The ids of the units the board lists as missing (before a batch: every unit of the report). */
function missingUnits(page: Page): Promise<string[]> {
  return page
    .getByTestId('missing-unit')
    .evaluateAll((items) => items.map((li) => li.getAttribute('data-unit') ?? ''));
}

/** Runs in the page: arms the timing of the next click on the unit-forms button and of the zip it hands over. */
const armFormsProbe = () => {
  const probe = { clicked: Number.NaN, zipped: Number.NaN };
  (globalThis as unknown as { __benchForms: typeof probe }).__benchForms = probe;
  document.addEventListener(
    'click',
    (event) => {
      const target = event.target instanceof Element ? event.target : null;
      if (Number.isNaN(probe.clicked) && target?.closest('[data-testid="make-unit-forms"]'))
        probe.clicked = performance.now();
    },
    { capture: true },
  );
  // The download is an <a download> clicked outside the document, so no listener sees it; its Blob URL is the
  // last step before it. Observes only: the native function does the work.
  const native = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (object: Blob | MediaSource) => {
    if (object instanceof Blob && object.type === 'application/zip' && Number.isNaN(probe.zipped))
      probe.zipped = performance.now();
    return native(object);
  };
};

/** The board's button makes the forms as one zip; unpacked in node, each written to `dir`, in the zip's order. */
async function makeUnitForms(
  page: Page,
  dir: string,
  n: number,
): Promise<{ run: FormsRun; paths: string[]; bytes: number }> {
  await page.evaluate(armFormsProbe);
  const t0 = performance.now();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: TIMEOUT_MS }),
    page.getByTestId('make-unit-forms').click(),
  ]);
  const downloadEventMs = performance.now() - t0;
  const probe = await page.waitForFunction(() => {
    const p = (globalThis as unknown as { __benchForms: { clicked: number; zipped: number } }).__benchForms;
    return Number.isNaN(p.zipped) ? null : p;
  });
  const { clicked, zipped } = (await probe.jsonValue()) as { clicked: number; zipped: number };
  const zip = await readFile(await download.path());
  const entries = Object.entries(unzipSync(zip));
  if (entries.length !== n || entries.some(([name]) => !name.endsWith('.xlsx')))
    throw new Error(
      `unit forms: ${entries.length} files in ${download.suggestedFilename()}, expected ${n} .xlsx`,
    );
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  let bytes = 0;
  for (const [name, data] of entries) {
    const path = join(dir, name);
    await writeFile(path, data);
    paths.push(path);
    bytes += data.length;
  }
  return {
    run: { ms: zipped - clicked, downloadEventMs, zipBytes: zip.length, files: entries.length },
    paths,
    bytes,
  };
}

/**
 * The last unit's form holds its pasted Biểu 04 row (name and total, read with SheetJS): the forms carry the
 * figures, so the board reads real rows and not empty templates.
 */
function checkLargeForm(paths: readonly string[], label: string): void {
  const last = LARGE - 1;
  const name = unitName(last);
  const total = counts(last)[0];
  const path = paths.find((p) => p.endsWith(`_So${last + 1}.xlsx`));
  if (!path) throw new Error(`${label}: no form named …_So${last + 1}.xlsx`);
  const wb = XLSX.readFile(path);
  const found = wb.SheetNames.some((sheetName) => {
    const sheet = wb.Sheets[sheetName];
    if (!sheet) return false;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1 });
    return rows.some((row) => row.includes(name) && row.includes(total));
  });
  if (!found) throw new Error(`${label}: ${path} holds no row "${name}" with total ${total}`);
}

/** Runs in the page: arms the timing of the next change of the collect input. */
const armCollectProbe = (a: { files: number; timeoutMs: number }) => {
  const probe = { start: Number.NaN, listed: Number.NaN, frame: Number.NaN, workers: 0 };
  (globalThis as unknown as { __benchCollect: typeof probe }).__benchCollect = probe;
  const workers = (globalThis as unknown as { __benchWorkers: unknown[] }).__benchWorkers;
  const isListed = () =>
    document.querySelector('[data-testid="collect-summary"]') !== null &&
    document.querySelectorAll('[data-testid="submission"]').length >= a.files;
  document.addEventListener(
    'change',
    (event) => {
      if (!(event.target instanceof HTMLInputElement) || event.target.dataset.testid !== 'collect-input')
        return;
      if (!Number.isNaN(probe.start)) return;
      probe.start = performance.now();
      probe.workers = workers.length;
      // Svelte writes the rows in one flush; the observer's callback runs right after it, before any frame.
      const observer = new MutationObserver(() => {
        if (!isListed()) return;
        probe.listed = performance.now();
        observer.disconnect();
        requestAnimationFrame(() => {
          probe.frame = performance.now();
        });
      });
      observer.observe(document.body, { childList: true, subtree: true });
      setTimeout(() => observer.disconnect(), a.timeoutMs);
    },
    { capture: true },
  );
};

async function collectOnce(page: Page, paths: readonly string[], bytes: number): Promise<CollectRun> {
  await page.evaluate(armCollectProbe, { files: paths.length, timeoutMs: TIMEOUT_MS });
  await page.getByTestId('collect-input').setInputFiles([...paths]);
  type Probe = { start: number; listed: number; frame: number; workers: number };
  let probe: Probe;
  try {
    const handle = await page.waitForFunction(
      () => {
        const p = (globalThis as unknown as { __benchCollect: Probe }).__benchCollect;
        return Number.isNaN(p.frame) ? null : p;
      },
      undefined,
      { timeout: TIMEOUT_MS },
    );
    probe = (await handle.jsonValue()) as Probe;
  } catch (e) {
    const rows = await page.getByTestId('submission').count();
    const message = await page
      .getByTestId('sheet-message')
      .textContent()
      .catch(() => null);
    throw new Error(`collect: ${rows} of ${paths.length} files listed (message: ${message ?? 'none'})`, {
      cause: e,
    });
  }
  const { start, listed, frame, workers } = probe;
  const records = (
    await page.evaluate(() => (globalThis as unknown as { __benchWorkers: WorkerRecord[] }).__benchWorkers)
  ).slice(workers);
  const answers = records.flatMap((w) => {
    const answer = w.messages.find((m) => m.type === 'done' || m.type === 'error');
    return answer ? [{ created: w.created, at: answer.at }] : [];
  });
  // Each worker's life in three parts, as its progress messages reach the page (late when the main thread is
  // busy): start (the module and SheetJS loaded, the request received), SheetJS parsing, converting and posting.
  const phases = { start: [] as number[], parse: [] as number[], convert: [] as number[] };
  for (const w of records) {
    const parsing = w.messages.find((m) => m.type === 'progress' && m.phase === 'parsing');
    const converting = w.messages.find((m) => m.type === 'progress' && m.phase === 'converting');
    const done = w.messages.find((m) => m.type === 'done');
    if (!parsing || !converting || !done) continue;
    phases.start.push(parsing.at - w.created);
    phases.parse.push(converting.at - parsing.at);
    phases.convert.push(done.at - converting.at);
  }
  const middle = (values: readonly number[]) => Math.round(quantile(values, 0.5));
  const inApp = Number(await page.getByTestId('collect-summary').getAttribute('data-ms'));
  const statuses: Record<string, number> = {};
  for (const s of await page
    .getByTestId('submission')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status') ?? '')))
    statuses[s] = (statuses[s] ?? 0) + 1;
  return {
    files: paths.length,
    bytes,
    listed: listed - start,
    frame: frame - start,
    inApp,
    firstWorker: Math.min(...records.map((w) => w.created)) - start,
    lastAnswer: Math.max(...answers.map((a) => a.at)) - start,
    workers: answers.length,
    workerMs: answers.reduce((sum, a) => sum + (a.at - a.created), 0),
    workerPhaseMedians: {
      start: middle(phases.start),
      parse: middle(phases.parse),
      convert: middle(phases.convert),
    },
    statuses,
  };
}

/**
 * The batch as the board lists it is right: one row per file, each waiting (pending), the units exactly those of
 * the report, each once, none left missing, and the statuses expected.
 */
async function checkBoard(
  page: Page,
  label: string,
  units: readonly string[],
  expected: Readonly<Partial<Record<Status, number>>>,
): Promise<void> {
  const rows = await page.getByTestId('submission').evaluateAll((rows) =>
    rows.map((r) => ({
      unit: r.getAttribute('data-unit') ?? '',
      status: r.getAttribute('data-status') ?? '',
      state: r.getAttribute('data-state') ?? '',
    })),
  );
  const problems: string[] = [];
  if (rows.length !== units.length) problems.push(`${rows.length} rows for ${units.length} files`);
  const listed = new Set(rows.map((r) => r.unit));
  const absent = units.filter((u) => !listed.has(u));
  if (absent.length > 0) problems.push(`units not listed: ${absent.slice(0, 5).join(', ')}…`);
  if (listed.size !== rows.length) problems.push('a unit listed twice');
  const notPending = rows.filter((r) => r.state !== 'pending').length;
  if (notPending > 0) problems.push(`${notPending} rows not pending`);
  const missing = await page.getByTestId('missing-unit').count();
  if (missing > 0) problems.push(`${missing} units still missing`);
  const statuses: Record<string, number> = {};
  for (const r of rows) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  if (JSON.stringify(sorted(statuses)) !== JSON.stringify(sorted(expected)))
    problems.push(`statuses ${JSON.stringify(statuses)}, expected ${JSON.stringify(expected)}`);
  if (problems.length > 0) throw new Error(`${label}: the board is wrong: ${problems.join('; ')}`);
}

const sorted = (o: Readonly<Record<string, number | undefined>>) =>
  Object.entries(o)
    .filter(([, v]) => v !== undefined && v > 0)
    .sort(([a], [b]) => a.localeCompare(b));
