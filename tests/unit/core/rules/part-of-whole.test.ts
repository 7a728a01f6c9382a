// bounds: a part never exceeds its whole (Biểu 02: 171 rated cells of 173).
import { describe, expect, it } from 'vitest';
import type { RowValues } from '../../../../src/core/model';
import type { Problem } from '../../../../src/core/rules/kind';
import { partOfWhole } from '../../../../src/core/rules/part-of-whole';
import { sheet02 } from '../../../../src/templates/sheets';
import { parseParams, rowContext, validParams } from '../helpers';

const params = validParams(partOfWhole, { part: 'rated', whole: 'total' }, sheet02);

describe('part-of-whole: rated ≤ total', () => {
  it.each<[string, RowValues, Problem[]]>([
    ['171 of 173 cells', { total: 173, rated: 171 }, []],
    ['all rated', { total: 173, rated: 173 }, []],
    ['zero of zero', { total: 0, rated: 0 }, []],
    [
      'one more rated than exist',
      { total: 173, rated: 174 },
      [{ variant: 'exceeds', columns: ['rated', 'total'], expected: 173, received: 174 }],
    ],
    [
      'rated cells in a unit without cells',
      { total: 0, rated: 2 },
      [{ variant: 'exceeds', columns: ['rated', 'total'], expected: 0, received: 2 }],
    ],
    ['blank total', { rated: 174 }, []],
    ['blank rated', { total: 3 }, []],
  ])('%s', (_, b02, expected) => {
    expect(partOfWhole.check(params, rowContext({ b02 }), 'b02')).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['whole missing', { part: 'rated' }, ['params.whole: expected a column id, received undefined']],
    [
      'part not in the sheet',
      { part: 'exempt', whole: 'total' },
      ['params.part: column "exempt" is not in sheet b02'],
    ],
    [
      'whole a percent column',
      { part: 'rated', whole: 'pct-k' },
      ['params.whole: column "pct-k" is a percent column, expected count'],
    ],
  ])('refuses bad parameters: %s', (_, raw, failures) => {
    expect(parseParams(partOfWhole, raw, sheet02).failures).toEqual(failures);
  });
});
