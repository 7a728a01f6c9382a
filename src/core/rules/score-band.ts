// score-band (QĐ 366 / HD 43, from 2025): the level matches the 100-point score's band — HTXSNV ≥ 90,
// HTTNV 70–<90, HTNV 50–<70, KHTNV < 50 — unless a disqualifying reason is recorded, which may only lower it.
import { LEVELS, type Level } from '../model';
import { numberAt, ParamReader, type RowKind } from './kind';

export interface ScoreBandParams {
  readonly score: string;
  readonly rating: string;
  readonly reason: string;
  /** Minimum score of each level, best level first. */
  readonly bands: readonly { readonly level: Level; readonly min: number }[];
}

export function levelForScore(score: number, bands: ScoreBandParams['bands']): Level {
  return bands.find((b) => score >= b.min)?.level ?? 'KHTNV';
}

export const scoreBand: RowKind<ScoreBandParams> = {
  scope: 'row',
  variants: ['mismatch', 'above-band'],
  parse: (params, ctx) => {
    const r = new ParamReader(params, ctx);
    const raw = r.object('bands');
    const bands = LEVELS.map((level) => ({ level, min: new ParamReader(raw, ctx).number(level, 0, 100) }));
    if (bands.some((b, i) => i > 0 && b.min > (bands[i - 1]?.min ?? 100)))
      ctx.fail('params.bands: the minimum scores must not rise from HTXSNV down to KHTNV');
    return {
      score: r.column('score', ['score']),
      rating: r.column('rating', ['rating']),
      reason: r.column('reason', ['text']),
      bands,
    };
  },
  reads: (p, sheet) => [p.score, p.rating, p.reason].map((col) => ({ sheet, col })),
  check: (p, ctx, sheet) => {
    const score = numberAt(ctx, sheet, p.score);
    const rating = ctx.get(sheet, p.rating);
    if (score === null || typeof rating !== 'string' || rating === 'CHUA') return [];
    const band = levelForScore(score, p.bands);
    if (band === rating) return [];
    const hasReason = typeof ctx.get(sheet, p.reason) === 'string';
    const order: readonly string[] = LEVELS;
    const lower = order.indexOf(rating) > order.indexOf(band);
    if (hasReason && lower) return [];
    const variant = hasReason ? 'above-band' : 'mismatch';
    return [{ variant, columns: [p.rating, p.score], expected: band, received: rating, values: { score } }];
  },
};
