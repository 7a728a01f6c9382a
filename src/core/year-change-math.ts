// When a change from last year is a jump, and its percentage: small and apart, so the validator's rule kind
// (rules/year-change.ts) does not bring the comparison table's code into the first page.
import type { YearChangeThreshold } from './model';

/**
 * A change is a jump when it is at least `min` and more than `percent` % of last year's figure. Last year's 0
 * has no percentage, so from 0 any change of at least `min` is a jump.
 */
export function isJump(previous: number, now: number, t: YearChangeThreshold): boolean {
  const change = Math.abs(now - previous);
  // `!(change >= …)` rather than `change < …`: a NaN from a broken cell is never a jump.
  if (change === 0 || !(change >= t.min)) return false;
  return previous === 0 || change * 100 > t.percent * Math.abs(previous);
}

/** The change as a signed whole percentage of last year's figure (half away from zero); null from 0. */
export function changePercent(previous: number, now: number): number | null {
  if (previous === 0) return null;
  const exact = ((now - previous) / Math.abs(previous)) * 100;
  return Math.sign(exact) * Math.round(Math.abs(exact));
}
