// Properties of the member list validator (STYLE §10): edit by edit it ends where a full pass of the final rows
// ends, on findings and counts; its counts equal a naive recount; it never throws, whatever the cells hold.
// (Run once with 3,000 runs each while writing it; 200 here, with a timeout for a loaded machine.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemberListValidator, type MemberCounts } from '../../../../src/core/list/list-validator';
import { canonicalName, duplicateHash, duplicateKey } from '../../../../src/core/list/member-checks';
import { MemberTable } from '../../../../src/core/list/member-table';
import { MEMBER_COLUMNS, type MemberRow } from '../../../../src/core/list/members';
import type { MemberListSettings } from '../../../../src/core/list/rules';
import { benchMembers } from '../../../../src/core/list/synthetic';
import { CONVENTIONS, type CellValue, type Convention } from '../../../../src/core/model';
import { SETTINGS_2022, UNITS, serialized, write } from './helpers';

const ROW_IDS = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'];
const NAMES = [
  'Nguyễn Văn An',
  'nguyễn văn an',
  'Nguyễn Văn Ân',
  'Nguyễn Văn An'.normalize('NFD'),
  ' Trần  Bình ',
];

/** A value a user can end up with in a member column (parsed), blanks and the report's units included. */
const values: Record<string, fc.Arbitrary<CellValue>> = {
  name: fc.constantFrom<CellValue>(null, ...NAMES),
  birthYear: fc.constantFrom<CellValue>(null, 1980, 1981),
  unit: fc.constantFrom<CellValue>(null, 'u1', 'u2', 'gone'),
  cell: fc.constantFrom<CellValue>(null, 'Chi bộ 1'),
  standing: fc.constantFrom<CellValue>(null, 'chinh_thuc', 'du_bi'),
  evaluation: fc.constantFrom<CellValue>(null, 'rated', 'exempt', 'pending'),
  reason: fc.constantFrom<CellValue>(null, 'Tuổi cao'),
  sickMonths: fc.constantFrom<CellValue>(null, 0, 2, 3, 12),
  rating: fc.constantFrom<CellValue>(null, 'HTXSNV', 'HTXSNV', 'HTTNV', 'HTTNV', 'HTNV', 'KHTNV'),
  note: fc.constantFrom<CellValue>(null, 'ghi chú'),
};

/** Anything at all: wrong types, NaN, infinities, codes in the wrong column. */
const junk: fc.Arbitrary<CellValue> = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 8 }),
  fc.constantFrom<CellValue>('HTXSNV', 'exempt', 'u1', '', ' ', Number.NaN, Number.POSITIVE_INFINITY, -3),
);

interface Edit {
  readonly row: string;
  readonly col: string;
  readonly value: CellValue;
}

const COLS = MEMBER_COLUMNS.map((c) => c.id);
const edit = (valueOf: (col: string) => fc.Arbitrary<CellValue>): fc.Arbitrary<Edit> =>
  fc
    .record({ row: fc.constantFrom(...ROW_IDS), col: fc.constantFrom(...COLS) })
    .chain(({ row, col }) => valueOf(col).map((value) => ({ row, col, value })));
const sensible = edit((col) => values[col] ?? fc.constant(null));
const anything = edit((col) => fc.oneof(values[col] ?? fc.constant(null), junk));

const settingsArb: fc.Arbitrary<MemberListSettings> = fc.record({
  convention: fc.constantFrom<Convention>(...CONVENTIONS),
  cap: fc.constantFrom(SETTINGS_2022.cap, null, {
    percent: 25,
    source: { vi: 'x', en: 'x' },
    unconfirmed: true,
  }),
  year: fc.constantFrom(2022, 2024, 2025),
});

/** Applies edits one batch at a time to the rows and the validator, then compares with a fresh full pass. */
function agreesWithFullPass(batches: readonly (readonly Edit[])[], settings: MemberListSettings): void {
  const rows = new Map<string, MemberRow>();
  const v = new MemberListValidator(UNITS, rows, settings);
  // The same edits to a list held by column (what the app holds).
  const table = MemberTable.fromRows(new Map());
  const t = new MemberListValidator(UNITS, table, settings);
  for (const batch of batches) {
    v.applyChanges(batch.map((e) => write(rows, e.row, e.col, e.value)));
    t.applyChanges(batch.map((e) => ({ ...e, before: table.set(e.row, e.col, e.value), after: e.value })));
  }
  const fresh = new MemberListValidator(UNITS, rows, settings);
  expect(serialized(v)).toEqual(serialized(fresh));
  expect(v.countsOf()).toEqual(fresh.countsOf());
  expect(serialized(t)).toEqual(serialized(fresh));
  expect(serialized(new MemberListValidator(UNITS, table, settings))).toEqual(serialized(fresh));
  expect(t.countsOf()).toEqual(fresh.countsOf());
  for (const unit of [...UNITS.map((u) => u.id), 'gone'])
    for (const convention of CONVENTIONS) {
      expect(v.counts(unit, convention)).toEqual(fresh.counts(unit, convention));
      expect(v.counts(unit, convention)).toEqual(recount(rows, unit, convention));
    }
  // Each finding is indexed under every cell it names, and only there.
  for (const f of v.all()) for (const col of f.columns) expect(v.findingsAt(f.row, col)).toContain(f);
}

