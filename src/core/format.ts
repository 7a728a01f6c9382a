// Numbers as staff read them: vi-VN "3.328" and "96,30%", or en-US "3,328" and "96.30%".
import type { CellValue, Lang } from './model';

const LOCALE: Readonly<Record<Lang, string>> = { vi: 'vi-VN', en: 'en-US' };
const cache = new Map<string, Intl.NumberFormat>();

function formatter(lang: Lang, decimals: number | null): Intl.NumberFormat {
  const key = `${lang}:${decimals}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], {
      minimumFractionDigits: decimals ?? 0,
      maximumFractionDigits: decimals ?? 4,
      useGrouping: true,
    });
    cache.set(key, f);
  }
  return f;
}

const GROUP: Readonly<Record<Lang, string>> = { vi: '.', en: ',' };
const THOUSANDS = /\B(?=(\d{3})+$)/g;

export function formatNumber(value: number, lang: Lang, decimals: number | null = null): string {
  // Whole numbers, what most cells and counts hold, grouped here: the first Intl.NumberFormat loads the locale's
  // data (20-30 ms in Chromium), which opening a report need not wait for. The same text as Intl's (tested).
  if (Number.isSafeInteger(value) && !decimals && !Object.is(value, -0)) {
    const digits = String(Math.abs(value)).replace(THOUSANDS, GROUP[lang]);
    return value < 0 ? `-${digits}` : digits;
  }
  return formatter(lang, decimals).format(value);
}

export function formatPercent(value: number, lang: Lang, decimals: number): string {
  return `${formatNumber(value, lang, decimals)}%`;
}

export function formatValue(value: CellValue, lang: Lang): string {
  if (value === null) return '';
  return typeof value === 'number' ? formatNumber(value, lang) : value;
}
