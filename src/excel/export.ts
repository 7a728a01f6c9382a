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
//   rows get the percentage formulas of the template's unit row (export/formulas.ts);
// - the header cells: the committee's name in upper case, "Năm 2022";
// - custom properties: the marker the import reads (MARKER) and TongHop.OpenFindings.
// Exporting one sheet patches that sheet only; the workbook's other sheets stay exactly as in the template.
import { MARKER } from '../core/import-plan';
import type { CellValue, ReportMeta, SheetsData, Unit } from '../core/model';
import type { SheetDef } from '../core/template';
import type { CompiledTemplate } from '../core/template-loader';
import { bindingFor, type SheetBinding, type TemplateBinding } from '../templates/bindings';
import { fillWorkbook, sheetPathsByName, type CellPatch, type SheetPatch } from './fill';
import { addInsertedRowFormulas, type InsertedRows } from './export/formulas';

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

export function exportPatches(req: ExportRequest, templateBytes: Uint8Array): ExportPatches {
  return { patches: plan(req, templateBytes).map((p) => p.patch), customProps: customPropsOf(req) };
}

export function exportWorkbook(req: ExportRequest, templateBytes: Uint8Array): Uint8Array {
  const planned = plan(req, templateBytes);
  const filled = fillWorkbook(
    templateBytes,
    planned.map((p) => p.patch),
    { customProps: customPropsOf(req) },
  );
  const inserted = planned.flatMap((p) => (p.inserted ? [p.inserted] : []));
  return inserted.length === 0 ? filled : addInsertedRowFormulas(filled, inserted);
}

/**
 * "TanHong_2022_Bieu04.xlsx", or "TanHong_2022.xlsx" for the whole workbook: the committee's name without its
 * level word (Huyện ủy, Đảng ủy xã …) and without diacritics, in PascalCase; the year; the sheet code.
 */
export function exportFileName(meta: ReportMeta, sheetCode?: string): string {
  const folded = fold(meta.committee.name).trim();
  const place = folded.replace(LEVEL_WORDS, '').trim();
  const name = pascal(place === '' ? folded : place) || 'TongHop';
  const code = sheetCode === undefined ? '' : fold(sheetCode).replace(/[^A-Za-z0-9]+/g, '');
  return `${name}_${meta.year}${code === '' ? '' : `_${code}`}.xlsx`;
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
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())
    .join('');
}

function customPropsOf(req: ExportRequest): Record<string, string> {
  return {
    [MARKER.template]: req.template.set.id,
    [MARKER.templateVersion]: String(req.template.set.version),
    [MARKER.year]: String(req.meta.year),
    [MARKER.committee]: req.meta.committee.name,
    [OPEN_FINDINGS_PROP]: String(req.openFindings),
  };
}

interface PlannedSheet {
  readonly patch: SheetPatch;
  readonly inserted: InsertedRows | null;
}

function plan(req: ExportRequest, templateBytes: Uint8Array): PlannedSheet[] {
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
): PlannedSheet {
  const units = req.unitsOf(sb.sheet);
  const rows = req.data.get(sb.sheet);
  const cells: CellPatch[] = [];
  const put = (letter: string, row: number, value: CellValue) =>
    cells.push({ ref: `${letter}${row}`, value });

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

  const used = Math.max(units.length, sb.rowsProvided);
  for (let i = 0; i < used; i++) {
    const r = sb.firstUnitRow + i;
    const unit = units[i];
    if (!unit) {
      // A row the template provides that the report does not use: nothing of the template stays there.
      for (const letter of [...unitLetters, ...inputLetters]) put(letter, r, null);
      continue;
    }
    put(sb.unit.stt, r, i + 1);
    put(sb.unit.name, r, unit.name);
    if (sb.unit.form) put(sb.unit.form, r, binding.texts.form?.[unit.form] ?? unit.form);
    if (sb.unit.bloc) put(sb.unit.bloc, r, binding.texts.bloc?.[unit.bloc] ?? unit.bloc);
    const values = rows?.get(unit.id) ?? {};
    for (const col of inputs) put(letterOf(col.id), r, cellValue(binding, col.id, col.kind, values[col.id]));
  }

  const extra = units.length - sb.rowsProvided;
  if (extra <= 0) return { patch: { sheetPath, cells }, inserted: null };
  if (sb.rowsProvided < 2)
    throw new Error(
      `${sb.sheetName}: the template provides ${sb.rowsProvided} unit row; rows can only be inserted inside ` +
        `a block of at least two, so that the "Cộng" formulas grow over them`,
    );
  // Inside the unit block, so that ranges ending at its last row (the "Cộng" sums) grow over the new rows.
  const last = sb.firstUnitRow + sb.rowsProvided - 1;
  const insertRows = { after: last - 1, count: extra, styleFrom: last };
  return {
    patch: { sheetPath, cells, insertRows },
    inserted: {
      sheetPath,
      firstNewRow: last,
      count: extra,
      letters: sb.formulaColumns.map(letterOf),
    },
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
