// Garbage collection on a page's main thread while a measured action runs, read from V8's own trace events (the `v8`
// category: scavenges, incremental marking steps, mark-compact pauses), plus one user-timing mark that ties the
// trace's clock to the page's. With it a long task of a scroll can be told apart: the collector's pause, or the
// page's own work. Two more categories say how much of a long task the page's main thread actually ran: `toplevel`
// gives each of its tasks with the CPU time the thread got in it (a task on a 2-core machine can last twice its CPU
// time, the thread waiting for a core), and `disabled-by-default-v8.gc` the collector's helper threads (concurrent
// marking and sweeping) that took the cores meanwhile.
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
  /** The main thread's tasks, with their CPU time (not kept in the results: thousands per scroll). */
  readonly tasks: readonly MainTask[];
  /** The work of the collector's helper threads in the page's process (not kept in the results either). */
  readonly helpers: readonly Span[];
}

/** A span of time in the page's clock. */
export interface Span {
  readonly start: number;
  readonly ms: number;
}

/** One task of the page's main thread, and the CPU time the thread got during it. */
export interface MainTask extends Span {
  readonly cpuMs: number;
}

/** A trace event as CDP's Tracing.dataCollected hands it over (the fields read here). */
export interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  /** The CPU time the thread got during the event, in microseconds. */
  readonly tdur?: number;
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
  const { name, ph, ts, dur, tdur, pid, tid } = e;
  if (typeof name !== 'string' || typeof ph !== 'string' || typeof ts !== 'number') return null;
  if (typeof pid !== 'number' || typeof tid !== 'number') return null;
  return {
    name,
    ph,
    ts,
    pid,
    tid,
    ...(typeof dur === 'number' ? { dur } : {}),
    ...(typeof tdur === 'number' ? { tdur } : {}),
  };
}

/**
 * The collector's pauses on the thread that recorded the mark `MARK` at page time `markAt`: the trace's clock
 * (microseconds) is moved onto the page's by that mark. Throws when the mark is not in the trace.
 */
export function gcPauses(events: readonly TraceEvent[], markAt: number): GcPause[] {
  return onPageClock(events, markAt, 'main', (e, span) => {
    const kind = KINDS.get(e.name);
    return kind ? { kind, ...span } : null;
  });
}

/** The tasks of the thread that recorded the mark, with the CPU time it got in each, on the page's clock. */
export function mainTasks(events: readonly TraceEvent[], markAt: number): MainTask[] {
  return onPageClock(events, markAt, 'main', (e, span) =>
    e.name === 'ThreadControllerImpl::RunTask' && e.tdur !== undefined
      ? { ...span, cpuMs: e.tdur / 1000 }
      : null,
  );
}

/**
 * The collector's work on the other threads of the page's process (V8's background marking, sweeping, scavenging
 * and evacuation jobs), on the page's clock.
 */
export function helperGc(events: readonly TraceEvent[], markAt: number): Span[] {
  return onPageClock(events, markAt, 'others', (e, span) =>
    /^V8\.GC_\w*BACKGROUND/.test(e.name) ? span : null,
  );
}

/**
 * What `take` makes of the events with a duration of the thread that recorded the mark `MARK` at page time
 * `markAt` ('main'), or of the other threads of its process ('others'), in time order: the trace's clock
 * (microseconds) is moved onto the page's by that mark. Throws when the mark is not in the trace.
 */
