// A measured figure as the results files hold it.
import type { Unit } from './budgets';

export interface Figure {
  readonly id: string;
  readonly what: string;
  readonly unit: Unit;
  readonly median: number;
  /** Null for a single measurement (a size, a heap figure). */
  readonly p95: number | null;
  readonly runs: number;
}
