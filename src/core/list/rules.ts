// The member list's rules as data: ids, titles, sources and messages in Vietnamese and English, in the RuleDef
// shape of the sheets' rules so the UI shows them the same way. The checks themselves live in member-checks.ts
// (one member) and list-validator.ts (a unit's cap, duplicates). Which rules apply, and how firmly, depends on the
// report's year (DOMAIN §4) and on the template's Biểu 04 cap rule, which the list's cap copies.
import type { Convention, SheetSettings, Text } from '../model';
import type { RuleDef, Severity, TemplateSet } from '../template';
import { MEMBERS_SHEET } from './members';

/** The Biểu 04 cap as the list applies it: excellent ≤ percent % of the good count (HTTNV or better). */
export interface MemberCap {
  readonly percent: number;
  readonly source: Text;
  readonly unconfirmed?: boolean;
}

export interface MemberListSettings {
  /** Biểu 04's convention: only the counts fed to Biểu 04 depend on it, never a member rule. */
  readonly convention: Convention;
  /** The template's Biểu 04 cap; null when the template has none (then the list has none either). */
  readonly cap: MemberCap | null;
  /** The report's year: picks the sick-leave rule's period. */
  readonly year: number;
}

/** The cap and convention of a template set's Biểu 04, so the list and the sheet apply one rule one way. */
export function memberListSettings(set: TemplateSet, b04: SheetSettings, year: number): MemberListSettings {
  const rule = set.rules.find((r) => r.kind === 'cap' && r.sheet === 'b04');
  const percent = rule?.params.percent;
  return {
    convention: b04.convention,
    cap:
      rule && typeof percent === 'number'
        ? { percent, source: rule.source, ...(rule.unconfirmed ? { unconfirmed: true } : {}) }
        : null,
    year,
  };
}

export const RULE_IDS = {
  sickLeave: 'members-sick-leave',
  notRated: 'members-not-rated',
  reason: 'members-reason',
  ratingMissing: 'members-rating-missing',
  unit: 'members-unit',
  required: 'members-required',
  cap: 'members-cap',
  duplicate: 'members-duplicate',
  agree: 'members-b04-agree',
} as const;

/** A member on sick leave for this many months or more in the year is rated at most HTNV (DOMAIN §2). */
export const SICK_LEAVE = { minMonths: 3, maxLevel: 'HTNV' } as const;

interface Source {
  readonly text: Text;
  readonly unconfirmed?: boolean;
}

const FORMS: Source = {
  text: {
    vi: 'Biểu mẫu 7B-TCTW, 6F-BTCTW: tổng số = miễn + chưa đánh giá + được đánh giá; chỉ người được đánh giá mới được xếp loại',
    en: 'Forms 7B-TCTW, 6F-BTCTW: total = exempt + not yet rated + rated; only the rated have a level',
  },
};
const WORKBOOK: Source = {
  text: {
    vi: 'Thống nhất số liệu giữa danh sách đảng viên và các biểu',
    en: 'Figures agree between the member list and the forms',
  },
};
const PRODUCT: Source = {
  text: {
    vi: 'Kiểm tra của Tổng hợp (không phải quy định): danh sách chưa đầy đủ',
    en: 'Tổng hợp completeness check (not a regulation)',
  },
};
const DUPLICATES: Source = {
  text: {
    vi: 'Kiểm tra của Tổng hợp (không phải quy định): một đảng viên chỉ được tính một lần',
    en: 'Tổng hợp check (not a regulation): a member is counted once',
  },
};

/**
 * The sick-leave limit by period. DOMAIN §2 states it without naming the article; §4 says that from 2025
 * (QĐ 366) members on sick leave of 3 months or more are rated like the others, so no rule applies then. For
 * 2023–2024 nothing says QĐ 124 / HD 25 kept it word for word, so it is shown as unconfirmed (a warning).
 */
