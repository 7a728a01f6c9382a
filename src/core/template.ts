// The template model: what a template set (the six sheets and their rules for one regulation period) looks like
// as data. `src/templates/` holds the built-in sets; `loadTemplate` (template-loader.ts) checks one before use.
import type { Convention, Rounding, SheetSettings, Text, UnitForm } from './model';

export type ColumnKind = 'count' | 'percent' | 'rating' | 'score' | 'text';

export interface PercentSpec {
  /** The counted column. */
  readonly numerator: string;
  /** The base: the sum of these columns. */
  readonly denominator: readonly string[];
  /** The base under the exclusive convention, where it differs (the good count is X + G there). */
  readonly denominatorExclusive?: readonly string[];
  /** Conventions under which this percentage is one of the levels that add up to 100 %. */
  readonly partition?: readonly Convention[];
  readonly decimals: number;
}

export interface ColumnDef {
  readonly id: string;
  readonly kind: ColumnKind;
  readonly header: Text;
  /** The header under the inclusive convention, where it says so ("… (gồm xuất sắc)"). */
  readonly headerInclusive?: Text;
  /** The upper header cell, shared by consecutive columns with the same group. */
  readonly group?: Text;
  /** The "(4) = (5) + (6) + (7)" note of the printed forms. */
  readonly note?: string;
  /** Set on percentages: they are computed, never typed. */
  readonly percent?: PercentSpec;
  /** "x" (not applicable) is accepted as blank in this column. */
  readonly allowsNotApplicable?: boolean;
  readonly width?: number;
}

export const UNIT_COLUMNS = ['form', 'bloc'] as const;
export type UnitColumn = (typeof UNIT_COLUMNS)[number];

export interface SheetDef {
  readonly id: string;
  readonly code: Text;
  readonly title: Text;
  /** Which units have a row: all of them, or only those of one form (Biểu 02: đảng bộ cơ sở). */
  readonly rowsFor?: UnitForm;
  /** Unit attributes shown (read-only) after the unit name. */
  readonly unitColumns?: readonly UnitColumn[];
  readonly columns: readonly ColumnDef[];
  /** Whether the convention matters to this sheet (it has an excellent and a good column). */
  readonly hasConvention: boolean;
  readonly defaults: SheetSettings;
  /** Whether the sheet has a "Cộng" row. */
  readonly totals: boolean;
  /** Biểu 01's block that counts units per level. */
  readonly levelSummary?: { readonly column: string };
}

export type Severity = 'error' | 'warning';

export interface RuleDef {
  readonly id: string;
  readonly kind: string;
  /** The sheet whose cells carry the findings. */
  readonly sheet: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly severity: Severity;
  /** Not confirmed by a regulation text: always a warning, shown as such. */
  readonly unconfirmed?: boolean;
  readonly title: Text;
  readonly source: Text;
  /** Message per variant the rule kind can report; placeholders are {name}. */
  readonly messages: Readonly<Record<string, Text>>;
}

export interface Regulation {
  readonly code: string;
  readonly title: Text;
}

export interface TemplateSet {
  readonly id: string;
  readonly version: number;
  readonly title: Text;
  readonly years: { readonly from: number; readonly to: number | null };
  readonly regulations: readonly Regulation[];
  readonly sheets: readonly SheetDef[];
  readonly rules: readonly RuleDef[];
}

export const DEFAULT_SETTINGS: SheetSettings = { convention: 'inclusive', rounding: 'half-up' };
export type { Convention, Rounding };
