// Which cells take input, and the import context over a report's data: one rule shared by the open report
// (ReportSession), a unit's own report made from its form, and the tests, so they can never disagree.
import type { ImportContext } from './import/types';
import { CONTROL_ROW, type ReportMeta, type SheetsData } from './model';
import type { ColumnDef } from './template';
import type { CompiledTemplate } from './template-loader';
import { Validator } from './validator';

/**
 * Whether a cell takes typed or imported input: an input column (percentages are computed) of a row the sheet
 * has; the reported totals take counts only.
 */
export function takesInput(column: ColumnDef | undefined, row: string, sheetHasRow: boolean): boolean {
  if (!column || column.kind === 'percent') return false;
  if (row === CONTROL_ROW) return column.kind === 'count';
  return sheetHasRow;
}

/** An import context over `data` as it is, with the report's units per sheet. */
export function importContextOver(
  template: CompiledTemplate,
  meta: ReportMeta,
  data: SheetsData,
): ImportContext {
  const validator = new Validator(template, data, meta.settings, meta.units);
  return {
    template,
    meta,
    data,
    unitsOf: (sheet) => validator.unitsOf(sheet),
    isEditable: (sheet, row, col) =>
      takesInput(
        template.sheets.get(sheet)?.columns.find((c) => c.id === col),
        row,
        validator.hasRow(sheet, row),
      ),
  };
}