function onPageClock<T extends Span>(
  events: readonly TraceEvent[],
  markAt: number,
  threads: 'main' | 'others',
  take: (e: TraceEvent, span: Span) => T | null,
): T[] {
  const mark = events.find((e) => e.name === MARK);
  if (!mark) throw new Error(`gc trace: the mark "${MARK}" is not in the ${events.length} trace events`);
  const offset = mark.ts / 1000 - markAt;
  const out: T[] = [];
  for (const e of events) {
    if (e.pid !== mark.pid || (e.tid === mark.tid) !== (threads === 'main') || e.ph !== 'X') continue;
    if (e.dur === undefined) continue;
    const made = take(e, { start: e.ts / 1000 - offset, ms: e.dur / 1000 });
    if (made) out.push(made);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** How long [start, start + ms] and the span overlap, in ms (0 when apart). */
const overlap = (s: Span, start: number, ms: number) =>
  Math.max(0, Math.min(s.start + s.ms, start + ms) - Math.max(s.start, start));

/** Milliseconds of `spans` inside [start, start + ms], each span counted on its own (threads run side by side). */
export function spansWithin(spans: readonly Span[], start: number, ms: number): number {
  return spans.reduce((total, s) => total + overlap(s, start, ms), 0);
}

/**
 * The CPU time of the main-thread task that overlaps [start, start + ms] most, or null when the trace holds none
 * (a long task is one task of the main thread).
 */
export function cpuOfTask(tasks: readonly MainTask[], start: number, ms: number): number | null {
  let best: MainTask | null = null;
  let most = 0;
  for (const t of tasks) {
    const o = overlap(t, start, ms);
    if (o > most) {
      most = o;
      best = t;
    }
  }
  return best ? best.cpuMs : null;
}

/** The main thread's CPU time over `tasks`, per frame of `frames`. */
export function cpuPerFrame(tasks: readonly MainTask[], frames: number): number {
  return frames > 0 ? tasks.reduce((sum, t) => sum + t.cpuMs, 0) / frames : 0;
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

export function summariseGc(
  pauses: readonly GcPause[],
  heapAtStartMB: number,
  tasks: readonly MainTask[] = [],
  helpers: readonly Span[] = [],
): GcSummary {
  const count = { scavenge: 0, marking: 0, 'mark-compact': 0 };
  const ms = { scavenge: 0, marking: 0, 'mark-compact': 0 };
  for (const p of pauses) {
    count[p.kind]++;
    ms[p.kind] += p.ms;
  }
  return { heapAtStartMB, count, ms, pauses, tasks, helpers };
}

/** The summary as the results' JSON keeps it: pauses rounded to the millisecond; no tasks or helper spans. */
export const gcDetails = (gc: GcSummary) => ({
  heapAtStartMB: gc.heapAtStartMB,
  count: gc.count,
  ms: gc.ms,
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
      traceConfig: {
        includedCategories: ['v8', 'blink.user_timing', 'toplevel', 'disabled-by-default-v8.gc'],
      },
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
    return {
      result,
      gc: summariseGc(gcPauses(events, markAt), heap, mainTasks(events, markAt), helperGc(events, markAt)),
    };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** A long task, with what the trace says of it. */
export interface TracedLongTask {
  readonly start: number;
  readonly duration: number;
  /** The collector's pauses on the main thread inside it. */
  readonly gcMs: number;
  /** The CPU time the main thread got during it; null when the trace has no task there. */
  readonly cpuMs: number | null;
  /** The collector's helper threads' work meanwhile, summed over the threads. */
  readonly helperGcMs: number;
}

/** Each long task with the collector's milliseconds inside it, the main thread's CPU time, and the helpers' work. */
export function longTasksWithGc(
  tasks: readonly { start: number; duration: number }[],
  gc: Pick<GcSummary, 'pauses' | 'tasks' | 'helpers'>,
): TracedLongTask[] {
  return tasks.map((t) => {
    const cpu = cpuOfTask(gc.tasks, t.start, t.duration);
    return {
      start: Math.round(t.start),
      duration: Math.round(t.duration),
      gcMs: Math.round(gcWithin(gc.pauses, t.start, t.duration)),
      cpuMs: cpu === null ? null : Math.round(cpu),
      helperGcMs: Math.round(spansWithin(gc.helpers, t.start, t.duration)),
    };
  });
}

/** "65 ms (GC 34, CPU 30, GC helpers 120), 53 ms (GC 0, CPU ?, GC helpers 0)" for the log, or "none". */
export const describeLongTasks = (tasks: readonly TracedLongTask[]) =>
  tasks.length === 0
    ? 'none'
    : tasks
        .map((t) => `${t.duration} ms (GC ${t.gcMs}, CPU ${t.cpuMs ?? '?'}, GC helpers ${t.helperGcMs})`)
        .join(', ');
