// cap-20 per base organization (HD 21): 100·X ≤ 20·good in whole numbers, the good count being G (inclusive)
// or X + G (exclusive).
import { describe, expect, it } from 'vitest';
import type { Convention, RowValues } from '../../../../src/core/model';
import { cap } from '../../../../src/core/rules/cap';
import { goodCount } from '../../../../src/core/rules/good-count';
import type { Problem } from '../../../../src/core/rules/kind';
import { sheet04 } from '../../../../src/templates/sheets';
import { parseParams, rowContext, validParams } from '../helpers';

const params = validParams(cap, { x: 'x', g: 'g', percent: 20 }, sheet04);
const over = (allowed: number, x: number, good: number): Problem => ({
  variant: 'over',
  columns: ['x'],
  expected: allowed,
  received: x,
  values: { good, percent: 20 },
});

describe('cap, inclusive: X ≤ 20 % of G', () => {
  it.each<[string, RowValues, Problem[]]>([
    ['5 of 25 is exactly 20 %', { x: 5, g: 25 }, []],
    ['6 of 29 is 20,7 %', { x: 6, g: 29 }, [over(5, 6, 29)]],
    ['6 of 30 is exactly 20 %', { x: 6, g: 30 }, []],
    ['5 of 26 (19,23 %)', { x: 5, g: 26 }, []],
    ['the district: 392 of 2.682', { x: 392, g: 2682 }, []],
    ['none of none', { x: 0, g: 0 }, []],
    ['one excellent, no good', { x: 1, g: 0 }, [over(0, 1, 0)]],
    ['5 of 20 read inclusively is 25 %', { x: 5, g: 20 }, [over(4, 5, 20)]],
    ['blank X', { g: 25 }, []],
    ['blank G', { x: 6 }, []],
  ])('%s', (_, b04, expected) => {
    expect(cap.check(params, rowContext({ b04 }), 'b04')).toEqual(expected);
  });
});

describe('cap, exclusive: X ≤ 20 % of X + G', () => {
  it.each<[string, RowValues, Problem[]]>([
    ['5 + 20 = 25 good, 5 allowed', { x: 5, g: 20 }, []],
    ['6 + 23 = 29 good, 5 allowed', { x: 6, g: 23 }, [over(5, 6, 29)]],
    ['6 + 24 = 30 good, 6 allowed', { x: 6, g: 24 }, []],
    ['14 + 73 = 87 collectives, 17 allowed', { x: 14, g: 73 }, []],
    ['18 + 73 = 91, 18 allowed', { x: 18, g: 73 }, []],
    ['19 + 73 = 92, 18 allowed', { x: 19, g: 73 }, [over(18, 19, 92)]],
  ])('%s', (_, b04, expected) => {
    expect(cap.check(params, rowContext({ b04 }, { b04: { convention: 'exclusive' } }), 'b04')).toEqual(
      expected,
    );
  });
});

describe('the good count', () => {
  it.each<[Convention, number]>([
    ['inclusive', 25],
    ['exclusive', 30],
  ])('%s: X = 5, G = 25 gives %i', (convention, good) => {
    expect(goodCount(5, 25, convention)).toBe(good);
  });
});

describe('cap parameters', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'percent over 100',
      { x: 'x', g: 'g', percent: 120 },
      ['params.percent: expected a number from 0 to 100, received 120'],
    ],
    [
      'percent as text',
      { x: 'x', g: 'g', percent: '20' },
      ['params.percent: expected a number from 0 to 100, received "20"'],
    ],
    ['x missing', { g: 'g', percent: 20 }, ['params.x: expected a column id, received undefined']],
    [
      'g a percent column',
      { x: 'x', g: 'pct-g', percent: 20 },
      ['params.g: column "pct-g" is a percent column, expected count'],
    ],
  ])('%s', (_, raw, failures) => {
    expect(parseParams(cap, raw, sheet04).failures).toEqual(failures);
  });
});
