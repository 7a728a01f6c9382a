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

export function formatNumber(value: number, lang: Lang, decimals: number | null = null): string {
  return formatter(lang, decimals).format(value);
}

export function formatPercent(value: number, lang: Lang, decimals: number): string {
  return `${formatNumber(value, lang, decimals)}%`;
}

export function formatValue(value: CellValue, lang: Lang): string {
  if (value === null) return '';
  return typeof value === 'number' ? formatNumber(value, lang) : value;
}
