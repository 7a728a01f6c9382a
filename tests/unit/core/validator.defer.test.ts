// A deferred check (ValidatorOptions.deferCheck): nothing is checked until a reader asks, and then the findings,
// counts and sums are exactly those of a validator that checked at once, whichever reader asks first.
import { describe, expect, it } from 'vitest';
import { cloneData, setCell, type CellChange } from '../../../src/core/model';
import { Validator } from '../../../src/core/validator';
import { sampleReport, serializedFindings } from './helpers';

const { meta, data, template } = sampleReport();
const deferred = (d = cloneData(data)) =>
  new Validator(template, d, meta.settings, meta.units, { deferCheck: true });
const eager = (d = cloneData(data)) => new Validator(template, d, meta.settings, meta.units);

describe('Validator with a deferred check', () => {
  it('knows its units and rows at once, and has checked nothing', () => {
    const v = deferred();
    expect(v.checked).toBe(false);
    expect(v.unitsOf('b04').map((u) => u.id)).toEqual(
      eager()
        .unitsOf('b04')
        .map((u) => u.id),
    );
    expect(v.hasRow('b04', 'u02')).toBe(true);
    expect(v.unit('u02')?.name).toBe(meta.units.find((u) => u.id === 'u02')?.name);
    expect(v.checked).toBe(false);
  });

  const readers: Record<string, (v: Validator) => unknown> = {
    findingsAt: (v) => v.findingsAt('b04', 'u01', 'g'),
    countsOf: (v) => v.countsOf('b04'),
    column: (v) => v.column('b04', 'g'),
    all: (v) => v.all(),
    list: (v) => v.list('b04', 'error', 10),
    ensureChecked: (v) => v.ensureChecked(),
  };
  for (const [name, read] of Object.entries(readers)) {
    it(`runs the full pass when ${name} is asked first, and ends where a checked validator is`, () => {
      const v = deferred();
      read(v);
      expect(v.checked).toBe(true);
      const reference = eager();
      expect(serializedFindings(v)).toEqual(serializedFindings(reference));
      for (const sheet of template.sheets.keys())
        expect(v.countsOf(sheet)).toEqual(reference.countsOf(sheet));
      expect(v.column('b04', 'g')).toEqual(reference.column('b04', 'g'));
    });
  }

  it('takes an edit made before the pass: the pass reads the edited data, and counts it once', () => {
    const d = cloneData(data);
    const v = deferred(d);
    const before = d.get('b04')?.get('u02')?.g ?? null;
    setCell(d, 'b04', 'u02', 'g', 1200);
    const change: CellChange = { sheet: 'b04', row: 'u02', col: 'g', before, after: 1200 };
    v.applyChanges([change]);
    const edited = cloneData(data);
    setCell(edited, 'b04', 'u02', 'g', 1200);
    const reference = eager(edited);
    expect(serializedFindings(v)).toEqual(serializedFindings(reference));
    expect(v.column('b04', 'g')).toEqual(reference.column('b04', 'g'));
    expect(v.countsOf('b04')).toEqual(reference.countsOf('b04'));
  });
});
