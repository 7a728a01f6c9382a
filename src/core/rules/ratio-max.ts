// plausibility: a part above a share of its whole is worth a second look (a warning, the product's choice).
import { numberAt, ParamReader, type RowKind } from './kind';
import { percentOf } from '../percent';

export interface RatioMaxParams {
  readonly part: string;
  readonly whole: string;
  readonly percent: number;
}

export const ratioMax: RowKind<RatioMaxParams> = {
  scope: 'row',
  variants: ['over'],
  parse: (params, ctx) => {
    const r = new ParamReader(params, ctx);
    return { part: r.column('part'), whole: r.column('whole'), percent: r.number('percent', 0, 100) };
  },
  reads: (p, sheet) => [p.part, p.whole].map((col) => ({ sheet, col })),
  check: (p, ctx, sheet) => {
    const part = numberAt(ctx, sheet, p.part);
    const whole = numberAt(ctx, sheet, p.whole);
    if (part === null || whole === null || whole === 0 || 100 * part <= p.percent * whole) return [];
    const share = percentOf(part, whole, 2, 'half-up') ?? 0;
    return [{ variant: 'over', columns: [p.part], expected: p.percent, received: share, decimals: 2 }];
  },
};
