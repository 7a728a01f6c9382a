import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { restoreMeta, restoreRow } from '../../../src/storage/restore';
import { omit, sampleMeta } from './helpers';

const good = sampleMeta();
const unit = good.units[0]!;

describe('restoreMeta', () => {
  it('returns a fresh copy of a good record, without extra fields', () => {
    const r = restoreMeta({ ...good, extra: 1 });
    expect(r).toEqual({ ok: true, meta: good });
    expect(r.ok && r.meta.units).not.toBe(good.units);
  });

  it("keeps the optional base unit, last year's report and jump thresholds", () => {
    const meta = { ...good, baseUnit: unit.id, previousReportId: 'r0', yearChange: { percent: 25, min: 3 } };
    expect(restoreMeta(meta)).toEqual({ ok: true, meta });
  });

  it.each([
    [{ baseUnit: 'nobody' }, 'baseUnit: expected the id of one of the units, received "nobody"'],
    [{ baseUnit: '' }, 'baseUnit: expected a non-empty string, received ""'],
    [{ previousReportId: 4 }, 'previousReportId: expected a non-empty string, received 4'],
    [
      { yearChange: { percent: -1, min: 5 } },
      'yearChange.percent: expected a number from 0 to 1000, received -1',
    ],
    [
      { yearChange: { percent: 30 } },
      'yearChange.min: expected a number from 0 to 1000000, received undefined',
    ],
  ])('names a wrong optional field %j', (over, error) => {
    expect(restoreMeta({ ...good, ...over })).toEqual({ ok: false, error });
  });

  it('falls back to createdAt for a missing updatedAt', () => {
    const v1 = omit({ ...good, createdAt: 5 }, 'updatedAt');
    expect(restoreMeta(v1)).toEqual({ ok: true, meta: { ...good, createdAt: 5, updatedAt: 5 } });
  });

  it('accepts empty names, no units and no settings', () => {
    const meta = { ...good, name: '', units: [], settings: {}, committee: { name: '', level: 'tinh' } };
    expect(restoreMeta(meta)).toEqual({ ok: true, meta });
  });

  const bad: [string, unknown, string][] = [
    ['not an object', 'x', 'report: expected an object, received "x"'],
    ['null', null, 'report: expected an object, received null'],
    ['an array', [good], 'report: expected an object, received an array'],
    ['empty id', { ...good, id: '' }, 'id: expected a non-empty string, received ""'],
    ['numeric id', { ...good, id: 7 }, 'id: expected a non-empty string, received 7'],
    ['missing name', { ...good, name: undefined }, 'name: expected a string, received undefined'],
    ['no committee', { ...good, committee: null }, 'committee: expected an object, received null'],
    [
      'bad committee level',
      { ...good, committee: { name: 'A', level: 'trung_uong' } },
      'committee.level: expected one of huyen, xa, tinh, received "trung_uong"',
    ],
    ['year too small', { ...good, year: 1989 }, 'year: expected an integer from 1990 to 2100, received 1989'],
    ['year too large', { ...good, year: 2101 }, 'year: expected an integer from 1990 to 2100, received 2101'],
    [
      'fractional year',
      { ...good, year: 2024.5 },
      'year: expected an integer from 1990 to 2100, received 2024.5',
    ],
    [
      'year as string',
      { ...good, year: '2024' },
      'year: expected an integer from 1990 to 2100, received "2024"',
    ],
    ['NaN year', { ...good, year: NaN }, 'year: expected an integer from 1990 to 2100, received NaN'],
    ['empty templateId', { ...good, templateId: '' }, 'templateId: expected a non-empty string, received ""'],
    ['units not an array', { ...good, units: {} }, 'units: expected an array, received an object'],
    ['unit not an object', { ...good, units: [unit, 3] }, 'units[1]: expected an object, received 3'],
    [
      'bad unit form',
      {
        ...good,
        units: [0, 1, 2, 3].map((i) => ({ ...unit, id: `u${i}`, form: i === 3 ? 'abc' : 'dang_bo' })),
      },
      'units[3].form: expected one of dang_bo, chi_bo_co_so, received "abc"',
    ],
    [
      'bad unit bloc',
      { ...good, units: [{ ...unit, bloc: true }] },
      'units[0].bloc: expected one of xa, co_quan, luc_luong_vu_trang, truong_hoc, doanh_nghiep, khac, received true',
    ],
    [
      'duplicate unit id',
      { ...good, units: [unit, unit] },
      'units[1].id: expected a unique id, received "u1"',
    ],
    [
      'empty unit id',
      { ...good, units: [{ ...unit, id: '' }] },
      'units[0].id: expected a non-empty string, received ""',
    ],
    ['settings an array', { ...good, settings: [] }, 'settings: expected an object, received an array'],
    [
      'settings entry null',
      { ...good, settings: { b1: null } },
      'settings.b1: expected an object, received null',
    ],
    [
      'bad convention',
      { ...good, settings: { b1: { convention: 'both', rounding: 'truncate' } } },
      'settings.b1.convention: expected one of inclusive, exclusive, received "both"',
    ],
    [
      'missing rounding',
      { ...good, settings: { b1: { convention: 'exclusive' } } },
      'settings.b1.rounding: expected one of half-up, truncate, complement, received undefined',
    ],
    [
      'createdAt as string',
      { ...good, createdAt: '2024' },
      'createdAt: expected a timestamp (number), received "2024"',
    ],
    [
      'updatedAt infinite',
      { ...good, updatedAt: Infinity },
      'updatedAt: expected a timestamp (number), received Infinity',
    ],
    [
      'updatedAt null',
      { ...good, updatedAt: null },
      'updatedAt: expected a timestamp (number), received null',
    ],
    [
      'long received string is shortened',
      { ...good, committee: { name: 'A', level: 'y'.repeat(50) } },
      `committee.level: expected one of huyen, xa, tinh, received "${'y'.repeat(40)}…"`,
    ],
  ];
  it.each(bad)('rejects %s', (_label, raw, error) => {
    expect(restoreMeta(raw)).toEqual({ ok: false, error });
  });
});

