// eligibility (HD 21, II.B.1.3): a base organization rated HTXSNV needs every subordinate rated at least HTNV
// and at least 80 % of them rated HTTNV or better. A đảng bộ's subordinates are its cells (one sheet), a chi bộ
// cơ sở's are its members (another sheet); the parameters say which sheet and columns hold them per form.
import { UNIT_FORMS, type UnitForm } from '../model';
import { goodCount } from './good-count';
import { numberAt, ParamReader, type CellRead, type RowKind } from './kind';

interface Subordinates {
  readonly sheet: string;
  readonly rated: string;
  readonly x: string;
  readonly g: string;
  readonly k: string;
}

export interface EligibilityParams {
  readonly rating: string;
  readonly minGoodPercent: number;
  readonly subordinates: Readonly<Partial<Record<UnitForm, Subordinates>>>;
}

export const eligibility: RowKind<EligibilityParams> = {
  scope: 'row',
  variants: ['has-failed', 'too-few-good'],
  parse: (params, ctx) => {
    const r = new ParamReader(params, ctx);
    const subs = r.object('subordinates');
    const subordinates: Partial<Record<UnitForm, Subordinates>> = {};
    for (const form of UNIT_FORMS) {
      if (subs[form] === undefined) continue;
      const s = new ParamReader(new ParamReader(subs, ctx).object(form), ctx);
      const sheet = s.sheet('sheet');
      const col = (name: string) => s.column(name, ['count'], sheet);
      subordinates[form] = { sheet, rated: col('rated'), x: col('x'), g: col('g'), k: col('k') };
    }
    if (Object.keys(subordinates).length === 0)
      ctx.fail('params.subordinates: name the subordinates of at least one form');
    return {
      rating: r.column('rating', ['rating']),
      minGoodPercent: r.number('minGoodPercent', 0, 100),
      subordinates,
    };
  },
  reads: (p, sheet) => {
    const reads: CellRead[] = [{ sheet, col: p.rating }];
    for (const s of Object.values(p.subordinates))
      for (const col of [s.rated, s.x, s.g, s.k]) reads.push({ sheet: s.sheet, col });
    return reads;
  },
  check: (p, ctx, sheet) => {
    if (ctx.get(sheet, p.rating) !== 'HTXSNV') return [];
    const s = p.subordinates[ctx.unit.form];
    if (!s) return [];
    const [rated, x, g, k] = [s.rated, s.x, s.g, s.k].map((c) => numberAt(ctx, s.sheet, c));
    if (k != null && k > 0) return [{ variant: 'has-failed', columns: [p.rating], expected: 0, received: k }];
    if (rated == null || x == null || g == null || rated === 0) return [];
    const good = goodCount(x, g, ctx.settings(s.sheet).convention);
    if (100 * good >= p.minGoodPercent * rated) return [];
    const needed = Math.ceil((p.minGoodPercent * rated) / 100);
    return [
      {
        variant: 'too-few-good',
        columns: [p.rating],
        expected: needed,
        received: good,
        values: { rated, percent: p.minGoodPercent },
      },
    ];
  },
};
