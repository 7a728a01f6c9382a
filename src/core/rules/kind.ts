// The contract every rule kind fulfils. A kind is one small pure function plus the description of its
// parameters, so a template's rules are checked when the template loads, never when a cell is validated.
import type { CellValue, SheetSettings, Unit, YearChangeThreshold } from '../model';
import type { ColumnKind, SheetDef } from '../template';

/** What a row rule sees: one unit's rows across the workbook. */
export interface RowContext {
  readonly unit: Unit;
  get(sheet: string, col: string): CellValue;
  settings(sheet: string): SheetSettings;
  /** Last year's report of the same committee, when one is attached; only the year-on-year rules read it. */
  readonly previousYear: PreviousYearView | null;
}

/** Last year's values of the same unit (aligned to this report's unit ids) and the jump thresholds. */
export interface PreviousYearView {
  /** Last year's value of this unit's cell; null when last year had no such unit, row or value. */
  get(sheet: string, col: string): CellValue;
  readonly threshold: YearChangeThreshold;
}

/** What an aggregate rule sees: column sums and counts kept up to date edit by edit. */
export interface AggregateContext {
  /** Sum of the numbers in a column over the unit rows, how many rows are filled, and how many rows there are. */
  column(
    sheet: string,
    col: string,
  ): { readonly sum: number; readonly filled: number; readonly rows: number };
  /** How many unit rows hold this exact value in a column. */
  countOf(sheet: string, col: string, value: string): number;
  control(sheet: string, col: string): CellValue;
  settings(sheet: string): SheetSettings;
}

/** A problem as a rule kind reports it; the validator adds the rule, severity, sheet and row. */
export interface Problem {
  readonly variant: string;
  /** Cells marked, in the rule's sheet. */
  readonly columns: readonly string[];
  /** Aggregate rules name the row they mark (the control row or the totals row). */
  readonly row?: string;
  readonly expected: CellValue;
  readonly received: CellValue;
  /** Extra placeholders for the message. */
  readonly values?: Readonly<Record<string, number | string>>;
  /** Decimals shown for expected and received (percentages: "96,30"). */
  readonly decimals?: number;
}

/** What a check returns for a row that is right: one shared empty list, not a new one per row. */
export const NO_PROBLEMS: readonly Problem[] = Object.freeze([]);

export interface CellRead {
  readonly sheet: string;
  readonly col: string;
}

export interface ParamContext {
  readonly ruleSheet: SheetDef;
  sheetById(id: string): SheetDef | undefined;
  /** Collects a problem with the parameters; the template is refused if any are collected. */
  fail(message: string): void;
}

interface KindBase<P> {
  /** The message variants this kind reports; every rule of the kind must give each in every language. */
  readonly variants: readonly string[];
  parse(params: Readonly<Record<string, unknown>>, ctx: ParamContext): P;
  reads(params: P, ruleSheet: string): readonly CellRead[];
}

/**
 * A rule evaluated per unit. Contract: it reports nothing for a unit with no values in the rule's own sheet
 * (blank is "not entered", never an error), so a full pass skips such rows; tests hold every kind to it.
 */
export interface RowKind<P> extends KindBase<P> {
  readonly scope: 'row';
  check(params: P, ctx: RowContext, ruleSheet: string): readonly Problem[];
}

export interface AggregateKind<P> extends KindBase<P> {
  readonly scope: 'aggregate';
  check(params: P, ctx: AggregateContext, ruleSheet: string): readonly Problem[];
}

export type RuleKind<P> = RowKind<P> | AggregateKind<P>;

export function numberAt(ctx: RowContext, sheet: string, col: string): number | null {
  const v = ctx.get(sheet, col);
  return typeof v === 'number' ? v : null;
}

/** Reads and checks rule parameters, reporting every problem through ctx.fail. */
export class ParamReader {
  constructor(
    private readonly params: Readonly<Record<string, unknown>>,
    private readonly ctx: ParamContext,
  ) {}

  column(name: string, kinds: readonly ColumnKind[] = ['count'], sheetParam?: string): string {
    const value = this.params[name];
    const sheet = sheetParam === undefined ? this.ctx.ruleSheet : this.ctx.sheetById(sheetParam);
    if (typeof value !== 'string') {
      this.ctx.fail(`params.${name}: expected a column id, received ${JSON.stringify(value)}`);
      return '';
    }
    // A sheet parameter that failed was reported already; its columns cannot be checked.
    if (!sheet) return value;
    const col = sheet?.columns.find((c) => c.id === value);
    if (!col)
      this.ctx.fail(`params.${name}: column "${value}" is not in sheet ${sheet?.id ?? sheetParam ?? '?'}`);
    else if (!kinds.includes(col.kind))
      this.ctx.fail(
        `params.${name}: column "${value}" is a ${col.kind} column, expected ${kinds.join(' or ')}`,
      );
    return value;
  }

  columns(name: string, kinds: readonly ColumnKind[] = ['count']): string[] {
    const value = this.params[name];
    if (!Array.isArray(value) || value.length === 0) {
      this.ctx.fail(
        `params.${name}: expected a non-empty list of column ids, received ${JSON.stringify(value)}`,
      );
      return [];
    }
    const list: readonly unknown[] = value;
    return list.map((item, i) =>
      new ParamReader({ [`${name}[${i}]`]: item }, this.ctx).column(`${name}[${i}]`, kinds),
    );
  }

  sheet(name: string): string {
    const value = this.params[name];
    if (typeof value !== 'string' || !this.ctx.sheetById(value)) {
      this.ctx.fail(
        `params.${name}: expected a sheet id of this template, received ${JSON.stringify(value)}`,
      );
      return '';
    }
    return value;
  }

  number(name: string, min: number, max: number): number {
    const value = this.params[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      this.ctx.fail(
        `params.${name}: expected a number from ${min} to ${max}, received ${JSON.stringify(value)}`,
      );
      return Number.NaN; // the template is refused; NaN keeps later checks from adding false messages
    }
    return value;
  }

  object(name: string): Readonly<Record<string, unknown>> {
    const value = this.params[name];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.ctx.fail(`params.${name}: expected an object, received ${JSON.stringify(value)}`);
      return {};
    }
    return value as Readonly<Record<string, unknown>>; // checked just above: a non-null, non-array object
  }
}
