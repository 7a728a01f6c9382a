// The Excel export: a report written into the district's own template file (public/templates/*.xlsx) by patching
// it (src/excel/fill/), so the file keeps every style, merge, print setting and formula of the template.
//
// What goes where comes from the template's binding (src/templates/bindings.ts) and nothing else:
// - per unit row: the running number, the unit's name, Biểu 01's form and bloc as their printed texts, and every
//   input column — counts and scores as numbers, ratings as their printed label (the template's COUNTIF summary
//   counts labels), text as text; formula columns (percentages) and the "Cộng" row are never written, and the
//   reported totals (the control row) are not written either: the "Cộng" row holds the template's sums;
// - unit rows the template provides but the report does not use are cleared, so nothing of the template stays;
// - more units than rows provided: rows are inserted inside the unit block (after its last row but one, with the
//   last row's style), so the "Cộng" sums, Biểu 01's COUNTIF ranges and the print area grow over them; the new
//   rows get the percentage formulas of the template's unit row (insertRows.formulaColumns), written with them;
// - the header cells: the committee's name in upper case, "Năm 2022";
// - custom properties: the marker the import reads (MARKER: template, year, committee and its level) and
//   TongHop.OpenFindings; a unit form (meta.baseUnit, see unit-forms.ts) adds the unit's id, name, form and bloc.
// Exporting one sheet patches that sheet only; the workbook's other sheets stay exactly as in the template.
import { MARKER } from '../core/import-plan';
import type { CellValue, ReportMeta, SheetsData, Unit } from '../core/model';
import type { SheetDef } from '../core/template';
import type { CompiledTemplate } from '../core/template-loader';
import { bindingFor, type SheetBinding, type TemplateBinding } from '../templates/bindings';
import { fillWorkbook, sheetPathsByName, type CellPatch, type SheetCellBlock, type SheetPatch } from './fill';

export interface ExportRequest {
  readonly template: CompiledTemplate;
  readonly meta: ReportMeta;
  readonly data: SheetsData;
  /** The units that have a row in a sheet, in order (the validator's unitsOf). */
  unitsOf(sheet: string): readonly Unit[];
  /** The count of open findings, recorded as TongHop.OpenFindings. */
  readonly openFindings: number;
  /** SheetDef ids to export; all sheets of the binding when absent. */
  readonly sheets?: readonly string[];
}

export interface ExportPatches {
  readonly patches: SheetPatch[];
  readonly customProps: Record<string, string>;
}

/** The custom property holding the count of open findings when the file was exported. */
export const OPEN_FINDINGS_PROP = 'TongHop.OpenFindings';

/**
 * The exporter's edits as plain cell patches: every cell it writes, one CellPatch each, and the rows it inserts
 * (what another writer would be asked to do; the benchmark gives them to ExcelJS).
 */
export function exportPatches(req: ExportRequest, templateBytes: Uint8Array): ExportPatches {
  return { patches: plan(req, templateBytes).map(cellPatchesOf), customProps: customPropsOf(req) };
}

export function exportWorkbook(req: ExportRequest, templateBytes: Uint8Array): Uint8Array {
  return fillWorkbook(templateBytes, plan(req, templateBytes), { customProps: customPropsOf(req) });
}

/** A planned patch with its block spelled out as cells, row by row, and the insertion without its formulas. */
function cellPatchesOf(patch: SheetPatch): SheetPatch {
  const cells = [...patch.cells];
  const block = patch.block;
  if (block) {
    const width = block.columns.length;
    block.values.forEach((value, i) => {
      const row = block.firstRow + Math.floor(i / width);
      cells.push({ ref: `${block.columns[i % width] ?? ''}${row}`, value });
    });
  }
  const insert = patch.insertRows;
  return {
    sheetPath: patch.sheetPath,
    cells,
    ...(insert
      ? { insertRows: { after: insert.after, count: insert.count, styleFrom: insert.styleFrom } }
      : {}),
  };
}

/**
 * "TanHong_2022_Bieu04.xlsx", or "TanHong_2022.xlsx" for the whole workbook: the committee's name without its
 * level word (Huyện ủy, Đảng ủy xã …) and without diacritics, in PascalCase; the year; the sheet code. A unit
 * form (meta.baseUnit) is named as unitFormFileName names it, "TanHong_2022_XaTanHoCo.xlsx", so a base
 * organization that opened its form in the app sends back a file named like the one it received.
 */
export function exportFileName(meta: ReportMeta, sheetCode?: string): string {
  const unit = baseUnitOf(meta);
  const unitPart = unit ? unitFileNames(meta.units).get(unit.id) : undefined;
  const stem = unitPart === undefined ? committeeStem(meta) : `${committeeStem(meta)}_${unitPart}`;
  const code = sheetCode === undefined ? '' : fold(sheetCode).replace(/[^A-Za-z0-9]+/g, '');
  return `${stem}${code === '' ? '' : `_${code}`}.xlsx`;
}

