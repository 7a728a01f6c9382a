// Percentages (DOMAIN §5): count / base × 100 with the sheet's rounding option, computed in integers so that
// 5/26 is 19,23 and never 19,229999.
import type { Convention, RowValues, Rounding } from './model';
import type { ColumnDef, PercentSpec, SheetDef } from './template';

/** count / base × 100 rounded to `decimals` (half-up or truncated); null when the base is 0 or missing. */
export function percentOf(
  count: number,
  base: number,
  decimals: number,
  mode: 'half-up' | 'truncate',
): number | null {
  if (!(base > 0) || !Number.isFinite(count)) return null;
  const scale = 10 ** decimals;
  // Integer arithmetic: count × 100 × scale stays far below 2^53 for any realistic count.
  const scaled =
    mode === 'half-up'
      ? Math.floor((2 * count * 100 * scale + base) / (2 * base))
      : Math.floor((count * 100 * scale) / base);
  return scaled / scale;
}

export function denominatorColumns(spec: PercentSpec, convention: Convention): readonly string[] {
  return convention === 'exclusive' && spec.denominatorExclusive
    ? spec.denominatorExclusive
    : spec.denominator;
}

function sumOf(row: RowValues, cols: readonly string[]): number | null {
  let total = 0;
  for (const c of cols) {
    const v = row[c];
    if (typeof v !== 'number') return null;
    total += v;
  }
  return total;
}

export interface PercentInputs {
  readonly numerator: number;
  readonly denominator: number;
}

/** The counts a percentage column reads in a row, or null when one is blank. */
export function percentInputs(
  column: ColumnDef,
  row: RowValues,
  convention: Convention,
): PercentInputs | null {
  const spec = column.percent;
  if (!spec) return null;
  const numerator = row[spec.numerator];
  const denominator = sumOf(row, denominatorColumns(spec, convention));
  if (typeof numerator !== 'number' || denominator === null) return null;
  return { numerator, denominator };
}

/**
 * Every percentage column of a row. Under "complement", the levels that partition the base are truncated and
 * the last non-zero one takes what is left of 100 (the published 96,29 % + 3,71 %); when the levels do not add up
 * to the base there is nothing to complement and each is truncated.
 */
export function computePercents(
  sheet: SheetDef,
  convention: Convention,
  rounding: Rounding,
  row: RowValues,
): Map<string, number | null> {
  const out = new Map<string, number | null>();
  const mode = rounding === 'half-up' ? 'half-up' : 'truncate';
  const partition: { col: ColumnDef; inputs: PercentInputs }[] = [];
  for (const col of sheet.columns) {
    if (!col.percent) continue;
    const inputs = percentInputs(col, row, convention);
    out.set(
      col.id,
      inputs ? percentOf(inputs.numerator, inputs.denominator, col.percent.decimals, mode) : null,
    );
    if (inputs && col.percent.partition?.includes(convention)) partition.push({ col, inputs });
  }
  if (rounding === 'complement') complementLast(partition, out);
  return out;
}

function complementLast(
  partition: readonly { col: ColumnDef; inputs: PercentInputs }[],
  out: Map<string, number | null>,
): void {
  const first = partition[0];
  if (!first) return;
  const base = first.inputs.denominator;
  const decimals = first.col.percent?.decimals ?? 2;
  const sameBase = partition.every((p) => p.inputs.denominator === base);
  const counted = partition.reduce((s, p) => s + p.inputs.numerator, 0);
  if (!sameBase || counted !== base || base === 0) return;
  const last = [...partition].reverse().find((p) => p.inputs.numerator > 0);
  if (!last) return;
  const scale = 10 ** decimals;
  let others = 0;
  for (const p of partition) if (p !== last) others += Math.round((out.get(p.col.id) ?? 0) * scale);
  out.set(last.col.id, (100 * scale - others) / scale);
}

/** How far a typed percentage may be from the exact one and still pass: one unit in its last decimal. */
export function percentTolerance(decimals: number): number {
  return 10 ** -decimals + 1e-9;
}
