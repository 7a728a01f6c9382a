// The import plan's public types (re-exported by ../import-plan.ts).
import type { Finding } from '../finding';
import type { CellValue, ReportMeta, SheetsData, Unit } from '../model';
import type { ParseError } from '../parse';
import type { CompiledTemplate } from '../template-loader';

export interface ImportContext {
  readonly template: CompiledTemplate;
  readonly meta: ReportMeta;
  readonly data: SheetsData;
  /** The validator's unit rows per sheet. */
  unitsOf(sheet: string): readonly Unit[];
  isEditable(sheet: string, row: string, col: string): boolean;
}

export const IMPORT_KINDS = ['tong-hop', 'template', 'loose', 'unrecognised'] as const;
/**
 * 'tong-hop': the file carries this app's marker (custom properties TongHop.*). 'template': a sheet laid out like
 * the printed form (title rows above the header name the sheet). 'loose': header rows only. 'unrecognised': no
 * sheet has a header of a report sheet.
 */
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const REFUSAL_CODES = [
  'other-year',
  'other-committee',
  'other-template',
  'no-header',
  'empty',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface ImportRefusal {
  readonly code: RefusalCode;
  readonly expected: string;
  readonly received: string;
}

/** Why a file sheet was read the way it was; the UI words each code. */
export const SHEET_NOTES = [
  /** A hidden sheet: not read. */
  'hidden-sheet',
  'empty-sheet',
  /** No row in the first 15 has two headers of the sheet. */
  'no-header',
  /** No column holds the unit names. */
  'no-name-column',
  /** A header, but no row under it. */
  'no-rows',
  /** Formulas saved without their value: not imported (see formulasWithoutValue). */
  'formulas-without-value',
  /** Some names matched a unit without certainty: the UI asks before writing. */
  'uncertain-names',
  /** The file counts the excellent among the good ("gồm xuất sắc") but the sheet's convention is exclusive. */
  'convention-mismatch',
  /** An earlier file sheet already holds this report sheet: this one is not imported. */
  'duplicate-sheet',
] as const;
export type SheetNote = (typeof SHEET_NOTES)[number];

export interface InvalidCell {
  readonly row: string;
  readonly col: string;
  readonly raw: string;
  readonly error: ParseError;
}

export interface ImportSheetPlan {
  readonly fileSheet: string;
  /** The report sheet it holds, or null. */
  readonly sheet: string | null;
  /** 0-based file row where the header starts (a two-level header starts on its upper row). */
  readonly headerRow: number | null;
  readonly matchedUnits: number;
  readonly unmatchedNames: readonly string[];
  /** Header texts of columns that are not the sheet's ("(P)" for a column without a header). */
  readonly unknownColumns: readonly string[];
  readonly invalid: readonly InvalidCell[];
  readonly formulasWithoutValue: number;
  readonly notes: readonly SheetNote[];
}

export interface ImportChange {
  readonly sheet: string;
  readonly row: string;
  readonly col: string;
  readonly before: CellValue;
  readonly after: CellValue;
}

export interface PercentCheck {
  readonly sheet: string;
  readonly row: string;
  readonly col: string;
  readonly received: number;
  readonly expected: number;
  readonly count: number;
  readonly base: number;
}

export interface ImportFindings {
  readonly before: { readonly error: number; readonly warning: number };
  readonly after: { readonly error: number; readonly warning: number };
  /** Findings after the import that were not there before (same rule, row, columns and variant). */
  readonly added: readonly Finding[];
}

export interface ImportPlan {
  readonly kind: ImportKind;
  /** The file is for another year, committee or template (marker), or nothing in it could be matched. */
  readonly refusal: ImportRefusal | null;
  /** One per file sheet, in file order. */
  readonly sheets: readonly ImportSheetPlan[];
  /** Only cells whose value changes. */
  readonly changes: readonly ImportChange[];
  /** Cells the file holds with the value the report already has. */
  readonly unchanged: number;
  /** Percentages in the file that do not match the counts after the import. */
  readonly percentChecks: readonly PercentCheck[];
  readonly findings: ImportFindings;
}
