// The validator over the Tân Hồng 2022 sample: clean as published, and exactly the expected findings when one
// thing is broken by hand.
import { describe, expect, it } from 'vitest';
import {
  CONTROL_ROW,
  getCell,
  setCell,
  type CellValue,
  type RowValues,
  type SheetsData,
} from '../../../src/core/model';
import type { Validator } from '../../../src/core/validator';
import { sheet02 } from '../../../src/templates/sheets';
import {
  builtIn,
  builtInWithYearChange,
  compile,
  errorsOf,
  ruleDef,
  sampleReport,
  serializedFindings,
  summarize,
  templateSet,
  unit,
  validatorOver,
  workbook,
  type FindingSummary,
} from './helpers';

/** Overwrites some cells of a row, keeping the others. */
function edit(data: SheetsData, sheet: string, row: string, values: RowValues): void {
  for (const [col, value] of Object.entries(values)) setCell(data, sheet, row, col, value);
}

/** A fresh validator over the sample after `change` has been applied to its data. */
function sampleWith(change: (data: SheetsData) => void): Validator {
  const { meta, data, template } = sampleReport();
  change(data);
  return validatorOver(template, data, meta.units, meta.settings);
}

const finding = (
  ruleId: string,
  row: string,
  variant: string,
  columns: string[],
  expected: CellValue,
  received: CellValue,
): FindingSummary => ({ ruleId, sheet: ruleId.slice(0, 3), row, variant, columns, expected, received });

describe('the Tân Hồng 2022 sample', () => {
  it('has no error under its template, and one warning: u16 has 4 excellent of 26 rated (15,38 %)', () => {
    const { validator, meta } = sampleReport();
    expect(meta.templateId).toBe('tcd-2019');
    expect(errorsOf(validator)).toEqual([]);
    expect(validator.all().map(summarize)).toEqual([
      finding('b04-plausibility', 'u16', 'over', ['x'], 15, 15.38),
    ]);
  });

  it.each(['tcd-2023', 'tcd-2025'])('has no error under %s either', (id) => {
    const { meta, data } = sampleReport();
    expect(errorsOf(validatorOver(builtIn(id), data, meta.units))).toEqual([]);
  });
});

describe('hand-made broken variants give exactly the expected findings', () => {
  it('(a) a Biểu 04 row whose levels do not add up to R: 237 + 11 + 3 = 251 ≠ 250', () => {
    const v = sampleWith((data) => edit(data, 'b04', 'u01', { h: 11 }));
    expect(errorsOf(v)).toEqual([
      finding('b04-partition', 'u01', 'sum', ['rated', 'g', 'h', 'k'], 250, 251),
      finding('b04-totals', CONTROL_ROW, 'mismatch', ['h'], 106, 105),
    ]);
  });

  it('(b) X > G under the inclusive convention in Biểu 04', () => {
    const v = sampleWith((data) => edit(data, 'b04', 'u01', { x: 240 }));
    expect(errorsOf(v)).toEqual([
      finding('b04-cap', 'u01', 'over', ['x'], 47, 240),
      finding('b04-partition', 'u01', 'x-over-g', ['x', 'g'], 237, 240),
      finding('b04-totals', CONTROL_ROW, 'mismatch', ['x'], 597, 392),
    ]);
  });

  it('(c) a unit over the 20 % cap while the district stays under it (392 of 2.682)', () => {
    // Two excellent members move from u15 to u16: the district's X is unchanged, u16 has 6 of 25 good.
    const v = sampleWith((data) => {
      edit(data, 'b04', 'u15', { x: 1 });
      edit(data, 'b04', 'u16', { x: 6 });
    });
    expect(errorsOf(v)).toEqual([finding('b04-cap', 'u16', 'over', ['x'], 5, 6)]);
    expect(v.column('b04', 'x').sum).toBe(392);
  });

  it('(d) a chi bộ cơ sở rated HTXSNV in Biểu 01 with a KHTNV member', () => {
    const v = sampleWith((data) => {
      expect(getCell(data, 'b01', 'u19', 'rating')).toBe('HTXSNV');
      edit(data, 'b04', 'u19', { g: 21, k: 1 }); // 21 + 0 + 1 = 22 rated
      edit(data, 'b04', CONTROL_ROW, { g: 2681, k: 30 }); // and the Cộng row follows
    });
    expect(errorsOf(v)).toEqual([finding('b01-eligibility', 'u19', 'has-failed', ['rating'], 0, 1)]);
  });

  it('(e) the Cộng rows no longer match once a unit is removed', () => {
    const { validator, meta } = sampleReport();
    validator.setUnits(meta.units.filter((u) => u.id !== 'u27')); // Chi bộ Điện lực: 9 members, 2 collectives
    expect(errorsOf(validator)).toEqual(
      [
        finding('b03-totals', CONTROL_ROW, 'mismatch', ['total'], 87, 89),
        finding('b03-totals', CONTROL_ROW, 'mismatch', ['g'], 71, 73),
        finding('b04-totals', CONTROL_ROW, 'mismatch', ['total'], 3319, 3328),
        finding('b04-totals', CONTROL_ROW, 'mismatch', ['rated'], 2807, 2816),
        finding('b04-totals', CONTROL_ROW, 'mismatch', ['x'], 391, 392),
        finding('b04-totals', CONTROL_ROW, 'mismatch', ['g'], 2673, 2682),
        finding('b06-totals', CONTROL_ROW, 'mismatch', ['members-end'], 3319, 3328),
      ].sort((a, b) => `${a.ruleId}|${a.columns[0]}`.localeCompare(`${b.ruleId}|${b.columns[0]}`)),
    );
    validator.setUnits(meta.units);
    expect(errorsOf(validator)).toEqual([]);
  });
});