const SICK_LEAVE_PERIODS: readonly { readonly from: number; readonly to: number; readonly source: Source }[] =
  [
    {
      from: 2019,
      to: 2022,
      source: {
        text: {
          vi: 'Quy định 132-QĐ/TW (2018), Hướng dẫn 21-HD/BTCTW (18/10/2019): đảng viên nghỉ ốm từ 3 tháng trở lên trong năm không xếp loại từ mức "Hoàn thành tốt nhiệm vụ" trở lên',
          en: 'Regulation 132-QĐ/TW (2018), Guideline 21-HD/BTCTW (18/10/2019): a member on sick leave for 3 months or more in the year is not rated good or better',
        },
      },
    },
    {
      from: 2023,
      to: 2024,
      source: {
        text: {
          vi: 'Theo Hướng dẫn 21-HD/BTCTW; chưa xác nhận Quy định 124-QĐ/TW, Hướng dẫn 25-HD/BTCTW giữ nguyên',
          en: 'As in Guideline 21-HD/BTCTW; not confirmed for Regulation 124-QĐ/TW, Guideline 25-HD/BTCTW',
        },
        unconfirmed: true,
      },
    },
  ];

function rule(
  id: string,
  sheet: string,
  params: Record<string, unknown>,
  title: Text,
  source: Source,
  messages: Record<string, Text>,
  severity: Severity = 'error',
): RuleDef {
  return {
    id,
    kind: id,
    sheet,
    params,
    // As the template loader does: a rule whose source is not confirmed is a warning, shown as such.
    severity: source.unconfirmed ? 'warning' : severity,
    title,
    source: source.text,
    messages,
    ...(source.unconfirmed ? { unconfirmed: true } : {}),
  };
}

function sickLeave(source: Source): RuleDef {
  return rule(
    RULE_IDS.sickLeave,
    MEMBERS_SHEET,
    { ...SICK_LEAVE },
    {
      vi: `Nghỉ ốm từ ${SICK_LEAVE.minMonths} tháng trở lên: xếp loại cao nhất là ${SICK_LEAVE.maxLevel}`,
      en: `Sick leave of ${SICK_LEAVE.minMonths} months or more: rated ${SICK_LEAVE.maxLevel} at most`,
    },
    source,
    {
      'over-level': {
        vi: 'Nghỉ ốm {months} tháng trong năm (từ {min} tháng trở lên) nên không được xếp loại {received}: cao nhất là {expected}',
        en: 'On sick leave for {months} months in the year ({min} or more), so cannot be rated {received}: at most {expected}',
      },
    },
  );
}

function cap(c: MemberCap): RuleDef {
  return rule(
    RULE_IDS.cap,
    MEMBERS_SHEET,
    { percent: c.percent },
    {
      vi: `Đảng viên xuất sắc không quá ${c.percent}% số hoàn thành tốt trong từng tổ chức cơ sở đảng`,
      en: `Excellent members within ${c.percent}% of good, in each base organization`,
    },
    { text: c.source, ...(c.unconfirmed ? { unconfirmed: true } : {}) },
    {
      over: {
        vi: '{unit}: {received} đảng viên xuất sắc vượt {percent}% của {good} đảng viên hoàn thành tốt (gồm xuất sắc): tối đa {expected}',
        en: '{unit}: {received} excellent members is over {percent}% of {good} rated good (including excellent): at most {expected}',
      },
    },
  );
}

/** Biểu 04's count columns, the words each message uses for them, and the list's count they are checked against. */
export const AGREE_COLUMNS: readonly { readonly col: string; readonly what: Text }[] = [
  { col: 'total', what: { vi: 'đảng viên', en: 'members' } },
  { col: 'exempt', what: { vi: 'đảng viên miễn đánh giá', en: 'exempt members' } },
  { col: 'pending', what: { vi: 'đảng viên chưa đánh giá', en: 'members not yet rated' } },
  { col: 'rated', what: { vi: 'đảng viên được đánh giá', en: 'rated members' } },
  { col: 'x', what: { vi: 'đảng viên hoàn thành xuất sắc nhiệm vụ', en: 'excellent members' } },
  { col: 'g', what: { vi: 'đảng viên hoàn thành tốt nhiệm vụ', en: 'good members' } },
  { col: 'h', what: { vi: 'đảng viên hoàn thành nhiệm vụ', en: 'completed members' } },
  { col: 'k', what: { vi: 'đảng viên không hoàn thành nhiệm vụ', en: 'members not completing their tasks' } },
];

