import { describe, expect, it } from 'vitest';
import {
  describeLongTasks,
  gcPauses,
  gcWithin,
  longTasksWithGc,
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

  it('gives each long task its share', () => {
    const tasks = longTasksWithGc([{ start: 9.6, duration: 51.4 }], pauses);
    expect(tasks).toEqual([{ start: 10, duration: 51, gcMs: 20 }]);
    expect(describeLongTasks(tasks)).toBe('51 ms (GC 20)');
    expect(describeLongTasks([])).toBe('none');
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
