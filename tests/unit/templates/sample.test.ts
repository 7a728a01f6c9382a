// The Tân Hồng 2022 sample keeps the published district totals (DOMAIN §8), and the year picks the template set.
import { describe, expect, it } from 'vitest';
import { CONTROL_ROW, type SheetsData } from '../../../src/core/model';
import { currentCycleYear, templateIdForYear } from '../../../src/templates';
import { buildSampleReport } from '../../../src/templates/sample';

const { meta, data } = buildSampleReport('tan-hong-2022', 1_700_000_000_000);

/** The sum of a column over the unit rows (the "Cộng" row left out). */
function sumOf(sheet: string, col: string, rows: SheetsData = data): number {
  let total = 0;
  for (const [row, values] of rows.get(sheet) ?? []) {
    if (row === CONTROL_ROW) continue;
    const v = values[col];
    if (typeof v === 'number') total += v;
  }
  return total;
}

function ratingCount(rating: string): number {
  return [...(data.get('b01')?.values() ?? [])].filter((r) => r.rating === rating).length;
}

describe('buildSampleReport', () => {
  it('is Tân Hồng 2022 under the 2019–2022 template', () => {
    expect(meta).toMatchObject({
      id: 'tan-hong-2022',
      name: 'Tân Hồng 2022',
      committee: { name: 'Huyện ủy Tân Hồng', level: 'huyen' },
      year: 2022,
      templateId: 'tcd-2019',
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_000_000,
    });
  });

  it('has 27 base organizations: 14 đảng bộ, 13 chi bộ cơ sở, 9 of them communes', () => {
    expect(meta.units).toHaveLength(27);
    expect(new Set(meta.units.map((u) => u.id)).size).toBe(27);
    expect(meta.units.filter((u) => u.form === 'dang_bo')).toHaveLength(14);
    expect(meta.units.filter((u) => u.form === 'chi_bo_co_so')).toHaveLength(13);
    expect(meta.units.filter((u) => u.bloc === 'xa')).toHaveLength(9);
    expect(meta.units[0]).toEqual({
      id: 'u01',
      name: 'Đảng bộ thị trấn Sa Rài',
      form: 'dang_bo',
      bloc: 'xa',
    });
  });

  it('Biểu 01: 27 rated, 5 HTXSNV, 26 good including them, 1 HTNV', () => {
    expect(data.get('b01')?.size).toBe(27);
    expect(ratingCount('HTXSNV')).toBe(5);
    expect(ratingCount('HTXSNV') + ratingCount('HTTNV')).toBe(26);
    expect(ratingCount('HTNV')).toBe(1);
    expect(ratingCount('KHTNV')).toBe(0);
  });

  it('Biểu 02: 171 of 173 cells rated, 24 excellent, 147 good including them', () => {
    expect([sumOf('b02', 'total'), sumOf('b02', 'rated'), sumOf('b02', 'x'), sumOf('b02', 'g')]).toEqual([
      173, 171, 24, 147,
    ]);
    expect(sumOf('b02', 'h') + sumOf('b02', 'k')).toBe(24);
  });

  it('Biểu 03: 89 collectives, 14 / 73 / 2 / 0 (exclusive)', () => {
    expect([
      sumOf('b03', 'total'),
      sumOf('b03', 'rated'),
      sumOf('b03', 'x'),
      sumOf('b03', 'g'),
      sumOf('b03', 'h'),
      sumOf('b03', 'k'),
    ]).toEqual([89, 89, 14, 73, 2, 0]);
  });

  it('Biểu 04: 3.328 members, 2.816 rated, 392 excellent, 2.682 good incl., 105 completed, 29 not completed', () => {
    expect(['total', 'rated', 'x', 'g', 'h', 'k'].map((c) => sumOf('b04', c))).toEqual([
      3328, 2816, 392, 2682, 105, 29,
    ]);
    expect(sumOf('b04', 'exempt') + sumOf('b04', 'pending') + sumOf('b04', 'rated')).toBe(3328);
  });

  it('Biểu 06: 104 admitted of a target of 103, 151 in the awareness class, 3.328 members at the end', () => {
    expect(['target', 'admitted', 'awareness', 'members-end'].map((c) => sumOf('b06', c))).toEqual([
      103, 104, 151, 3328,
    ]);
  });

  it('the Cộng rows are the published totals', () => {
    expect(data.get('b02')?.get(CONTROL_ROW)).toEqual({ total: 173, rated: 171, x: 24, g: 147 });
    expect(data.get('b03')?.get(CONTROL_ROW)).toEqual({ total: 89, x: 14, g: 73, h: 2 });
    expect(data.get('b04')?.get(CONTROL_ROW)).toEqual({
      total: 3328,
      rated: 2816,
      x: 392,
      g: 2682,
      h: 105,
      k: 29,
    });
    expect(data.get('b06')?.get(CONTROL_ROW)).toEqual({ admitted: 104, awareness: 151, 'members-end': 3328 });
  });

  it('Biểu 02 has a row for each đảng bộ only', () => {
    const dangBo = meta.units.filter((u) => u.form === 'dang_bo').map((u) => u.id);
    expect([...(data.get('b02')?.keys() ?? [])].filter((r) => r !== CONTROL_ROW)).toEqual(dangBo);
  });
});

describe('templateIdForYear', () => {
  it.each<[number, string]>([
    [2019, 'tcd-2019'],
    [2022, 'tcd-2019'],
    [2023, 'tcd-2023'],
    [2024, 'tcd-2023'],
    [2025, 'tcd-2025'],
    [2031, 'tcd-2025'],
    [2010, 'tcd-2019'],
  ])('%i: %s', (year, id) => {
    expect(templateIdForYear(year)).toBe(id);
  });
});

describe('currentCycleYear', () => {
  it.each<[Date, number]>([
    [new Date(2026, 0, 15), 2025],
    [new Date(2026, 4, 31), 2025],
    [new Date(2025, 5, 1), 2025],
    [new Date(2025, 11, 31), 2025],
    [new Date(2023, 0, 1), 2022],
  ])('%s is in the %i cycle', (now, year) => {
    expect(currentCycleYear(now)).toBe(year);
  });
});
