// The report model: a reporting committee's yearly workbook, its units and the values typed into its sheets.
// Everything here is plain data, so it can be stored, sent between tabs and compared in tests.

export type Lang = 'vi' | 'en';
export type Text = Readonly<Record<Lang, string>>;

export const LEVELS = ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'] as const;
export type Level = (typeof LEVELS)[number];
/** A base organization's rating in Biểu 01: one of the four levels, or "chưa xếp loại". */
export const RATINGS = [...LEVELS, 'CHUA'] as const;
export type Rating = (typeof RATINGS)[number];

export const UNIT_FORMS = ['dang_bo', 'chi_bo_co_so'] as const;
export type UnitForm = (typeof UNIT_FORMS)[number];

export const UNIT_BLOCS = [
  'xa',
  'co_quan',
  'luc_luong_vu_trang',
  'truong_hoc',
  'doanh_nghiep',
  'khac',
] as const;
export type UnitBloc = (typeof UNIT_BLOCS)[number];

export interface Unit {
  readonly id: string;
  readonly name: string;
  readonly form: UnitForm;
  readonly bloc: UnitBloc;
}

export const COMMITTEE_LEVELS = ['huyen', 'xa', 'tinh'] as const;
export type CommitteeLevel = (typeof COMMITTEE_LEVELS)[number];

export interface Committee {
  readonly name: string;
  readonly level: CommitteeLevel;
}

export const CONVENTIONS = ['inclusive', 'exclusive'] as const;
/** Inclusive: G counts the excellent ones too (G + H + K = R). Exclusive: X + G + H + K = R. */
export type Convention = (typeof CONVENTIONS)[number];

export const ROUNDINGS = ['half-up', 'truncate', 'complement'] as const;
export type Rounding = (typeof ROUNDINGS)[number];

export interface SheetSettings {
  readonly convention: Convention;
  readonly rounding: Rounding;
}

/** A stored cell: a number (counts, scores, percentages), a string (rating codes, text) or null (blank). */
export type CellValue = number | string | null;
export type RowValues = Readonly<Record<string, CellValue>>;

/** The row id of a sheet's control totals: the "Cộng" figures as reported, checked against the unit rows. */
export const CONTROL_ROW = '#control';

/** The report's header and structure; cell values live apart (see SheetsData) so one edit writes one row. */
export interface ReportMeta {
  readonly id: string;
  readonly name: string;
  readonly committee: Committee;
  readonly year: number;
  readonly templateId: string;
  readonly units: readonly Unit[];
  readonly settings: Readonly<Record<string, SheetSettings>>;
  readonly createdAt: number;
  readonly updatedAt: number;
  /**
   * Set when this report is one base organization's own part of a committee's report (opened from a unit form):
   * the unit's id in the committee's report. Such a report has that one unit and exports with the unit marker.
   */
  readonly baseUnit?: string;
  /** The previous year's report of the same committee, attached for the year-on-year comparison. */
  readonly previousReportId?: string;
  /** The year-on-year jump warning's thresholds; DEFAULT_YEAR_CHANGE when absent. */
  readonly yearChange?: YearChangeThreshold;
}

/** A change from last year is a jump when it is more than `percent` % of last year's figure and at least `min`. */
export interface YearChangeThreshold {
  readonly percent: number;
  readonly min: number;
}

export const DEFAULT_YEAR_CHANGE: YearChangeThreshold = { percent: 30, min: 5 };

/** sheet id → row id (unit id or CONTROL_ROW) → values. */
export type SheetsData = Map<string, Map<string, RowValues>>;

export interface CellAddress {
  readonly sheet: string;
  readonly row: string;
  readonly col: string;
}

export interface CellChange extends CellAddress {
  readonly before: CellValue;
  readonly after: CellValue;
}

export function cellKey(sheet: string, row: string, col: string): string {
  return `${sheet}\u0001${row}\u0001${col}`;
}

export function getCell(data: SheetsData, sheet: string, row: string, col: string): CellValue {
  return data.get(sheet)?.get(row)?.[col] ?? null;
}

/** Writes one cell, replacing the row object (rows are immutable so views can compare by identity). */
export function setCell(data: SheetsData, sheet: string, row: string, col: string, value: CellValue): void {
  let rows = data.get(sheet);
  if (!rows) {
    rows = new Map();
    data.set(sheet, rows);
  }
  const old = rows.get(row) ?? {};
  const next: Record<string, CellValue> = { ...old };
  if (value === null) delete next[col];
  else next[col] = value;
  rows.set(row, next);
}

export function cloneData(data: SheetsData): SheetsData {
  return new Map([...data].map(([sheet, rows]) => [sheet, new Map(rows)]));
}