/** The counts the slow, obvious way. */
function recount(rows: ReadonlyMap<string, MemberRow>, unit: string, convention: Convention): MemberCounts {
  const c = { total: 0, exempt: 0, pending: 0, rated: 0, x: 0, g: 0, h: 0, k: 0 };
  if (!UNITS.some((u) => u.id === unit)) return c;
  for (const row of rows.values()) {
    if (row.unit !== unit) continue;
    c.total++;
    if (row.evaluation === 'exempt') c.exempt++;
    else if (row.evaluation === 'pending') c.pending++;
    else {
      c.rated++;
      if (row.rating === 'HTXSNV') c.x++;
      if (row.rating === 'HTTNV' || (row.rating === 'HTXSNV' && convention === 'inclusive')) c.g++;
      if (row.rating === 'HTNV') c.h++;
      if (row.rating === 'KHTNV') c.k++;
    }
  }
  return c;
}

describe('MemberListValidator properties', () => {
  it('edit by edit equals a full pass, on findings and counts; counts equal a recount', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(sensible, { minLength: 1, maxLength: 4 }), { maxLength: 40 }),
        settingsArb,
        (b, s) => agreesWithFullPass(b, s),
      ),
      { numRuns: 200 },
    );
  }, 30_000);

  it('the same with junk in any cell, and never throws', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(anything, { minLength: 1, maxLength: 4 }), { maxLength: 30 }),
        settingsArb,
        (b, s) => agreesWithFullPass(b, s),
      ),
      { numRuns: 200 },
    );
  }, 30_000);

  it('the same on a synthetic list of 3,000 members edited at random', () => {
    const { units, rows, settings } = benchMembers(3000);
    const ids = [...rows.keys()];
    const v = new MemberListValidator(units, rows, settings);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            row: fc.constantFrom(...ids),
            col: fc.constantFrom('rating', 'unit', 'evaluation', 'name', 'birthYear', 'sickMonths'),
            pick: fc.nat(),
          }),
          { maxLength: 20 },
        ),
        (edits) => {
          for (const e of edits) {
            const other = rows.get(ids[e.pick % ids.length] ?? 'm0');
            v.applyChanges([write(rows, e.row, e.col, other?.[e.col] ?? null)]);
          }
          const fresh = new MemberListValidator(units, rows, settings);
          expect(serialized(v)).toEqual(serialized(fresh));
          for (const u of units) expect(v.counts(u.id)).toEqual(fresh.counts(u.id));
        },
      ),
      { numRuns: 30 },
    );
  }, 30_000);
});

describe('the duplicate hash', () => {
  it('equal keys give equal hashes, whatever the case, spacing and Unicode form', () => {
    const letters = fc.constantFrom(
      ...'aăâbdđeêioôơuưyAĂÂĐÊÔƠƯ áàảãạắặấẫếệốồờợứừỳỹİΣσς\u0301\u0323\u00a0\t'.split(''),
    );
    const name = fc.array(letters, { maxLength: 12 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(name, fc.constantFrom('NFC', 'NFD'), (n, form) => {
        const a = { name: n, birthYear: 1980, unit: 'u1' };
        const variants = [
          n.normalize(form),
          n.toUpperCase(),
          ` ${n.toLowerCase()}  `,
          n.replace(/ /g, '\u3000'),
        ];
        for (const other of variants) {
          const b = { ...a, name: other };
          if (duplicateKey(a) === duplicateKey(b)) expect(duplicateHash(b)).toBe(duplicateHash(a));
        }
        expect(duplicateHash(a) === null).toBe(duplicateKey(a) === null);
        expect(canonicalName(canonicalName(n))).toBe(canonicalName(n));
      }),
      { numRuns: 3000 },
    );
  }, 30_000);
});
