// consistency: members at the end of the period (Biểu 06) equal the member total T of Biểu 04.
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../../src/core/rules/kind';
import { equalAcross } from '../../../../src/core/rules/equal-across';
import { sheet06 } from '../../../../src/templates/sheets';
import { parseParams, rowContext, validParams, type UnitCells } from '../helpers';

const params = validParams(
  equalAcross,
  { col: 'members-end', otherSheet: 'b04', otherCol: 'total' },
  sheet06,
);

describe('equal-across: Biểu 06 members-end = Biểu 04 total', () => {
  it.each<[string, UnitCells, Problem[]]>([
    ['306 and 306', { b06: { 'members-end': 306 }, b04: { total: 306 } }, []],
    ['0 and 0', { b06: { 'members-end': 0 }, b04: { total: 0 } }, []],
    [
      '305 in Biểu 06, 306 in Biểu 04',
      { b06: { 'members-end': 305 }, b04: { total: 306 } },
      [{ variant: 'differs', columns: ['members-end'], expected: 306, received: 305 }],
    ],
    [
      '3.328 against 3.329',
      { b06: { 'members-end': 3328 }, b04: { total: 3329 } },
      [{ variant: 'differs', columns: ['members-end'], expected: 3329, received: 3328 }],
    ],
    ['Biểu 04 blank', { b06: { 'members-end': 305 } }, []],
    ['Biểu 06 blank', { b04: { total: 306 } }, []],
  ])('%s', (_, cells, expected) => {
    expect(equalAcross.check(params, rowContext(cells), 'b06')).toEqual(expected);
  });

  it('reads both sheets', () => {
    expect(equalAcross.reads(params, 'b06')).toEqual([
      { sheet: 'b06', col: 'members-end' },
      { sheet: 'b04', col: 'total' },
    ]);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'a column of the wrong kind on the other sheet',
      { col: 'members-end', otherSheet: 'b01', otherCol: 'rating' },
      ['params.otherCol: column "rating" is a rating column, expected count'],
    ],
    [
      'a column missing on the other sheet',
      { col: 'members-end', otherSheet: 'b04', otherCol: 'members' },
      ['params.otherCol: column "members" is not in sheet b04'],
    ],
    [
      'a column missing on its own sheet',
      { col: 'members', otherSheet: 'b04', otherCol: 'total' },
      ['params.col: column "members" is not in sheet b06'],
    ],
  ])('refuses bad parameters: %s', (_, raw, failures) => {
    expect(parseParams(equalAcross, raw, sheet06).failures).toEqual(failures);
  });

  // Bug: ParamReader.column falls back to the rule's own sheet when the sheet parameter failed, so a second,
  // false message blames b06 for a column that was meant to be looked up in "b99".
  it("an unknown other sheet gives one message, and no column is blamed on the rule's own sheet", () => {
    const { failures } = parseParams(
      equalAcross,
      { col: 'members-end', otherSheet: 'b99', otherCol: 'total' },
      sheet06,
    );
    expect(failures).toEqual(['params.otherSheet: expected a sheet id of this template, received "b99"']);
  });
});
