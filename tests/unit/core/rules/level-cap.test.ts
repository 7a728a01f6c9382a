// cap-20 over Biểu 01's ratings: organizations rated HTXSNV ≤ 20 % of those rated HTTNV or better.
import { describe, expect, it } from 'vitest';
import { TOTAL_ROW } from '../../../../src/core/finding';
import type { RowValues } from '../../../../src/core/model';
import type { Problem } from '../../../../src/core/rules/kind';
import { levelCap } from '../../../../src/core/rules/level-cap';
import { sheet01 } from '../../../../src/templates/sheets';
import { aggregateContext, parseParams, repeat, validParams } from '../helpers';

const params = validParams(levelCap, { rating: 'rating', percent: 20 }, sheet01(false));
const X = { rating: 'HTXSNV' };
const G = { rating: 'HTTNV' };
const H = { rating: 'HTNV' };
const K = { rating: 'KHTNV' };
const over = (allowed: number, x: number, good: number): Problem => ({
  variant: 'over',
  row: TOTAL_ROW,
  columns: ['rating'],
  expected: allowed,
  received: x,
  values: { good, percent: 20 },
});

describe('level-cap on Biểu 01', () => {
  it.each<[string, RowValues[], Problem[]]>([
    ['Tân Hồng: 5 excellent of 26 good', [...repeat(5, X), ...repeat(21, G), H], []],
    ['5 of 25 is exactly 20 %', [...repeat(5, X), ...repeat(20, G)], []],
    ['6 of 29', [...repeat(6, X), ...repeat(23, G)], [over(5, 6, 29)]],
    [
      'HTNV, KHTNV and chưa xếp loại are not good',
      [...repeat(2, X), ...repeat(3, G), ...repeat(20, H), K, { rating: 'CHUA' }],
      [over(1, 2, 5)],
    ],
    ['1 of 5 good', [X, ...repeat(4, G), ...repeat(10, H)], []],
    ['nobody rated', [{}, {}], []],
    ['one excellent alone', [X], [over(0, 1, 1)]],
  ])('%s', (_, rows, expected) => {
    expect(levelCap.check(params, aggregateContext({ b01: { rows } }), 'b01')).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'rating a text column',
      { rating: 'note', percent: 20 },
      ['params.rating: column "note" is a text column, expected rating'],
    ],
    [
      'rating missing from the sheet',
      { rating: 'xep-loai', percent: 20 },
      ['params.rating: column "xep-loai" is not in sheet b01'],
    ],
    [
      'percent negative',
      { rating: 'rating', percent: -20 },
      ['params.percent: expected a number from 0 to 100, received -20'],
    ],
  ])('refuses bad parameters: %s', (_, raw, failures) => {
    expect(parseParams(levelCap, raw, sheet01(false)).failures).toEqual(failures);
  });
});
