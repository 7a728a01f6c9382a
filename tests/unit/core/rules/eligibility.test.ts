// eligibility (HD 21, II.B.1.3): a base organization rated HTXSNV has no subordinate rated KHTNV and ≥ 80 % of
// them rated HTTNV or better. A đảng bộ's subordinates are its cells (Biểu 02); a chi bộ cơ sở's are its
// members (Biểu 04).
import { describe, expect, it } from 'vitest';
import type { UnitForm } from '../../../../src/core/model';
import { eligibility } from '../../../../src/core/rules/eligibility';
import type { Problem } from '../../../../src/core/rules/kind';
import { sheet01 } from '../../../../src/templates/sheets';
import { parseParams, rowContext, validParams, type SettingsLiteral, type UnitCells } from '../helpers';

const LEVELS = { rated: 'rated', x: 'x', g: 'g', k: 'k' };
const PARAMS = {
  rating: 'rating',
  minGoodPercent: 80,
  subordinates: { dang_bo: { sheet: 'b02', ...LEVELS }, chi_bo_co_so: { sheet: 'b04', ...LEVELS } },
};
const params = validParams(eligibility, PARAMS, sheet01(false));

const hasFailed = (k: number): Problem => ({
  variant: 'has-failed',
  columns: ['rating'],
  expected: 0,
  received: k,
});
const tooFewGood = (needed: number, good: number, rated: number): Problem => ({
  variant: 'too-few-good',
  columns: ['rating'],
  expected: needed,
  received: good,
  values: { rated, percent: 80 },
});

describe('eligibility of an excellent base organization', () => {
  it.each<[string, UnitForm, UnitCells, SettingsLiteral, Problem[]]>([
    [
      'đảng bộ with 6 cells all good',
      'dang_bo',
      { b01: { rating: 'HTXSNV' }, b02: { rated: 6, x: 1, g: 6, h: 0, k: 0 } },
      {},
      [],
    ],
    [
      'đảng bộ with a KHTNV cell',
      'dang_bo',
      { b01: { rating: 'HTXSNV' }, b02: { rated: 19, x: 3, g: 15, h: 3, k: 1 } },
      {},
      [hasFailed(1)],
    ],
    [
      'đảng bộ: its members (Biểu 04) are not its subordinates',
      'dang_bo',
      {
        b01: { rating: 'HTXSNV' },
        b02: { rated: 6, x: 1, g: 6, h: 0, k: 0 },
        b04: { rated: 99, x: 14, g: 90, h: 6, k: 3 },
      },
      {},
      [],
    ],
    [
      'chi bộ cơ sở with a KHTNV member',
      'chi_bo_co_so',
      { b01: { rating: 'HTXSNV' }, b04: { rated: 22, x: 3, g: 21, h: 0, k: 1 } },
      {},
      [hasFailed(1)],
    ],
    [
      'chi bộ cơ sở: Biểu 02 is not read',
      'chi_bo_co_so',
      {
        b01: { rating: 'HTXSNV' },
        b02: { rated: 5, x: 0, g: 4, h: 0, k: 1 },
        b04: { rated: 22, x: 3, g: 22, h: 0, k: 0 },
      },
      {},
      [],
    ],
    [
      'chi bộ cơ sở with 15 of 20 good (75 %)',
      'chi_bo_co_so',
      { b01: { rating: 'HTXSNV' }, b04: { rated: 20, x: 2, g: 15, h: 5, k: 0 } },
      {},
      [tooFewGood(16, 15, 20)],
    ],
    [
      '16 of 20 good is exactly 80 %',
      'chi_bo_co_so',
      { b01: { rating: 'HTXSNV' }, b04: { rated: 20, x: 2, g: 16, h: 4, k: 0 } },
      {},
      [],
    ],
    [
      'đảng bộ with 4 of 6 cells good: needs 5',
      'dang_bo',
      { b01: { rating: 'HTXSNV' }, b02: { rated: 6, x: 1, g: 4, h: 2, k: 0 } },
      {},
      [tooFewGood(5, 4, 6)],
    ],
    [
      'a KHTNV member is reported before the share',
      'chi_bo_co_so',
      { b01: { rating: 'HTXSNV' }, b04: { rated: 20, x: 2, g: 10, h: 8, k: 2 } },
      {},
      [hasFailed(2)],
    ],
    [
      'exclusive Biểu 04: good = X + G = 2 + 14',
      'chi_bo_co_so',
      { b01: { rating: 'HTXSNV' }, b04: { rated: 20, x: 2, g: 14, h: 4, k: 0 } },
      { b04: { convention: 'exclusive' } },
      [],
    ],
    [
      'the same figures read inclusively: good = 14',
      'chi_bo_co_so',
      { b01: { rating: 'HTXSNV' }, b04: { rated: 20, x: 2, g: 14, h: 4, k: 0 } },
      {},
      [tooFewGood(16, 14, 20)],
    ],
    [
      'only HTXSNV is checked: HTTNV with a KHTNV member',
      'chi_bo_co_so',
      { b01: { rating: 'HTTNV' }, b04: { rated: 22, x: 3, g: 21, h: 0, k: 1 } },
      {},
      [],
    ],
    ['not rated yet', 'chi_bo_co_so', { b04: { rated: 22, x: 3, g: 21, h: 0, k: 1 } }, {}, []],
    ['blank subordinates: nothing to check', 'chi_bo_co_so', { b01: { rating: 'HTXSNV' } }, {}, []],
    ['blank subordinates of a đảng bộ', 'dang_bo', { b01: { rating: 'HTXSNV' }, b04: { k: 3 } }, {}, []],
    [
      'nobody rated',
      'chi_bo_co_so',
      { b01: { rating: 'HTXSNV' }, b04: { rated: 0, x: 0, g: 0, h: 0, k: 0 } },
      {},
      [],
    ],
  ])('%s', (_, form, cells, settings, expected) => {
    expect(eligibility.check(params, rowContext(cells, settings, form), 'b01')).toEqual(expected);
  });

  it('reads the rating and the subordinates of each form', () => {
    const reads = eligibility.reads(params, 'b01');
    expect(reads).toContainEqual({ sheet: 'b01', col: 'rating' });
    for (const sheet of ['b02', 'b04'])
      for (const col of ['rated', 'x', 'g', 'k']) expect(reads).toContainEqual({ sheet, col });
    expect(reads).toHaveLength(9);
  });
});

