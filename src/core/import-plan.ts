// Planning the import of a workbook file into a report: which file sheet holds which report sheet, what each
// cell becomes, and what the import would change, break or leave unchecked — before anything is written.
// Each table goes through planPaste (header and unit-name matching, parsing, editability); the "Cộng" row becomes
// the reported totals; the file's percentages are checked against the counts, never written. Pure and total.
import { TOTAL_ROW, type Finding } from './finding';
import { planSheet, type PercentReading, type SheetOutcome } from './import/sheet';
import type {
  ImportChange,
  ImportContext,
  ImportFindings,
  ImportKind,
  ImportPlan,
  ImportRefusal,
  ImportSheetPlan,
  PercentCheck,
} from './import/types';
import { isEmptySheet, type ImportSheet, type ImportWorkbook } from './import/workbook';
import { cloneData, type CellValue, type RowValues, type SheetsData } from './model';
import { normalizeName, prepareUnits } from './names';
import { computePercents, percentInputs, percentTolerance } from './percent';
import { Validator } from './validator';

export type * from './import/types';
export type { ImportCell, ImportRange, ImportSheet, ImportValue, ImportWorkbook } from './import/workbook';
export { IMPORT_KINDS, REFUSAL_CODES, SHEET_NOTES } from './import/types';

/** Custom document properties a workbook exported by this app carries. */
export const MARKER = {
  template: 'TongHop.Template',
  templateVersion: 'TongHop.TemplateVersion',
  year: 'TongHop.Year',
  committee: 'TongHop.Committee',
  committeeLevel: 'TongHop.CommitteeLevel',
  /** A unit form (one base organization's part): the unit's id in the committee's report, name, form, bloc. */
  unitId: 'TongHop.UnitId',
  unit: 'TongHop.Unit',
  unitForm: 'TongHop.UnitForm',
  unitBloc: 'TongHop.UnitBloc',
} as const;

/**
 * What planImport matches names against, made ahead: every sheet's unit-name index (at 100,000 units, 150-200 ms
 * the first time, which the page can spend while a worker reads the file).
 */
export function prepareImport(ctx: Pick<ImportContext, 'template' | 'unitsOf'>): void {
  for (const sheet of ctx.template.sheets.keys()) prepareUnits(ctx.unitsOf(sheet));
}

export function planImport(wb: ImportWorkbook, ctx: ImportContext): ImportPlan {
  const props: Readonly<Record<string, unknown>> =
    typeof wb.customProps === 'object' && wb.customProps !== null ? wb.customProps : {};
  const listed: unknown = wb.sheets;
  const sheets = Array.isArray(listed) ? (listed as readonly ImportSheet[]) : [];
  const marked = Object.values(MARKER).some((key) => typeof props[key] === 'string');
  // One validator for before and after: over a copy of the report's rows (the rows themselves are shared and
  // never changed), it gives the findings now; the changed rows are then put into the copy and validated again.
  const after = cloneData(ctx.data);
  const validator = new Validator(ctx.template, after, ctx.meta.settings, ctx.meta.units);
  const found = validator.all();
  const before = severityCounts(found);
  const refused = (refusal: ImportRefusal, kind: ImportKind, plans: readonly ImportSheetPlan[] = []) => ({
    kind,
    refusal,
    sheets: plans,
    changes: [],
    unchanged: 0,
    percentChecks: [],
    findings: { before, after: before, added: [] },
  });

  const markerRefusal = marked ? checkMarker(props, ctx) : null;
  if (markerRefusal) return refused(markerRefusal, 'tong-hop');
  const expectedSheets = [...ctx.template.sheets.values()].map((s) => s.code.vi).join(', ');
  const fileSheets = sheets.map((s) => (typeof s.name === 'string' ? s.name : '')).join(', ');
  if (sheets.every(isEmptySheet))
    return refused({ code: 'empty', expected: expectedSheets, received: fileSheets }, 'unrecognised');

  const outcomes = dropDuplicates(sheets.map((s) => planSheet(s, ctx)));
  const plans = outcomes.map((o) => o.plan);
  if (!plans.some((p) => p.sheet !== null && p.headerRow !== null))
    return refused(
      { code: 'no-header', expected: expectedSheets, received: fileSheets },
      'unrecognised',
      plans,
    );

  const changes: ImportChange[] = [];
  let unchanged = 0;
  // Each changed row is copied once, however many of its cells change (100,000 rows × 8 cells in a big file).
  // No cell is seen twice: dropDuplicates leaves one outcome with writes per sheet, and planPaste writes each
  // cell of a sheet at most once.
  const newRows = new Map<string, Map<string, Record<string, CellValue>>>();
  for (const o of outcomes) {
    const sheet = o.plan.sheet;
    if (sheet === null) continue;
    const rows = newRows.get(sheet) ?? new Map<string, Record<string, CellValue>>();
    newRows.set(sheet, rows);
    const current = ctx.data.get(sheet);
    // Writes come row by row: the row last looked up is kept rather than looked up again per cell.
    let rowId: string | null = null;
    let stored: RowValues | undefined;
    let copy: Record<string, CellValue> | undefined;
    for (const w of o.writes) {
      if (w.row !== rowId) {
        rowId = w.row;
        stored = current?.get(w.row);
        copy = rows.get(w.row);
      }
      const old = stored?.[w.col] ?? null;
      if (old === null && w.value === null) continue; // a blank onto a blank: the file holds nothing here
      if (old === w.value) {
        unchanged++;
        continue;
      }
      changes.push({ sheet, row: w.row, col: w.col, before: old, after: w.value });
      if (!copy) {
        copy = { ...(stored ?? {}) };
        rows.set(w.row, copy);
      }
      if (w.value === null) delete copy[w.col];
      else copy[w.col] = w.value;
    }
  }
  for (const [sheet, rows] of newRows) {
    let target = after.get(sheet);
    if (!target) after.set(sheet, (target = new Map<string, RowValues>()));
    for (const [row, values] of rows) target.set(row, values);
  }

  const kind: ImportKind = marked ? 'tong-hop' : outcomes.some((o) => o.form) ? 'template' : 'loose';
  return {
    kind,
    refusal: null,
    sheets: plans,
    changes,
    unchanged,
    percentChecks: outcomes.flatMap((o) => o.percents).flatMap((p) => checkPercent(p, after, ctx)),
    findings: changes.length === 0 ? { before, after: before, added: [] } : compare(found, validator),
  };
}

