// What one member row says and the rules that read only that row. Stored values are untrusted (a restored record,
// an import): anything that is not one of the expected values reads as blank, so the checks are total and a wrong
// type never counts as a level. Written for the full pass over 100,000 rows: a clean row allocates nothing.
import type { CellValue, Level } from '../model';
import { MEMBER_COLUMNS, type Evaluation, type MemberRow } from './members';
import { RULE_IDS, SICK_LEAVE } from './rules';

/** One problem of one member row; the validator adds the severity, sheet and row. */
export interface MemberProblem {
  readonly ruleId: string;
  readonly variant: string;
  readonly columns: readonly string[];
  readonly expected: CellValue;
  readonly received: CellValue;
  readonly values?: Readonly<Record<string, number | string>>;
}

/** The cells the rules read. A MemberRow is one; the validator copies them into MemberFacts first. */
export type MemberCells = Readonly<
  Partial<
    Record<'name' | 'birthYear' | 'unit' | 'evaluation' | 'reason' | 'sickMonths' | 'rating', CellValue>
  >
>;

/**
 * The cells the rules read, copied once from a row into one reused object: rows come in many shapes (each has
 * only its filled cells), so every read of a row is a slow lookup, and the full pass would do about fifteen of
 * them per row without this.
 */
export interface MemberFacts {
  name: CellValue;
  birthYear: CellValue;
  unit: CellValue;
  evaluation: CellValue;
  reason: CellValue;
  sickMonths: CellValue;
  rating: CellValue;
  /** False when every member column is blank: the row is no member. */
  present: boolean;
  /** What the evaluation and rating cells say, worked out once for the counts and the checks. */
  kind: Evaluation;
  level: Level | null;
}

export function newFacts(): MemberFacts {
  return {
    name: null,
    birthYear: null,
    unit: null,
    evaluation: null,
    reason: null,
    sickMonths: null,
    rating: null,
    present: false,
    kind: 'rated',
    level: null,
  };
}

export function readFacts(row: MemberRow | undefined, into: MemberFacts): MemberFacts {
  into.name = row?.name ?? null;
  into.birthYear = row?.birthYear ?? null;
  into.unit = row?.unit ?? null;
  into.evaluation = row?.evaluation ?? null;
  into.reason = row?.reason ?? null;
  into.sickMonths = row?.sickMonths ?? null;
  into.rating = row?.rating ?? null;
  into.present =
    into.name !== null ||
    into.unit !== null ||
    into.birthYear !== null ||
    into.evaluation !== null ||
    into.reason !== null ||
    into.sickMonths !== null ||
    into.rating !== null ||
    (row !== undefined && !isBlankRow(row));
  into.kind = evaluationOf(into);
  into.level = levelOf(into);
  return into;
}

const MEMBER_COLUMN_IDS = MEMBER_COLUMNS.map((c) => c.id);

/** Blank when every member column is: cells under other keys (none are written) do not make a member. */
export function isBlankRow(row: MemberRow | undefined): boolean {
  if (!row) return true;
  for (const id of MEMBER_COLUMN_IDS) if ((row[id] ?? null) !== null) return false;
  return true;
}

/** Blank (and anything unknown) is 'rated': staff write only the exceptions. */
export function evaluationOf(row: MemberCells): Evaluation {
  const v = row.evaluation;
  return v === 'exempt' ? 'exempt' : v === 'pending' ? 'pending' : 'rated';
}

export function levelOf(row: MemberCells): Level | null {
  const v = row.rating;
  return v === 'HTXSNV' || v === 'HTTNV' || v === 'HTNV' || v === 'KHTNV' ? v : null;
}

/** Stored text is trimmed by the parser; anything else (a restored record) is trimmed here, rarely. */
function hasText(value: CellValue | undefined): boolean {
  if (typeof value !== 'string' || value === '') return false;
  return !isSpace(value.charCodeAt(0)) || value.trim() !== '';
}

