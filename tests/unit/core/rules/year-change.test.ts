// plausibility: a level count that jumped from last year (more than 30 % of last year's figure and at least 5).
import { describe, expect, it } from 'vitest';
import type { RowValues, YearChangeThreshold } from '../../../../src/core/model';
import type { Problem } from '../../../../src/core/rules/kind';
import { yearChange } from '../../../../src/core/rules/year-change';
import { sheet04 } from '../../../../src/templates/sheets';
import { parseParams, previousYear, rowContext, validParams } from '../helpers';

const params = validParams(yearChange, { columns: ['x', 'g', 'h', 'k'] }, sheet04);

const check = (now: RowValues, last: RowValues, threshold?: YearChangeThreshold) =>
  yearChange.check(
    params,
    rowContext({ b04: now }, {}, 'chi_bo_co_so', previousYear({ b04: last }, threshold)),
    'b04',
  );

const jump = (col: string, previous: number, received: number, percent: number): Problem => ({
  variant: 'jump',
  columns: [col],
  expected: previous,
  received,
  values: { previous, change: received - previous, percent },
});

describe('year-change: more than 30 % of last year and at least 5', () => {
  it.each<[string, RowValues, RowValues, Problem[]]>([
    ['unchanged', { x: 20 }, { x: 20 }, []],
    ['20 → 26 is exactly 30 %: not a jump', { x: 26 }, { x: 20 }, []],
    ['13 → 17 is 31 % but only 4', { x: 17 }, { x: 13 }, []],
    ['16 → 21 is 31 % and 5', { x: 21 }, { x: 16 }, [jump('x', 16, 21, 31)]],
    ['a decrease counts too: 20 → 13', { g: 13 }, { g: 20 }, [jump('g', 20, 13, -35)]],
    ['a decrease of exactly 30 %: 20 → 14', { g: 14 }, { g: 20 }, []],
    ['a large unit moves little in percent: 2.682 → 2.800', { g: 2800 }, { g: 2682 }, []],
    [
      '0 → 5 is a jump, with no percentage',
      { k: 5 },
      { k: 0 },
      [
        {
          variant: 'from-zero',
          columns: ['k'],
          expected: 0,
          received: 5,
          values: { previous: 0, change: 5 },
        },
      ],
    ],
    ['0 → 4 is not', { k: 4 }, { k: 0 }, []],
    ['0 → 0', { k: 0 }, { k: 0 }, []],
    ['5 → 0 is a jump of -100 %', { h: 0 }, { h: 5 }, [jump('h', 5, 0, -100)]],
    [
      'one problem per jumping column, in column order',
      { x: 30, g: 100, h: 2, k: 9 },
      { x: 10, g: 99, h: 2, k: 2 },
      [jump('x', 10, 30, 200), jump('k', 2, 9, 350)],
    ],
    ['blank this year', { g: 100 }, { x: 10, g: 100 }, []],
    ['blank last year', { x: 40 }, {}, []],
    ['text last year is not a number to compare', { x: 40 }, { x: 'x' }, []],
    ['columns not in the rule are not compared', { rated: 100, x: 1 }, { rated: 10, x: 1 }, []],
  ])('%s', (_, now, last, expected) => {
    expect(check(now, last)).toEqual(expected);
  });

  it('takes the report’s own thresholds', () => {
    const strict = { percent: 10, min: 1 };
    expect(check({ x: 12 }, { x: 10 }, strict)).toEqual([jump('x', 10, 12, 20)]);
    expect(check({ x: 11 }, { x: 10 }, strict)).toEqual([]);
    expect(check({ x: 12 }, { x: 10 })).toEqual([]);
  });

  it('says nothing without last year’s report', () => {
    expect(yearChange.check(params, rowContext({ b04: { x: 500 } }), 'b04')).toEqual([]);
  });

  it('says nothing on an empty row, however different last year was', () => {
    expect(check({}, { x: 500, g: 900, h: 1, k: 0 })).toEqual([]);
  });

  it('reads exactly its columns in its own sheet', () => {
    expect(yearChange.reads(params, 'b04')).toEqual(
      ['x', 'g', 'h', 'k'].map((col) => ({ sheet: 'b04', col })),
    );
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['columns missing', {}, ['params.columns: expected a non-empty list of column ids, received undefined']],
    [
      'an empty list',
      { columns: [] },
      ['params.columns: expected a non-empty list of column ids, received []'],
    ],
    [
      'a column not in the sheet',
      { columns: ['x', 'xs'] },
      ['params.columns[1]: column "xs" is not in sheet b04'],
    ],
    [
      'a percent column',
      { columns: ['pct-x'] },
      ['params.columns[0]: column "pct-x" is a percent column, expected count'],
    ],
  ])('refuses bad parameters: %s', (_, raw, failures) => {
    expect(parseParams(yearChange, raw, sheet04).failures).toEqual(failures);
  });
});