describe('settings, edits and the indexes', () => {
  it('changing a sheet convention revalidates: Biểu 03 read inclusively no longer adds up', () => {
    const { validator } = sampleReport();
    validator.setSettings({ b03: { convention: 'inclusive', rounding: 'half-up' } });
    const communes = [
      'u01',
      'u02',
      'u03',
      'u04',
      'u05',
      'u06',
      'u07',
      'u08',
      'u09',
      'u10',
      'u11',
      'u12',
      'u13',
      'u14',
    ];
    expect(errorsOf(validator)).toEqual(
      communes.map((u) => finding('b03-partition', u, 'sum', ['rated', 'g', 'h', 'k'], 4, 3)),
    );
    expect(validator.countsOf('b03')).toEqual({ error: 14, warning: 0 });
    validator.setSettings({});
    expect(errorsOf(validator)).toEqual([]);
    expect(validator.countsOf('b03')).toEqual({ error: 0, warning: 0 });
  });

  it('Biểu 04 read exclusively: every row with excellent members counts them twice', () => {
    const { validator } = sampleReport();
    validator.setSettings({ b04: { convention: 'exclusive', rounding: 'half-up' } });
    const partition = errorsOf(validator).filter((f) => f.ruleId === 'b04-partition');
    expect(partition).toHaveLength(27);
    expect(partition[0]).toEqual(
      finding('b04-partition', 'u01', 'sum', ['rated', 'x', 'g', 'h', 'k'], 250, 285),
    );
  });

  it('an edit through applyChanges gives what a fresh validation gives, and undoing it clears it', () => {
    const { meta, data, template, validator } = sampleReport();
    setCell(data, 'b04', 'u01', 'h', 11);
    validator.applyChanges([{ sheet: 'b04', row: 'u01', col: 'h', before: 10, after: 11 }]);
    expect(serializedFindings(validator)).toEqual(
      serializedFindings(validatorOver(template, data, meta.units)),
    );
    expect(errorsOf(validator)).toHaveLength(2);
    setCell(data, 'b04', 'u01', 'h', 10);
    validator.applyChanges([{ sheet: 'b04', row: 'u01', col: 'h', before: 11, after: 10 }]);
    expect(errorsOf(validator)).toEqual([]);
  });

  it('an edit of the Cộng row is checked against the unit rows', () => {
    const { data, validator } = sampleReport();
    setCell(data, 'b02', CONTROL_ROW, 'rated', 170);
    validator.applyChanges([{ sheet: 'b02', row: CONTROL_ROW, col: 'rated', before: 171, after: 170 }]);
    expect(errorsOf(validator)).toEqual([
      finding('b02-totals', CONTROL_ROW, 'mismatch', ['rated'], 171, 170),
    ]);
    expect(validator.findingsAt('b02', CONTROL_ROW, 'rated').map((f) => f.ruleId)).toEqual(['b02-totals']);
  });

  it('findingsAt and countsOf agree with all()', () => {
    const v = sampleWith((data) => {
      edit(data, 'b04', 'u01', { x: 240 });
      edit(data, 'b03', 'u02', { g: 4 });
      edit(data, 'b01', 'u01', { rating: 'HTXSNV' });
    });
    const all = v.all();
    expect(all.length).toBeGreaterThan(4);
    for (const f of all) for (const col of f.columns) expect(v.findingsAt(f.sheet, f.row, col)).toContain(f);
    const indexed = new Set<unknown>();
    for (const f of all)
      for (const col of f.columns) for (const g of v.findingsAt(f.sheet, f.row, col)) indexed.add(g);
    expect(indexed.size).toBe(all.length);
    for (const sheet of v.template.sheets.keys()) {
      const here = all.filter((f) => f.sheet === sheet);
      expect(v.countsOf(sheet)).toEqual({
        error: here.filter((f) => f.severity === 'error').length,
        warning: here.filter((f) => f.severity === 'warning').length,
      });
    }
    expect(v.findingsAt('b04', 'u02', 'x')).toEqual([]);
  });
});

