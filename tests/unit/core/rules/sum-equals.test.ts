// coverage (T = M + C + R) on Biểu 04: the total equals the sum of its parts, blank parts are "not entered".
import { describe, expect, it } from 'vitest';
import type { RowValues } from '../../../../src/core/model';
import type { Problem } from '../../../../src/core/rules/kind';
import { sumEquals } from '../../../../src/core/rules/sum-equals';
import { sheet04 } from '../../../../src/templates/sheets';
import { parseParams, rowContext, validParams } from '../helpers';

const params = validParams(sumEquals, { total: 'total', parts: ['exempt', 'pending', 'rated'] }, sheet04);
const ALL = ['total', 'exempt', 'pending', 'rated'];

describe('sum-equals: T = M + C + R', () => {
  it.each<[string, RowValues, Problem[]]>([
    ['the district: 3.328 = 500 + 12 + 2.816', { total: 3328, exempt: 500, pending: 12, rated: 2816 }, []],
    ['all zero is a reported zero, and adds up', { total: 0, exempt: 0, pending: 0, rated: 0 }, []],
    [
      'one member missing from the parts',
      { total: 3328, exempt: 500, pending: 12, rated: 2815 },
      [{ variant: 'mismatch', columns: ALL, expected: 3328, received: 3327 }],
    ],
    [
      'parts larger than the total',
      { total: 306, exempt: 52, pending: 4, rated: 251 },
      [{ variant: 'mismatch', columns: ALL, expected: 306, received: 307 }],
    ],
    [
      'a total of 0 with members in the parts',
      { total: 0, exempt: 0, pending: 0, rated: 1 },
      [{ variant: 'mismatch', columns: ALL, expected: 0, received: 1 }],
    ],
    ['a blank part is not entered yet: no finding', { total: 306, exempt: 52, rated: 250 }, []],
    ['a blank total: no finding', { exempt: 52, pending: 4, rated: 250 }, []],
    ['text in a part is not a number: no finding', { total: 306, exempt: 'x', pending: 4, rated: 250 }, []],
  ])('%s', (_, b04, expected) => {
    expect(sumEquals.check(params, rowContext({ b04 }), 'b04')).toEqual(expected);
  });

  it('reads the total and every part of its own sheet', () => {
    expect(sumEquals.reads(params, 'b04')).toEqual(ALL.map((col) => ({ sheet: 'b04', col })));
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'parts missing',
      { total: 'total' },
      ['params.parts: expected a non-empty list of column ids, received undefined'],
    ],
    [
      'parts empty',
      { total: 'total', parts: [] },
      ['params.parts: expected a non-empty list of column ids, received []'],
    ],
    [
      'a part not in the sheet',
      { total: 'total', parts: ['exempt', 'nope'] },
      ['params.parts[1]: column "nope" is not in sheet b04'],
    ],
    [
      'a percent column as total',
      { total: 'pct-x', parts: ['x'] },
      ['params.total: column "pct-x" is a percent column, expected count'],
    ],
    [
      'a total that is not a column id',
      { total: 42, parts: ['x'] },
      ['params.total: expected a column id, received 42'],
    ],
  ])('refuses bad parameters: %s', (_, raw, failures) => {
    expect(parseParams(sumEquals, raw, sheet04).failures).toEqual(failures);
  });
});
