// The member list (one row per party member, the source of Biểu 04's counts): its columns as data and the reading
// of what a user types into one of its cells. A member row is plain cell data keyed by column id, like a sheet
// row, so the cell model, undo and storage need nothing new. Parsing is total: every string gives a value or an
// error that says what was received and what was expected.
import { LEVELS, type CellValue, type Level, type Text, type Unit } from '../model';
import { foldText, parseCell, parseRating, type ParseErrorCode } from '../parse';
import { findUnit } from './unit-lookup';

/** The sheet id carried by the member list's findings. */
export const MEMBERS_SHEET = 'members';

export type MemberColumnId =
  | 'name'
  | 'birthYear'
  | 'unit'
  | 'cell'
  | 'standing'
  | 'evaluation'
  | 'reason'
  | 'sickMonths'
  | 'rating'
  | 'note';

export type MemberColumnKind = 'text' | 'year' | 'unit' | 'standing' | 'evaluation' | 'months' | 'rating';

export interface MemberColumnDef {
  readonly id: MemberColumnId;
  readonly kind: MemberColumnKind;
  readonly header: Text;
  readonly width?: number;
}

/** A member row: column id → value. Blank cells are absent or null; an all-blank row is no member. */
export type MemberRow = Readonly<Record<string, CellValue>>;

export const STANDINGS = ['chinh_thuc', 'du_bi'] as const;
export type Standing = (typeof STANDINGS)[number];

/** A blank evaluation cell means 'rated': most members are, so staff only write the exceptions. */
export const EVALUATIONS = ['rated', 'exempt', 'pending'] as const;
export type Evaluation = (typeof EVALUATIONS)[number];

export const BIRTH_YEAR_RANGE = { min: 1900, max: 2100 } as const;
export const SICK_MONTHS_MAX = 12;

export const MEMBER_COLUMNS: readonly MemberColumnDef[] = [
  { id: 'name', kind: 'text', header: { vi: 'Họ và tên', en: 'Full name' }, width: 200 },
  { id: 'birthYear', kind: 'year', header: { vi: 'Năm sinh', en: 'Year of birth' }, width: 80 },
  {
    id: 'unit',
    kind: 'unit',
    header: { vi: 'Tổ chức cơ sở đảng', en: 'Base party organization' },
    width: 240,
  },
  { id: 'cell', kind: 'text', header: { vi: 'Chi bộ', en: 'Party cell' }, width: 180 },
  { id: 'standing', kind: 'standing', header: { vi: 'Chính thức / dự bị', en: 'Full / probationary' } },
  {
    id: 'evaluation',
    kind: 'evaluation',
    header: { vi: 'Đánh giá (miễn / chưa đánh giá)', en: 'Evaluation (exempt / not yet rated)' },
    width: 150,
  },
  { id: 'reason', kind: 'text', header: { vi: 'Lý do miễn, chưa đánh giá', en: 'Reason' }, width: 200 },
  { id: 'sickMonths', kind: 'months', header: { vi: 'Nghỉ ốm (tháng)', en: 'Sick leave (months)' } },
  { id: 'rating', kind: 'rating', header: { vi: 'Xếp loại', en: 'Rating' }, width: 200 },
  { id: 'note', kind: 'text', header: { vi: 'Ghi chú', en: 'Note' }, width: 200 },
];

const COLUMN_BY_ID = new Map(MEMBER_COLUMNS.map((c) => [c.id, c]));

export function memberColumn(id: MemberColumnId): MemberColumnDef {
  const col = COLUMN_BY_ID.get(id);
  if (!col) throw new Error(`unknown member column ${id}`); // a programmer error: ids are a closed union
  return col;
}

/**
 * Row ids are assigned by the caller from a sequence: 'm' + base 36 ("m0", "m1", … "mz", "m10"), then, for a member
 * added in the app, "-" and the tag of the list's session ("m2k-7fq0x"). Two tabs of one list count from the same
 * sequence until they hear of each other's members; the tag keeps their new members apart.
 */
export function memberRowId(sequence: number, tag?: string): string {
  return tag === undefined ? `m${sequence.toString(36)}` : `m${sequence.toString(36)}-${tag}`;
}

/** A session's tag for the member ids it makes: five random base-36 characters. */
export function memberIdTag(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(5));
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

export type MemberParseErrorCode =
  | ParseErrorCode
  | 'unknown-unit'
  | 'uncertain-unit'
  | 'unknown-standing'
  | 'unknown-evaluation'
  | 'not-a-level';

export interface MemberParseError {
  readonly code: MemberParseErrorCode;
  readonly received: string;
  readonly column: MemberColumnId;
  /** What the column takes, in both languages, so the message needs no lookup by kind. */
  readonly expected: Text;
  /** 'uncertain-unit': the unit the name resembles, for the UI to propose. */
  readonly candidate?: { readonly id: string; readonly name: string };
}

export type MemberParseResult =
  { readonly ok: true; readonly value: CellValue } | { readonly ok: false; readonly error: MemberParseError };

