// partition: the levels add up to the rated count under the sheet's convention.
// Inclusive (G includes X): G + H + K = R and X ≤ G. Exclusive: X + G + H + K = R.
import { describe, expect, it } from 'vitest';
import type { Convention, RowValues } from '../../../../src/core/model';
import { partition } from '../../../../src/core/rules/partition';
import type { Problem } from '../../../../src/core/rules/kind';
import { sheet04 } from '../../../../src/templates/sheets';
import { parseParams, rowContext, validParams } from '../helpers';

const params = validParams(partition, { rated: 'rated', x: 'x', g: 'g', h: 'h', k: 'k' }, sheet04);
const check = (convention: Convention, b04: RowValues) =>
  partition.check(params, rowContext({ b04 }, { b04: { convention } }), 'b04');

describe('partition, inclusive (G counts the excellent ones)', () => {
  it.each<[string, RowValues, Problem[]]>([
    ['the published members: 2.682 + 105 + 29 = 2.816', { rated: 2816, x: 392, g: 2682, h: 105, k: 29 }, []],
    ['X = G is allowed (every good member excellent)', { rated: 6, x: 6, g: 6, h: 0, k: 0 }, []],
    [
      'levels short of the rated count: 2.790 ≠ 2.816',
      { rated: 2816, x: 392, g: 2682, h: 79, k: 29 },
      [{ variant: 'sum', columns: ['rated', 'g', 'h', 'k'], expected: 2816, received: 2790 }],
    ],
    [
      'X counted on top of G (the exclusive reading) does not add up',
      { rated: 2816, x: 392, g: 2290, h: 105, k: 29 },
      [{ variant: 'sum', columns: ['rated', 'g', 'h', 'k'], expected: 2816, received: 2424 }],
    ],
    [
      'X > G',
      { rated: 10, x: 8, g: 7, h: 3, k: 0 },
      [{ variant: 'x-over-g', columns: ['x', 'g'], expected: 7, received: 8 }],
    ],
    [
      'X > G and the levels wrong: both, X > G first',
      { rated: 10, x: 8, g: 7, h: 2, k: 0 },
      [
        { variant: 'x-over-g', columns: ['x', 'g'], expected: 7, received: 8 },
        { variant: 'sum', columns: ['rated', 'g', 'h', 'k'], expected: 10, received: 9 },
      ],
    ],
    ['X blank does not stop the sum check from passing', { rated: 10, g: 7, h: 3, k: 0 }, []],
    ['a blank level: incomplete, no finding', { rated: 10, x: 1, g: 7, h: 2 }, []],
    ['a blank rated count: no finding', { x: 1, g: 7, h: 2, k: 0 }, []],
  ])('%s', (_, b04, expected) => {
    expect(check('inclusive', b04)).toEqual(expected);
  });
});

describe('partition, exclusive (four disjoint levels)', () => {
  it.each<[string, RowValues, Problem[]]>([
    ['the published collectives: 14 + 73 + 2 + 0 = 89', { rated: 89, x: 14, g: 73, h: 2, k: 0 }, []],
    ['X > G is fine when the levels are disjoint', { rated: 10, x: 6, g: 4, h: 0, k: 0 }, []],
    [
      'inclusive figures read as exclusive count X twice',
      { rated: 2816, x: 392, g: 2682, h: 105, k: 29 },
      [{ variant: 'sum', columns: ['rated', 'x', 'g', 'h', 'k'], expected: 2816, received: 3208 }],
    ],
    [
      'one collective missing',
      { rated: 89, x: 14, g: 72, h: 2, k: 0 },
      [{ variant: 'sum', columns: ['rated', 'x', 'g', 'h', 'k'], expected: 89, received: 88 }],
    ],
    ['X blank: incomplete, no finding', { rated: 89, g: 73, h: 2, k: 0 }, []],
  ])('%s', (_, b04, expected) => {
    expect(check('exclusive', b04)).toEqual(expected);
  });
});

describe('partition parameters', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'h missing',
      { rated: 'rated', x: 'x', g: 'g', k: 'k' },
      ['params.h: expected a column id, received undefined'],
    ],
    [
      'g not in the sheet',
      { rated: 'rated', x: 'x', g: 'good', h: 'h', k: 'k' },
      ['params.g: column "good" is not in sheet b04'],
    ],
    [
      'rated a percent column',
      { rated: 'pct-g', x: 'x', g: 'g', h: 'h', k: 'k' },
      ['params.rated: column "pct-g" is a percent column, expected count'],
    ],
  ])('%s', (_, raw, failures) => {
    expect(parseParams(partition, raw, sheet04).failures).toEqual(failures);
  });
});
