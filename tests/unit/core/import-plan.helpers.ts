// Helpers for the import-plan tests: the sample report as an import context (editable as the session decides),
// fixture files read the way the read worker reads them, and small workbooks written as literal rows.
import type { ImportCell, ImportContext, ImportSheet, ImportWorkbook } from '../../../src/core/import-plan';
import type { ReportMeta, SheetsData } from '../../../src/core/model';
import type { CompiledTemplate } from '../../../src/core/template-loader';
import { DEFAULT_LIMITS } from '../../../src/excel/plain-workbook';
import { readWithSheetJS } from '../../../src/excel/sheetjs-read';
import { fixture, readFixture } from '../excel/helpers';
import { importContextOver } from '../../../src/core/import-context';
import { sampleReport } from './helpers';

/** What the report session gives an import: its units per sheet and its editability rule. */
export function contextOf(template: CompiledTemplate, meta: ReportMeta, data: SheetsData): ImportContext {
  return importContextOver(template, meta, data);
}

/** The Tân Hồng 2022 sample as an import target, with some sheets emptied (unit rows and reported totals). */
export function sampleContext(...emptied: string[]) {
  const { meta, data, template } = sampleReport();
  const original = new Map([...data].map(([sheet, rows]) => [sheet, new Map(rows)]));
  for (const sheet of emptied) data.delete(sheet);
  return { ctx: contextOf(template, meta, data), original, meta, template };
}

/**
 * A fixture as the import receives it: read like the worker reads it. A file the reader refuses as empty is
 * given as its sheets with no rows, which is what such a file holds.
 */
export function fixtureWorkbook(name: string): ImportWorkbook {
  const result = readFixture(name);
  if (result.ok) return result.workbook;
  if (result.error.code !== 'empty') throw new Error(`${name}: ${result.error.code} ${result.error.detail}`);
  const wb = readWithSheetJS(fixture(name), 'xlsx', DEFAULT_LIMITS);
  return {
    fileName: name,
    sheets: wb.SheetNames.map((sheet) => ({ name: sheet, hidden: false, rows: [] })),
    customProps: {},
  };
}

type Literal = string | number | boolean | null | ImportCell;

export function cellOf(value: Literal): ImportCell | null {
  if (value === null) return null;
  if (typeof value === 'object') return value;
  return { v: value, text: typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : String(value) };
}

/** A sheet from literal rows: strings and numbers become cells, null an empty cell. */
export function sheetOf(
  name: string,
  rows: readonly (readonly Literal[])[],
  extra: Partial<ImportSheet> = {},
) {
  return { name, hidden: false, rows: rows.map((r) => r.map(cellOf)), ...extra };
}

export function bookOf(
  sheets: readonly ImportSheet[],
  customProps: Readonly<Record<string, string>> = {},
): ImportWorkbook {
  return { fileName: 'test.xlsx', sheets, customProps };
}

/** A percentage cell as Excel stores it: the fraction, shown with a % sign. */
export function percentCell(fraction: number): ImportCell {
  return { v: fraction, text: `${(fraction * 100).toFixed(2)}%` };
}