describe('a tiny template: Biểu 02 alone, with its partition and Cộng checks', () => {
  const tiny = compile(
    templateSet(
      [sheet02],
      [
        ruleDef('b02-partition', 'partition', 'b02', { rated: 'rated', x: 'x', g: 'g', h: 'h', k: 'k' }),
        ruleDef('b02-totals', 'totals', 'b02', { columns: ['total', 'rated'] }),
      ],
    ),
  );
  const units = [unit('u1', 'dang_bo'), unit('u2', 'dang_bo'), unit('u3', 'chi_bo_co_so')];

  it('validates only the rows of the units the sheet is for', () => {
    const data = workbook({
      b02: {
        u1: { total: 17, rated: 17, x: 2, g: 14, h: 3, k: 0 },
        u2: { total: 15, rated: 15, x: 2, g: 13, h: 1, k: 0 },
        u3: { total: 9, rated: 9, x: 0, g: 1, h: 1, k: 1 }, // a chi bộ cơ sở has no cells: ignored
        '#control': { total: 32, rated: 32 },
      },
    });
    const v = validatorOver(tiny, data, units);
    expect(v.unitsOf('b02').map((u) => u.id)).toEqual(['u1', 'u2']);
    expect(v.hasRow('b02', 'u3')).toBe(false);
    expect(errorsOf(v)).toEqual([finding('b02-partition', 'u2', 'sum', ['rated', 'g', 'h', 'k'], 15, 14)]);
    expect(v.findingsAt('b02', 'u2', 'h').map((f) => f.variant)).toEqual(['sum']);
    expect(v.column('b02', 'total')).toMatchObject({ sum: 32, filled: 2 });
  });

  it('validators over one unit list share its lookups, and a new list gets its own', () => {
    const a = validatorOver(tiny, workbook({}), units);
    const b = validatorOver(tiny, workbook({ b02: { u1: { total: 1 } } }), units);
    expect(b.unitsOf('b02')).toBe(a.unitsOf('b02'));
    const moved = [units[2] ?? unit('u3'), units[0] ?? unit('u1')];
    b.setUnits(moved);
    expect(b.unitsOf('b02').map((u) => u.id)).toEqual(['u1']);
    expect(b.rowIndex('b02', 'u1')).toBe(0);
    expect(a.unitsOf('b02').map((u) => u.id)).toEqual(['u1', 'u2']);
    expect(a.rowIndex('b02', 'u2')).toBe(1);
  });

  it('a chi bộ that becomes a đảng bộ gets its row checked', () => {
    const data = workbook({ b02: { u3: { total: 9, rated: 9, x: 0, g: 1, h: 1, k: 1 } } });
    const v = validatorOver(tiny, data, units);
    expect(errorsOf(v)).toEqual([]);
    v.setUnits([units[0] ?? unit('u1'), units[1] ?? unit('u2'), unit('u3', 'dang_bo')]);
    expect(errorsOf(v)).toEqual([finding('b02-partition', 'u3', 'sum', ['rated', 'g', 'h', 'k'], 9, 3)]);
  });
});

