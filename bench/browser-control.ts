// The machine's own tail, measured beside the scrolls: a blank page whose every animation frame does only a fixed
// amount of plain JavaScript (no DOM to build, no style, no layout, no garbage), as much CPU time per frame as the
// scroll's main thread used on average. Any long task it shows comes from the machine (the other core busy, the
// virtual CPU paused by its host), not from a page's work: it tells how far a scroll's longest task can be put
// down to the machine. It has no budget; the scrolls' budgets are unchanged.
import type { Browser } from 'playwright-core';
import { NAME_SHIM, VIEWPORT, type Log } from './browser-page';

/** Frames per run: as many as a scroll's jumps (bench/browser-scale.ts SCROLL_STEPS). */
export const CONTROL_FRAMES = 300;

export interface ControlRun {
  /** The work asked for per frame, and the units of work (1,000 square roots each) it was sized to. */
  readonly workMs: number;
  readonly unitsPerFrame: number;
  /** The frames' own work, measured around it: median and longest, in ms. */
  readonly frameMedian: number;
  readonly frameLongest: number;
  readonly longTasks: readonly number[];
  /** The longest long task, 0 without any. */
  readonly longest: number;
}

/**
 * Runs in the page: times one unit of work (1,000 square roots) as the fastest of 50 batches of 100, then does
 * `units(workMs)` units in each of `frames` animation frames, with a long-task observer on.
 */
export const controlProbe = async (a: { workMs: number; frames: number }) => {
  let sink = 0;
  const work = (units: number) => {
    for (let u = 0; u < units; u++) for (let i = 0; i < 1000; i++) sink += Math.sqrt(i + (sink % 7));
  };
  let fastest = Infinity;
  for (let b = 0; b < 50; b++) {
    const t = performance.now();
    work(100);
    fastest = Math.min(fastest, (performance.now() - t) / 100);
  }
  const units = Math.max(1, Math.round(a.workMs / fastest));
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push(e.duration);
  });
  observer.observe({ type: 'longtask' });
  const frames: number[] = [];
  const shown = document.body;
  await new Promise<void>((resolve) => {
    const step = () => {
      const t = performance.now();
      work(units);
      frames.push(performance.now() - t);
      shown.textContent = String(frames.length);
      if (frames.length >= a.frames) resolve();
      else requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  await new Promise((r) => setTimeout(r, 500));
  for (const e of observer.takeRecords()) tasks.push(e.duration);
  observer.disconnect();
  frames.sort((x, y) => x - y);
  return {
    units,
    frameMedian: frames[Math.floor(frames.length / 2)] ?? 0,
    frameLongest: frames.at(-1) ?? 0,
    longTasks: tasks,
    sink,
  };
};

/** `runs` runs of the control in a fresh blank page each, `workMs` of work per frame. */
export async function controlRuns(
  browser: Browser,
  workMs: number,
  runs: number,
  log: Log,
): Promise<ControlRun[]> {
  const out: ControlRun[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: VIEWPORT });
    try {
      const page = await context.newPage();
      await page.setContent('<!doctype html><body style="font: 14px sans-serif">0</body>');
      await page.evaluate(NAME_SHIM);
      const r = await page.evaluate(controlProbe, { workMs, frames: CONTROL_FRAMES });
      const run: ControlRun = {
        workMs,
        unitsPerFrame: r.units,
        frameMedian: r.frameMedian,
        frameLongest: r.frameLongest,
        longTasks: r.longTasks.map((d) => Math.round(d)),
        longest: Math.round(Math.max(0, ...r.longTasks)),
      };
      log(
        `control ${i + 1}: ${workMs.toFixed(1)} ms of work asked per frame (${run.unitsPerFrame} units), the ` +
          `frames' work median ${run.frameMedian.toFixed(1)} ms, longest ${run.frameLongest.toFixed(1)} ms; ` +
          `${run.longTasks.length} long tasks${run.longTasks.length > 0 ? `: ${run.longTasks.join(', ')} ms` : ''}`,
      );
      out.push(run);
    } finally {
      await context.close().catch(() => undefined);
    }
  }
  return out;
}
