// A deterministic member list for benchmarks and property tests: n members over n/30 units (about 30 members a
// unit, as in a commune of 300–2,600 members and 20–70 cells), with Tân Hồng 2022's proportions: about 15 %
// exempt or not yet rated (each with a reason), of the rated about 14 % excellent (kept within each unit's cap, as a
// report that passes would be), 81 % good, 4 % completed, 1 % not completed; a few members on sick leave, rated
// HTNV. Pure: the same n gives the same list.
import type { Unit } from '../model';
import type { MemberChange } from './list-validator';
import { memberRowId, type MemberRow } from './members';
import type { MemberListSettings } from './rules';

export interface BenchMembers {
  readonly units: readonly Unit[];
  readonly rows: Map<string, MemberRow>;
  readonly settings: MemberListSettings;
}

const SURNAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Huỳnh',
  'Hoàng',
  'Võ',
  'Phan',
  'Trương',
  'Bùi',
  'Đặng',
  'Đỗ',
];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Thanh', 'Ngọc', 'Quốc', 'Hoàng', 'Kim', 'Đức'];
const GIVEN = [
  'An',
  'Ân',
  'Bình',
  'Cường',
  'Dũng',
  'Hà',
  'Hải',
  'Hùng',
  'Lan',
  'Long',
  'Mai',
  'Nam',
  'Phúc',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Vân',
  'Yến',
];
const EXEMPT_REASONS = ['Tuổi cao, sức yếu', 'Bệnh hiểm nghèo', 'Miễn công tác và sinh hoạt đảng'];
const PENDING_REASONS = ['Vắng mặt khi kiểm điểm', 'Mới kết nạp chưa đủ 6 tháng', 'Đình chỉ sinh hoạt đảng'];

/** mulberry32, as bench/stats.ts: the same seed gives the same members. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(list: readonly T[], random: () => number): T {
  const item = list[Math.floor(random() * list.length)];
  if (item === undefined) throw new Error('synthetic: empty list'); // the lists above are not empty
  return item;
}

export const BENCH_SETTINGS: MemberListSettings = {
  convention: 'inclusive',
  cap: { percent: 20, source: { vi: 'Hướng dẫn 21-HD/BTCTW', en: 'Guideline 21-HD/BTCTW' } },
  year: 2022,
};

export function benchMembers(n: number, seed = 20221231): BenchMembers {
  const random = prng(seed);
  const unitCount = Math.max(1, Math.round(n / 30));
  const units: Unit[] = Array.from({ length: unitCount }, (_, i) => ({
    id: `u${i + 1}`,
    name: `Chi bộ cơ sở số ${i + 1}`,
    form: i % 3 === 0 ? 'dang_bo' : 'chi_bo_co_so',
    bloc: i % 3 === 0 ? 'xa' : 'co_quan',
  }));
  const rows = new Map<string, MemberRow>();
  // Members are listed unit by unit, as a list is typed or imported.
  let next = 0;
  units.forEach((unit, u) => {
    const size = Math.floor(((u + 1) * n) / unitCount) - Math.floor((u * n) / unitCount);
    const levels: (string | null)[] = [];
    const members: Record<string, string | number | null>[] = [];
    for (let i = 0; i < size; i++) {
      const roll = random();
      const row: Record<string, string | number | null> = {
        name: `${pick(SURNAMES, random)} ${pick(MIDDLE, random)} ${pick(GIVEN, random)}`,
        birthYear: 1945 + Math.floor(random() * 60),
        unit: unit.id,
        cell: `Chi bộ ${1 + Math.floor(random() * 4)}`,
        standing: random() < 0.05 ? 'du_bi' : 'chinh_thuc',
      };
      if (roll < 0.1) Object.assign(row, { evaluation: 'exempt', reason: pick(EXEMPT_REASONS, random) });
      else if (roll < 0.15)
        Object.assign(row, { evaluation: 'pending', reason: pick(PENDING_REASONS, random) });
      else {
        const r = random();
        const sick = random() < 0.02;
        const level = sick ? 'HTNV' : r < 0.14 ? 'HTXSNV' : r < 0.95 ? 'HTTNV' : r < 0.99 ? 'HTNV' : 'KHTNV';
        if (sick) row.sickMonths = 3 + Math.floor(random() * 4);
        row.rating = level;
      }
      if (random() < 0.1) row.note = 'Ghi chú';
      levels.push(typeof row.rating === 'string' ? row.rating : null);
      members.push(row);
    }
    // Keep the unit within the cap: demoting an excellent member to good leaves the good count as it is.
    const good = levels.filter((l) => l === 'HTXSNV' || l === 'HTTNV').length;
    let excess = levels.filter((l) => l === 'HTXSNV').length - Math.floor((20 * good) / 100);
    for (const row of members) {
      if (excess <= 0) break;
      if (row.rating === 'HTXSNV') {
        row.rating = 'HTTNV';
        excess--;
      }
    }
    for (const row of members) rows.set(memberRowId(next++), row);
  });
  return { units, rows, settings: BENCH_SETTINGS };
}

/**
 * Pairs of edits of the rating cell on random members: the first changes it, the second puts it back, so a
 * benchmark can apply them in turn forever. Each change must be written to the rows before applyChanges.
 */
export function benchRatingEdits(
  rows: ReadonlyMap<string, MemberRow>,
  pairs: number,
  seed = 7,
): MemberChange[][] {
  const random = prng(seed);
  const ids = [...rows.keys()];
  const out: MemberChange[][] = [];
  for (let i = 0; i < pairs; i++) {
    const row = ids[Math.floor(random() * ids.length)];
    if (row === undefined) break;
    const before = rows.get(row)?.rating ?? null;
    const after = before === 'HTXSNV' ? 'HTTNV' : 'HTXSNV';
    out.push([{ row, col: 'rating', before, after }], [{ row, col: 'rating', before: after, after: before }]);
  }
  return out;
}