function agree(): RuleDef {
  const messages: Record<string, Text> = {};
  for (const { col, what } of AGREE_COLUMNS)
    messages[col] = {
      vi: `Biểu 04 ghi {received} ${what.vi}, danh sách có {expected}`,
      en: `Form 04 says {received} ${what.en}, the member list has {expected}`,
    };
  return rule(
    RULE_IDS.agree,
    'b04',
    {},
    { vi: 'Biểu 04 khớp với danh sách đảng viên', en: 'Form 04 agrees with the member list' },
    WORKBOOK,
    messages,
  );
}

/** The rules in force for these settings, in the order their findings are listed. */
export function memberRules(settings: MemberListSettings): RuleDef[] {
  const period = SICK_LEAVE_PERIODS.find((p) => settings.year >= p.from && settings.year <= p.to);
  return [
    rule(
      RULE_IDS.unit,
      MEMBERS_SHEET,
      {},
      { vi: 'Tổ chức cơ sở đảng có trong báo cáo', en: 'The base organization is in the report' },
      WORKBOOK,
      {
        unknown: {
          vi: 'Tổ chức cơ sở đảng "{received}" không có trong báo cáo: đảng viên này không được tính vào Biểu 04',
          en: 'The base organization "{received}" is not in the report: this member is not counted in Form 04',
        },
      },
    ),
    rule(
      RULE_IDS.notRated,
      MEMBERS_SHEET,
      {},
      {
        vi: 'Đảng viên miễn hoặc chưa đánh giá không có xếp loại',
        en: 'Exempt and not yet rated members have no rating',
      },
      FORMS,
      {
        exempt: {
          vi: 'Đảng viên miễn đánh giá không được xếp loại, nhưng đã ghi {received}',
          en: 'An exempt member has no rating, but {received} is entered',
        },
        pending: {
          vi: 'Đảng viên chưa đánh giá không có xếp loại, nhưng đã ghi {received}',
          en: 'A member not yet rated has no rating, but {received} is entered',
        },
      },
    ),
    ...(period ? [sickLeave(period.source)] : []),
    ...(settings.cap ? [cap(settings.cap)] : []),
    rule(
      RULE_IDS.reason,
      MEMBERS_SHEET,
      {},
      { vi: 'Ghi lý do miễn, chưa đánh giá', en: 'A reason for exempt and not yet rated members' },
      PRODUCT,
      {
        exempt: { vi: 'Chưa ghi lý do miễn đánh giá', en: 'No reason is given for the exemption' },
        pending: { vi: 'Chưa ghi lý do chưa đánh giá', en: 'No reason is given for not rating yet' },
      },
      'warning',
    ),
    rule(
      RULE_IDS.ratingMissing,
      MEMBERS_SHEET,
      {},
      { vi: 'Đảng viên được đánh giá có xếp loại', en: 'Rated members have a rating' },
      PRODUCT,
      {
        missing: {
          vi: 'Chưa nhập xếp loại (đảng viên được đánh giá)',
          en: 'The rating is not entered yet (a rated member)',
        },
      },
      'warning',
    ),
    rule(
      RULE_IDS.required,
      MEMBERS_SHEET,
      {},
      { vi: 'Họ tên và tổ chức cơ sở đảng được nhập', en: 'Name and base organization are entered' },
      PRODUCT,
      {
        name: { vi: 'Chưa nhập họ và tên', en: 'The name is not entered yet' },
        unit: {
          vi: 'Chưa nhập tổ chức cơ sở đảng: đảng viên này chưa được tính vào Biểu 04',
          en: 'The base organization is not entered yet: this member is not counted in Form 04',
        },
      },
      'warning',
    ),
    rule(
      RULE_IDS.duplicate,
      MEMBERS_SHEET,
      {},
      { vi: 'Không trùng đảng viên', en: 'No member twice' },
      DUPLICATES,
      {
        duplicate: {
          vi: 'Một dòng khác cũng ghi "{name}", sinh năm {birthYear}, cùng tổ chức cơ sở đảng: kiểm tra trùng lặp',
          en: 'Another row also has "{name}", born {birthYear}, in the same base organization: check for a duplicate',
        },
      },
      'warning',
    ),
    agree(),
  ];
}
