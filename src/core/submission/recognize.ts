// Recognising one returned file: which unit of the committee's report it is for, what it holds for that unit,
// and what is wrong with it on its own. The file is planned like an import into an empty copy of the report, so
// the plan's changes are exactly the file's values; the unit comes from the unit marker, else from the row names.
import { TOTAL_ROW, type Finding } from '../finding';
import { MARKER, planImport } from '../import-plan';
import { planSheet } from '../import/sheet';
import type { ImportContext, ImportPlan, ImportSheetPlan } from '../import/types';
import type { ImportSheet, ImportWorkbook } from '../import/workbook';
import { CONTROL_ROW, type CellValue, type SheetsData, type Unit } from '../model';
import { normalizeName } from '../names';
import type { PlannedNameMatch } from '../paste';
import { Validator } from '../validator';
import type { Recognition, UnrecognisedReason } from './types';

/** A file the caller could not read: listed as unrecognised with the reader's detail. */
export function unreadable(fileName: string, detail: string): Recognition {
  return { ...nothing(fileName), reason: { code: 'read-error', detail } };
}

export function recognizeSubmission(wb: ImportWorkbook, ctx: ImportContext): Recognition {
  const fileName = typeof wb.fileName === 'string' ? wb.fileName : '';
  // Method references are wrapped: a context may be a class instance whose methods a spread would drop.
  const empty: ImportContext = {
    template: ctx.template,
    meta: ctx.meta,
    data: new Map(),
    unitsOf: (sheet) => ctx.unitsOf(sheet),
    isEditable: (sheet, row, col) => ctx.isEditable(sheet, row, col),
  };
  const plan = planImport(wb, empty);
  if (plan.refusal) return { ...nothing(fileName), reason: { code: 'refused', refusal: plan.refusal } };

  const read = readSheets(wb, plan, empty);
  const { byUnit, control } = splitChanges(plan);
  const units = ctx.meta.units;
  // Units in report order, so the names a reason lists read like the report.
  const inOrder = (ids: ReadonlySet<string>) => units.filter((u) => ids.has(u.id));
  const withValues = new Set(byUnit.keys());
  const matched = new Set(
    read.flatMap((s) => s.matches.flatMap((m) => (m.unitId === null ? [] : [m.unitId]))),
  );
  // The units the file holds rows for: those it gives values, or, for a blank form, those its names match.
  const rows = inOrder(withValues.size > 0 ? withValues : matched);
  const unmatched = [...new Set(plan.sheets.flatMap((s) => s.unmatchedNames))];

  const unrecognised = (reason: UnrecognisedReason): Recognition => ({
    ...nothing(fileName),
    reason,
    sheets: read.map((s) => s.sheet),
    control,
    invalid: invalidCells(plan.sheets, () => true),
    percentChecks: plan.percentChecks,
  });

  let unit: Unit;
  let via: 'marker' | 'name';
  const marked = markedUnit(wb, units);
  if (marked) {
    // The marker is the app's own word for whose form this is: a row name that matched it without certainty is
    // accepted, but values on another unit's row mean the file is not that unit's form alone.
    const others = rows.filter((u) => u.id !== marked.id);
    if (others.length > 0)
      return unrecognised({ code: 'several-units', names: [marked.name, ...others.map((u) => u.name)] });
    // Rows whose names match no unit (the unit renamed since the form was sent, say) cannot be placed.
    if (withValues.size === 0 && !matched.has(marked.id) && unmatched.length > 0)
      return unrecognised({ code: 'unknown-unit', names: unmatched });
    [unit, via] = [marked, 'marker'];
  } else {
    const [only, ...more] = rows;
    if (!only) return unrecognised({ code: 'unknown-unit', names: unmatched });
    if (more.length > 0) return unrecognised({ code: 'several-units', names: rows.map((u) => u.name) });
    // Every name that placed the unit's row must be certain: "Đảng bộ xã Tân Thành" may be A or B.
    const doubt = read.flatMap((s) => s.matches).find((m) => m.unitId === only.id && !m.certain);
    if (doubt) return unrecognised({ code: 'uncertain-unit', name: doubt.text, candidate: only.name });
    [unit, via] = [only, 'name'];
  }

  const values = byUnit.get(unit.id) ?? {};
  // Other units' rows (a blank row the file also names) are not this unit's business.
  const own = (row: string) => row === unit.id || row === CONTROL_ROW || row === TOTAL_ROW;
  return {
    fileName,
    unitId: unit.id,
    via,
    reason: null,
    sheets: read.filter((s) => s.matches.some((m) => m.unitId === unit.id)).map((s) => s.sheet),
    values,
    control,
    findings: validateAlone(ctx, unit, values),
    invalid: invalidCells(plan.sheets, own),
    percentChecks: plan.percentChecks.filter((p) => own(p.row)),
  };
}

