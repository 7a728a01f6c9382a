// plausibility: a count that jumped from last year's report of the same committee (DOMAIN §4, a product choice,
// not a regulation). Silent until last year's report is attached.
import { changePercent, isJump } from '../year-change-math';
import { numberAt, ParamReader, type Problem, type RowKind } from './kind';

export interface YearChangeParams {
  readonly columns: readonly string[];
}

// Every clean row of a full pass ends here: share one empty result rather than allocate one per row.
const NONE: readonly Problem[] = [];

export const yearChange: RowKind<YearChangeParams> = {
  scope: 'row',
  // From last year's 0 there is no percentage to show, so that case has its own message.
  variants: ['jump', 'from-zero'],
  parse: (params, ctx) => ({ columns: new ParamReader(params, ctx).columns('columns') }),
  reads: (p, sheet) => p.columns.map((col) => ({ sheet, col })),
  check: (p, ctx, sheet) => {
    const last = ctx.previousYear;
    if (last === null) return NONE;
    let problems: Problem[] | undefined;
    for (const col of p.columns) {
      const now = numberAt(ctx, sheet, col);
      const previous = last.get(sheet, col);
      if (now === null || typeof previous !== 'number' || !isJump(previous, now, last.threshold)) continue;
      const percent = changePercent(previous, now);
      (problems ??= []).push({
        variant: percent === null ? 'from-zero' : 'jump',
        columns: [col],
        expected: previous,
        received: now,
        values: { previous, change: now - previous, ...(percent === null ? {} : { percent }) },
      });
    }
    return problems ?? NONE;
  },
};