/**
 * The file name of a unit's form: the workbook's name and the unit's name, without diacritics and without its
 * level word (Đảng bộ, Chi bộ), in PascalCase: "TanHong_2022_XaTanHoCo.xlsx". Unique among meta.units, compared
 * as case-insensitive file systems compare: when two units fold to the same name, the later one in the unit
 * list gets "_2", "_3" … ("_" never occurs in a folded name, so a suffixed name cannot meet another unit's).
 */
export function unitFormFileName(meta: ReportMeta, unit: Unit): string {
  return unitFormFileNames(meta).get(unit.id) ?? `${committeeStem(meta)}_${unitNamePart(unit.name)}.xlsx`;
}

/** unitFormFileName for every unit of the report at once (unit id → file name). */
export function unitFormFileNames(meta: ReportMeta): Map<string, string> {
  const stem = committeeStem(meta);
  return new Map([...unitFileNames(meta.units)].map(([id, part]) => [id, `${stem}_${part}.xlsx`]));
}

/** "TanHong_2022". */
function committeeStem(meta: ReportMeta): string {
  const folded = fold(meta.committee.name).trim();
  const place = folded.replace(LEVEL_WORDS, '').trim();
  return `${pascal(place === '' ? folded : place) || 'TongHop'}_${meta.year}`;
}

/** The unit that a unit form's report is for, when it is one of its units. */
function baseUnitOf(meta: ReportMeta): Unit | undefined {
  return meta.baseUnit === undefined ? undefined : meta.units.find((u) => u.id === meta.baseUnit);
}

/** unit id → its part of the file name, made unique as unitFormFileName says. */
function unitFileNames(units: readonly Unit[]): Map<string, string> {
  const taken = new Set<string>();
  const parts = new Map<string, string>();
  for (const unit of units) {
    const base = unitNamePart(unit.name);
    let part = base;
    for (let n = 2; taken.has(part.toLowerCase()); n++) part = `${base}_${n}`;
    taken.add(part.toLowerCase());
    parts.set(unit.id, part);
  }
  return parts;
}

// The base organization's level word at the start of a unit's name, once its diacritics are gone: every unit of
// a report is a đảng bộ or a chi bộ, so the word tells nothing apart and only lengthens the name.
const UNIT_LEVEL_WORDS = /^(dang\s+(bo|uy)|chi\s+bo)(\s+co\s+so)?\s+/i;
/** Long agency names are cut at a word, so that the path stays well inside Windows' 260 characters. */
const MAX_UNIT_PART = 60;

/** "Đảng bộ xã Tân Hộ Cơ" → "XaTanHoCo". */
function unitNamePart(name: string): string {
  const folded = fold(name).trim();
  const rest = folded.replace(UNIT_LEVEL_WORDS, '').trim();
  const words = pascalWords(rest === '' ? folded : rest);
  let part = '';
  for (const w of words) {
    if (part.length + w.length > MAX_UNIT_PART) break;
    part += w;
  }
  // A first word longer than the limit is cut inside; a name of symbols only is "DonVi" (unit).
  return part || words.join('').slice(0, MAX_UNIT_PART) || 'DonVi';
}

// The level word at the start of a committee's name, once its diacritics are gone: "Huyện ủy", "Tỉnh ủy",
// "Thành ủy", "Thị ủy", "Quận ủy", "Đảng ủy xã", "Đảng bộ phường", "Ban Thường vụ Huyện ủy" …
const LEVEL_WORDS =
  /^(ban\s+thuong\s+vu\s+)?((huyen|tinh|thanh|thi|quan)\s+uy|dang\s+(uy|bo)(\s+(xa|phuong|thi\s+tran|thi\s+xa|huyen|quan|tinh|thanh\s+pho|co\s+so))?)\b/i;

/** Without diacritics: "Đông Hòa" → "Dong Hoa". */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

function pascal(text: string): string {
  return pascalWords(text).join('');
}

function pascalWords(text: string): string[] {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase());
}

function customPropsOf(req: ExportRequest): Record<string, string> {
  const unit = baseUnitOf(req.meta);
  return {
    [MARKER.template]: req.template.set.id,
    [MARKER.templateVersion]: String(req.template.set.version),
    [MARKER.year]: String(req.meta.year),
    [MARKER.committee]: req.meta.committee.name,
    [MARKER.committeeLevel]: req.meta.committee.level,
    // A unit form: which of the committee's units it is, so a returned file can be told apart from the
    // committee's own workbook and matched to its unit even when its name was retyped.
    ...(unit
      ? {
          [MARKER.unitId]: unit.id,
          [MARKER.unit]: unit.name,
          [MARKER.unitForm]: unit.form,
          [MARKER.unitBloc]: unit.bloc,
        }
      : {}),
    [OPEN_FINDINGS_PROP]: String(req.openFindings),
  };
}

