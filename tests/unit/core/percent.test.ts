// Percentages (DOMAIN §5): half-up by default, truncation and "complement the last level to 100" as options;
// computed in integers, so 5/26 is 19,23 and never 19,229999.
import { describe, expect, it } from 'vitest';
import type { Convention, RowValues, Rounding } from '../../../src/core/model';
import {
  computePercents,
  denominatorColumns,
  percentInputs,
  percentOf,
  percentTolerance,
} from '../../../src/core/percent';
import { sheet02, sheet03, sheet04 } from '../../../src/templates/sheets';

describe('percentOf', () => {
  it.each<[number, number, number, 'half-up' | 'truncate', number | null]>([
    [5, 26, 2, 'half-up', 19.23],
    [5, 26, 2, 'truncate', 19.23],
    [2, 89, 2, 'half-up', 2.25],
    [26, 27, 2, 'truncate', 96.29],
    [26, 27, 2, 'half-up', 96.3],
    [1, 27, 2, 'truncate', 3.7],
    [2, 3, 2, 'half-up', 66.67],
    [2, 3, 2, 'truncate', 66.66],
    [1, 3, 2, 'half-up', 33.33],
    [1, 8, 0, 'half-up', 13],
    [1, 8, 0, 'truncate', 12],
    [1, 16, 1, 'half-up', 6.3],
    [1, 16, 1, 'truncate', 6.2],
    [1, 800, 2, 'half-up', 0.13],
    [104, 103, 0, 'half-up', 101],
    [2682, 2816, 2, 'half-up', 95.24],
    [392, 2682, 2, 'half-up', 14.62],
    [0, 89, 2, 'half-up', 0],
    [89, 89, 2, 'truncate', 100],
    [1, 0, 2, 'half-up', null],
    [0, 0, 2, 'truncate', null],
    [1, -5, 2, 'half-up', null],
  ])('%i / %i with %i decimals, %s: %s', (count, base, decimals, mode, expected) => {
    expect(percentOf(count, base, decimals, mode)).toBe(expected);
  });
});

// Biểu 02's layout: rated, X, G, H, K and a percentage of each over the rated count.
function percents(row: RowValues, rounding: Rounding, convention: Convention = 'inclusive') {
  return Object.fromEntries(computePercents(sheet02, convention, rounding, row));
}

