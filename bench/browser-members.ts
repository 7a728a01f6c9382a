// Browser benchmarks of a 100,000-row report as the issue "Scale and speed" describes it: a member list of 100,000
// party members with the six aggregate sheets of their 3,334 units (the scale of the validation budget, and of a
// province: Đồng Tháp has about 60,000 members).
//   1. Opening it on its member list: navigation to #/r/<id>/members in a fresh page → the list's first row painted
//      (the stored sheets and the list's first 512 members read, the list's grid built); then → the whole list read
//      (its count shown, every member editable); then → every member checked and the list's findings shown.
//   2. Scrolling the member list from top to bottom while a PerformanceObserver collects long tasks.
//   3. The page's JS heap after a full GC with the list open and scrolled.
// The report is written straight into the app's IndexedDB (records made by the app's own storage code, as
// bench/browser-scale.ts does for its 100,000-unit report).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { benchMembers } from '../src/core/list/synthetic';
import { chunkOf } from '../src/storage/member-store';
import { sheetChunkRecords, toMemberColumns } from '../src/storage/chunks';
import type { MemberRecord, ReportRecord } from '../src/storage/db';
import {
  closeQuietly,
  heapAfterGc,
  single,
  logSettled,
  newAppPage,
  round,
  timed,
  YEAR,
  type BrowserResults,
  type Log,
  settle,
} from './browser-page';
import {
  describeOpen,
  installPaintProbe,
  openFresh,
  paintProbe,
  SCALE_RUNS,
  SCALE_TIMEOUT_MS,
  scrollRuns,
  SCROLL_STEPS,
  tracedScroll,
  reportJson,
  storeReport,
  type OpenRun,
  type TracedScroll,
} from './browser-scale';
import type { Figure } from './figures';
import { describeGc, describeLongTasks, gcDetails } from './gc-trace';
import {
  formatSummary,
  startProfile,
  summariseProfile,
  type ProfileSummary,
  type SourceMaps,
} from './profile';
import { quantile } from './stats';
import { syntheticData } from './synthetic';
import type { RowValues } from '../src/core/model';

export const LIST_MEMBERS = 100_000;
const REPORT_ID = 'bench-members-100k';
const REPORT_NAME = 'Đảng ủy bench 100.000 đảng viên';
const GRID = '[data-testid="members-grid"]';
// A row with its member (a row still loading has no row-id).
const FIRST_ROW = `${GRID} .ag-row[row-index="0"][row-id]`;

export function listReport() {
  const list = benchMembers(LIST_MEMBERS);
  const sheets = syntheticData(list.units);
  const now = Date.now();
  const meta: ReportRecord = {
    id: REPORT_ID,
    name: REPORT_NAME,
    committee: { name: 'Tỉnh ủy bench', level: 'huyen' },
    year: YEAR,
    templateId: sheets.templateId,
    units: [...list.units],
    settings: {},
    createdAt: now,
    updatedAt: now,
  };
  const byChunk = new Map<number, Map<string, RowValues>>();
  for (const [row, values] of list.rows) {
    const chunk = chunkOf(row);
    const rows = byChunk.get(chunk) ?? new Map<string, RowValues>();
    rows.set(row, values);
    byChunk.set(chunk, rows);
  }
  // Made by the app's own code, as the member store writes them.
  const members: MemberRecord[] = [...byChunk].flatMap(([chunk, rows]) => {
    const columns = toMemberColumns(rows);
    return columns ? [{ reportId: REPORT_ID, chunk, ...columns }] : [];
  });
  return { meta, chunks: sheetChunkRecords(REPORT_ID, sheets.data), members, units: list.units.length };
}

/** The member list's problems once every member is checked (the list opens unchecked, then checks itself). */
const CHECKED = '[data-testid="member-problems"][data-checked="true"]';

/** The member count, shown once the whole list is read (its first members are shown before). */
const WHOLE = '[data-testid="member-count"]';

/** Runs in the page: when `selector` first matches, by the page's clock, kept in globalThis[key]. */
const installMatchProbe = ({ selector, key }: { selector: string; key: string }) => {
  const mark = () => {
    if (!document.querySelector(selector)) return false;
    Object.assign(globalThis, { [key]: performance.now() });
    return true;
  };
  const observer = new MutationObserver(() => {
    if (mark()) observer.disconnect();
  });
  document.addEventListener('DOMContentLoaded', () => {
    if (!mark()) observer.observe(document.body, { childList: true, subtree: true, attributes: true });
  });
};

