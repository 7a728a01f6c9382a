// The year-on-year comparison: last year's report of the same committee lined up with this year's units, the
// change per unit and level, and the one definition of a "jump" that both the comparison table and the
// year-change rule use, so the table and the warnings never disagree.
import {
  CONTROL_ROW,
  getCell,
  type CellValue,
  type RowValues,
  type SheetsData,
  type Unit,
  type YearChangeThreshold,
} from './model';
import { normalizeName } from './names';
import type { SheetDef } from './template';
import { changePercent, isJump } from './year-change-math';

// The jump test and the change's percentage live in ./year-change-math.ts, shared with the rule kind.
export { changePercent, isJump };

export interface AlignedPrevious {
  /** Last year's rows keyed by this year's unit ids, plus each sheet's control row as it was. */
  readonly rows: SheetsData;
  /** How many of this year's units have a last-year unit. */
  readonly matched: number;
  /** Names of this year's units with no last-year unit, in unit order. */
  readonly missing: string[];
}

/**
 * Lines last year's rows up with this year's units. A report duplicated for the next year keeps its unit ids, so
 * ids match first; a report made afresh has new ids, so the remaining units match by normalized name, but only
 * when that name belongs to exactly one unit on each side: a guess between two namesakes would put one unit's
 * figures on another's row, which is worse than no comparison.
 */
export function alignPrevious(
  current: readonly Unit[],
  previousUnits: readonly Unit[],
  previousData: SheetsData,
): AlignedPrevious {
  const previousIds = new Set(previousUnits.map((u) => u.id));
  /** current unit id → last year's unit id; `taken` keeps one last-year unit from feeding two current ones. */
  const source = new Map<string, string>();
  const taken = new Set<string>();
  for (const unit of current) {
    if (!previousIds.has(unit.id) || taken.has(unit.id) || source.has(unit.id)) continue;
    source.set(unit.id, unit.id);
    taken.add(unit.id);
  }
  const left = current.filter((u) => !source.has(u.id));
  const previousByName = groupByName(previousUnits.filter((u) => !taken.has(u.id)));
  const currentByName = groupByName(left);
  for (const unit of left) {
    const key = normalizeName(unit.name);
    const candidates = previousByName.get(key);
    const match = candidates?.length === 1 ? candidates[0] : undefined;
    if (key === '' || match === undefined || currentByName.get(key)?.length !== 1 || taken.has(match.id))
      continue;
    source.set(unit.id, match.id);
    taken.add(match.id);
  }

  const rows: SheetsData = new Map();
  for (const [sheet, sheetRows] of previousData) {
    const out = new Map<string, RowValues>();
    const control = sheetRows.get(CONTROL_ROW);
    if (control) out.set(CONTROL_ROW, control);
    for (const unit of current) {
      const from = source.get(unit.id);
      const row = from === undefined ? undefined : sheetRows.get(from);
      if (row) out.set(unit.id, row);
    }
    rows.set(sheet, out);
  }
  return {
    rows,
    matched: source.size,
    missing: current.filter((u) => !source.has(u.id)).map((u) => u.name),
  };
}

function groupByName(units: readonly Unit[]): Map<string, Unit[]> {
  const groups = new Map<string, Unit[]>();
  for (const unit of units) {
    const key = normalizeName(unit.name);
    const list = groups.get(key);
    if (list) list.push(unit);
    else groups.set(key, [unit]);
  }
  return groups;
}

export interface YearCompareCell {
  readonly col: string;
  readonly now: CellValue;
  readonly previous: CellValue;
  /** now − previous, when both are numbers in a count column. */
  readonly change: number | null;
  readonly jump: boolean;
}

export interface YearCompareRow {
  readonly unitId: string;
  readonly name: string;
  readonly cells: YearCompareCell[];
}

export interface YearCompareTable {
  /** The sheet's count and rating columns, in sheet order. */
  readonly columns: string[];
  readonly rows: YearCompareRow[];
  /** Column sums of the count columns over the unit rows (null where no row has a number); rating cells are null. */
  readonly total: YearCompareCell[];
}

/**
 * One sheet side by side with last year's (already aligned by alignPrevious). The total is the sum of the unit
 * rows, not the reported "Cộng" row: the comparison is about the units' figures, and the totals rule checks the
 * Cộng row on its own.
 */
export function compareSheet(
  def: SheetDef,
  units: readonly Unit[],
  data: SheetsData,
  previous: SheetsData,
  threshold: YearChangeThreshold,
): YearCompareTable {
  const columns = def.columns.filter((c) => c.kind === 'count' || c.kind === 'rating');
  const sheetUnits = def.rowsFor ? units.filter((u) => u.form === def.rowsFor) : units;
  const sums: { now: number | null; previous: number | null }[] = columns.map(() => ({
    now: null,
    previous: null,
  }));
  const rows = sheetUnits.map((unit) => ({
    unitId: unit.id,
    name: unit.name,
    cells: columns.map((col, i) => {
      const now = getCell(data, def.id, unit.id, col.id);
      const before = getCell(previous, def.id, unit.id, col.id);
      const sum = sums[i];
      if (col.kind !== 'count' || !sum) return textCell(col.id, now, before);
      sum.now = addTo(sum.now, now);
      sum.previous = addTo(sum.previous, before);
      return countCell(col.id, now, before, threshold);
    }),
  }));
  const total = columns.map((col, i) => {
    const sum = sums[i];
    return col.kind === 'count' && sum
      ? countCell(col.id, sum.now, sum.previous, threshold)
      : textCell(col.id, null, null);
  });
  return { columns: columns.map((c) => c.id), rows, total };
}

function countCell(
  col: string,
  now: CellValue,
  previous: CellValue,
  t: YearChangeThreshold,
): YearCompareCell {
  if (typeof now !== 'number' || typeof previous !== 'number')
    return { col, now, previous, change: null, jump: false };
  return { col, now, previous, change: now - previous, jump: isJump(previous, now, t) };
}

/** Ratings are shown side by side; a change of level is not a number, so it has no change and no jump. */
function textCell(col: string, now: CellValue, previous: CellValue): YearCompareCell {
  return { col, now, previous, change: null, jump: false };
}

function addTo(sum: number | null, value: CellValue): number | null {
  if (typeof value !== 'number') return sum;
  return (sum ?? 0) + value;
}
