// totals: the reported "Cộng" row equals the sum of the unit rows, column by column; a column with a blank unit
// cell is incomplete and not checked yet.
import { describe, expect, it } from 'vitest';
import { CONTROL_ROW, type RowValues } from '../../../../src/core/model';
import type { Problem } from '../../../../src/core/rules/kind';
import { totals } from '../../../../src/core/rules/totals';
import { sheet04 } from '../../../../src/templates/sheets';
import { aggregateContext, parseParams, validParams } from '../helpers';

const allCounts = validParams(totals, {}, sheet04);
const totalOnly = validParams(totals, { columns: ['total'] }, sheet04);

// Two communes of Biểu 04.
const SA_RAI = { total: 306, exempt: 52, pending: 4, rated: 250, x: 35, g: 237, h: 10, k: 3 };
const AN_PHUOC = { total: 272, exempt: 46, pending: 4, rated: 222, x: 31, g: 210, h: 9, k: 3 };
const mismatch = (col: string, sum: number, control: number): Problem => ({
  variant: 'mismatch',
  row: CONTROL_ROW,
  columns: [col],
  expected: sum,
  received: control,
});

describe('totals on Biểu 04', () => {
  it.each<[string, RowValues[], RowValues | undefined, Problem[]]>([
    ['Cộng matches', [SA_RAI, AN_PHUOC], { total: 578, rated: 472, x: 66, g: 447, h: 19, k: 6 }, []],
    ['Cộng one short on the total', [SA_RAI, AN_PHUOC], { total: 577 }, [mismatch('total', 578, 577)]],
    [
      'every wrong column, in column order',
      [SA_RAI, AN_PHUOC],
      { total: 578, exempt: 90, x: 67, k: 6 },
      [mismatch('exempt', 98, 90), mismatch('x', 66, 67)],
    ],
    ['no Cộng row: nothing to compare', [SA_RAI, AN_PHUOC], undefined, []],
    [
      'a blank unit cell: the column is incomplete, not checked',
      [SA_RAI, { ...AN_PHUOC, total: null }],
      { total: 1 },
      [],
    ],
    [
      'other columns are still checked when one is incomplete',
      [SA_RAI, { ...AN_PHUOC, total: null }],
      { total: 1, rated: 471 },
      [mismatch('rated', 472, 471)],
    ],
    ['a reported zero with no units', [], { total: 0 }, []],
    ['a reported total with no units', [], { total: 5 }, [mismatch('total', 0, 5)]],
  ])('%s', (_, rows, control, expected) => {
    expect(totals.check(allCounts, aggregateContext({ b04: { rows, control } }), 'b04')).toEqual(expected);
  });

  it('checks only the columns it names', () => {
    const ctx = aggregateContext({ b04: { rows: [SA_RAI, AN_PHUOC], control: { total: 577, x: 1 } } });
    expect(totals.check(totalOnly, ctx, 'b04')).toEqual([mismatch('total', 578, 577)]);
  });

  it('checks every count column by default', () => {
    expect(allCounts.columns).toEqual(['total', 'exempt', 'pending', 'rated', 'x', 'g', 'h', 'k']);
    expect(totals.reads(allCounts, 'b04')).toHaveLength(8);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'a percent column',
      { columns: ['total', 'pct-x'] },
      ['params.columns[1]: column "pct-x" is a percent column, expected count'],
    ],
    [
      'an empty list',
      { columns: [] },
      ['params.columns: expected a non-empty list of column ids, received []'],
    ],
    [
      'not a list',
      { columns: 'total' },
      ['params.columns: expected a non-empty list of column ids, received "total"'],
    ],
  ])('refuses bad parameters: %s', (_, raw, failures) => {
    expect(parseParams(totals, raw, sheet04).failures).toEqual(failures);
  });
});
