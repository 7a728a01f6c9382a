// Rule definitions shared by the periods' template sets: each function returns one rule as data, with its
// source and its messages in Vietnamese and English. Placeholders: {expected}, {received} and the kind's extras.
import type { RuleDef, Severity } from '../core/template';
import type { Text } from '../core/model';

export interface Source {
  readonly text: Text;
  readonly unconfirmed?: boolean;
}

const FORMS: Source = { text: { vi: 'Biểu mẫu 7B-TCTW, 6F-BTCTW', en: 'Forms 7B-TCTW, 6F-BTCTW' } };
const ARITHMETIC: Source = { text: { vi: 'Biểu mẫu; số học', en: 'Forms; arithmetic' } };
const WORKBOOK: Source = {
  text: { vi: 'Thống nhất số liệu giữa các biểu', en: 'Figures agree across forms' },
};

function rule(
  id: string,
  kind: string,
  sheet: string,
  params: Record<string, unknown>,
  title: Text,
  source: Source,
  messages: Record<string, Text>,
  severity: Severity = 'error',
): RuleDef {
  return {
    id,
    kind,
    sheet,
    params,
    severity,
    title,
    source: source.text,
    messages,
    unconfirmed: source.unconfirmed,
  };
}

export function coverage(sheet: string): RuleDef {
  return rule(
    `${sheet}-coverage`,
    'sum-equals',
    sheet,
    { total: 'total', parts: ['exempt', 'pending', 'rated'] },
    { vi: 'Tổng số = miễn + chưa đánh giá + được đánh giá', en: 'Total = exempt + not yet rated + rated' },
    FORMS,
    {
      mismatch: {
        vi: 'Tổng số ({expected}) phải bằng miễn + chưa đánh giá + được đánh giá ({received})',
        en: 'The total ({expected}) must equal exempt + not yet rated + rated ({received})',
      },
    },
  );
}

export function partition(sheet: string): RuleDef {
  return rule(
    `${sheet}-partition`,
    'partition',
    sheet,
    { rated: 'rated', x: 'x', g: 'g', h: 'h', k: 'k' },
    { vi: 'Các mức xếp loại cộng lại bằng số được đánh giá', en: 'The levels add up to the rated count' },
    ARITHMETIC,
    {
      sum: {
        vi: 'Tổng các mức ({received}) phải bằng số được đánh giá ({expected})',
        en: 'The levels add up to {received}, but the rated count is {expected}',
      },
      'x-over-g': {
        vi: 'Số xuất sắc ({received}) không được lớn hơn số hoàn thành tốt gồm xuất sắc ({expected})',
        en: 'Excellent ({received}) cannot exceed good including excellent ({expected})',
      },
    },
  );
}

export function ratedWithinTotal(sheet: string, what: Text): RuleDef {
  return rule(
    `${sheet}-bounds`,
    'part-of-whole',
    sheet,
    { part: 'rated', whole: 'total' },
    { vi: `Số ${what.vi} được đánh giá không vượt tổng số`, en: `Rated ${what.en} do not exceed the total` },
    ARITHMETIC,
    {
      exceeds: {
        vi: `Số ${what.vi} được đánh giá ({received}) lớn hơn tổng số ({expected})`,
        en: `Rated ${what.en} ({received}) exceed the total ({expected})`,
      },
    },
  );
}

export function cap(sheet: string, source: Source, percent = 20): RuleDef {
  return rule(
    `${sheet}-cap`,
    'cap',
    sheet,
    { x: 'x', g: 'g', percent },
    { vi: `Xuất sắc không quá ${percent}% số hoàn thành tốt`, en: `Excellent within ${percent}% of good` },
    source,
    {
      over: {
        vi: 'Số xuất sắc ({received}) vượt {percent}% của {good} hoàn thành tốt: tối đa {expected}',
        en: 'Excellent ({received}) is over {percent}% of {good} good: at most {expected}',
      },
    },
  );
}

export function levelCap(sheet: string, source: Source, percent = 20): RuleDef {
  return rule(
    `${sheet}-cap`,
    'level-cap',
    sheet,
    { rating: 'rating', percent },
    {
      vi: `Tổ chức xuất sắc không quá ${percent}% số hoàn thành tốt`,
      en: `Excellent organizations within ${percent}% of good`,
    },
    source,
    {
      over: {
        vi: '{received} tổ chức xuất sắc vượt {percent}% của {good} tổ chức hoàn thành tốt: tối đa {expected}',
        en: '{received} excellent organizations is over {percent}% of {good} good: at most {expected}',
      },
    },
  );
}

export function plausibility(sheet: string, percent = 15): RuleDef {
  return rule(
    `${sheet}-plausibility`,
    'ratio-max',
    sheet,
    { part: 'x', whole: 'rated', percent },
    {
      vi: `Đảng viên xuất sắc trên ${percent}% số được đánh giá`,
      en: `Excellent members above ${percent}% of rated`,
    },
    { text: { vi: 'Lựa chọn của phần mềm (cảnh báo)', en: 'Product choice (warning)' } },
    {
      over: {
        vi: 'Tỷ lệ xuất sắc {received}% trên số được đánh giá, cao hơn {expected}%: kiểm tra lại',
        en: 'Excellent is {received}% of rated, above {expected}%: please check',
      },
    },
    'warning',
  );
}

