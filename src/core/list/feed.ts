// The member list feeding Biểu 04: its per-unit counts as Biểu 04 rows (for units whose row is not typed), and,
// where Biểu 04 was typed, the check that both say the same. Units the list has no member of are left out of
// both: a unit not entered in the list is not a unit of zero members (DOMAIN §3, blank is not zero).
import type { Finding } from '../finding';
import type { Convention, RowValues, Unit } from '../model';
import type { MemberListValidator } from './list-validator';
import { AGREE_COLUMNS, RULE_IDS } from './rules';

/** Biểu 04's count columns the list computes; percentages stay computed by the sheet. */
export const B04_COUNT_COLUMNS = ['total', 'exempt', 'pending', 'rated', 'x', 'g', 'h', 'k'] as const;

/** unit id → the Biểu 04 row computed from the list, for every unit the list has members of, in unit order. */
export function bieu04FromList(
  validator: MemberListValidator,
  units: readonly Unit[],
  convention: Convention = validator.currentSettings.convention,
): Map<string, RowValues> {
  const rows = new Map<string, RowValues>();
  for (const unit of units)
    if (validator.hasMembers(unit.id)) rows.set(unit.id, { ...validator.counts(unit.id, convention) });
  return rows;
}

/** A Biểu 04 row is typed when any of its count cells holds a value. */
export function isTypedRow(row: RowValues | undefined): boolean {
  return row !== undefined && B04_COUNT_COLUMNS.some((col) => (row[col] ?? null) !== null);
}

/**
 * For every unit with a typed Biểu 04 row and members in the list: each typed count that differs from the list's
 * is an error on that Biểu 04 cell, naming both numbers ("Biểu 04 ghi 293 đảng viên, danh sách có 291"). Blank
 * cells and non-numbers are left to Biểu 04's own rules. `convention` is Biểu 04's (it decides what G holds).
 */
export function crossCheck(
  validator: MemberListValidator,
  units: readonly Unit[],
  b04Rows: ReadonlyMap<string, RowValues>,
  convention: Convention = validator.currentSettings.convention,
): Finding[] {
  const out: Finding[] = [];
  for (const unit of units) out.push(...crossCheckUnit(validator, unit.id, b04Rows.get(unit.id), convention));
  return out;
}

/** The cross-check of one unit, for a view that re-checks a row after an edit of Biểu 04 or of the list. */
export function crossCheckUnit(
  validator: MemberListValidator,
  unitId: string,
  row: RowValues | undefined,
  convention: Convention = validator.currentSettings.convention,
): Finding[] {
  const rule = validator.rule(RULE_IDS.agree);
  if (!rule || !row || !isTypedRow(row) || !validator.hasMembers(unitId)) return [];
  const counts = validator.counts(unitId, convention);
  const out: Finding[] = [];
  for (const { col } of AGREE_COLUMNS) {
    const typed = row[col] ?? null;
    if (typeof typed !== 'number') continue;
    const listed = counts[col as keyof typeof counts];
    if (typed === listed) continue;
    out.push({
      ruleId: rule.id,
      severity: rule.severity,
      sheet: rule.sheet,
      row: unitId,
      columns: [col],
      variant: col,
      expected: listed,
      received: typed,
      values: {},
    });
  }
  return out;
}
