// consistency: a unit's figure agrees between two sheets (members at the end of the period in Biểu 06 = T in Biểu 04).
import { numberAt, ParamReader, type RowKind } from './kind';

export interface EqualAcrossParams {
  readonly col: string;
  readonly otherSheet: string;
  readonly otherCol: string;
}

export const equalAcross: RowKind<EqualAcrossParams> = {
  scope: 'row',
  variants: ['differs'],
  parse: (params, ctx) => {
    const r = new ParamReader(params, ctx);
    const otherSheet = r.sheet('otherSheet');
    return { col: r.column('col'), otherSheet, otherCol: r.column('otherCol', ['count'], otherSheet) };
  },
  reads: (p, sheet) => [
    { sheet, col: p.col },
    { sheet: p.otherSheet, col: p.otherCol },
  ],
  check: (p, ctx, sheet) => {
    const mine = numberAt(ctx, sheet, p.col);
    const theirs = numberAt(ctx, p.otherSheet, p.otherCol);
    if (mine === null || theirs === null || mine === theirs) return [];
    return [{ variant: 'differs', columns: [p.col], expected: theirs, received: mine }];
  },
};
