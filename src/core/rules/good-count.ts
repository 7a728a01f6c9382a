// The "good" count of a row under its sheet's convention: G when G includes the excellent ones, X + G otherwise.
import type { Convention } from '../model';

export function goodCount(x: number, g: number, convention: Convention): number {
  return convention === 'inclusive' ? g : x + g;
}