function checkMarker(props: Readonly<Record<string, unknown>>, ctx: ImportContext): ImportRefusal | null {
  const text = (key: string) => {
    const v = props[key];
    return typeof v === 'string' ? v.trim() : null;
  };
  const year = text(MARKER.year);
  if (year !== null && Number(year) !== ctx.meta.year)
    return { code: 'other-year', expected: String(ctx.meta.year), received: year };
  const committee = text(MARKER.committee);
  if (committee !== null && normalizeName(committee) !== normalizeName(ctx.meta.committee.name))
    return { code: 'other-committee', expected: ctx.meta.committee.name, received: committee };
  const template = text(MARKER.template);
  if (template !== null && template !== ctx.template.set.id)
    return { code: 'other-template', expected: ctx.template.set.id, received: template };
  return null;
}

/** A second file sheet for a report sheet already read is listed, not imported. */
function dropDuplicates(outcomes: readonly SheetOutcome[]): SheetOutcome[] {
  const taken = new Set<string>();
  return outcomes.map((o) => {
    const sheet = o.plan.sheet;
    if (sheet === null || o.plan.headerRow === null) return o;
    if (!taken.has(sheet)) {
      taken.add(sheet);
      return o;
    }
    return {
      ...o,
      plan: { ...o.plan, notes: [...o.plan.notes, 'duplicate-sheet'] },
      writes: [],
      percents: [],
    };
  });
}

/**
 * A percentage of the file against the one computed from the counts after the import, with the sheet's
 * convention and rounding. A bare number at most 1 may be a fraction (0.948) or a percent (0.95 %): the reading
 * closer to the computed value is taken.
 */
function checkPercent(p: PercentReading, after: SheetsData, ctx: ImportContext): PercentCheck[] {
  const def = ctx.template.sheets.get(p.sheet);
  const col = def?.columns.find((c) => c.id === p.col);
  if (!def || !col?.percent) return [];
  const settings = ctx.meta.settings[p.sheet] ?? def.defaults;
  const row = p.row === TOTAL_ROW ? columnSums(after, p.sheet, ctx) : (after.get(p.sheet)?.get(p.row) ?? {});
  const expected = computePercents(def, settings.convention, settings.rounding, row).get(p.col);
  const inputs = percentInputs(col, row, settings.convention);
  if (expected === null || expected === undefined || !inputs) return [];
  const readings = [
    p.value,
    ...(p.ambiguous && p.value >= 0 && p.value <= 1 ? [p.value * 100] : []),
    ...(p.alternative === undefined ? [] : [p.alternative]),
  ];
  const distance = (v: number) => Math.abs(v - expected);
  const received = Math.round(readings.reduce((a, b) => (distance(b) < distance(a) ? b : a)) * 1e6) / 1e6;
  if (distance(received) <= percentTolerance(col.percent.decimals)) return [];
  return [
    {
      sheet: p.sheet,
      row: p.row,
      col: p.col,
      received,
      expected,
      count: inputs.numerator,
      base: inputs.denominator,
    },
  ];
}

/** The computed "Cộng" row: each count column summed over the unit rows that have it. */
function columnSums(data: SheetsData, sheet: string, ctx: ImportContext): RowValues {
  const out: Record<string, number> = {};
  const rows = data.get(sheet);
  for (const unit of ctx.unitsOf(sheet))
    for (const [col, v] of Object.entries(rows?.get(unit.id) ?? {}))
      if (typeof v === 'number') out[col] = (out[col] ?? 0) + v;
  return out;
}

function severityCounts(findings: readonly Finding[]): { error: number; warning: number } {
  let error = 0;
  for (const f of findings) if (f.severity === 'error') error++;
  return { error, warning: findings.length - error };
}

const findingKey = (f: Finding) =>
  `${f.ruleId}\u0001${f.sheet}\u0001${f.row}\u0001${f.variant}\u0001${f.columns.join(',')}`;

/** `validator` was built over the rows before the import, which have since been replaced by those after it. */
function compare(found: readonly Finding[], validator: Validator): ImportFindings {
  validator.validateAll();
  const now = validator.all();
  // Nothing found before (a new or empty report): every finding is new, without a key per finding.
  if (found.length === 0) return { before: severityCounts(found), after: severityCounts(now), added: now };
  const old = new Set(found.map(findingKey));
  return {
    before: severityCounts(found),
    after: severityCounts(now),
    added: now.filter((f) => !old.has(findingKey(f))),
  };
}
