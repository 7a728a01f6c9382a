// plausibility: excellent members above 15 % of the rated ones deserve a second look (a warning in the templates).
import { describe, expect, it } from 'vitest';
import type { RowValues } from '../../../../src/core/model';
import type { Problem } from '../../../../src/core/rules/kind';
import { ratioMax } from '../../../../src/core/rules/ratio-max';
import { sheet04 } from '../../../../src/templates/sheets';
import { parseParams, rowContext, validParams } from '../helpers';

const params = validParams(ratioMax, { part: 'x', whole: 'rated', percent: 15 }, sheet04);

describe('ratio-max: X ≤ 15 % of R', () => {
  it.each<[string, RowValues, Problem[]]>([
    ['3 of 20 is exactly 15 %', { x: 3, rated: 20 }, []],
    ['the district: 392 of 2.816 (13,92 %)', { x: 392, rated: 2816 }, []],
    [
      '4 of 26 is 15,38 %',
      { x: 4, rated: 26 },
      [{ variant: 'over', columns: ['x'], expected: 15, received: 15.38, decimals: 2 }],
    ],
    [
      '2 of 3 is 66,67 % (half-up)',
      { x: 2, rated: 3 },
      [{ variant: 'over', columns: ['x'], expected: 15, received: 66.67, decimals: 2 }],
    ],
    ['nobody rated: nothing to compare', { x: 1, rated: 0 }, []],
    ['blank part', { rated: 26 }, []],
    ['blank whole', { x: 4 }, []],
  ])('%s', (_, b04, expected) => {
    expect(ratioMax.check(params, rowContext({ b04 }), 'b04')).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'percent missing',
      { part: 'x', whole: 'rated' },
      ['params.percent: expected a number from 0 to 100, received undefined'],
    ],
    [
      'percent negative',
      { part: 'x', whole: 'rated', percent: -1 },
      ['params.percent: expected a number from 0 to 100, received -1'],
    ],
    [
      'part not in the sheet',
      { part: 'xs', whole: 'rated', percent: 15 },
      ['params.part: column "xs" is not in sheet b04'],
    ],
  ])('refuses bad parameters: %s', (_, raw, failures) => {
    expect(parseParams(ratioMax, raw, sheet04).failures).toEqual(failures);
  });
});
