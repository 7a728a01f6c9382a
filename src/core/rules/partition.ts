// partition: the levels add up to the rated count, under the sheet's convention.
// Inclusive: G + H + K = R and X ≤ G. Exclusive: X + G + H + K = R.
import { numberAt, ParamReader, type RowKind } from './kind';

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
  check: (p, ctx, sheet) => {
    const [rated, x, g, h, k] = [p.rated, p.x, p.g, p.h, p.k].map((c) => numberAt(ctx, sheet, c));
    const inclusive = ctx.settings(sheet).convention === 'inclusive';
    const problems = [];
    if (inclusive && x != null && g != null && x > g)
      problems.push({ variant: 'x-over-g', columns: [p.x, p.g], expected: g, received: x });
    const levels = inclusive ? [g, h, k] : [x, g, h, k];
    if (rated != null && levels.every((v) => v != null)) {
      const sum = levels.reduce<number>((s, v) => s + (v ?? 0), 0);
      const cols = inclusive ? [p.g, p.h, p.k] : [p.x, p.g, p.h, p.k];
      if (sum !== rated)
        problems.push({ variant: 'sum', columns: [p.rated, ...cols], expected: rated, received: sum });
    }
    return problems;
  },
};