function plan(req: ExportRequest, templateBytes: Uint8Array): SheetPatch[] {
  const binding = bindingFor(req.template.set.id);
  if (!binding) throw new Error(`No Excel template is bound to the template set "${req.template.set.id}"`);
  const paths = sheetPathsByName(templateBytes);
  const wanted = req.sheets ?? binding.sheets.map((s) => s.sheet);
  return wanted.map((id) => {
    const sb = binding.sheets.find((s) => s.sheet === id);
    if (!sb) throw new Error(`The template ${binding.templateId} has no sheet "${id}"`);
    const def = req.template.sheets.get(id);
    if (!def) throw new Error(`The template set ${req.template.set.id} has no sheet "${id}"`);
    const path = paths.get(sb.sheetName);
    if (!path) throw new Error(`${binding.file} has no worksheet named "${sb.sheetName}"`);
    return sheetPlan(req, binding, sb, def, path);
  });
}

function sheetPlan(
  req: ExportRequest,
  binding: TemplateBinding,
  sb: SheetBinding,
  def: SheetDef,
  sheetPath: string,
): SheetPatch {
  const units = req.unitsOf(sb.sheet);
  const rows = req.data.get(sb.sheet);
  const cells: CellPatch[] = [];

  const committee = req.meta.committee.name.toLocaleUpperCase('vi');
  const header = sb.header;
  cells.push({
    ref: header.committee.cell,
    value: fillText(header.committee.text, committee, req.meta.year),
  });
  cells.push({ ref: header.year.cell, value: fillText(header.year.text, committee, req.meta.year) });

  const formulas = new Set(sb.formulaColumns);
  const inputs = def.columns.filter((c) => c.kind !== 'percent' && !formulas.has(c.id));
  const letterOf = (id: string): string => {
    const letter = sb.columns[id];
    if (!letter)
      throw new Error(`The binding of ${binding.templateId} ${sb.sheetName} has no column "${id}"`);
    return letter;
  };
  const unitLetters = [sb.unit.stt, sb.unit.name, sb.unit.form, sb.unit.bloc].filter(
    (l): l is string => l !== undefined,
  );
  const inputLetters = inputs.map((c) => letterOf(c.id));

  // The unit rows as one block (a value per column per row, no object per cell): 100,000 units are 1.1 million
  // cells. Its columns are the unit's own (running number, name, form, bloc) then the inputs.
  const columns = [...unitLetters, ...inputLetters];
  const used = Math.max(units.length, sb.rowsProvided);
  const values: (number | string | null)[] = [];
  for (let i = 0; i < used; i++) {
    const unit = units[i];
    if (!unit) {
      // A row the template provides that the report does not use: nothing of the template stays there.
      for (let j = 0; j < columns.length; j++) values.push(null);
      continue;
    }
    values.push(i + 1, unit.name);
    if (sb.unit.form) values.push(binding.texts.form?.[unit.form] ?? unit.form);
    if (sb.unit.bloc) values.push(binding.texts.bloc?.[unit.bloc] ?? unit.bloc);
    const row = rows?.get(unit.id) ?? {};
    for (const col of inputs) values.push(cellValue(binding, col.id, col.kind, row[col.id]));
  }
  const block: SheetCellBlock = { firstRow: sb.firstUnitRow, columns, values };

  const extra = units.length - sb.rowsProvided;
  if (extra <= 0) return { sheetPath, cells, block };
  if (sb.rowsProvided < 2)
    throw new Error(
      `${sb.sheetName}: the template provides ${sb.rowsProvided} unit row; rows can only be inserted inside ` +
        `a block of at least two, so that the "Cộng" formulas grow over them`,
    );
  // Inside the unit block, so that ranges ending at its last row (the "Cộng" sums) grow over the new rows; the
  // last row, moved below them, lends them its style and its percentage formulas.
  const last = sb.firstUnitRow + sb.rowsProvided - 1;
  const formulaColumns = sb.formulaColumns.map(letterOf);
  return {
    sheetPath,
    cells,
    block,
    insertRows: { after: last - 1, count: extra, styleFrom: last, formulaColumns },
  };
}

function fillText(text: string, committee: string, year: number): string {
  return text.replaceAll('{COMMITTEE}', committee).replaceAll('{year}', String(year));
}

function cellValue(
  binding: TemplateBinding,
  col: string,
  kind: string,
  value: CellValue | undefined,
): number | string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (kind === 'rating') return binding.texts[col]?.[value] ?? value;
  return value;
}
