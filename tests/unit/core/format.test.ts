// Numbers as staff read them: vi-VN "3.328" and "96,30%", en-US "3,328" and "96.30%".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber, formatPercent, formatValue } from '../../../src/core/format';
import type { CellValue, Lang } from '../../../src/core/model';

describe('formatNumber', () => {
  it.each<[number, Lang, number | null, string]>([
    [3328, 'vi', null, '3.328'],
    [3328, 'en', null, '3,328'],
    [2816, 'vi', null, '2.816'],
    [171, 'vi', null, '171'],
    [0, 'vi', null, '0'],
    [1234567, 'vi', null, '1.234.567'],
    [2.25, 'vi', null, '2,25'],
    [2.25, 'en', null, '2.25'],
    [96.3, 'vi', 2, '96,30'],
    [19.2307, 'vi', 2, '19,23'],
  ])('%d in %s with %s decimals: "%s"', (value, lang, decimals, text) => {
    expect(formatNumber(value, lang, decimals)).toBe(text);
  });
});

describe('formatNumber of whole numbers', () => {
  it('gives the same text as Intl.NumberFormat in both languages', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer(),
          fc.maxSafeInteger(),
          fc.constantFrom(0, -0, 999, 1000, -1000, 999_999, 1_000_000),
        ),
        fc.constantFrom<Lang>('vi', 'en'),
        fc.constantFrom<number | null>(null, 0),
        (value, lang, decimals) => {
          const intl = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', {
            minimumFractionDigits: decimals ?? 0,
            maximumFractionDigits: decimals ?? 4,
            useGrouping: true,
          });
          expect(formatNumber(value, lang, decimals)).toBe(intl.format(value));
        },
      ),
    );
  });
});

describe('formatPercent', () => {
  it.each<[number, Lang, number, string]>([
    [96.3, 'vi', 2, '96,30%'],
    [96.3, 'en', 2, '96.30%'],
    [96.29, 'vi', 2, '96,29%'],
    [3.71, 'vi', 2, '3,71%'],
    [2.25, 'vi', 2, '2,25%'],
    [101, 'vi', 0, '101%'],
    [100, 'vi', 2, '100,00%'],
    [4.39, 'en', 2, '4.39%'],
  ])('%d in %s with %i decimals: "%s"', (value, lang, decimals, text) => {
    expect(formatPercent(value, lang, decimals)).toBe(text);
  });
});

describe('formatValue', () => {
  it.each<[CellValue, Lang, string]>([
    [null, 'vi', ''],
    [3328, 'vi', '3.328'],
    [3328, 'en', '3,328'],
    ['HTXSNV', 'vi', 'HTXSNV'],
    ['Sáp nhập', 'en', 'Sáp nhập'],
  ])('%s in %s: "%s"', (value, lang, text) => {
    expect(formatValue(value, lang)).toBe(text);
  });
});
