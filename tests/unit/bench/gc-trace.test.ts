import { describe, expect, it } from 'vitest';
import {
  cpuOfTask,
  cpuPerFrame,
  describeLongTasks,
  gcDetails,
  gcPauses,
  gcWithin,
  helperGc,
  longTasksWithGc,
  mainTasks,
  spansWithin,
  summariseGc,
  type TraceEvent,
} from '../../../bench/gc-trace';

const MAIN = { pid: 7, tid: 1 };
const ev = (name: string, tsMs: number, durMs?: number, at = MAIN): TraceEvent => ({
  name,
  ph: durMs === undefined ? 'R' : 'X',
  ts: tsMs * 1000,
  ...(durMs === undefined ? {} : { dur: durMs * 1000 }),
  ...at,
});

describe('gcPauses', () => {
  it('moves the pauses of the marked thread onto the page clock, by kind, in time order', () => {
    // The mark is at trace time 5000 ms and page time 200 ms: the trace runs 4800 ms ahead.
    const events = [
      ev('MajorGC', 5300, 34),
      ev('bench-gc-trace', 5000),
      ev('MinorGC', 5100, 20),
      ev('V8.GCIncrementalMarking', 5200, 7),
      ev('MinorGC', 5150, 9, { pid: 7, tid: 2 }), // another thread
      ev('FunctionCall', 5120, 3), // not the collector
    ];
    expect(gcPauses(events, 200)).toEqual([
      { kind: 'scavenge', start: 300, ms: 20 },
      { kind: 'marking', start: 400, ms: 7 },
      { kind: 'mark-compact', start: 500, ms: 34 },
    ]);
  });

  it('says so when the mark is missing', () => {
    expect(() => gcPauses([ev('MinorGC', 1, 1)], 0)).toThrow(/bench-gc-trace.*1 trace events/);
  });
});

describe('gcWithin', () => {
  const pauses = [
    { kind: 'marking' as const, start: 10, ms: 10 },
    { kind: 'mark-compact' as const, start: 15, ms: 10 }, // overlaps the one before
    { kind: 'scavenge' as const, start: 40, ms: 5 },
  ];

  it('counts only what falls inside the task, and an overlap once', () => {
    expect(gcWithin(pauses, 0, 100)).toBe(20);
    expect(gcWithin(pauses, 12, 30)).toBe(15); // 12–25 of the first two, 40–42 of the third
    expect(gcWithin(pauses, 26, 10)).toBe(0);
  });

  it("gives each long task its share, the CPU time of its task, and the helpers' work meanwhile", () => {
    const tasks = longTasksWithGc([{ start: 9.6, duration: 51.4 }], {
      pauses,
      tasks: [
        { start: 0, ms: 8, cpuMs: 8 },
        { start: 9.5, ms: 51.6, cpuMs: 27.4 },
      ],
      helpers: [
        { start: 0, ms: 30 },
        { start: 20, ms: 100 },
      ],
    });
    // Helpers: 9.6–30 of the first (20.4 ms) and 20–61 of the second (41 ms), side by side.
    expect(tasks).toEqual([{ start: 10, duration: 51, gcMs: 20, cpuMs: 27, helperGcMs: 61 }]);
    expect(describeLongTasks(tasks)).toBe('51 ms (GC 20, CPU 27, GC helpers 61)');
    expect(describeLongTasks([])).toBe('none');
  });

  it('says the CPU time is unknown when the trace has no task there', () => {
    const [task] = longTasksWithGc([{ start: 100, duration: 60 }], { pauses: [], tasks: [], helpers: [] });
    expect(task?.cpuMs).toBeNull();
    expect(describeLongTasks(task ? [task] : [])).toBe('60 ms (GC 0, CPU ?, GC helpers 0)');
  });
});

describe("the main thread's tasks and the collector's helpers", () => {
  const cpu = (name: string, tsMs: number, durMs: number, cpuMs: number, at = MAIN): TraceEvent => ({
    ...ev(name, tsMs, durMs, at),
    tdur: cpuMs * 1000,
  });
  // The mark at trace time 5000 ms, page time 200 ms.
  const events = [
    ev('bench-gc-trace', 5000),
    cpu('ThreadControllerImpl::RunTask', 5300, 62, 30),
    cpu('ThreadControllerImpl::RunTask', 5100, 10, 9),
    cpu('ThreadControllerImpl::RunTask', 5300, 40, 40, { pid: 7, tid: 3 }), // a helper thread's task
    cpu('FunctionCall', 5301, 20, 20), // inside a task, not one
    ev('V8.GC_MC_BACKGROUND_MARKING', 5310, 50, { pid: 7, tid: 3 }),
    ev('V8.GC_MC_BACKGROUND_SWEEPING', 5320, 10, { pid: 7, tid: 4 }),
    ev('V8.GC_MC_BACKGROUND_MARKING', 5310, 50, { pid: 9, tid: 3 }), // another process
    ev('V8.GC_MC_MARK', 5310, 5), // the main thread's own
  ];

  it("takes the marked thread's tasks with their CPU time, on the page clock", () => {
    expect(mainTasks(events, 200)).toEqual([
      { start: 300, ms: 10, cpuMs: 9 },
      { start: 500, ms: 62, cpuMs: 30 },
    ]);
  });

  it("takes the collector's background work on the other threads of the page's process", () => {
    const helpers = helperGc(events, 200);
    expect(helpers).toEqual([
      { start: 510, ms: 50 },
      { start: 520, ms: 10 },
    ]);
    expect(spansWithin(helpers, 500, 20)).toBe(10); // 510–520 of the first; the second starts as it ends
    expect(spansWithin(helpers, 500, 62)).toBe(60);
  });

  it('gives a long task the CPU time of the task that overlaps it most', () => {
    const tasks = mainTasks(events, 200);
    expect(cpuOfTask(tasks, 501, 60)).toBe(30);
    expect(cpuOfTask(tasks, 305, 8)).toBe(9);
    expect(cpuOfTask(tasks, 1000, 60)).toBeNull();
  });

  it("spreads the main thread's CPU time over the frames", () => {
    expect(cpuPerFrame(mainTasks(events, 200), 3)).toBeCloseTo(13);
    expect(cpuPerFrame(mainTasks(events, 200), 0)).toBe(0);
  });

  it('keeps neither the tasks nor the helpers in the results', () => {
    const gc = summariseGc([], 100, mainTasks(events, 200), helperGc(events, 200));
    expect(gc.tasks).toHaveLength(2);
    expect(Object.keys(gcDetails(gc)).sort()).toEqual(['count', 'heapAtStartMB', 'ms', 'pauses']);
  });
});

describe('summariseGc', () => {
  it('counts and sums each kind', () => {
    const gc = summariseGc(
      [
        { kind: 'scavenge', start: 0, ms: 20 },
        { kind: 'scavenge', start: 50, ms: 30 },
        { kind: 'mark-compact', start: 90, ms: 40 },
      ],
      186,
    );
    expect(gc.count).toEqual({ scavenge: 2, marking: 0, 'mark-compact': 1 });
    expect(gc.ms).toEqual({ scavenge: 50, marking: 0, 'mark-compact': 40 });
    expect(gc.heapAtStartMB).toBe(186);
  });
});
