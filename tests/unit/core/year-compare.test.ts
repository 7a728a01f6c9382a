// The year-on-year comparison: what a jump is, last year's report lined up with this year's units, and one sheet
// side by side with last year's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_YEAR_CHANGE, type RowValues, type Unit } from '../../../src/core/model';
import { normalizeName } from '../../../src/core/names';
import {
  alignPrevious,
  changePercent,
  compareSheet,
  isJump,
  type YearCompareCell,
} from '../../../src/core/year-compare';
import { sheet01, sheet02, sheet04 } from '../../../src/templates/sheets';
import { CONTROL_ROW, unit, workbook } from './helpers';

describe('isJump: more than 30 % of last year and at least 5', () => {
  it.each<[number, number, boolean]>([
    [20, 26, false], // exactly 30 %
    [20, 27, true], // 35 % and 7
    [13, 17, false], // 31 % but 4
    [16, 21, true], // 31 % and 5
    [20, 14, false], // -30 %
    [20, 13, true], // -35 %
    [0, 5, true], // from 0: no percentage, 5 is enough
    [0, 4, false],
    [0, 0, false],
    [5, 0, true],
    [2682, 2800, false], // 118 is only 4 %
    [100, 131, true],
  ])('%d → %d: %s', (previous, now, expected) => {
    expect(isJump(previous, now, DEFAULT_YEAR_CHANGE)).toBe(expected);
  });

  it('with no minimum, a change from 0 is a jump but no change never is', () => {
    const t = { percent: 0, min: 0 };
    expect(isJump(0, 1, t)).toBe(true);
    expect(isJump(7, 7, t)).toBe(false);
  });

  it('a broken number is never a jump', () => {
    expect(isJump(Number.NaN, 10, DEFAULT_YEAR_CHANGE)).toBe(false);
    expect(isJump(10, Number.NaN, DEFAULT_YEAR_CHANGE)).toBe(false);
  });
});

describe('changePercent', () => {
  it.each<[number, number, number | null]>([
    [16, 21, 31],
    [20, 13, -35],
    [8, 13, 63], // 62,5 rounds half away from zero
    [8, 3, -63],
    [5, 0, -100],
    [0, 5, null],
    [10, 10, 0],
  ])('%d → %d: %s', (previous, now, expected) => {
    expect(changePercent(previous, now)).toBe(expected);
  });
});

const TAN_HO_CO = unit('c1', 'dang_bo', 'Đảng bộ xã Tân Hộ Cơ');
const CONG_AN = unit('c2', 'chi_bo_co_so', 'Chi bộ Công an huyện');
const NEW_CELL = unit('c3', 'chi_bo_co_so', 'Chi bộ Trường THPT Sa Rài');

