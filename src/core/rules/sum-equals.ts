// coverage: a total equals the sum of its parts (T = M + C + R).
import { numberAt, ParamReader, type RowKind } from './kind';

export interface SumEqualsParams {
  readonly total: string;
  readonly parts: readonly string[];
}

export const sumEquals: RowKind<SumEqualsParams> = {
  scope: 'row',
  variants: ['mismatch'],
  parse: (params, ctx) => {
    const r = new ParamReader(params, ctx);
    return { total: r.column('total'), parts: r.columns('parts') };
  },
  reads: (p, sheet) => [p.total, ...p.parts].map((col) => ({ sheet, col })),
  check: (p, ctx, sheet) => {
    const total = numberAt(ctx, sheet, p.total);
    let sum = 0;
    for (const part of p.parts) {
      const v = numberAt(ctx, sheet, part);
      if (v === null) return [];
      sum += v;
    }
    if (total === null || total === sum) return [];
    return [{ variant: 'mismatch', columns: [p.total, ...p.parts], expected: total, received: sum }];
  },
};