function nothing(fileName: string): Recognition {
  return {
    fileName,
    unitId: null,
    via: null,
    reason: null,
    sheets: [],
    values: {},
    control: {},
    findings: [],
    invalid: [],
    percentChecks: [],
  };
}

/**
 * The unit the marker names: by id when the report has it, else by its name (normalized, one unit only), for a
 * form sent before the unit list was rebuilt with new ids.
 */
function markedUnit(wb: ImportWorkbook, units: readonly Unit[]): Unit | null {
  const props: Readonly<Record<string, unknown>> =
    typeof wb.customProps === 'object' && wb.customProps !== null ? wb.customProps : {};
  const text = (key: string) => {
    const v = props[key];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
  };
  const id = text(MARKER.unitId);
  const byId = id === null ? undefined : units.find((u) => u.id === id);
  if (byId) return byId;
  const name = text(MARKER.unit);
  if (name === null) return null;
  const normalized = normalizeName(name);
  const same = units.filter((u) => normalizeName(u.name) === normalized);
  return same.length === 1 ? (same[0] ?? null) : null;
}

interface ReadSheet {
  readonly sheet: string;
  readonly matches: readonly PlannedNameMatch[];
}

/**
 * The report sheets the file holds, each with the unit names its rows gave. The plan keeps only counts of the
 * names, so each such sheet is planned once more on its own (unit forms are a few rows: the cost is nothing);
 * a second file sheet for the same report sheet is skipped, as the plan skipped it.
 */
function readSheets(wb: ImportWorkbook, plan: ImportPlan, ctx: ImportContext): ReadSheet[] {
  const listed: unknown = wb.sheets;
  const files = Array.isArray(listed) ? (listed as readonly ImportSheet[]) : [];
  const out: ReadSheet[] = [];
  plan.sheets.forEach((p, i) => {
    const file = files[i];
    if (p.sheet === null || p.headerRow === null || p.notes.includes('duplicate-sheet') || !file) return;
    out.push({ sheet: p.sheet, matches: planSheet(file, ctx).matches });
  });
  return out;
}

/** The plan's changes (all from blank, so all non-blank) by unit row, and the "Cộng" rows apart. */
function splitChanges(plan: ImportPlan) {
  const byUnit = new Map<string, Record<string, Record<string, CellValue>>>();
  const control: Record<string, Record<string, CellValue>> = {};
  for (const c of plan.changes) {
    if (c.after === null) continue;
    let target: Record<string, Record<string, CellValue>> | undefined = control;
    if (c.row !== CONTROL_ROW) {
      target = byUnit.get(c.row);
      if (!target) byUnit.set(c.row, (target = {}));
    }
    (target[c.sheet] ??= {})[c.col] = c.after;
  }
  return { byUnit, control };
}

function invalidCells(sheets: readonly ImportSheetPlan[], keep: (row: string) => boolean) {
  return sheets.flatMap((s) => {
    const sheet = s.sheet;
    return sheet === null ? [] : s.invalid.filter((c) => keep(c.row)).map((c) => ({ ...c, sheet }));
  });
}

/**
 * The unit validated as if it were the whole report: its row rules, cross-sheet ones included. Findings on the
 * total and control rows are dropped: aggregate rules (Biểu 01's 20 % cap over the base organizations, the
 * "Cộng" checks) judge all units together and run on the report after combining.
 */
function validateAlone(ctx: ImportContext, unit: Unit, values: Recognition['values']): Finding[] {
  const data: SheetsData = new Map(
    Object.entries(values).map(([sheet, row]) => [sheet, new Map([[unit.id, row]])]),
  );
  return new Validator(ctx.template, data, ctx.meta.settings, [unit]).all().filter((f) => f.row === unit.id);
}