describe('alignPrevious', () => {
  it('a report duplicated for the next year keeps its unit ids: they match whatever the names', () => {
    const previous = [
      unit('c1', 'dang_bo', 'ĐB xã Tân Hộ Cơ (cũ)'),
      unit('c2', 'chi_bo_co_so', 'Chi bộ Công an huyện'),
    ];
    const data = workbook({ b04: { c1: { x: 10 }, c2: { x: 3 }, [CONTROL_ROW]: { x: 13 } } });
    const aligned = alignPrevious([TAN_HO_CO, CONG_AN, NEW_CELL], previous, data);
    expect(aligned.rows).toEqual(
      workbook({ b04: { [CONTROL_ROW]: { x: 13 }, c1: { x: 10 }, c2: { x: 3 } } }),
    );
    expect(aligned.matched).toBe(2);
    expect(aligned.missing).toEqual(['Chi bộ Trường THPT Sa Rài']);
  });

  it('a report made afresh matches by name, abbreviations and accents aside', () => {
    const previous = [
      unit('p1', 'dang_bo', 'ĐB xã Tân Hộ Cơ'),
      unit('p2', 'chi_bo_co_so', 'CB Cong an huyen'),
    ];
    const data = workbook({ b04: { p1: { x: 10 }, p2: { x: 3 } }, b02: { p1: { total: 8 } } });
    const aligned = alignPrevious([TAN_HO_CO, CONG_AN, NEW_CELL], previous, data);
    expect(aligned.rows).toEqual(
      workbook({ b04: { c1: { x: 10 }, c2: { x: 3 } }, b02: { c1: { total: 8 } } }),
    );
    expect(aligned.matched).toBe(2);
    expect(aligned.missing).toEqual(['Chi bộ Trường THPT Sa Rài']);
  });

  it('namesakes on either side are not guessed between', () => {
    const twoLastYear = [
      unit('p1', 'dang_bo', 'Đảng bộ xã Tân Hộ Cơ'),
      unit('p2', 'dang_bo', 'ĐB xã Tân Hộ Cơ'),
    ];
    const data = workbook({ b04: { p1: { x: 1 }, p2: { x: 2 } } });
    expect(alignPrevious([TAN_HO_CO], twoLastYear, data).missing).toEqual(['Đảng bộ xã Tân Hộ Cơ']);

    const twoThisYear = [TAN_HO_CO, unit('c9', 'dang_bo', 'DB xa Tan Ho Co')];
    const one = alignPrevious(twoThisYear, [unit('p1', 'dang_bo', 'Đảng bộ xã Tân Hộ Cơ')], data);
    expect(one.matched).toBe(0);
    expect(one.rows.get('b04')?.size).toBe(0);
  });

  it('a unit matched by id is not matched again by name', () => {
    // c1 kept its id; the new c9 carries last year's name of c1, which is not free to take.
    const previous = [unit('c1', 'dang_bo', 'Đảng bộ xã Tân Hộ Cơ')];
    const current = [
      unit('c1', 'dang_bo', 'Đảng bộ xã Tân Hộ Cơ (mới)'),
      unit('c9', 'dang_bo', 'Đảng bộ xã Tân Hộ Cơ'),
    ];
    const aligned = alignPrevious(current, previous, workbook({ b04: { c1: { x: 4 } } }));
    expect(aligned.rows).toEqual(workbook({ b04: { c1: { x: 4 } } }));
    expect(aligned.missing).toEqual(['Đảng bộ xã Tân Hộ Cơ']);
  });

  it('nothing last year: every unit is missing, control rows stay', () => {
    const aligned = alignPrevious([TAN_HO_CO], [], workbook({ b04: { [CONTROL_ROW]: { x: 5 } } }));
    expect(aligned).toEqual({
      rows: workbook({ b04: { [CONTROL_ROW]: { x: 5 } } }),
      matched: 0,
      missing: ['Đảng bộ xã Tân Hộ Cơ'],
    });
  });

  // Names from a small pool, several of which normalize alike, and ids from a small pool shared by both years:
  // id matches, name matches, namesakes and collisions all happen often.
  const NAMES = [
    'Đảng bộ xã Tân Hộ Cơ',
    'ĐB xã Tân Hộ Cơ',
    'DB xa Tan Ho Co',
    'Chi bộ Công an huyện',
    'CB Công an huyện',
    'Chi bộ Trường THPT Sa Rài',
    'Đảng bộ Thị trấn Sa Rài',
    'Chi bộ Quân sự',
    '',
  ];
  const units = (prefix: string) =>
    fc.uniqueArray(
      fc.record({
        id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g').map((id) => `${prefix}${id}`),
        name: fc.constantFrom(...NAMES),
      }),
      { selector: (u) => u.id, maxLength: 7 },
    );
  const asUnits = (list: readonly { id: string; name: string }[]): Unit[] =>
    list.map((u) => unit(u.id, 'chi_bo_co_so', u.name));

  it('never feeds two units from one of last year, and carries each matched row exactly', () => {
    fc.assert(
      fc.property(
        units(''),
        fc.boolean().chain((shared) => units(shared ? '' : 'p')),
        (currentList, previousList) => {
          const current = asUnits(currentList);
          const previous = asUnits(previousList);
          // Every unit of last year has rows that say which unit they are.
          const rowOf = new Map<string, RowValues>(previous.map((u, i) => [u.id, { x: i, note: u.id }]));
          const data = workbook({
            b04: { ...Object.fromEntries(rowOf), [CONTROL_ROW]: { x: -1 } },
            b05: Object.fromEntries(previous.map((u, i) => [u.id, { g: i }])),
          });
          const aligned = alignPrevious(current, previous, data);
          const b04 = aligned.rows.get('b04');
          expect(b04?.get(CONTROL_ROW)).toEqual({ x: -1 });

          const fedBy = new Map<string, string>();
          for (const u of current) {
            const row = b04?.get(u.id);
            if (!row) continue;
            const from = String(row['note']);
            expect(fedBy.has(from), `${from} feeds ${fedBy.get(from)} and ${u.id}`).toBe(false);
            fedBy.set(from, u.id);
            expect(row).toBe(rowOf.get(from));
            // Every sheet comes from the same unit of last year.
            expect(aligned.rows.get('b05')?.get(u.id)).toEqual({ g: row['x'] });
            const source = previous.find((p) => p.id === from);
            if (from !== u.id) expect(normalizeName(source?.name ?? '?')).toBe(normalizeName(u.name));
          }
          // A unit that kept its id always finds itself.
          for (const u of current)
            if (previous.some((p) => p.id === u.id)) expect(fedBy.get(u.id)).toBe(u.id);
          expect(aligned.matched).toBe(fedBy.size);
          expect(aligned.missing).toEqual(current.filter((u) => !b04?.has(u.id)).map((u) => u.name));
        },
      ),
      { numRuns: 500 },
    );
  });
});

