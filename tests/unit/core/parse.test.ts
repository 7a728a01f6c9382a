// Reading what staff type or paste (DOMAIN §7): vi-VN and en-US numbers, blanks, "x", ratings by code or name;
// everything else is an error that carries what was received.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Rating } from '../../../src/core/model';
import {
  foldText,
  parseCell,
  parseNumber,
  parseRating,
  type ParseErrorCode,
  MAX_COUNT,
} from '../../../src/core/parse';
import type { ColumnDef, ColumnKind } from '../../../src/core/template';

type Column = Pick<ColumnDef, 'kind' | 'allowsNotApplicable'>;
const COUNT: Column = { kind: 'count' };
const COUNT_NA: Column = { kind: 'count', allowsNotApplicable: true };
const PERCENT: Column = { kind: 'percent' };
const SCORE: Column = { kind: 'score' };
const RATING: Column = { kind: 'rating' };
const TEXT: Column = { kind: 'text' };
const KINDS: readonly ColumnKind[] = ['count', 'percent', 'rating', 'score', 'text'];

describe('counts', () => {
  it.each([
    '2.682',
    '2,682',
    '2682',
    '2 682',
    '2.682,0',
    '2,682.0',
    ' 2.682 ',
    '2\u00a0682',
    '2\u202f682',
    '+2682',
  ])('"%s" is 2682', (raw) => {
    expect(parseCell(COUNT, raw)).toEqual({ ok: true, value: 2682 });
  });

  it.each<[string, number]>([
    ['0', 0],
    ['3.328', 3328],
    ['1.234.567', 1234567],
    ['1,234,567', 1234567],
    ['1 234 567', 1234567],
    ['171', 171],
  ])('"%s" is %i', (raw, value) => {
    expect(parseCell(COUNT, raw)).toEqual({ ok: true, value });
  });
});

describe('percentages', () => {
  it.each(['96,29', '96.29', '96,29%', '96,29 %', '96.29%', ' 96,29 % '])('"%s" is 96.29', (raw) => {
    expect(parseCell(PERCENT, raw)).toEqual({ ok: true, value: 96.29 });
  });

  it.each<[string, number]>([
    ['100', 100],
    ['0', 0],
    ['2,25%', 2.25],
    ['101%', 101],
  ])('"%s" is %d', (raw, value) => {
    expect(parseCell(PERCENT, raw)).toEqual({ ok: true, value });
  });
});

describe('scores', () => {
  it.each<[string, number]>([
    ['90', 90],
    ['89,5', 89.5],
    ['100', 100],
  ])('"%s" is %d', (raw, value) => {
    expect(parseCell(SCORE, raw)).toEqual({ ok: true, value });
  });
});

describe('blank and "x"', () => {
  it.each(KINDS)('empty and spaces are blank in a %s column', (kind) => {
    for (const raw of ['', '   ', '\t', '\u00a0'])
      expect(parseCell({ kind }, raw)).toEqual({ ok: true, value: null });
  });

  it.each(['x', 'X', ' x '])('"%s" is blank where the column allows "not applicable"', (raw) => {
    expect(parseCell(COUNT_NA, raw)).toEqual({ ok: true, value: null });
    expect(parseCell({ kind: 'percent', allowsNotApplicable: true }, raw)).toEqual({ ok: true, value: null });
  });

  it.each<[Column, string]>([
    [COUNT, 'x'],
    [COUNT, 'X'],
    [PERCENT, 'x'],
    [SCORE, 'X'],
  ])('"x" is an error elsewhere (%o, "%s")', (column, raw) => {
    expect(parseCell(column, raw)).toEqual({
      ok: false,
      error: { code: 'not-applicable', received: raw, kind: column.kind },
    });
  });

  it('"x" is blank in a rating column that allows "not applicable"', () => {
    expect(parseCell({ kind: 'rating', allowsNotApplicable: true }, 'x')).toEqual({ ok: true, value: null });
  });
});

describe('errors say what was received', () => {
  it.each<[Column, string, ParseErrorCode]>([
    [COUNT, '-5', 'negative'],
    [COUNT, '\u22125', 'negative'],
    [PERCENT, '-2,25%', 'negative'],
    [COUNT, '2,5', 'fraction'],
    [COUNT, '2.5', 'fraction'],
    [COUNT, '0,682', 'fraction'],
    [COUNT, 'hai', 'not-a-number'],
    [COUNT, '12 đảng viên', 'not-a-number'],
    [COUNT, '1e3', 'not-a-number'],
    [COUNT, '2.68.2', 'not-a-number'],
    [COUNT, '2..682', 'not-a-number'],
    [PERCENT, '96,29%%', 'not-a-number'],
    [PERCENT, 'khoảng 96', 'not-a-number'],
    [COUNT, '=SUM(A1:A3)', 'formula'],
    [PERCENT, '=B2/B3*100', 'formula'],
    [SCORE, '101', 'out-of-range'],
    [COUNT, '99999999999999999', 'out-of-range'],
    [RATING, 'Giỏi', 'unknown-rating'],
    [RATING, '5', 'unknown-rating'],
    [TEXT, 'a'.repeat(501), 'too-long'],
  ])('%o "%s": %s', (column, raw, code) => {
    expect(parseCell(column, raw)).toEqual({ ok: false, error: { code, received: raw, kind: column.kind } });
  });

  it('text keeps what was typed, trimmed', () => {
    expect(parseCell(TEXT, '  Sáp nhập từ 01/7/2025 ')).toEqual({ ok: true, value: 'Sáp nhập từ 01/7/2025' });
    expect(parseCell(TEXT, 'a'.repeat(500))).toEqual({ ok: true, value: 'a'.repeat(500) });
  });
});

