// Shared sample data for the storage tests.
import type { ReportMeta } from '../../../src/core/model';

let counter = 0;
/** A database name no other test uses (fake-indexeddb is shared by the whole test file). */
export function uniqueDbName(label: string): string {
  counter += 1;
  return `test-${label}-${counter}-${Math.random().toString(36).slice(2)}`;
}

export function sampleMeta(over: Partial<ReportMeta> = {}): ReportMeta {
  return {
    id: 'r1',
    name: 'Tổng hợp 2024',
    committee: { name: 'Huyện ủy A', level: 'huyen' },
    year: 2024,
    templateId: 'tpl-2024',
    units: [
      { id: 'u1', name: 'Đảng bộ xã B', form: 'dang_bo', bloc: 'xa' },
      { id: 'u2', name: 'Chi bộ trường C', form: 'chi_bo_co_so', bloc: 'truong_hoc' },
    ],
    settings: { bieu01: { convention: 'inclusive', rounding: 'half-up' } },
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...over,
  };
}

/** A copy of `obj` without `keys` (e.g. a version 1 record, which had no updatedAt). */
export function omit<T extends object>(obj: T, ...keys: (keyof T)[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([k]) => !keys.some((key) => key === k)));
}