function numberOf(value: CellValue | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export interface MemberCheckContext {
  isUnit(id: string): boolean;
  /** Whether the sick-leave rule is in force for the report's year. */
  readonly sickLeave: boolean;
}

/** Pushes the problems of a non-blank row onto `out` (a blank row is no member: the caller skips it). */
export function checkMember(row: Readonly<MemberFacts>, ctx: MemberCheckContext, out: MemberProblem[]): void {
  const unit = row.unit ?? null;
  if (unit === null || (typeof unit === 'string' && !hasText(unit)))
    out.push({
      ruleId: RULE_IDS.required,
      variant: 'unit',
      columns: ['unit'],
      expected: null,
      received: null,
    });
  else if (typeof unit !== 'string' || !ctx.isUnit(unit))
    out.push({
      ruleId: RULE_IDS.unit,
      variant: 'unknown',
      columns: ['unit'],
      expected: null,
      received: unit,
    });
  if (!hasText(row.name))
    out.push({
      ruleId: RULE_IDS.required,
      variant: 'name',
      columns: ['name'],
      expected: null,
      received: null,
    });

  const evaluation = row.kind;
  const level = row.level;
  const rating = row.rating;
  if (evaluation !== 'rated') {
    // Any value in the rating cell is wrong here, a stray one included.
    if (rating !== null)
      out.push({
        ruleId: RULE_IDS.notRated,
        variant: evaluation,
        columns: ['rating', 'evaluation'],
        expected: null,
        received: rating,
      });
    if (!hasText(row.reason))
      out.push({
        ruleId: RULE_IDS.reason,
        variant: evaluation,
        columns: ['reason'],
        expected: null,
        received: null,
      });
  } else if (level === null) {
    out.push({
      ruleId: RULE_IDS.ratingMissing,
      variant: 'missing',
      columns: ['rating'],
      expected: null,
      received: rating,
    });
  }

  const months = numberOf(row.sickMonths);
  if (
    ctx.sickLeave &&
    months !== null &&
    months >= SICK_LEAVE.minMonths &&
    (level === 'HTXSNV' || level === 'HTTNV')
  )
    out.push({
      ruleId: RULE_IDS.sickLeave,
      variant: 'over-level',
      columns: ['rating', 'sickMonths'],
      expected: SICK_LEAVE.maxLevel,
      received: level,
      values: { months, min: SICK_LEAVE.minMonths },
    });
}

/**
 * A name as the duplicate check compares it: Unicode form (composed or not, as input methods differ), case and
 * spacing made alike. Diacritics are kept: they tell Vietnamese names apart (An, Ân, Ấn).
 */
export function canonicalName(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The duplicate key: unit, birth year and canonical name. Null when one of the three is blank: an incomplete row
 * is not compared.
 */
export function duplicateKey(row: MemberCells): string | null {
  const name = row.name;
  const year = row.birthYear;
  const unit = row.unit;
  if (typeof name !== 'string' || typeof unit !== 'string' || typeof year !== 'number') return null;
  const canonical = canonicalName(name);
  return canonical === '' ? null : `${unit}\u0001${year}\u0001${canonical}`;
}

const NEEDS_FULL = -1;
const EMPTY = -2;
/** Hashes are kept within 30 bits so V8 stores them as small integers: a Map keyed by them hashes fast. */
const HASH_BITS = 0x3fffffff;

/**
 * A hash of duplicateKey(row), computed without building it: rows with equal keys have equal hashes, so the full
 * pass indexes 100,000 rows by a number and builds key strings only for the rare rows whose hash is shared (a
 * real duplicate, or a collision the key comparison then rules out).
 */
export function duplicateHash(row: MemberCells): number | null {
  const name = row.name;
  const year = row.birthYear;
  const unit = row.unit;
  if (typeof name !== 'string' || typeof unit !== 'string' || typeof year !== 'number') return null;
  let h = hashChars(FNV_OFFSET, unit);
  h = mix(h, 1);
  h = Number.isInteger(year) && Math.abs(year) < 2 ** 31 ? mix(h, year) : hashChars(h, String(year));
  h = mix(h, 1);
  let named = hashName(h, name, true);
  // Text outside the letters the fast path knows: fold the whole string the way canonicalName does.
  if (named === NEEDS_FULL) named = hashName(h, name.normalize('NFC').toLowerCase(), false);
  return named === EMPTY || named === NEEDS_FULL ? null : named;
}

const FNV_OFFSET = 0x811c9dc5;

function mix(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

function hashChars(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = mix(h, s.charCodeAt(i));
  return h;
}

/**
 * canonicalName folded into the hash character by character. With `fast`, the text is lower-cased here (the
 * Vietnamese alphabet lies below U+0300 and in Latin Extended Additional, where text is already NFC and each
 * letter lower-cases alone); anything else returns NEEDS_FULL. Spacing as canonicalName: \s runs as one space,
 * none at the ends.
 */
function hashName(h: number, text: string, fast: boolean): number {
  let started = false;
  let space = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if ((c <= 32 || c >= 0x80) && isSpace(c)) {
      space = started;
      continue;
    }
    if (fast) {
      if (c < 0x80) {
        if (c >= 65 && c <= 90) c += 32;
      } else if (c < 0x300 || (c >= 0x1e00 && c <= 0x1eff)) {
        c = LOWER[c < 0x300 ? c : c - 0x1b00] ?? -1;
        if (c < 0) return NEEDS_FULL;
      } else return NEEDS_FULL;
    }
    if (space) h = mix(h, 32);
    space = false;
    started = true;
    h = mix(h, c);
  }
  return started ? (h >>> 0) & HASH_BITS : EMPTY;
}

/**
 * Lower case of the code units below U+0300 and in U+1E00–U+1EFF (slot c, or c − 0x1B00 for the latter), worked
 * out once; -1 where it is not one code unit (U+0130 "İ" gives two).
 */
const LOWER = (() => {
  const table = new Int32Array(0x400);
  const fill = (c: number, slot: number) => {
    const s = String.fromCharCode(c).toLowerCase();
    table[slot] = s.length === 1 ? s.charCodeAt(0) : -1;
  };
  for (let c = 0; c < 0x300; c++) fill(c, c);
  for (let c = 0x1e00; c <= 0x1eff; c++) fill(c, c - 0x1b00);
  return table;
})();

/** The characters of JavaScript's \s. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