describe('restoreRow', () => {
  it('keeps finite numbers and strings, skips blanks, names what it drops', () => {
    const raw = {
      reportId: 'r1',
      sheet: 's',
      row: 'u1',
      values: { a: 1, b: 'HTNV', c: null, d: NaN, e: Infinity, f: true, g: { x: 1 }, h: 0, i: '' },
    };
    expect(restoreRow(raw)).toEqual({
      reportId: 'r1',
      sheet: 's',
      row: 'u1',
      values: { a: 1, b: 'HTNV', h: 0, i: '' },
      dropped: [
        's/u1/d: received NaN',
        's/u1/e: received Infinity',
        's/u1/f: received true',
        's/u1/g: received an object',
      ],
    });
  });

  it('keeps a "__proto__" column as a plain key', () => {
    const values = JSON.parse('{"__proto__": 5}') as unknown;
    const r = restoreRow({ reportId: 'r1', sheet: 's', row: 'u1', values });
    expect(Object.getPrototypeOf(r?.values)).toBe(Object.prototype);
    expect(Object.entries(r?.values ?? {})).toEqual([['__proto__', 5]]);
  });

  it.each([
    ['null', null],
    ['a string', 'row'],
    ['no values', { reportId: 'r1', sheet: 's', row: 'u1' }],
    ['values an array', { reportId: 'r1', sheet: 's', row: 'u1', values: [1] }],
    ['numeric row', { reportId: 'r1', sheet: 's', row: 1, values: {} }],
    ['missing reportId', { sheet: 's', row: 'u1', values: {} }],
  ])('returns null for %s', (_label, raw) => {
    expect(restoreRow(raw)).toBeNull();
  });
});
