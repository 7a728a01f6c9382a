// A finding: one rule's verdict on one place of the workbook. Plain data with a path; the message is looked up
// from the rule's texts in the user's language at the UI edge (messages.ts).
import type { CellValue } from './model';
import type { Severity } from './template';

/** The row id of a sheet's computed "Cộng" row (and Biểu 01's level summary). */
export const TOTAL_ROW = '#total';

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly sheet: string;
  /** A unit id, CONTROL_ROW or TOTAL_ROW. */
  readonly row: string;
  readonly columns: readonly string[];
  readonly variant: string;
  readonly expected: CellValue;
  readonly received: CellValue;
  readonly values: Readonly<Record<string, number | string>>;
  /** Decimals shown for expected and received, when they are percentages. */
  readonly decimals?: number;
}

export const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1 };
