// A base organization's own report, made from the unit form its committee sent (a workbook exported with the
// unit marker, src/excel/unit-forms.ts): one unit, the committee's year and template, filled with the file's
// values. It validates like any report and exports back in the same form, so the committee recognises it.
import { importContextOver } from './import-context';
import { MARKER, planImport } from './import-plan';
import type { ImportWorkbook } from './import/workbook';
import { COMMITTEE_LEVELS, UNIT_BLOCS, UNIT_FORMS, setCell, type ReportMeta, type SheetsData } from './model';
import type { CompiledTemplate } from './template-loader';

/** The meta of the unit's report, or the marker properties the file lacks (it is not a unit form). */
export function unitReportFrom(
  wb: ImportWorkbook,
  id: string,
  now: number,
): { meta: ReportMeta } | { missing: string[] } {
  const props: Readonly<Record<string, unknown>> =
    typeof wb.customProps === 'object' && wb.customProps !== null ? wb.customProps : {};
  const text = (key: string): string | null => {
    const v = props[key];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
  };
  const missing: string[] = [];
  const need = (key: string): string => {
    const v = text(key);
    if (v === null) missing.push(key);
    return v ?? '';
  };
  const templateId = need(MARKER.template);
  const yearText = need(MARKER.year);
  const committee = need(MARKER.committee);
  const unitId = need(MARKER.unitId);
  const unitName = need(MARKER.unit);
  const form = UNIT_FORMS.find((f) => f === text(MARKER.unitForm));
  const bloc = UNIT_BLOCS.find((b) => b === text(MARKER.unitBloc));
  // Files exported before the level was recorded were a district's (the only level then).
  const level = COMMITTEE_LEVELS.find((l) => l === (text(MARKER.committeeLevel) ?? 'huyen'));
  const year = Number(yearText);
  if (yearText !== '' && !Number.isInteger(year)) missing.push(`${MARKER.year} (${yearText})`);
  if (!form) missing.push(MARKER.unitForm);
  if (!bloc) missing.push(MARKER.unitBloc);
  if (!level) missing.push(MARKER.committeeLevel);
  if (missing.length > 0 || !form || !bloc || !level) return { missing };
  return {
    meta: {
      id,
      name: `${unitName} – ${year}`,
      committee: { name: committee, level },
      year,
      templateId,
      units: [{ id: unitId, name: unitName, form, bloc }],
      settings: {},
      createdAt: now,
      updatedAt: now,
      baseUnit: unitId,
    },
  };
}

/** The file's values planned into the empty unit report (its "Cộng" row becomes the reported totals). */
export function unitReportData(wb: ImportWorkbook, meta: ReportMeta, template: CompiledTemplate): SheetsData {
  const data: SheetsData = new Map();
  const plan = planImport(wb, importContextOver(template, meta, new Map()));
  for (const c of plan.changes) setCell(data, c.sheet, c.row, c.col, c.after);
  return data;
}
