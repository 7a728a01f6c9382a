// The six sheets of the annual evaluation workbook (DOMAIN §6), as data. The periods' template sets
// (period-*.ts) share these layouts and differ in rules and, from 2025, in Biểu 01's score columns.
import type { ColumnDef, PercentSpec, SheetDef } from '../core/template';

const LEVEL_GROUP = { vi: 'Kết quả xếp loại', en: 'Rating results' };
const PERCENT_GROUP = { vi: 'Tỷ lệ (%)', en: 'Share (%)' };

function count(id: string, vi: string, en: string, extra: Partial<ColumnDef> = {}): ColumnDef {
  return { id, kind: 'count', header: { vi, en }, ...extra };
}

function percent(
  id: string,
  vi: string,
  en: string,
  spec: Omit<PercentSpec, 'decimals'> & { decimals?: number },
): ColumnDef {
  return { id, kind: 'percent', header: { vi, en }, group: PERCENT_GROUP, percent: { decimals: 2, ...spec } };
}

/** X, G, H, K with their percentages over the rated count; G's header says whether it includes X. */
function levelColumns(): ColumnDef[] {
  return [
    count('x', 'Hoàn thành xuất sắc nhiệm vụ', 'Excellent (HTXSNV)', { group: LEVEL_GROUP }),
    count('g', 'Hoàn thành tốt nhiệm vụ', 'Good (HTTNV)', {
      group: LEVEL_GROUP,
      headerInclusive: { vi: 'Hoàn thành tốt nhiệm vụ (gồm xuất sắc)', en: 'Good (HTTNV, incl. excellent)' },
    }),
    count('h', 'Hoàn thành nhiệm vụ', 'Completed (HTNV)', { group: LEVEL_GROUP }),
    count('k', 'Không hoàn thành nhiệm vụ', 'Not completed (KHTNV)', { group: LEVEL_GROUP }),
    percent('pct-x', 'Xuất sắc', 'Excellent', {
      numerator: 'x',
      denominator: ['rated'],
      partition: ['exclusive'],
    }),
    percent('pct-g', 'Tốt', 'Good', {
      numerator: 'g',
      denominator: ['rated'],
      partition: ['inclusive', 'exclusive'],
    }),
    percent('pct-h', 'Hoàn thành', 'Completed', {
      numerator: 'h',
      denominator: ['rated'],
      partition: ['inclusive', 'exclusive'],
    }),
    percent('pct-k', 'Không hoàn thành', 'Not completed', {
      numerator: 'k',
      denominator: ['rated'],
      partition: ['inclusive', 'exclusive'],
    }),
  ];
}

export function sheet01(withScore: boolean): SheetDef {
  const score: ColumnDef[] = withScore
    ? [
        { id: 'score', kind: 'score', header: { vi: 'Điểm (thang 100)', en: 'Score (of 100)' } },
        {
          id: 'reason',
          kind: 'text',
          header: { vi: 'Trường hợp không xếp theo điểm', en: 'Reason the score band does not apply' },
          width: 220,
        },
      ]
    : [];
  return {
    id: 'b01',
    code: { vi: 'Biểu 01', en: 'Form 01' },
    title: { vi: 'Xếp loại tổ chức cơ sở đảng', en: 'Rating of base party organizations' },
    unitColumns: ['form', 'bloc'],
    columns: [
      ...score,
      { id: 'rating', kind: 'rating', header: { vi: 'Xếp loại', en: 'Rating' }, width: 250 },
      { id: 'note', kind: 'text', header: { vi: 'Ghi chú', en: 'Note' }, width: 200 },
    ],
    hasConvention: true,
    defaults: { convention: 'inclusive', rounding: 'half-up' },
    totals: false,
    levelSummary: { column: 'rating' },
  };
}

export const sheet02: SheetDef = {
  id: 'b02',
  code: { vi: 'Biểu 02', en: 'Form 02' },
  title: {
    vi: 'Xếp loại chi bộ trực thuộc đảng ủy cơ sở',
    en: 'Rating of cells under base party committees',
  },
  rowsFor: 'dang_bo',
  columns: [
    count('total', 'Tổng số chi bộ', 'Cells'),
    count('rated', 'Được đánh giá', 'Rated'),
    ...levelColumns(),
  ],
  hasConvention: true,
  defaults: { convention: 'inclusive', rounding: 'half-up' },
  totals: true,
};

export const sheet03: SheetDef = {
  id: 'b03',
  code: { vi: 'Biểu 03', en: 'Form 03' },
  title: { vi: 'Xếp loại tập thể lãnh đạo, quản lý', en: 'Rating of leadership collectives' },
  columns: [
    count('total', 'Tổng số tập thể', 'Collectives'),
    count('rated', 'Được đánh giá', 'Rated'),
    ...levelColumns(),
  ],
  hasConvention: true,
  defaults: { convention: 'exclusive', rounding: 'half-up' },
  totals: true,
};

export const sheet04: SheetDef = {
  id: 'b04',
  code: { vi: 'Biểu 04', en: 'Form 04' },
  title: { vi: 'Xếp loại đảng viên', en: 'Rating of party members' },
  columns: [
    count('total', 'Tổng số đảng viên', 'Members', { note: '(3) = (4) + (5) + (6)' }),
    count('exempt', 'Miễn đánh giá', 'Exempt'),
    count('pending', 'Chưa đánh giá', 'Not yet rated'),
    count('rated', 'Được đánh giá', 'Rated', { note: '(6) = (8) + (9) + (10)' }),
    ...levelColumns(),
    percent('pct-cap', 'Xuất sắc / tốt', 'Excellent / good', {
      numerator: 'x',
      denominator: ['g'],
      denominatorExclusive: ['x', 'g'],
    }),
  ],
  hasConvention: true,
  defaults: { convention: 'inclusive', rounding: 'half-up' },
  totals: true,
};

export const sheet05: SheetDef = {
  id: 'b05',
  code: { vi: 'Biểu 05', en: 'Form 05' },
  title: {
    vi: 'Xếp loại cán bộ lãnh đạo, quản lý (cá nhân)',
    en: 'Rating of individual leaders and managers',
  },
  columns: [
    count('total', 'Tổng số cán bộ', 'Leaders'),
    count('rated', 'Được đánh giá', 'Rated'),
    ...levelColumns(),
  ],
  hasConvention: true,
  defaults: { convention: 'exclusive', rounding: 'half-up' },
  totals: true,
};

export const sheet06: SheetDef = {
  id: 'b06',
  code: { vi: 'Biểu 06', en: 'Form 06' },
  title: { vi: 'Kết nạp đảng viên', en: 'Admission of new members' },
  columns: [
    count('target', 'Chỉ tiêu', 'Target'),
    count('admitted', 'Kết nạp', 'Admitted'),
    {
      id: 'pct-target',
      kind: 'percent',
      header: { vi: '% đạt chỉ tiêu', en: '% of target' },
      percent: { numerator: 'admitted', denominator: ['target'], decimals: 0 },
    },
    count('awareness', 'Dự lớp nhận thức về Đảng', 'Attended the Party awareness class'),
    count('members-end', 'Đảng viên cuối kỳ', 'Members at period end'),
  ],
  hasConvention: false,
  defaults: { convention: 'inclusive', rounding: 'half-up' },
  totals: true,
};