export function percentCheck(sheet: string): RuleDef {
  return rule(
    `${sheet}-percent`,
    'percent',
    sheet,
    {},
    { vi: 'Tỷ lệ phần trăm khớp với số liệu', en: 'Percentages match their counts' },
    { text: { vi: 'Biểu mẫu; cách làm tròn của biểu', en: "Forms; the sheet's rounding" } },
    {
      mismatch: {
        vi: 'Tỷ lệ {received}% sai: {count}/{base} = {expected}%',
        en: 'The percentage {received}% is wrong: {count}/{base} = {expected}%',
      },
    },
  );
}

export function totals(sheet: string): RuleDef {
  return rule(
    `${sheet}-totals`,
    'totals',
    sheet,
    {},
    { vi: 'Dòng Cộng bằng tổng các đơn vị', en: 'The total row equals the sum of the units' },
    FORMS,
    {
      mismatch: {
        vi: 'Số tổng hợp đã báo cáo ({received}) khác tổng các đơn vị ({expected})',
        en: 'The reported total ({received}) differs from the sum of the units ({expected})',
      },
    },
  );
}

export function membersAgree(): RuleDef {
  return rule(
    'b06-consistency',
    'equal-across',
    'b06',
    { col: 'members-end', otherSheet: 'b04', otherCol: 'total' },
    { vi: 'Số đảng viên khớp giữa Biểu 06 và Biểu 04', en: 'Member totals agree between Forms 06 and 04' },
    WORKBOOK,
    {
      differs: {
        vi: 'Đảng viên cuối kỳ ({received}) khác tổng số đảng viên ở Biểu 04 ({expected})',
        en: 'Members at period end ({received}) differ from the member total in Form 04 ({expected})',
      },
    },
  );
}

export function eligibility(source: Source): RuleDef {
  const levels = { rated: 'rated', x: 'x', g: 'g', k: 'k' };
  return rule(
    'b01-eligibility',
    'eligibility',
    'b01',
    {
      rating: 'rating',
      minGoodPercent: 80,
      subordinates: { dang_bo: { sheet: 'b02', ...levels }, chi_bo_co_so: { sheet: 'b04', ...levels } },
    },
    { vi: 'Điều kiện xếp loại Hoàn thành xuất sắc nhiệm vụ', en: 'Conditions for an excellent rating' },
    source,
    {
      'has-failed': {
        vi: 'Xếp loại xuất sắc nhưng có {received} chi bộ/đảng viên không hoàn thành nhiệm vụ (phải là {expected})',
        en: 'Rated excellent but {received} cells/members did not complete their tasks (must be {expected})',
      },
      'too-few-good': {
        vi: 'Xếp loại xuất sắc cần ít nhất {percent}% hoàn thành tốt trở lên: có {received}/{rated}, cần {expected}',
        en: 'An excellent rating needs at least {percent}% rated good or better: {received}/{rated}, needs {expected}',
      },
    },
  );
}

export function scoreBand(): RuleDef {
  return rule(
    'b01-score',
    'score-band',
    'b01',
    {
      score: 'score',
      rating: 'rating',
      reason: 'reason',
      bands: { HTXSNV: 90, HTTNV: 70, HTNV: 50, KHTNV: 0 },
    },
    { vi: 'Mức xếp loại theo điểm', en: 'The level matches the score' },
    {
      text: {
        vi: 'Quy định 366-QĐ/TW; Hướng dẫn 43-HD/BTCTW',
        en: 'Regulation 366-QĐ/TW; Guideline 43-HD/BTCTW',
      },
    },
    {
      mismatch: {
        vi: 'Điểm {score} ứng với mức {expected}, nhưng xếp loại {received} và không ghi trường hợp loại trừ',
        en: 'A score of {score} gives {expected}, but the rating is {received} and no disqualifying reason is recorded',
      },
      'above-band': {
        vi: 'Điểm {score} chỉ đạt mức {expected}; trường hợp loại trừ không cho phép xếp cao hơn ({received})',
        en: 'A score of {score} only reaches {expected}; a disqualifying reason cannot raise the rating ({received})',
      },
    },
  );
}

const LAST_YEAR: Source = {
  text: {
    vi: 'Kiểm tra hợp lý của Tổng hợp (không phải quy định): so sánh với báo cáo năm trước',
    en: "Tổng hợp plausibility check (not a regulation): compared with last year's report",
  },
};

/**
 * A warning, never an error: a big change from last year is often real (a merger, a new cell), so the user is
 * asked to look, not stopped. Not `unconfirmed` either: no regulation is claimed, the source says so.
 */
export function yearChange(sheet: string): RuleDef {
  return rule(
    `${sheet}-year-change`,
    'year-change',
    sheet,
    { columns: ['x', 'g', 'h', 'k'] },
    { vi: 'Số liệu thay đổi lớn so với năm trước', en: 'Large change from last year' },
    LAST_YEAR,
    {
      jump: {
        vi: 'Thay đổi lớn so với năm trước: {previous} → {received} (chênh lệch {change}, {percent}%): kiểm tra lại',
        en: 'Large change from last year: {previous} → {received} (a change of {change}, {percent}%): please check',
      },
      'from-zero': {
        vi: 'Thay đổi lớn so với năm trước: {previous} → {received} (chênh lệch {change}): kiểm tra lại',
        en: 'Large change from last year: {previous} → {received} (a change of {change}): please check',
      },
    },
    'warning',
  );
}

/** The year-change rules of the sheets with level count columns (Biểu 02–05; Biểu 01 holds ratings, 06 admissions). */
export function yearChangeRules(): RuleDef[] {
  return ['b02', 'b03', 'b04', 'b05'].map((sheet) => yearChange(sheet));
}
