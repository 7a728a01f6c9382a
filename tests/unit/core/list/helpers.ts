// Member lists from literal rows, the way a list reads: `members({ name: 'Nguyễn Văn An', unit: 'u1', rating:
// 'HTTNV' }, …)` gives rows m0, m1, … Everything is the real core; nothing is mocked.
import type { CellValue, Unit } from '../../../../src/core/model';
import { MemberListValidator } from '../../../../src/core/list/list-validator';
import { memberRowId, type MemberRow } from '../../../../src/core/list/members';
import type { MemberListSettings } from '../../../../src/core/list/rules';
import { unit } from '../helpers';

export const UNITS: readonly Unit[] = [unit('u1'), unit('u2'), unit('u3', 'dang_bo')];

export const SETTINGS_2022: MemberListSettings = {
  convention: 'inclusive',
  cap: { percent: 20, source: { vi: 'Hướng dẫn 21-HD/BTCTW', en: 'Guideline 21-HD/BTCTW' } },
  year: 2022,
};

export function members(...rows: MemberRow[]): Map<string, MemberRow> {
  return new Map(rows.map((row, i) => [memberRowId(i), row]));
}

/** n rated members of a unit with this rating: `rated(4, 'HTXSNV', 'u1')`. */
export function rated(n: number, rating: string, unitId = 'u1'): MemberRow[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `Đảng viên ${rating} ${i + 1}`,
    birthYear: 1970 + (i % 30),
    unit: unitId,
    rating,
  }));
}

export function validatorOf(
  rows: Map<string, MemberRow>,
  settings: Partial<MemberListSettings> = {},
  units: readonly Unit[] = UNITS,
): MemberListValidator {
  return new MemberListValidator(units, rows, { ...SETTINGS_2022, ...settings });
}

/** Writes one cell the way the state layer will (a new row object), returning the change to apply. */
export function write(rows: Map<string, MemberRow>, row: string, col: string, value: CellValue) {
  const old = rows.get(row) ?? {};
  const before = old[col] ?? null;
  const next: Record<string, CellValue> = { ...old };
  if (value === null) delete next[col];
  else next[col] = value;
  rows.set(row, next);
  return { row, col, before, after: value };
}

/** The findings as sorted strings: two validators agree when these are equal. */
export function serialized(v: MemberListValidator): string[] {
  return v
    .all()
    .map((f) => JSON.stringify(f))
    .sort();
}

/** ruleId/variant@row:columns of every finding, sorted: what is wrong and where. */
export function brief(v: MemberListValidator): string[] {
  return v
    .all()
    .map((f) => `${f.ruleId}/${f.variant}@${f.row}:${f.columns.join(',')}`)
    .sort();
}