describe('computePercents: 27 organizations, 26 good (5 excellent among them) + 1 completed', () => {
  const ROW = { rated: 27, x: 5, g: 26, h: 1, k: 0 };

  it('truncation gives 96,29 and 3,70', () => {
    expect(percents(ROW, 'truncate')).toEqual({ 'pct-x': 18.51, 'pct-g': 96.29, 'pct-h': 3.7, 'pct-k': 0 });
  });

  it('half-up gives 96,30 and 3,70', () => {
    expect(percents(ROW, 'half-up')).toEqual({ 'pct-x': 18.52, 'pct-g': 96.3, 'pct-h': 3.7, 'pct-k': 0 });
  });

  it('complement gives 96,29 and 3,71, summing to 100', () => {
    const p = percents(ROW, 'complement');
    expect(p).toEqual({ 'pct-x': 18.51, 'pct-g': 96.29, 'pct-h': 3.71, 'pct-k': 0 });
    expect(Math.round(((p['pct-g'] ?? 0) + (p['pct-h'] ?? 0) + (p['pct-k'] ?? 0)) * 100)).toBe(10000);
  });

  it('complement completes the last non-zero level', () => {
    expect(percents({ rated: 27, x: 5, g: 26, h: 0, k: 1 }, 'complement')).toEqual({
      'pct-x': 18.51,
      'pct-g': 96.29,
      'pct-h': 0,
      'pct-k': 3.71,
    });
    expect(percents({ rated: 3, x: 0, g: 1, h: 1, k: 1 }, 'complement')).toEqual({
      'pct-x': 0,
      'pct-g': 33.33,
      'pct-h': 33.33,
      'pct-k': 33.34,
    });
    expect(percents({ rated: 3, x: 0, g: 1, h: 2, k: 0 }, 'complement')).toEqual({
      'pct-x': 0,
      'pct-g': 33.33,
      'pct-h': 66.67,
      'pct-k': 0,
    });
  });

  it('complement under the exclusive convention includes X among the levels', () => {
    expect(percents({ rated: 89, x: 14, g: 73, h: 2, k: 0 }, 'truncate', 'exclusive')).toEqual({
      'pct-x': 15.73,
      'pct-g': 82.02,
      'pct-h': 2.24,
      'pct-k': 0,
    });
    expect(percents({ rated: 89, x: 14, g: 73, h: 2, k: 0 }, 'complement', 'exclusive')).toEqual({
      'pct-x': 15.73,
      'pct-g': 82.02,
      'pct-h': 2.25,
      'pct-k': 0,
    });
  });

  it('levels that do not add up to the rated count are plain truncation', () => {
    expect(percents({ rated: 28, x: 5, g: 26, h: 1, k: 0 }, 'complement')).toEqual(
      percents({ rated: 28, x: 5, g: 26, h: 1, k: 0 }, 'truncate'),
    );
    expect(percents({ rated: 28, x: 5, g: 26, h: 1, k: 0 }, 'complement')).toEqual({
      'pct-x': 17.85,
      'pct-g': 92.85,
      'pct-h': 3.57,
      'pct-k': 0,
    });
  });

  it('a blank count leaves its percentage null; the filled levels are complemented only when they add up', () => {
    expect(percents({ rated: 27, x: 5, g: 26, h: 1 }, 'complement')).toEqual({
      'pct-x': 18.51,
      'pct-g': 96.29,
      'pct-h': 3.71,
      'pct-k': null,
    });
    expect(percents({ rated: 27, x: 5, g: 25, h: 1 }, 'complement')).toEqual({
      'pct-x': 18.51,
      'pct-g': 92.59,
      'pct-h': 3.7,
      'pct-k': null,
    });
  });

  it('a rated count of 0 gives no percentages', () => {
    expect(percents({ rated: 0, x: 0, g: 0, h: 0, k: 0 }, 'complement')).toEqual({
      'pct-x': null,
      'pct-g': null,
      'pct-h': null,
      'pct-k': null,
    });
  });
});

describe('the cap share of Biểu 04 (excellent over the good count)', () => {
  it('inclusive: 5 / G = 5 / 26 = 19,23', () => {
    expect(computePercents(sheet04, 'inclusive', 'half-up', { x: 5, g: 26 }).get('pct-cap')).toBe(19.23);
  });

  it('exclusive: 5 / (X + G) = 5 / (5 + 21) = 19,23', () => {
    expect(computePercents(sheet04, 'exclusive', 'half-up', { x: 5, g: 21 }).get('pct-cap')).toBe(19.23);
  });

  it('the base columns follow the convention', () => {
    const spec = sheet04.columns.find((c) => c.id === 'pct-cap')?.percent;
    if (!spec) throw new Error('Biểu 04 has no pct-cap column');
    expect(denominatorColumns(spec, 'inclusive')).toEqual(['g']);
    expect(denominatorColumns(spec, 'exclusive')).toEqual(['x', 'g']);
  });
});

describe('percentInputs', () => {
  const pctH = sheet03.columns.find((c) => c.id === 'pct-h');
  if (!pctH) throw new Error('Biểu 03 has no pct-h column');

  it('reads the count and the base of a row', () => {
    expect(percentInputs(pctH, { rated: 89, h: 2 }, 'exclusive')).toEqual({ numerator: 2, denominator: 89 });
  });

  it('is null when one of them is blank', () => {
    expect(percentInputs(pctH, { rated: 89 }, 'exclusive')).toBeNull();
    expect(percentInputs(pctH, { h: 2 }, 'exclusive')).toBeNull();
  });
});

describe('percentTolerance: one unit in the last decimal', () => {
  it.each<[number, number]>([
    [2, 0.01],
    [0, 1],
    [1, 0.1],
  ])('%i decimals: %d', (decimals, unit) => {
    expect(percentTolerance(decimals)).toBeCloseTo(unit, 8);
    expect(percentTolerance(decimals)).toBeGreaterThanOrEqual(unit);
    expect(percentTolerance(decimals)).toBeLessThan(unit * 1.001);
  });
});
