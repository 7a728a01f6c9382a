// Biểu 01's summary block: how many base organizations are at each level, and their share of those rated.
// Under the inclusive convention the good count includes the excellent ones (26 good "gồm 5 xuất sắc").
import { LEVELS, type Convention, type Level, type Rounding } from './model';
import { percentOf } from './percent';

export interface LevelSummaryRow {
  readonly level: Level;
  readonly count: number;
  readonly percent: number | null;
}

export interface LevelSummary {
  readonly rows: readonly LevelSummaryRow[];
  readonly rated: number;
  readonly notRated: number;
  readonly blank: number;
}

export function summarizeLevels(
  countOf: (value: string) => number,
  units: number,
  convention: Convention,
  rounding: Rounding,
): LevelSummary {
  const raw = new Map(LEVELS.map((l) => [l, countOf(l)]));
  const rated = LEVELS.reduce((s, l) => s + (raw.get(l) ?? 0), 0);
  const notRated = countOf('CHUA');
  const shown = (l: Level) =>
    (raw.get(l) ?? 0) + (convention === 'inclusive' && l === 'HTTNV' ? (raw.get('HTXSNV') ?? 0) : 0);
  const mode = rounding === 'half-up' ? 'half-up' : 'truncate';
  const rows = LEVELS.map((level) => ({
    level,
    count: shown(level),
    percent: percentOf(shown(level), rated, 2, mode),
  }));
  if (rounding === 'complement' && rated > 0) complement(rows, convention);
  return { rows, rated, notRated, blank: units - rated - notRated };
}

/** The last non-zero level of the partition takes what is left of 100 (the partition excludes X when inclusive). */
function complement(
  rows: { level: Level; count: number; percent: number | null }[],
  convention: Convention,
): void {
  const partition = rows.filter((r) => convention === 'exclusive' || r.level !== 'HTXSNV');
  const last = [...partition].reverse().find((r) => r.count > 0);
  if (!last) return;
  const others = partition
    .filter((r) => r !== last)
    .reduce((s, r) => s + Math.round((r.percent ?? 0) * 100), 0);
  last.percent = (10000 - others) / 100;
}
