// percent: a typed percentage equals count / base × 100 within one unit of its last decimal; otherwise the
// finding names the right value ("2/89 = 2,25 %, not 2,47 %").
import { describe, expect, it } from 'vitest';
import type { RowValues, SheetSettings } from '../../../../src/core/model';
import type { Problem } from '../../../../src/core/rules/kind';
import { percentMatches } from '../../../../src/core/rules/percent-matches';
import type { SheetDef } from '../../../../src/core/template';
import { sheet01, sheet03, sheet04, sheet06 } from '../../../../src/templates/sheets';
import { parseParams, rowContext, validParams } from '../helpers';

function check(sheet: SheetDef, row: RowValues, settings: Partial<SheetSettings> = {}): readonly Problem[] {
  const params = validParams(percentMatches, {}, sheet);
  return percentMatches.check(params, rowContext({ [sheet.id]: row }, { [sheet.id]: settings }), sheet.id);
}

const mismatch = (
  column: string,
  expected: number,
  received: number,
  count: number,
  base: number,
  decimals = column === 'pct-target' ? 0 : 2,
): Problem => ({
  variant: 'mismatch',
  columns: [column],
  expected,
  received,
  values: { count, base },
  decimals,
});

// Biểu 03, the published collectives: 89 rated, 14 / 73 / 2 / 0, exclusive.
const COLLECTIVES = { total: 89, rated: 89, x: 14, g: 73, h: 2, k: 0 };

describe('percent on Biểu 03 (two decimals, exclusive)', () => {
  it.each<[string, RowValues, Problem[]]>([
    [
      '"2/89 chiếm 2,47 %" is wrong: 2,25 %',
      { ...COLLECTIVES, 'pct-h': 2.47 },
      [mismatch('pct-h', 2.25, 2.47, 2, 89)],
    ],
    ['2,25 % is right', { ...COLLECTIVES, 'pct-h': 2.25 }, []],
    ['2,26 % is within one unit of the last decimal', { ...COLLECTIVES, 'pct-h': 2.26 }, []],
    ['2,24 % is within one unit of the last decimal', { ...COLLECTIVES, 'pct-h': 2.24 }, []],
    ['2,27 % is two units off', { ...COLLECTIVES, 'pct-h': 2.27 }, [mismatch('pct-h', 2.25, 2.27, 2, 89)]],
    ['2,23 % is two units off', { ...COLLECTIVES, 'pct-h': 2.23 }, [mismatch('pct-h', 2.25, 2.23, 2, 89)]],
    ['14/89 = 15,73 %', { ...COLLECTIVES, 'pct-x': 15.73 }, []],
    [
      'every wrong column is named, in column order',
      { ...COLLECTIVES, 'pct-x': 16, 'pct-g': 82.02, 'pct-k': 1 },
      [mismatch('pct-x', 15.73, 16, 14, 89), mismatch('pct-k', 0, 1, 0, 89)],
    ],
    ['a blank percentage is not checked', COLLECTIVES, []],
    ['a blank count: nothing to compare with', { rated: 89, 'pct-h': 2.47 }, []],
    ['a rated count of 0: no percentage exists', { rated: 0, x: 0, g: 0, h: 0, k: 0, 'pct-h': 5 }, []],
  ])('%s', (_, row, expected) => {
    expect(check(sheet03, row, { convention: 'exclusive' })).toEqual(expected);
  });
});

describe('percent on Biểu 06 (admissions, no decimals)', () => {
  it.each<[string, RowValues, Problem[]]>([
    ['104 of 103 = 101 %', { target: 103, admitted: 104, 'pct-target': 101 }, []],
    ['100 % is one unit off: passes', { target: 103, admitted: 104, 'pct-target': 100 }, []],
    [
      '99 % is wrong',
      { target: 103, admitted: 104, 'pct-target': 99 },
      [mismatch('pct-target', 101, 99, 104, 103)],
    ],
    ['no target: no percentage', { target: 0, admitted: 1, 'pct-target': 100 }, []],
  ])('%s', (_, row, expected) => {
    expect(check(sheet06, row)).toEqual(expected);
  });
});

describe('percent on Biểu 04: the cap share follows the convention', () => {
  it.each<[string, RowValues, Partial<SheetSettings>, Problem[]]>([
    ['inclusive: 5 of G = 26 is 19,23 %', { x: 5, g: 26, 'pct-cap': 19.23 }, { convention: 'inclusive' }, []],
    [
      'exclusive: 5 of X + G = 5 + 21 is 19,23 %',
      { x: 5, g: 21, 'pct-cap': 19.23 },
      { convention: 'exclusive' },
      [],
    ],
    [
      'exclusive: 5 of 5 + 26 is 16,13 %, not 19,23 %',
      { x: 5, g: 26, 'pct-cap': 19.23 },
      { convention: 'exclusive' },
      [mismatch('pct-cap', 16.13, 19.23, 5, 31)],
    ],
    [
      'truncation: 2/3 is 66,66 %, and 66,67 % passes',
      { rated: 3, g: 2, 'pct-g': 66.67 },
      { rounding: 'truncate' },
      [],
    ],
    [
      'complement: 26 good + 1 completed of 27 gives 3,71 %',
      { rated: 27, x: 5, g: 26, h: 1, k: 0, 'pct-h': 3.71, 'pct-g': 96.29 },
      { rounding: 'complement' },
      [],
    ],
    [
      'half-up: 3,71 % is still within one unit of 3,70 %',
      { rated: 27, x: 5, g: 26, h: 1, k: 0, 'pct-h': 3.71 },
      { rounding: 'half-up' },
      [],
    ],
    [
      'complement: 96,31 % is two units off 96,29 %',
      { rated: 27, x: 5, g: 26, h: 1, k: 0, 'pct-g': 96.31 },
      { rounding: 'complement' },
      [mismatch('pct-g', 96.29, 96.31, 26, 27)],
    ],
  ])('%s', (_, row, settings, expected) => {
    expect(check(sheet04, row, settings)).toEqual(expected);
  });
});

describe('percent parameters', () => {
  it('reads every percentage column and its counts', () => {
    const params = validParams(percentMatches, {}, sheet06);
    expect(percentMatches.reads(params, 'b06')).toEqual([
      { sheet: 'b06', col: 'pct-target' },
      { sheet: 'b06', col: 'admitted' },
      { sheet: 'b06', col: 'target' },
    ]);
  });

  it('refuses a sheet without percentages, naming the sheet', () => {
    expect(parseParams(percentMatches, {}, sheet01(false)).failures).toEqual([
      'sheet b01 has no percentage column to check',
    ]);
  });
});
