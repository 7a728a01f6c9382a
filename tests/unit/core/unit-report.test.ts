// A unit form opened as the base organization's own report: the meta from the marker, the values from the file.
import { describe, expect, it } from 'vitest';
import { MARKER } from '../../../src/core/import-plan';
import { CONTROL_ROW, getCell } from '../../../src/core/model';
import { unitReportData, unitReportFrom } from '../../../src/core/unit-report';
import { templateById } from '../../../src/templates';
import { buildSampleReport } from '../../../src/templates/sample';
import { unitFormWorkbook } from '../../fixtures/unit-form';

const sample = buildSampleReport('r1', 1);
const compiled = templateById(sample.meta.templateId);
if (!compiled.ok) throw new Error(compiled.error);
const template = compiled.template;
const unit = sample.meta.units.find((u) => u.id === 'u05')!;
const values = Object.fromEntries([...sample.data].map(([sheet, rows]) => [sheet, rows.get(unit.id) ?? {}]));
const form = unitFormWorkbook(template, sample.meta, [{ unit, values }]);

describe('unitReportFrom', () => {
  it('makes a one-unit report of the committee, year and template the marker names', () => {
    const made = unitReportFrom(form, 'new', 7);
    expect(made).toEqual({
      meta: {
        id: 'new',
        name: 'Đảng bộ xã Tân Hộ Cơ – 2022',
        committee: sample.meta.committee,
        year: 2022,
        templateId: sample.meta.templateId,
        units: [unit],
        settings: {},
        createdAt: 7,
        updatedAt: 7,
        baseUnit: 'u05',
      },
    });
  });

  it('names every marker property a file lacks (a committee workbook is not a unit form)', () => {
    const props = Object.fromEntries(
      Object.entries(form.customProps).filter(([k]) => k !== MARKER.unitId && k !== MARKER.unitForm),
    );
    expect(unitReportFrom({ ...form, customProps: props }, 'x', 1)).toEqual({
      missing: [MARKER.unitId, MARKER.unitForm],
    });
    expect(unitReportFrom({ ...form, customProps: {} }, 'x', 1)).toEqual({
      missing: [
        MARKER.template,
        MARKER.year,
        MARKER.committee,
        MARKER.unitId,
        MARKER.unit,
        MARKER.unitForm,
        MARKER.unitBloc,
      ],
    });
  });

  it('refuses a year that is not a number and a form or bloc it does not know', () => {
    const bad = { ...form.customProps, [MARKER.year]: 'hai nghìn', [MARKER.unitBloc]: 'vũ trụ' };
    expect(unitReportFrom({ ...form, customProps: bad }, 'x', 1)).toEqual({
      missing: [`${MARKER.year} (hai nghìn)`, MARKER.unitBloc],
    });
  });
});

describe('unitReportData', () => {
  it('holds the file’s values of the unit in every sheet, and its Cộng row as the reported totals', () => {
    const made = unitReportFrom(form, 'new', 7);
    if (!('meta' in made)) throw new Error('not a unit form');
    const data = unitReportData(form, made.meta, template);
    for (const [sheet, row] of Object.entries(values))
      for (const [col, v] of Object.entries(row))
        if (template.sheets.get(sheet)?.columns.find((c) => c.id === col)?.kind !== 'percent')
          expect(getCell(data, sheet, 'u05', col), `${sheet}/${col}`).toBe(v);
    expect(getCell(data, 'b04', CONTROL_ROW, 'total')).toBe(values.b04?.total);
    expect([...(data.get('b04')?.keys() ?? [])].sort()).toEqual([CONTROL_ROW, 'u05']);
  });
});
