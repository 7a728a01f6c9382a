// Biểu 01's summary block: organizations per level and their share of those rated (Tân Hồng 2022: 27 rated,
// 5 excellent, 26 good including them, 1 completed).
import { describe, expect, it } from 'vitest';
import type { Convention, Rounding } from '../../../src/core/model';
import { summarizeLevels } from '../../../src/core/summary';

const TAN_HONG: Readonly<Record<string, number>> = { HTXSNV: 5, HTTNV: 21, HTNV: 1, KHTNV: 0, CHUA: 0 };
const countIn =
  (counts: Readonly<Record<string, number>>) =>
  (value: string): number =>
    counts[value] ?? 0;

function percents(convention: Convention, rounding: Rounding, counts = TAN_HONG, units = 27) {
  return summarizeLevels(countIn(counts), units, convention, rounding).rows.map((r) => [
    r.level,
    r.count,
    r.percent,
  ]);
}

describe('summarizeLevels', () => {
  it('inclusive, truncated: 26 good (96,29 %) including 5 excellent, 1 completed (3,70 %)', () => {
    expect(percents('inclusive', 'truncate')).toEqual([
      ['HTXSNV', 5, 18.51],
      ['HTTNV', 26, 96.29],
      ['HTNV', 1, 3.7],
      ['KHTNV', 0, 0],
    ]);
  });

  it('inclusive, complement: the published 96,29 % + 3,71 % = 100 %', () => {
    expect(percents('inclusive', 'complement')).toEqual([
      ['HTXSNV', 5, 18.51],
      ['HTTNV', 26, 96.29],
      ['HTNV', 1, 3.71],
      ['KHTNV', 0, 0],
    ]);
  });

  it('inclusive, half-up: 96,30 % and 3,70 %', () => {
    expect(percents('inclusive', 'half-up')).toEqual([
      ['HTXSNV', 5, 18.52],
      ['HTTNV', 26, 96.3],
      ['HTNV', 1, 3.7],
      ['KHTNV', 0, 0],
    ]);
  });

  it('exclusive, complement: the four disjoint levels sum to 100 %', () => {
    const rows = percents('exclusive', 'complement');
    expect(rows).toEqual([
      ['HTXSNV', 5, 18.51],
      ['HTTNV', 21, 77.77],
      ['HTNV', 1, 3.72],
      ['KHTNV', 0, 0],
    ]);
    expect(rows.reduce((s, r) => s + Math.round(Number(r[2]) * 100), 0)).toBe(10000);
  });

  it('counts the rated, the not yet rated and the blank rows', () => {
    const summary = summarizeLevels(countIn({ ...TAN_HONG, CHUA: 2 }), 30, 'inclusive', 'half-up');
    expect([summary.rated, summary.notRated, summary.blank]).toEqual([27, 2, 1]);
  });

  it('nobody rated: no percentages', () => {
    expect(percents('inclusive', 'complement', { CHUA: 3 }, 3)).toEqual([
      ['HTXSNV', 0, null],
      ['HTTNV', 0, null],
      ['HTNV', 0, null],
      ['KHTNV', 0, null],
    ]);
  });
});
