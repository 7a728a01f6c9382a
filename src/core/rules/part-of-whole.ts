// bounds: a part is never larger than its whole (171 rated cells ≤ 173 cells).
import { numberAt, ParamReader, type RowKind } from './kind';

export interface PartOfWholeParams {
  readonly part: string;
  readonly whole: string;
}

export const partOfWhole: RowKind<PartOfWholeParams> = {
  scope: 'row',
  variants: ['exceeds'],
  parse: (params, ctx) => {
    const r = new ParamReader(params, ctx);
    return { part: r.column('part'), whole: r.column('whole') };
  },
  reads: (p, sheet) => [p.part, p.whole].map((col) => ({ sheet, col })),
  check: (p, ctx, sheet) => {
    const part = numberAt(ctx, sheet, p.part);
    const whole = numberAt(ctx, sheet, p.whole);
    if (part === null || whole === null || part <= whole) return [];
    return [{ variant: 'exceeds', columns: [p.part, p.whole], expected: whole, received: part }];
  },
};
