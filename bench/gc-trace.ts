// Garbage collection on a page's main thread while a measured action runs, read from V8's own trace events: the
// `v8` category only (scavenges, incremental marking steps, mark-compact pauses; a few hundred events, no tracing of
// every task), plus one user-timing mark that ties the trace's clock to the page's. With it a long task of a scroll
// can be told apart: the collector's pause, or the page's own work.
import type { BrowserContext, Page } from 'playwright-core';

export type GcKind = 'scavenge' | 'marking' | 'mark-compact';

/** One pause of the collector on the page's main thread, in the page's clock (performance.now()). */
export interface GcPause {
  readonly kind: GcKind;
  readonly start: number;
  readonly ms: number;
}

export interface GcSummary {
  /** The V8 heap in use when the action began (no collection forced first), in MB. */
  readonly heapAtStartMB: number;
  readonly count: Readonly<Record<GcKind, number>>;
  readonly ms: Readonly<Record<GcKind, number>>;
  readonly pauses: readonly GcPause[];
}

/** A trace event as CDP's Tracing.dataCollected hands it over (the fields read here). */
export interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
}

// A Map, not an object: an event named like an Object.prototype member is no pause.
const KINDS: ReadonlyMap<string, GcKind> = new Map([
  ['MinorGC', 'scavenge'],
  ['V8.GCIncrementalMarking', 'marking'],
  ['MajorGC', 'mark-compact'],
]);

const MARK = 'bench-gc-trace';

/** A trace event's fields read here, when `v` has them (CDP types the events as string records; they are not). */
function traceEvent(v: unknown): TraceEvent | null {
  if (typeof v !== 'object' || v === null) return null;
  const e = v as Record<string, unknown>;
  const { name, ph, ts, dur, pid, tid } = e;
  if (typeof name !== 'string' || typeof ph !== 'string' || typeof ts !== 'number') return null;
  if (typeof pid !== 'number' || typeof tid !== 'number') return null;
  return { name, ph, ts, pid, tid, ...(typeof dur === 'number' ? { dur } : {}) };
}

/**
 * The collector's pauses on the thread that recorded the mark `MARK` at page time `markAt`: the trace's clock
 * (microseconds) is moved onto the page's by that mark. Throws when the mark is not in the trace.
 */
export function gcPauses(events: readonly TraceEvent[], markAt: number): GcPause[] {
  const mark = events.find((e) => e.name === MARK);
  if (!mark) throw new Error(`gc trace: the mark "${MARK}" is not in the ${events.length} trace events`);
  const offset = mark.ts / 1000 - markAt;
  return events
    .filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X' && e.dur !== undefined)
    .flatMap((e) => {
      const kind = KINDS.get(e.name);
      return kind ? [{ kind, start: e.ts / 1000 - offset, ms: (e.dur ?? 0) / 1000 }] : [];
    })
    .sort((a, b) => a.start - b.start);
}

/** Milliseconds of `pauses` (in time order, as gcPauses gives them) inside [start, start + ms], overlaps counted once. */
export function gcWithin(pauses: readonly GcPause[], start: number, ms: number): number {
  const end = start + ms;
  let total = 0;
  let reached = start;
  for (const p of pauses) {
    const from = Math.max(p.start, reached);
    const to = Math.min(p.start + p.ms, end);
    if (to > from) {
      total += to - from;
      reached = to;
    }
  }
  return total;
}

export function summariseGc(pauses: readonly GcPause[], heapAtStartMB: number): GcSummary {
  const count = { scavenge: 0, marking: 0, 'mark-compact': 0 };
  const ms = { scavenge: 0, marking: 0, 'mark-compact': 0 };
  for (const p of pauses) {
    count[p.kind]++;
    ms[p.kind] += p.ms;
  }
  return { heapAtStartMB, count, ms, pauses };
}

/** The summary as the results' JSON keeps it: pauses rounded to the millisecond. */
export const gcDetails = (gc: GcSummary) => ({
  ...gc,
  pauses: gc.pauses.map((p) => ({ ...p, start: Math.round(p.start), ms: Math.round(p.ms) })),
});

/** One line for the bench log: how often and how long the collector paused. */
export function describeGc(gc: GcSummary): string {
  const part = (kind: GcKind, what: string) => `${gc.count[kind]} ${what} (${gc.ms[kind].toFixed(0)} ms)`;
  return (
    `heap ${gc.heapAtStartMB.toFixed(0)} MB at the start; ${part('scavenge', 'scavenges')}, ` +
    `${part('marking', 'incremental marking steps')}, ${part('mark-compact', 'mark-compact pauses')}`
  );
}

/** Runs `action` with V8's trace on for `page`, and returns its result with the collector's pauses meanwhile. */
export async function traceGc<T>(
  context: BrowserContext,
  page: Page,
  action: () => Promise<T>,
): Promise<{ result: T; gc: GcSummary }> {
  const cdp = await context.newCDPSession(page);
  try {
    const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize / 1e6;
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => {
      for (const v of e.value as readonly unknown[]) {
        const event = traceEvent(v);
        if (event) events.push(event);
      }
    });
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: { includedCategories: ['v8', 'blink.user_timing'] },
    });
    let result: T;
    let markAt: number;
    try {
      markAt = await page.evaluate((name) => performance.mark(name).startTime, MARK);
      result = await action();
    } finally {
      await cdp.send('Tracing.end');
      await complete;
    }
    return { result, gc: summariseGc(gcPauses(events, markAt), heap) };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Each long task with the collector's milliseconds inside it. */
export function longTasksWithGc(
  tasks: readonly { start: number; duration: number }[],
  pauses: readonly GcPause[],
): { start: number; duration: number; gcMs: number }[] {
  return tasks.map((t) => ({
    start: Math.round(t.start),
    duration: Math.round(t.duration),
    gcMs: Math.round(gcWithin(pauses, t.start, t.duration)),
  }));
}

/** "65 ms (GC 34), 53 ms (GC 0)" for the log, or "none". */
export const describeLongTasks = (tasks: readonly { duration: number; gcMs: number }[]) =>
  tasks.length === 0 ? 'none' : tasks.map((t) => `${t.duration} ms (GC ${t.gcMs})`).join(', ');
