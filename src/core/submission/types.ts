// The submission board's public types (re-exported by ../submission.ts). Plain, structured-clonable data: a
// Recognition is stored in IndexedDB as it is and read back through storage/restore-submission.ts.
import type { Finding } from '../finding';
import type { ImportChange, ImportRefusal, InvalidCell, PercentCheck } from '../import/types';
import type { CellValue, RowValues } from '../model';

/** What one returned file holds for the committee's report, read and validated on its own. */
export interface Recognition {
  readonly fileName: string;
  /** The unit the file is for; null when it could not be told (see reason). */
  readonly unitId: string | null;
  /** How the unit was told: the file's unit marker (TongHop.UnitId, else TongHop.Unit) or its row names. */
  readonly via: 'marker' | 'name' | null;
  /** Null when recognised. */
  readonly reason: UnrecognisedReason | null;
  /**
   * Recognised: the report sheets in which the file holds the unit's row (blank or not); only these are
   * combined, so a sheet the file lacks never clears the unit's cells. Otherwise: every report sheet the file
   * has a header of.
   */
  readonly sheets: readonly string[];
  /** sheet id → the unit's non-blank cells as read; empty when unrecognised. */
  readonly values: Readonly<Record<string, RowValues>>;
  /** sheet id → the file's "Cộng" row (the unit's reported totals), kept apart: never combined. */
  readonly control: Readonly<Record<string, RowValues>>;
  /** The unit's own row findings, validated without the other units (aggregate rules wait for the combine). */
  readonly findings: readonly Finding[];
  readonly invalid: readonly (InvalidCell & { readonly sheet: string })[];
  readonly percentChecks: readonly PercentCheck[];
}

export type UnrecognisedReason =
  | { readonly code: 'refused'; readonly refusal: ImportRefusal }
  /** The file's rows name no unit of the report (the names it lists, possibly none). */
  | { readonly code: 'unknown-unit'; readonly names: readonly string[] }
  /** The file's name for its unit matched `candidate` (a unit name of the report) without certainty. */
  | { readonly code: 'uncertain-unit'; readonly name: string; readonly candidate: string }
  /** Values for more than one unit, or a unit marker that disagrees with the rows (unit names). */
  | { readonly code: 'several-units'; readonly names: readonly string[] }
  /** Set by the caller when the file could not be read. */
  | { readonly code: 'read-error'; readonly detail: string };

/** đúng / có lỗi / trùng / không nhận ra. */
export const SUBMISSION_STATUSES = ['ok', 'errors', 'duplicate', 'unrecognised'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/**
 * 'pending': on the board, not in the report yet. 'combined': its values were written into the report.
 * 'replaced': a later file of the same unit took its place. 'dismissed': set aside by the staff.
 */
export type SubmissionState = 'pending' | 'combined' | 'replaced' | 'dismissed';

export interface Submission extends Recognition {
  readonly id: string;
  readonly receivedAt: number;
  readonly status: SubmissionStatus;
  readonly state: SubmissionState;
  /** Set when combined: what it changed in the report. */
  readonly changes?: readonly ImportChange[];
  readonly combinedAt?: number;
}

/** One cell a newcomer would change against the accepted file of the same unit. */
export interface SubmissionDiff {
  readonly sheet: string;
  readonly col: string;
  readonly before: CellValue;
  readonly after: CellValue;
}

export interface CombineWrite {
  readonly sheet: string;
  readonly row: string;
  readonly col: string;
  readonly value: CellValue;
}

export interface CombinePlan {
  /** Only cells whose value changes, in submission, sheet and column order. */
  readonly writes: readonly CombineWrite[];
  /** Submission id → what it changes (empty when it changes nothing); only the submissions combined. */
  readonly perSubmission: ReadonlyMap<string, readonly ImportChange[]>;
  /** Cells that held a different non-blank value before (typed by the staff or an earlier file). */
  readonly overwritten: number;
}
