// The built-in template sets, one per regulation period (DOMAIN §4). The report's year picks the set.
import type { RuleDef, SheetDef, TemplateSet } from '../core/template';
import * as R from './rules';
import { sheet01, sheet02, sheet03, sheet04, sheet05, sheet06 } from './sheets';

const HD21: R.Source = {
  text: {
    vi: 'Hướng dẫn 21-HD/BTCTW: "không vượt quá 20% số đảng viên được xếp loại \'Hoàn thành tốt nhiệm vụ\' trong từng tổ chức cơ sở đảng"',
    en: 'Guideline 21-HD/BTCTW: excellent members at most 20% of those rated good, in each base party organization',
  },
};
const HD21_ELIGIBILITY: R.Source = {
  text: { vi: 'Hướng dẫn 21-HD/BTCTW, mục II.B.1.3', en: 'Guideline 21-HD/BTCTW, II.B.1.3' },
};
const HD25: R.Source = {
  text: {
    vi: 'Quy định 124-QĐ/TW, Hướng dẫn 25-HD/BTCTW: tỷ lệ 20% "trong từng nhóm đối tượng tương đồng" (chưa xác nhận nguyên văn)',
    en: 'Regulation 124-QĐ/TW, Guideline 25-HD/BTCTW: 20% within each group of similar roles (exact wording unconfirmed)',
  },
  unconfirmed: true,
};
const HD43: R.Source = {
  text: {
    vi: 'Quy định 366-QĐ/TW, Hướng dẫn 43-HD/BTCTW: "không vượt quá 20% tổng số tập thể, cá nhân được xếp loại \'Hoàn thành tốt nhiệm vụ\' theo đối tượng có vị trí, vai trò, chức năng, nhiệm vụ tương đồng"',
    en: 'Regulation 366-QĐ/TW, Guideline 43-HD/BTCTW: at most 20% of those rated good, within groups of similar roles',
  },
};
const ELIGIBILITY_LATER: R.Source = {
  text: {
    vi: 'Theo Hướng dẫn 21-HD/BTCTW; chưa xác nhận còn áp dụng trong giai đoạn này',
    en: 'As in Guideline 21-HD/BTCTW; not confirmed for this period',
  },
  unconfirmed: true,
};

function aggregateSheetRules(capSource: R.Source): RuleDef[] {
  return [
    R.ratedWithinTotal('b02', { vi: 'chi bộ', en: 'cells' }),
    R.partition('b02'),
    R.cap('b02', capSource),
    R.totals('b02'),
    R.percentCheck('b02'),
    R.ratedWithinTotal('b03', { vi: 'tập thể', en: 'collectives' }),
    R.partition('b03'),
    R.totals('b03'),
    R.percentCheck('b03'),
    R.coverage('b04'),
    R.partition('b04'),
    R.cap('b04', capSource),
    R.plausibility('b04'),
    R.totals('b04'),
    R.percentCheck('b04'),
    R.ratedWithinTotal('b05', { vi: 'cán bộ', en: 'leaders' }),
    R.partition('b05'),
    R.totals('b05'),
    R.percentCheck('b05'),
    R.percentCheck('b06'),
    R.totals('b06'),
    R.membersAgree(),
    ...R.yearChangeRules(),
  ];
}

function sheets(withScore: boolean): SheetDef[] {
  return [sheet01(withScore), sheet02, sheet03, sheet04, sheet05, sheet06];
}

export const PERIOD_2019: TemplateSet = {
  id: 'tcd-2019',
  version: 1,
  title: { vi: 'Giai đoạn 2019–2022 (QĐ 132, HD 21)', en: '2019–2022 (Regulation 132, Guideline 21)' },
  years: { from: 2019, to: 2022 },
  regulations: [
    { code: '132-QĐ/TW', title: { vi: 'Quy định 132-QĐ/TW (2018)', en: 'Regulation 132-QĐ/TW (2018)' } },
    {
      code: '21-HD/BTCTW',
      title: { vi: 'Hướng dẫn 21-HD/BTCTW (18/10/2019)', en: 'Guideline 21-HD/BTCTW (18/10/2019)' },
    },
  ],
  sheets: sheets(false),
  rules: [R.eligibility(HD21_ELIGIBILITY), R.levelCap('b01', HD21), ...aggregateSheetRules(HD21)],
};

export const PERIOD_2023: TemplateSet = {
  id: 'tcd-2023',
  version: 1,
  title: { vi: 'Giai đoạn 2023–2024 (QĐ 124, HD 25)', en: '2023–2024 (Regulation 124, Guideline 25)' },
  years: { from: 2023, to: 2024 },
  regulations: [
    {
      code: '124-QĐ/TW',
      title: { vi: 'Quy định 124-QĐ/TW (04/10/2023)', en: 'Regulation 124-QĐ/TW (04/10/2023)' },
    },
    {
      code: '25-HD/BTCTW',
      title: { vi: 'Hướng dẫn 25-HD/BTCTW (10/11/2023)', en: 'Guideline 25-HD/BTCTW (10/11/2023)' },
    },
  ],
  sheets: sheets(false),
  rules: [R.eligibility(ELIGIBILITY_LATER), R.levelCap('b01', HD25), ...aggregateSheetRules(HD25)],
};

export const PERIOD_2025: TemplateSet = {
  id: 'tcd-2025',
  version: 1,
  title: { vi: 'Từ 2025 (QĐ 366, HD 43)', en: 'From 2025 (Regulation 366, Guideline 43)' },
  years: { from: 2025, to: null },
  regulations: [
    {
      code: '366-QĐ/TW',
      title: { vi: 'Quy định 366-QĐ/TW (30/8/2025)', en: 'Regulation 366-QĐ/TW (30/8/2025)' },
    },
    {
      code: '43-HD/BTCTW',
      title: { vi: 'Hướng dẫn 43-HD/BTCTW (31/10/2025)', en: 'Guideline 43-HD/BTCTW (31/10/2025)' },
    },
  ],
  sheets: sheets(true),
  rules: [
    R.scoreBand(),
    R.eligibility(ELIGIBILITY_LATER),
    R.levelCap('b01', HD43),
    ...aggregateSheetRules(HD43),
  ],
};

export const TEMPLATE_SETS: readonly TemplateSet[] = [PERIOD_2019, PERIOD_2023, PERIOD_2025];
