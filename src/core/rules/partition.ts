// partition: the levels add up to the rated count, under the sheet's convention.
// Inclusive: G + H + K = R and X ≤ G. Exclusive: X + G + H + K = R.
import { NO_PROBLEMS, numberAt, ParamReader, type Problem, type RowKind } from './kind';

export interface PartitionParams {
  readonly rated: string;
  readonly x: string;
  readonly g: string;
  readonly h: string;
  readonly k: string;
}

export const partition: RowKind<PartitionParams> = {
  scope: 'row',
  variants: ['sum', 'x-over-g'],
  parse: (params, ctx) => {
    const r = new ParamReader(params, ctx);
    return {
      rated: r.column('rated'),
      x: r.column('x'),
      g: r.column('g'),
      h: r.column('h'),
      k: r.column('k'),
    };
  },
  reads: (p, sheet) => [p.rated, p.x, p.g, p.h, p.k].map((col) => ({ sheet, col })),
  // Called for every row of a sheet: no array is made for a row that is right.
  check: (p, ctx, sheet) => {
    const rated = numberAt(ctx, sheet, p.rated);
    const x = numberAt(ctx, sheet, p.x);
    const g = numberAt(ctx, sheet, p.g);
    const h = numberAt(ctx, sheet, p.h);
    const k = numberAt(ctx, sheet, p.k);
    const inclusive = ctx.settings(sheet).convention === 'inclusive';
    let problems: Problem[] | null = null;
    if (inclusive && x !== null && g !== null && x > g)
      (problems ??= []).push({ variant: 'x-over-g', columns: [p.x, p.g], expected: g, received: x });
    if (rated !== null && g !== null && h !== null && k !== null && (inclusive || x !== null)) {
      const sum = g + h + k + (inclusive ? 0 : (x ?? 0));
      if (sum !== rated) {
        const cols = inclusive ? [p.g, p.h, p.k] : [p.x, p.g, p.h, p.k];
        (problems ??= []).push({
          variant: 'sum',
          columns: [p.rated, ...cols],
          expected: rated,
          received: sum,
        });
      }
    }
    return problems ?? NO_PROBLEMS;
  },
};
