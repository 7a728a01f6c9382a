// cap-20 over a rating column: organizations rated HTXSNV ≤ 20 % of those rated HTTNV or better (the good count
// includes the excellent ones: each unit has one rating). Runs on the per-value counts the validator keeps.
import { TOTAL_ROW } from '../finding';
import { ParamReader, type AggregateKind } from './kind';

export interface LevelCapParams {
  readonly rating: string;
  readonly percent: number;
}

export const levelCap: AggregateKind<LevelCapParams> = {
  scope: 'aggregate',
  variants: ['over'],
  parse: (params, ctx) => {
    const r = new ParamReader(params, ctx);
    return { rating: r.column('rating', ['rating']), percent: r.number('percent', 0, 100) };
  },
  reads: (p, sheet) => [{ sheet, col: p.rating }],
  check: (p, ctx, sheet) => {
    const x = ctx.countOf(sheet, p.rating, 'HTXSNV');
    const good = x + ctx.countOf(sheet, p.rating, 'HTTNV');
    if (100 * x <= p.percent * good) return [];
    const allowed = Math.floor((p.percent * good) / 100);
    return [
      {
        variant: 'over',
        row: TOTAL_ROW,
        columns: [p.rating],
        expected: allowed,
        received: x,
        values: { good, percent: p.percent },
      },
    ];
  },
};
