// Turning findings and parse errors into text in the user's language. Rule messages come from the template
// (each rule carries its own, with placeholders); parse-error and UI texts come from the catalogue below.
import type { Finding } from './finding';
import { formatNumber, formatValue } from './format';
import type { CellValue, Lang, Text } from './model';
import type { ParseError } from './parse';
import type { CompiledTemplate } from './template-loader';

export function fillPlaceholders(
  text: string,
  values: Readonly<Record<string, CellValue>>,
  lang: Lang,
  decimals: Readonly<Record<string, number>> = {},
): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = values[name];
    if (v === undefined) return whole;
    return typeof v === 'number' ? formatNumber(v, lang, decimals[name] ?? null) : formatValue(v, lang);
  });
}

export function findingMessage(
  finding: Finding,
  template: CompiledTemplate,
  lang: Lang,
  unitName = '',
): string {
  const rule = template.ruleById.get(finding.ruleId);
  const text = rule?.def.messages[finding.variant]?.[lang] ?? `${finding.ruleId}/${finding.variant}`;
  return fillPlaceholders(
    text,
    { ...finding.values, expected: finding.expected, received: finding.received, unit: unitName },
    lang,
    finding.decimals === undefined ? {} : { expected: finding.decimals, received: finding.decimals },
  );
}

const PARSE_EXPECTED: Readonly<Record<ParseError['kind'], Text>> = {
  count: { vi: 'một số nguyên không âm (ví dụ 2.682)', en: 'a whole number of zero or more (e.g. 2,682)' },
  percent: { vi: 'một tỷ lệ phần trăm (ví dụ 96,29)', en: 'a percentage (e.g. 96.29)' },
  score: { vi: 'một điểm số từ 0 đến 100', en: 'a score from 0 to 100' },
  rating: {
    vi: 'một mức xếp loại: HTXSNV, HTTNV, HTNV, KHTNV hoặc "chưa xếp loại"',
    en: 'a rating: HTXSNV, HTTNV, HTNV, KHTNV or "chưa xếp loại"',
  },
  text: { vi: 'văn bản tối đa 500 ký tự', en: 'text of at most 500 characters' },
};

/** Why a value was refused, per parse error code (the member list adds its own codes to these). */
export const PARSE_REASON: Readonly<Record<ParseError['code'], Text>> = {
  formula: { vi: 'công thức không được nhập vào ô', en: 'formulas cannot be entered' },
  negative: { vi: 'số âm', en: 'a negative number' },
  fraction: { vi: 'số lẻ trong cột số lượng', en: 'a fraction in a count column' },
  'not-a-number': { vi: 'không phải là số', en: 'not a number' },
  'not-applicable': {
    vi: '"x" (không áp dụng) không dùng được ở cột này',
    en: '"x" (not applicable) is not allowed in this column',
  },
  'out-of-range': { vi: 'vượt quá giới hạn', en: 'out of range' },
  'unknown-rating': { vi: 'không phải mức xếp loại', en: 'not a rating' },
  'too-long': { vi: 'quá dài', en: 'too long' },
};

export function parseErrorMessage(error: ParseError, lang: Lang): string {
  const received = error.received.length > 40 ? `${error.received.slice(0, 40)}…` : error.received;
  return lang === 'vi'
    ? `Đã nhập "${received}": ${PARSE_REASON[error.code].vi}. Cần ${PARSE_EXPECTED[error.kind].vi}.`
    : `Received "${received}": ${PARSE_REASON[error.code].en}. Expected ${PARSE_EXPECTED[error.kind].en}.`;
}
