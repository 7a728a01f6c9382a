import { describe, expect, it } from 'vitest';
import { check, table } from '../../../bench/report';

describe('the results table', () => {
  it('writes each figure with its budget and verdict, a zero as a whole number', () => {
    const rows = check(
      [
        { id: 'scroll', what: 'Scroll', unit: 'ms', median: 0, p95: 58, runs: 3 },
        { id: 'edit', what: 'Edit', unit: 'ms', median: 0.0284, p95: 0.031, runs: 100 },
        { id: 'paste', what: 'Paste', unit: 'ms', median: 1072.4, p95: null, runs: 1 },
        { id: 'control', what: 'Control', unit: 'ms', median: 7.25, p95: 9, runs: 3 },
      ],
      [
        { figure: 'scroll', stat: 'median', max: 50, unit: 'ms' },
        { figure: 'edit', stat: 'median', max: 5, unit: 'ms' },
        { figure: 'paste', stat: 'median', max: 1000, unit: 'ms' },
      ],
    );
    expect(table(rows).split('\n').slice(2)).toEqual([
      '| Scroll | 0 ms | 58 ms | ≤ 50 ms | yes |',
      '| Edit | 0.028 ms | 0.031 ms | ≤ 5.00 ms | yes |',
      '| Paste | 1072 ms | — | ≤ 1000 ms | **NO** |',
      '| Control | 7.25 ms | 9.00 ms | — |  |',
    ]);
  });
});