/** When the open page first matched `selector` (navigation start = 0); waits for it. */
async function matchedAt(page: Page, selector: string, key: string): Promise<number> {
  await page.waitForSelector(selector, { timeout: SCALE_TIMEOUT_MS });
  const handle = await page.waitForFunction((k) => (globalThis as Record<string, unknown>)[k], key);
  return Number(await handle.jsonValue());
}

/** The list shown is the stored one: its name and the first member's row (its first members come first). */
async function checkOpen(page: Page, label: string): Promise<void> {
  const name = (await page.getByTestId('report-name').textContent())?.trim();
  const problems: string[] = [];
  if (name !== REPORT_NAME) problems.push(`name "${name ?? ''}"`);
  if (!(await page.locator(FIRST_ROW).first().isVisible())) problems.push('no first row');
  if (problems.length > 0) throw new Error(`${label}: the list shown is wrong: ${problems.join('; ')}`);
}

/** Once the whole list is read: 100,000 members counted. */
async function checkWhole(page: Page, label: string): Promise<void> {
  const count = (await page.getByTestId('member-count').textContent())?.replace(/\D/g, '');
  if (count !== String(LIST_MEMBERS)) throw new Error(`${label}: member count "${count ?? ''}"`);
}

/** Scrolls the open member list top to bottom with V8's trace on; checks the last row shown. */
async function scrollList(context: BrowserContext, open: Page, log: Log, run: number): Promise<TracedScroll> {
  logSettled(log, `members scroll ${run}`, await settle());
  const traced = await tracedScroll(context, open, GRID);
  const { scroll, gc, longTasks, longest } = traced;
  log(
    `members scroll ${run}: ${scroll.frames} frames in ${scroll.ms.toFixed(0)} ms, ${scroll.longTasks.length} long ` +
      `tasks, the longest ${longest.toFixed(0)} ms, longest frame gap ${scroll.longestFrameGap.toFixed(0)} ms, ` +
      `rows in view complete ${scroll.settledMs.toFixed(0)} ms after the last jump; ` +
      `last row ${scroll.lastRow.index}`,
  );
  log(`members scroll ${run} GC: ${describeGc(gc)}; long tasks ${describeLongTasks(longTasks)}`);
  if (scroll.lastRow.index !== String(LIST_MEMBERS - 1))
    throw new Error(`members scroll: the last row shown is ${scroll.lastRow.index}`);
  return traced;
}