describe('eligibility parameters', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'no form named',
      { ...PARAMS, subordinates: {} },
      ['params.subordinates: name the subordinates of at least one form'],
    ],
    [
      'subordinates not an object',
      { ...PARAMS, subordinates: 'b02' },
      [
        'params.subordinates: expected an object, received "b02"',
        'params.subordinates: name the subordinates of at least one form',
      ],
    ],
    [
      'minGoodPercent over 100',
      { ...PARAMS, minGoodPercent: 180 },
      ['params.minGoodPercent: expected a number from 0 to 100, received 180'],
    ],
    [
      'rating a text column',
      { ...PARAMS, rating: 'note' },
      ['params.rating: column "note" is a text column, expected rating'],
    ],
    [
      'a subordinate column missing',
      { ...PARAMS, subordinates: { dang_bo: { sheet: 'b02', ...LEVELS, k: 'kht' } } },
      ['params.k: column "kht" is not in sheet b02'],
    ],
  ])('%s', (_, raw, failures) => {
    expect(parseParams(eligibility, raw, sheet01(false)).failures).toEqual(failures);
  });

  it('a subordinate form given as a list is named first', () => {
    const { failures } = parseParams(
      eligibility,
      { ...PARAMS, subordinates: { chi_bo_co_so: ['b04'] } },
      sheet01(false),
    );
    expect(failures[0]).toBe('params.chi_bo_co_so: expected an object, received ["b04"]');
  });

  it('an unknown subordinate sheet is named', () => {
    const { failures } = parseParams(
      eligibility,
      { ...PARAMS, subordinates: { dang_bo: { sheet: 'b99', ...LEVELS } } },
      sheet01(false),
    );
    expect(failures).toContain('params.sheet: expected a sheet id of this template, received "b99"');
  });
});