const cell = (col: string, now: number | null, previous: number | null, jump = false): YearCompareCell => ({
  col,
  now,
  previous,
  change: now === null || previous === null ? null : now - previous,
  jump,
});

describe('compareSheet', () => {
  const units = [TAN_HO_CO, CONG_AN, NEW_CELL];

  it('Biểu 04: each unit and the column sums beside last year, jumps marked', () => {
    const data = workbook({
      b04: {
        c1: { total: 120, exempt: 2, pending: 3, rated: 115, x: 21, g: 100, h: 14, k: 1 },
        c2: { total: 30, rated: 30, x: 4, g: 28, h: 2, k: 0 },
        c3: { total: 10 },
        [CONTROL_ROW]: { total: 999 },
      },
    });
    const previous = workbook({
      b04: {
        c1: { total: 118, exempt: 2, pending: 1, rated: 115, x: 16, g: 101, h: 13, k: 1 },
        c2: { total: 30, rated: 30, x: 4, g: 22, h: 8, k: 0 },
      },
    });
    const table = compareSheet(sheet04, units, data, previous, DEFAULT_YEAR_CHANGE);
    expect(table.columns).toEqual(['total', 'exempt', 'pending', 'rated', 'x', 'g', 'h', 'k']);
    expect(table.rows.map((r) => [r.unitId, r.name])).toEqual(units.map((u) => [u.id, u.name]));
    expect(table.rows[0]?.cells).toEqual([
      cell('total', 120, 118),
      cell('exempt', 2, 2),
      cell('pending', 3, 1),
      cell('rated', 115, 115),
      cell('x', 21, 16, true),
      cell('g', 100, 101),
      cell('h', 14, 13),
      cell('k', 1, 1),
    ]);
    expect(table.rows[1]?.cells.find((c) => c.col === 'h')).toEqual(cell('h', 2, 8, true));
    expect(table.rows[2]?.cells.slice(0, 2)).toEqual([cell('total', 10, null), cell('exempt', null, null)]);
    // The sums of the unit rows, not the reported Cộng row.
    expect(table.total).toEqual([
      cell('total', 160, 148),
      cell('exempt', 2, 2),
      cell('pending', 3, 1),
      cell('rated', 145, 145),
      cell('x', 25, 20, false), // +5 is 25 %
      cell('g', 128, 123),
      cell('h', 16, 21), // -5 is 24 %
      cell('k', 1, 1),
    ]);
  });

  it('the report’s thresholds decide the jumps', () => {
    const data = workbook({ b04: { c1: { x: 12 } } });
    const previous = workbook({ b04: { c1: { x: 10 } } });
    const strict = compareSheet(sheet04, [TAN_HO_CO], data, previous, { percent: 10, min: 1 });
    expect(strict.rows[0]?.cells.find((c) => c.col === 'x')?.jump).toBe(true);
    expect(strict.total.find((c) => c.col === 'x')?.jump).toBe(true);
  });

  it('Biểu 02 has rows for the đảng bộ only', () => {
    const table = compareSheet(sheet02, units, workbook({}), workbook({}), DEFAULT_YEAR_CHANGE);
    expect(table.rows.map((r) => r.unitId)).toEqual(['c1']);
    expect(table.total.every((c) => c.now === null && c.previous === null && c.change === null)).toBe(true);
  });

  it('Biểu 01: ratings side by side, with no change, no jump and no total', () => {
    const data = workbook({ b01: { c1: { rating: 'HTXSNV', score: 92, note: 'x' } } });
    const previous = workbook({ b01: { c1: { rating: 'HTNV', score: 60 } } });
    const table = compareSheet(sheet01(true), units, data, previous, DEFAULT_YEAR_CHANGE);
    expect(table.columns).toEqual(['rating']);
    expect(table.rows[0]?.cells).toEqual([
      { col: 'rating', now: 'HTXSNV', previous: 'HTNV', change: null, jump: false },
    ]);
    expect(table.total).toEqual([{ col: 'rating', now: null, previous: null, change: null, jump: false }]);
  });

  it('a text left in a count column is shown but not compared', () => {
    const data = workbook({ b04: { c1: { x: 'abc' } } });
    const previous = workbook({ b04: { c1: { x: 1 } } });
    const table = compareSheet(sheet04, [TAN_HO_CO], data, previous, DEFAULT_YEAR_CHANGE);
    expect(table.rows[0]?.cells.find((c) => c.col === 'x')).toEqual({
      col: 'x',
      now: 'abc',
      previous: 1,
      change: null,
      jump: false,
    });
    expect(table.total.find((c) => c.col === 'x')).toEqual(cell('x', null, 1));
  });
});
