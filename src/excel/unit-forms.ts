// Unit forms: the committee's report cut to one base organization — that unit's own row on each sheet and nothing
// of the others — filled into the same template (exportWorkbook), so each unit gets a file to fill in and send
// back; and the .zip the committee sends them in. A unit form's report has meta.baseUnit set, which gives the
// file the unit marker (TongHop.UnitId, …; see customPropsOf in export.ts) and makes exportFileName name it as
// the form was named, so a base organization that opened its form in the app exports "the same form" back.
import { zipSync, type Zippable } from 'fflate';
import type { ReportMeta, RowValues, SheetsData, Unit } from '../core/model';
import { Validator } from '../core/validator';
import { exportWorkbook, unitFormFileNames, type ExportRequest } from './export';

export { unitFormFileName } from './export';

export interface UnitFormFile {
  readonly unitId: string;
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

/**
 * The report cut to one unit: the unit alone in meta.units and as meta.baseUnit; in each sheet only its row
 * (a sheet it has no row in, such as Biểu 02 for a chi bộ cơ sở, has none); no reported totals (the control
 * row), since the "Cộng" of one unit is that unit. openFindings counts the errors of the cut report itself —
 * the errors the unit will see when it opens the file — rather than those of the whole committee's report.
 */
export function unitFormRequest(req: ExportRequest, unit: Unit): ExportRequest {
  if (!req.meta.units.some((u) => u.id === unit.id))
    throw new Error(`"${unit.id}" is not a unit of the report ${req.meta.id}`);
  const data: SheetsData = new Map();
  for (const [sheet, rows] of req.data) {
    const row = rows.get(unit.id);
    const hasRow = row !== undefined && req.unitsOf(sheet).some((u) => u.id === unit.id);
    data.set(sheet, new Map<string, RowValues>(hasRow ? [[unit.id, row]] : []));
  }
  const meta: ReportMeta = { ...req.meta, units: [unit], baseUnit: unit.id };
  const validator = new Validator(req.template, data, meta.settings, meta.units);
  const sheets = req.sheets ?? [...req.template.sheets.keys()];
  return {
    template: req.template,
    meta,
    data,
    unitsOf: (sheet) => req.unitsOf(sheet).filter((u) => u.id === unit.id),
    openFindings: sheets.reduce((n, sheet) => n + validator.countsOf(sheet).error, 0),
    ...(req.sheets ? { sheets: req.sheets } : {}),
  };
}

/**
 * One filled template per unit, in the order of `unitIds` (every unit of the report, in report order, by
 * default), each named by unitFormFileName. An id that is not a unit of the report is a programmer error.
 */
export function unitForms(
  req: ExportRequest,
  templateBytes: Uint8Array,
  unitIds?: readonly string[],
): UnitFormFile[] {
  const names = unitFormFileNames(req.meta);
  const byId = new Map(req.meta.units.map((u) => [u.id, u]));
  const ids = unitIds === undefined ? [...byId.keys()] : [...new Set(unitIds)];
  return ids.map((unitId) => {
    const unit = byId.get(unitId);
    const fileName = names.get(unitId);
    if (!unit || fileName === undefined)
      throw new Error(`"${unitId}" is not a unit of the report ${req.meta.id}`);
    return { unitId, fileName, bytes: exportWorkbook(unitFormRequest(req, unit), templateBytes) };
  });
}

/**
 * A DOS timestamp of 1980-01-01 00:00, the zip format's first day: the archive's bytes depend on the files only.
 * Built from local-time parts because fflate writes the date with local-time getters, so the bytes do not
 * depend on the time zone of the computer either.
 */
const ZIP_TIME = new Date(1980, 0, 1, 0, 0, 0);

/**
 * One .zip of the files, in the order given, at the archive's root. The entries are stored, not deflated: an
 * .xlsx is itself a deflated zip, so deflating it again costs time for nothing. fflate writes each name in UTF-8
 * and flags the ones that are not ASCII. Two files of the same name are a programmer error.
 */
export function zipFiles(files: readonly { fileName: string; bytes: Uint8Array }[]): Uint8Array {
  const entries: Zippable = {};
  for (const { fileName, bytes } of files) {
    if (Object.hasOwn(entries, fileName)) throw new Error(`Two files named "${fileName}" in one zip`);
    // defineProperty rather than assignment: a name like "__proto__" must stay a name.
    Object.defineProperty(entries, fileName, {
      value: [bytes, { level: 0, mtime: ZIP_TIME }],
      enumerable: true,
    });
  }
  return zipSync(entries, { level: 0, mtime: ZIP_TIME });
}