describe('listing a few findings of a sheet', () => {
  it('lists by sheet and severity, in unit order, up to the limit, and agrees with the counts', () => {
    const v = sampleWith((data) => {
      // Break the partition on three rows, in reverse unit order.
      for (const row of ['u09', 'u05', 'u02']) setCell(data, 'b04', row, 'h', 0);
    });
    const errors = v.list('b04', 'error', 200).filter((f) => f.ruleId === 'b04-partition');
    expect(errors.map((f) => f.row)).toEqual(['u02', 'u05', 'u09']);
    expect(v.list('b04', 'error', 2)).toHaveLength(2);
    expect(v.list('b04', 'warning', 200).map((f) => f.ruleId)).toEqual(['b04-plausibility']);
    expect(v.list('b04', 'error', 1000)).toHaveLength(v.countsOf('b04').error);
    expect(v.list('b05', 'error', 10)).toEqual([]);
  });

  it("puts a finding made by an edit in its unit's place, in the unit list as it is now", () => {
    const { meta, data, template } = sampleReport();
    for (const row of ['u05', 'u09']) setCell(data, 'b04', row, 'h', 0);
    const v = validatorOver(template, data, meta.units, meta.settings);
    const partition = () =>
      v
        .list('b04', 'error', 200)
        .filter((f) => f.ruleId === 'b04-partition')
        .map((f) => f.row);
    // Found last, listed where u07 stands.
    const before = getCell(data, 'b04', 'u07', 'h');
    setCell(data, 'b04', 'u07', 'h', 0);
    v.applyChanges([{ sheet: 'b04', row: 'u07', col: 'h', before, after: 0 }]);
    expect(partition()).toEqual(['u05', 'u07', 'u09']);
    v.setUnits([...meta.units].reverse());
    expect(partition()).toEqual(['u09', 'u07', 'u05']);
  });

  it('forgets a finding once fixed', () => {
    const { meta, data, template } = sampleReport();
    const v = validatorOver(template, data, meta.units, meta.settings);
    const before = getCell(data, 'b04', 'u03', 'h');
    setCell(data, 'b04', 'u03', 'h', 0);
    v.applyChanges([{ sheet: 'b04', row: 'u03', col: 'h', before, after: 0 }]);
    expect(v.list('b04', 'error', 10).some((f) => f.row === 'u03')).toBe(true);
    setCell(data, 'b04', 'u03', 'h', before);
    v.applyChanges([{ sheet: 'b04', row: 'u03', col: 'h', before: 0, after: before }]);
    expect(v.list('b04', 'error', 10)).toEqual([]);
  });
});

describe('the row-rule contract', () => {
  it('no row rule of any built-in template reports anything on a unit with an empty row in its own sheet', () => {
    for (const id of ['tcd-2019', 'tcd-2023', 'tcd-2025']) {
      const template = builtInWithYearChange(id);
      const { meta, data } = sampleReport();
      for (const rule of template.rules) {
        if (rule.kind.scope !== 'row') continue;
        for (const unit of meta.units) {
          // The unit's own-sheet row is empty; every other sheet keeps the sample's values.
          const get = (sheet: string, col: string): CellValue =>
            sheet === rule.def.sheet ? null : getCell(data, sheet, unit.id, col);
          const ctx = {
            unit,
            get,
            settings: () => ({ convention: 'inclusive' as const, rounding: 'half-up' as const }),
            // A last year where any figure at all would be a jump: only the empty row keeps the rules silent.
            previousYear: { get: () => 1000, threshold: { percent: 0, min: 0 } },
          };
          expect(
            rule.kind.check(rule.params, ctx, rule.def.sheet),
            `${id} ${rule.def.id} ${unit.id}`,
          ).toEqual([]);
        }
      }
    }
  });
});
