// The validator with last year's report attached: the year-change warnings over the Tân Hồng 2022 sample, in a
// full pass (one shared view that follows the cursor) and edit by edit.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_YEAR_CHANGE,
  cloneData,
  getCell,
  setCell,
  type CellValue,
  type SheetsData,
} from '../../../src/core/model';
import type { Validator } from '../../../src/core/validator';
import {
  builtInWithYearChange,
  sampleReport,
  serializedFindings,
  summarize,
  validatorOver,
  type FindingSummary,
} from './helpers';

const template = builtInWithYearChange('tcd-2019');

function setUp() {
  const { meta, data } = sampleReport();
  const validator = validatorOver(template, data, meta.units, meta.settings);
  return { meta, data, validator };
}

/** Last year as the sample, with some cells changed. */
function lastYear(
  data: SheetsData,
  changes: readonly [string, string, string, CellValue][] = [],
): SheetsData {
  const rows = cloneData(data);
  for (const [sheet, row, col, value] of changes) setCell(rows, sheet, row, col, value);
  return rows;
}

const yearChanges = (v: Validator): FindingSummary[] =>
  v
    .all()
    .filter((f) => f.ruleId.endsWith('-year-change'))
    .map(summarize);

function edit(v: Validator, data: SheetsData, sheet: string, row: string, col: string, after: CellValue) {
  const before = getCell(data, sheet, row, col);
  setCell(data, sheet, row, col, after);
  v.applyChanges([{ sheet, row, col, before, after }]);
}

describe('year-change in the validator', () => {
  it('is silent until last year is attached, and on a year that equals this one', () => {
    const { data, validator } = setUp();
    edit(validator, data, 'b04', 'u03', 'x', 500);
    expect(yearChanges(validator)).toEqual([]);
    validator.setPreviousYear({ rows: lastYear(data), threshold: DEFAULT_YEAR_CHANGE });
    expect(yearChanges(validator)).toEqual([]);
  });

  it('flags exactly the jumping cell of exactly that unit in a full pass', () => {
    const { data, validator } = setUp();
    const x = getCell(data, 'b04', 'u05', 'x');
    if (typeof x !== 'number') throw new Error('the sample has x for u05');
    validator.setPreviousYear({
      rows: lastYear(data, [['b04', 'u05', 'x', x + 20]]),
      threshold: DEFAULT_YEAR_CHANGE,
    });
    expect(yearChanges(validator)).toEqual([
      {
        ruleId: 'b04-year-change',
        sheet: 'b04',
        row: 'u05',
        variant: 'jump',
        columns: ['x'],
        expected: x + 20,
        received: x,
      },
    ]);
    const [finding] = validator.findingsAt('b04', 'u05', 'x');
    expect(finding?.severity).toBe('warning');
    expect(finding?.values).toEqual({
      previous: x + 20,
      change: -20,
      percent: Math.round((-20 / (x + 20)) * 100),
    });
    expect(validator.countsOf('b04').warning).toBeGreaterThanOrEqual(1);
  });

  it('a unit with no row last year is not compared', () => {
    const { data, validator } = setUp();
    const rows = lastYear(data);
    rows.get('b03')?.delete('u07');
    validator.setPreviousYear({ rows, threshold: DEFAULT_YEAR_CHANGE });
    edit(validator, data, 'b03', 'u07', 'g', 400);
    expect(yearChanges(validator)).toEqual([]);
  });

  it('edits are compared with last year one by one, and a fix forgets the warning', () => {
    const { data, validator } = setUp();
    validator.setPreviousYear({ rows: lastYear(data), threshold: DEFAULT_YEAR_CHANGE });
    const before = getCell(data, 'b03', 'u12', 'h');
    edit(validator, data, 'b03', 'u12', 'h', 40);
    expect(yearChanges(validator).map((f) => [f.ruleId, f.row, f.columns])).toEqual([
      ['b03-year-change', 'u12', ['h']],
    ]);
    edit(validator, data, 'b03', 'u12', 'h', before);
    expect(yearChanges(validator)).toEqual([]);
  });

  it('new thresholds or detaching last year re-validate everything', () => {
    const { data, validator } = setUp();
    const rows = lastYear(data);
    const g = getCell(data, 'b02', 'u01', 'g');
    if (typeof g !== 'number') throw new Error('the sample has g for u01');
    setCell(rows, 'b02', 'u01', 'g', g + 2);
    validator.setPreviousYear({ rows, threshold: DEFAULT_YEAR_CHANGE });
    expect(yearChanges(validator)).toEqual([]);
    validator.setPreviousYear({ rows, threshold: { percent: 5, min: 1 } });
    expect(yearChanges(validator).map((f) => [f.row, f.columns])).toEqual([['u01', ['g']]]);
    validator.setPreviousYear(null);
    expect(yearChanges(validator)).toEqual([]);
  });

  it('attaching last year leaves every other finding as it was', () => {
    const { meta, data, validator } = setUp();
    edit(validator, data, 'b04', 'u03', 'h', 0);
    const without = serializedFindings(validator);
    validator.setPreviousYear({ rows: lastYear(data), threshold: DEFAULT_YEAR_CHANGE });
    expect(serializedFindings(validator)).toEqual(without);
    expect(serializedFindings(validatorOver(template, data, meta.units, meta.settings))).toEqual(without);
  });
});
