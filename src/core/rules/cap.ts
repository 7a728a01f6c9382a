// cap-20: excellent ≤ 20 % of the good count, per base organization (HD 21-HD/BTCTW). Integer arithmetic:
// 100·X ≤ 20·good, so 5 of 25 passes and 6 of 29 does not.
import { goodCount } from './good-count';
import { numberAt, ParamReader, type RowKind } from './kind';

export interface CapParams {
  readonly x: string;
  readonly g: string;
  readonly percent: number;
}

export const cap: RowKind<CapParams> = {
  scope: 'row',
  variants: ['over'],
  parse: (params, ctx) => {
    const r = new ParamReader(params, ctx);
    return { x: r.column('x'), g: r.column('g'), percent: r.number('percent', 0, 100) };
  },
  reads: (p, sheet) => [p.x, p.g].map((col) => ({ sheet, col })),
  check: (p, ctx, sheet) => {
    const x = numberAt(ctx, sheet, p.x);
    const g = numberAt(ctx, sheet, p.g);
    if (x === null || g === null) return [];
    const good = goodCount(x, g, ctx.settings(sheet).convention);
    if (100 * x <= p.percent * good) return [];
    const allowed = Math.floor((p.percent * good) / 100);
    return [
      {
        variant: 'over',
        columns: [p.x],
        expected: allowed,
        received: x,
        values: { good, percent: p.percent },
      },
    ];
  },
};