export async function benchMemberList(
  browser: Browser,
  baseURL: string,
  assets: string,
  maps: SourceMaps,
  log: Log,
): Promise<BrowserResults> {
  const n = LIST_MEMBERS.toLocaleString('en-US');
  let t = performance.now();
  const report = listReport();
  const file = 'members-100k.json';
  await mkdir(assets, { recursive: true });
  await writeFile(join(assets, file), reportJson(report));
  log(
    `members: ${n} members over ${report.units} units, ${report.members.length} member chunks and ` +
      `${report.chunks.length} sheet chunks made in ${Math.round(performance.now() - t)} ms`,
  );

  const { context, page, errors } = await newAppPage(browser, baseURL);
  try {
    await page.goto('/');
    await page.getByTestId('open-sample').waitFor({ timeout: SCALE_TIMEOUT_MS });
    t = performance.now();
    await page.evaluate(storeReport, `/__bench/${file}`);
    log(`members: stored in IndexedDB in ${Math.round(performance.now() - t)} ms`);
    await page.close();
    await context.addInitScript(installPaintProbe, FIRST_ROW);
    await context.addInitScript(installMatchProbe, { selector: WHOLE, key: '__benchWhole' });
    await context.addInitScript(installMatchProbe, { selector: CHECKED, key: '__benchChecked' });
    logSettled(log, 'members', await settle());

    // 1. SCALE_RUNS fresh pages opened straight on the member list.
    const opens: OpenRun[] = [];
    const wholes: number[] = [];
    const checks: number[] = [];
    const scrolls: TracedScroll[] = [];
    let open: Page | null = null;
    for (let i = 0; i < SCALE_RUNS; i++) {
      await open?.close();
      // The page before is torn down first (its renderer frees a whole list).
      if (i > 0) logSettled(log, `members open run ${i + 1}`, await settle());
      const fresh = await openFresh(context, errors, `#/r/${REPORT_ID}/members`, (page) =>
        checkOpen(page, 'members open'),
      );
      open = fresh.page;
      const run = fresh.run;
      opens.push(run);
      const whole = await matchedAt(open, WHOLE, '__benchWhole');
      await checkWhole(open, 'members open');
      const checked = await matchedAt(open, CHECKED, '__benchChecked');
      wholes.push(whole);
      checks.push(checked);
      log(
        `members open run ${i + 1}: ${describeOpen(run)}; the whole list read at ${whole.toFixed(0)} ms, ` +
          `its findings shown at ${checked.toFixed(0)} ms`,
      );
      // 2. Scrolling the list of each page opened.
      scrolls.push(await scrollList(context, open, log, i + 1));
    }
    const last = scrolls.at(-1);
    if (!open || !last) throw new Error('members: no open page');

    // One more open under the CPU profiler (not counted): where the time goes.
    let profile: ProfileSummary | null = null;
    {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      try {
        const stop = await startProfile(cdp);
        await page.goto(`/#/r/${REPORT_ID}/members`, { waitUntil: 'commit' });
        await paintProbe(page);
        profile = summariseProfile(await stop(), maps, 14);
        for (const line of formatSummary(profile)) log(`members open profile ${line}`);
      } catch (e) {
        log(`members open profile not measured: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        await cdp.detach().catch(() => undefined);
        await page.close();
      }
    }

    // 3. The heap of the last page opened, after its scroll.
    const heap = await heapAfterGc(context, open);
    log(`members memory: ${(heap.usedSize / 1e6).toFixed(0)} MB used`);
    if (errors.length > 0) throw new Error(`members: page errors: ${errors.join(' | ')}`);

    const phase = (k: 'total' | 'boot' | 'idb' | 'build' | 'paint') =>
      Math.round(
        quantile(
          opens.map((r) => r[k]),
          0.5,
        ),
      );
    const figures: Figure[] = [
      timed(
        'browser-open-100k',
        `Browser: open a report with a ${n}-member list (+ six sheets, ${report.units} units), navigation → list's first row painted`,
        round(opens.map((r) => r.total)),
      ),
      timed(
        'browser-open-100k-whole',
        `Browser: the same open, navigation → the whole list read (its first members are shown before), every member editable`,
        round(wholes),
      ),
      timed(
        'browser-open-100k-checked',
        `Browser: the same open, navigation → the list's findings shown (every member checked)`,
        round(checks),
      ),
      timed(
        'browser-scroll-members-longest-task',
        `Browser: scroll the ${n}-member list, longest long task of each scroll ` +
          `(${scrolls.map((s) => s.scroll.longTasks.length).join(', ')} long tasks)`,
        round(scrolls.map((s) => s.longest)),
      ),
      timed(
        'browser-scroll-members-longest-task-cpu',
        `Browser: scroll the ${n}-member list, the main thread's CPU time in each scroll's longest long task`,
        round(scrolls.map((s) => s.longestCpu)),
      ),
      timed(
        'browser-scroll-members-settled',
        `Browser: scroll the ${n}-member list, last jump → every row in view complete`,
        round(scrolls.map((s) => s.scroll.settledMs)),
      ),
      single(
        'browser-memory-members-100k',
        `Browser: JS heap after GC, ${n}-member list open and scrolled`,
        'MB',
        heap.usedSize / 1e6,
      ),
    ];
    return {
      figures,
      details: {
        members: LIST_MEMBERS,
        units: report.units,
        open: {
          runs: opens,
          phaseMedians: {
            total: phase('total'),
            boot: phase('boot'),
            idb: phase('idb'),
            build: phase('build'),
            paint: phase('paint'),
          },
          mainThreadProfile: profile,
          measures:
            'a fresh page navigated to #/r/<id>/members: navigation start → the member grid’s first row in the ' +
            'DOM → the frame after it painted',
        },
        scroll: {
          ...last.scroll,
          longTasks: last.longTasks,
          gc: gcDetails(last.gc),
          runs: scrollRuns(scrolls),
          measures:
            `after each open, scrollTop of the list's .ag-grid-viewport moved top to bottom in ${SCROLL_STEPS} ` +
            'equal jumps, one per animation frame (bench/browser-scale.ts scrollProbe)',
        },
        memory: { usedMB: heap.usedSize / 1e6, totalMB: heap.totalSize / 1e6 },
      },
    };
  } finally {
    await closeQuietly(context);
  }
}