describe('ratings', () => {
  it.each<[string, Rating]>([
    ['HTXSNV', 'HTXSNV'],
    ['htxsnv', 'HTXSNV'],
    ['HtTnV', 'HTTNV'],
    [' HTNV ', 'HTNV'],
    ['khtnv', 'KHTNV'],
    ['CHUA', 'CHUA'],
    ['Hoàn thành xuất sắc nhiệm vụ', 'HTXSNV'],
    ['hoan thanh xuat sac nhiem vu', 'HTXSNV'],
    ['HOÀN THÀNH TỐT NHIỆM VỤ', 'HTTNV'],
    ['Hoàn thành tốt nhiệm vụ'.normalize('NFD'), 'HTTNV'],
    ['Hoàn  thành   nhiệm vụ', 'HTNV'],
    ['Không hoàn thành nhiệm vụ', 'KHTNV'],
    ['khong hoan thanh nhiem vu', 'KHTNV'],
    ['Chưa xếp loại', 'CHUA'],
    ['chưa xếp loại', 'CHUA'],
    ['chua xep loai', 'CHUA'],
    ['Xuất sắc', 'HTXSNV'],
    ['Excellent (HTXSNV)', 'HTXSNV'],
    ['Not completed (KHTNV)', 'KHTNV'],
    ['Not rated', 'CHUA'],
    ['tốt', 'HTTNV'],
    ['Hoàn thành', 'HTNV'],
    ['không hoàn thành', 'KHTNV'],
  ])('"%s" is %s', (raw, rating) => {
    expect(parseCell(RATING, raw)).toEqual({ ok: true, value: rating });
    expect(parseRating(raw.trim())).toBe(rating);
  });

  it('folds diacritics and đ', () => {
    expect(foldText('  Đảng  bộ xã Tân Hộ Cơ ')).toBe('dang bo xa tan ho co');
  });
});

describe('parseNumber', () => {
  it.each<[string, 'count' | 'decimal', number | null]>([
    ['2.682', 'count', 2682],
    ['2.682', 'decimal', 2.682],
    ['96,29', 'decimal', 96.29],
    ['1.234,5', 'decimal', 1234.5],
    ['1,234.5', 'decimal', 1234.5],
    ['0.682', 'count', 0.682],
    ['1234.567', 'count', 1234.567],
    ['12 .5', 'decimal', null],
    ['', 'count', null],
  ])('"%s" as %s is %s', (raw, mode, value) => {
    expect(parseNumber(raw, mode)).toBe(value);
  });
});

describe('properties', () => {
  const column = fc.record({ kind: fc.constantFrom(...KINDS), allowsNotApplicable: fc.boolean() });
  const numberish = fc.string({ unit: fc.constantFrom(...'0123456789.,-+% xX=\u00a0\u202f\u2212') });
  const anyString = fc.oneof(fc.string({ unit: 'binary' }), numberish, fc.string({ unit: 'grapheme' }));

  it('parseCell is total: a value or an error carrying the raw text, never a throw', () => {
    fc.assert(
      fc.property(column, anyString, (col, raw) => {
        const result = parseCell(col, raw);
        if (!result.ok) {
          expect(result.error.received).toBe(raw);
          expect(result.error.kind).toBe(col.kind);
          return;
        }
        const v = result.value;
        if (v === null) return;
        if (col.kind === 'count')
          expect(Number.isSafeInteger(v) && typeof v === 'number' && v >= 0).toBe(true);
        if (col.kind === 'percent' || col.kind === 'score')
          expect(typeof v === 'number' && Number.isFinite(v) && v >= 0).toBe(true);
        if (col.kind === 'score') expect(v).toBeLessThanOrEqual(100);
      }),
      { numRuns: 2000 },
    );
  });

  it('a count above MAX_COUNT is out of range, so column sums stay exact', () => {
    expect(parseCell(COUNT, String(MAX_COUNT + 1))).toMatchObject({
      ok: false,
      error: { code: 'out-of-range' },
    });
    expect(parseCell(COUNT, String(MAX_COUNT))).toEqual({ ok: true, value: MAX_COUNT });
  });

  it('a whole number formatted vi-VN or en-US reads back as itself in a count', () => {
    const vi = new Intl.NumberFormat('vi-VN');
    const en = new Intl.NumberFormat('en-US');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_COUNT }), (n) => {
        expect(parseCell(COUNT, vi.format(n))).toEqual({ ok: true, value: n });
        expect(parseCell(COUNT, en.format(n))).toEqual({ ok: true, value: n });
      }),
      { numRuns: 1000 },
    );
  });

  it('a percentage with two decimals formatted vi-VN or en-US reads back as itself', () => {
    const options = { minimumFractionDigits: 2, maximumFractionDigits: 2 };
    const vi = new Intl.NumberFormat('vi-VN', options);
    const en = new Intl.NumberFormat('en-US', options);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (hundredths) => {
        const p = hundredths / 100;
        expect(parseCell(PERCENT, `${vi.format(p)}%`)).toEqual({ ok: true, value: p });
        expect(parseCell(PERCENT, en.format(p))).toEqual({ ok: true, value: p });
      }),
      { numRuns: 500 },
    );
  });
});
