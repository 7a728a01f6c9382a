// percent: a percentage typed or imported into a sheet equals count / base × 100 within the rounding
// tolerance; otherwise the finding names the right value ("2/89 = 2,25 %, not 2,47 %").
import type { RowValues } from '../model';
import { computePercents, denominatorColumns, percentTolerance } from '../percent';
import type { ColumnDef, SheetDef } from '../template';
import type { RowKind } from './kind';

export interface PercentParams {
  readonly sheet: SheetDef;
  readonly columns: readonly ColumnDef[];
}

export const percentMatches: RowKind<PercentParams> = {
  scope: 'row',
  variants: ['mismatch'],
  parse: (_params, ctx) => {
    const columns = ctx.ruleSheet.columns.filter((c) => c.percent);
    if (columns.length === 0) ctx.fail(`sheet ${ctx.ruleSheet.id} has no percentage column to check`);
    return { sheet: ctx.ruleSheet, columns };
  },
  reads: (p, sheet) =>
    p.columns.flatMap((c) => {
      const spec = c.percent;
      const inputs = spec ? [spec.numerator, ...spec.denominator, ...(spec.denominatorExclusive ?? [])] : [];
      return [c.id, ...inputs].map((col) => ({ sheet, col }));
    }),
  check: (p, ctx, sheet) => {
    // Percentages are computed, so most rows hold none: nothing to check, and nothing to compute.
    if (!p.columns.some((c) => typeof ctx.get(sheet, c.id) === 'number')) return [];
    const settings = ctx.settings(sheet);
    const row: Record<string, number | string | null> = {};
    for (const c of p.sheet.columns) row[c.id] = ctx.get(sheet, c.id);
    const computed = computePercents(
      p.sheet,
      settings.convention,
      settings.rounding,
      row satisfies RowValues,
    );
    const problems = [];
    for (const col of p.columns) {
      const typed = row[col.id];
      const right = computed.get(col.id);
      const spec = col.percent;
      if (typeof typed !== 'number' || right == null || !spec) continue;
      if (Math.abs(typed - right) <= percentTolerance(spec.decimals)) continue;
      const base = denominatorColumns(spec, settings.convention).reduce((s, c) => s + Number(row[c] ?? 0), 0);
      problems.push({
        variant: 'mismatch',
        columns: [col.id],
        expected: right,
        received: typed,
        values: { count: Number(row[spec.numerator]), base },
        decimals: spec.decimals,
      });
    }
    return problems;
  },
};
