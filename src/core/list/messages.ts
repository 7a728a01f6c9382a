// The member list's texts: a finding's message from its rule (rules.ts), a parse error's from the catalogue below.
import type { Finding } from '../finding';
import { fillPlaceholders, PARSE_REASON } from '../messages';
import type { Lang, Text } from '../model';
import type { RuleDef } from '../template';
import type { MemberParseError, MemberParseErrorCode } from './members';

export function memberFindingMessage(
  finding: Finding,
  rules: readonly RuleDef[],
  lang: Lang,
  unitName = '',
): string {
  const rule = rules.find((r) => r.id === finding.ruleId);
  const text = rule?.messages[finding.variant]?.[lang] ?? `${finding.ruleId}/${finding.variant}`;
  return fillPlaceholders(
    text,
    { ...finding.values, expected: finding.expected, received: finding.received, unit: unitName },
    lang,
  );
}

const REASON: Readonly<Record<MemberParseErrorCode, Text>> = {
  ...PARSE_REASON,
  // A member's fraction or range is not about a count column: worded for the list.
  fraction: { vi: 'số lẻ', en: 'a fraction' },
  'out-of-range': { vi: 'ngoài khoảng cho phép', en: 'out of range' },
  'unknown-unit': { vi: 'không phải tổ chức cơ sở đảng của báo cáo', en: 'not a unit of the report' },
  'uncertain-unit': {
    vi: 'chỉ gần giống "{candidate}", chưa chắc là đơn vị nào',
    en: 'only resembles "{candidate}"',
  },
  'unknown-standing': { vi: 'không rõ chính thức hay dự bị', en: 'neither full nor probationary' },
  'unknown-evaluation': { vi: 'không rõ miễn hay chưa đánh giá', en: 'neither exempt nor not yet rated' },
  'not-a-level': {
    vi: '"chưa xếp loại" không phải mức xếp loại của đảng viên',
    en: '"not rated" is not a member\'s level',
  },
};

export function memberParseErrorMessage(error: MemberParseError, lang: Lang): string {
  const received = error.received.length > 40 ? `${error.received.slice(0, 40)}…` : error.received;
  const reason = REASON[error.code][lang].replace('{candidate}', error.candidate?.name ?? '');
  return lang === 'vi'
    ? `Đã nhập "${received}": ${reason}. Cần ${error.expected.vi}.`
    : `Received "${received}": ${reason}. Expected ${error.expected.en}.`;
}