export const MEMBER_EXPECTED: Readonly<Record<MemberColumnKind, Text>> = {
  text: { vi: 'văn bản tối đa 500 ký tự', en: 'text of at most 500 characters' },
  year: {
    vi: `một năm sinh từ ${BIRTH_YEAR_RANGE.min} đến ${BIRTH_YEAR_RANGE.max}`,
    en: `a year of birth from ${BIRTH_YEAR_RANGE.min} to ${BIRTH_YEAR_RANGE.max}`,
  },
  unit: {
    vi: 'tên một tổ chức cơ sở đảng của báo cáo',
    en: "the name of one of the report's base party organizations",
  },
  standing: { vi: '"chính thức" (CT) hoặc "dự bị" (DB)', en: '"chính thức" (CT) or "dự bị" (DB)' },
  evaluation: {
    vi: 'để trống (được đánh giá), "miễn đánh giá" hoặc "chưa đánh giá"',
    en: 'blank (rated), "miễn đánh giá" (exempt) or "chưa đánh giá" (not yet rated)',
  },
  months: {
    vi: `số tháng nghỉ ốm trong năm, số nguyên từ 0 đến ${SICK_MONTHS_MAX}`,
    en: `the months of sick leave in the year, a whole number from 0 to ${SICK_MONTHS_MAX}`,
  },
  rating: {
    vi: 'một mức xếp loại: HTXSNV, HTTNV, HTNV hoặc KHTNV ("chưa đánh giá" ghi ở cột Đánh giá)',
    en: 'a rating: HTXSNV, HTTNV, HTNV or KHTNV ("chưa đánh giá" goes in the Evaluation column)',
  },
};

// Folded (lower case, no diacritics, single spaces) words staff write, and the stored codes themselves so that a
// list copied out of the app reads back the same.
const STANDING_WORDS: ReadonlyMap<string, Standing> = new Map([
  ['chinh thuc', 'chinh_thuc'],
  ['dang vien chinh thuc', 'chinh_thuc'],
  ['ct', 'chinh_thuc'],
  ['chinh_thuc', 'chinh_thuc'],
  ['full', 'chinh_thuc'],
  ['full member', 'chinh_thuc'],
  ['du bi', 'du_bi'],
  ['dang vien du bi', 'du_bi'],
  ['db', 'du_bi'],
  ['du_bi', 'du_bi'],
  ['probationary', 'du_bi'],
]);

const EVALUATION_WORDS: ReadonlyMap<string, Evaluation> = new Map([
  ['rated', 'rated'],
  ['duoc danh gia', 'rated'],
  ['danh gia', 'rated'],
  ['exempt', 'exempt'],
  ['mien', 'exempt'],
  ['mien danh gia', 'exempt'],
  ['mien cong tac', 'exempt'],
  ['mien sinh hoat', 'exempt'],
  ['mien cong tac va sinh hoat dang', 'exempt'],
  ['mien cong tac, sinh hoat dang', 'exempt'],
  ['pending', 'pending'],
  ['not yet rated', 'pending'],
  ['chua', 'pending'],
  ['chua danh gia', 'pending'],
]);

/**
 * Reads one member cell. `units` are the report's units: the unit column stores the unit's id, found from the
 * name as staff write it ("ĐB xã Tân Hộ Cơ", "Tan Ho Co"); a name that only resembles a unit is refused with the
 * candidate, so nothing is counted under a guessed unit.
 */
export function parseMemberCell(
  col: MemberColumnDef | MemberColumnId,
  raw: string,
  units: readonly Unit[],
): MemberParseResult {
  const column = typeof col === 'string' ? memberColumn(col) : col;
  const text = raw.trim();
  const fail = (code: MemberParseErrorCode, candidate?: Unit): MemberParseResult => ({
    ok: false,
    error: {
      code,
      received: raw,
      column: column.id,
      expected: MEMBER_EXPECTED[column.kind],
      ...(candidate ? { candidate: { id: candidate.id, name: candidate.name } } : {}),
    },
  });
  if (text === '') return { ok: true, value: null };
  switch (column.kind) {
    case 'text': {
      const parsed = parseCell({ kind: 'text' }, raw);
      return parsed.ok ? parsed : fail(parsed.error.code);
    }
    case 'year':
      return wholeNumber(raw, BIRTH_YEAR_RANGE.min, BIRTH_YEAR_RANGE.max, fail);
    case 'months':
      return wholeNumber(raw, 0, SICK_MONTHS_MAX, fail);
    case 'rating': {
      const rating = parseRating(text);
      if (rating === null) return fail('unknown-rating');
      // "Chưa xếp loại" is a rating of organizations; a member not rated is said in the evaluation column.
      return isLevel(rating) ? { ok: true, value: rating } : fail('not-a-level');
    }
    case 'standing': {
      const standing = STANDING_WORDS.get(foldText(text));
      return standing ? { ok: true, value: standing } : fail('unknown-standing');
    }
    case 'evaluation': {
      const evaluation = EVALUATION_WORDS.get(foldText(text));
      return evaluation ? { ok: true, value: evaluation } : fail('unknown-evaluation');
    }
    case 'unit': {
      const found = findUnit(text, units);
      if (found.unit && found.certain) return { ok: true, value: found.unit.id };
      return found.unit ? fail('uncertain-unit', found.unit) : fail('unknown-unit');
    }
  }
}

function wholeNumber(
  raw: string,
  min: number,
  max: number,
  fail: (code: MemberParseErrorCode) => MemberParseResult,
): MemberParseResult {
  // The count reader: formulas, signs, fractions and "x" are refused with its codes; "1.980" is 1980.
  const parsed = parseCell({ kind: 'count' }, raw);
  if (!parsed.ok) return fail(parsed.error.code);
  const value = parsed.value;
  if (typeof value !== 'number' || value < min || value > max) return fail('out-of-range');
  return parsed;
}

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}
