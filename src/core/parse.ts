// Reading what a user typed or pasted into one cell (DOMAIN §7). Total: every string gives a value or a
// ParseError that says what was received and what was expected; nothing is silently coerced.
import { RATINGS, type CellValue, type Rating } from './model';
import type { ColumnDef, ColumnKind } from './template';

export type ParseErrorCode =
  | 'formula'
  | 'negative'
  | 'fraction'
  | 'not-a-number'
  | 'not-applicable'
  | 'out-of-range'
  | 'unknown-rating'
  | 'too-long';

export interface ParseError {
  readonly code: ParseErrorCode;
  readonly received: string;
  readonly kind: ColumnKind;
}

export type ParseResult =
  { readonly ok: true; readonly value: CellValue } | { readonly ok: false; readonly error: ParseError };

const MAX_TEXT = 500;
/** Far above any real count (a province has about 60,000 members), and small enough that column sums stay exact. */
export const MAX_COUNT = 1_000_000_000;
// Spaces people use as thousands separators: space, no-break space, narrow no-break space, thin space.
const SPACES = /[\s\u00a0\u202f\u2009]+/g;

export function parseCell(column: Pick<ColumnDef, 'kind' | 'allowsNotApplicable'>, raw: string): ParseResult {
  const kind = column.kind;
  const text = raw.trim();
  const fail = (code: ParseErrorCode): ParseResult => ({ ok: false, error: { code, received: raw, kind } });
  if (text === '') return { ok: true, value: null };
  if (kind === 'text') return text.length > MAX_TEXT ? fail('too-long') : { ok: true, value: text };
  if (text === 'x' || text === 'X')
    return column.allowsNotApplicable ? { ok: true, value: null } : fail('not-applicable');
  if (kind === 'rating') {
    const rating = parseRating(text);
    return rating === null ? fail('unknown-rating') : { ok: true, value: rating };
  }
  if (text.startsWith('=')) return fail('formula');
  const isPercent = kind === 'percent';
  const body = isPercent ? text.replace(/%$/, '').trim() : text;
  const number = parseNumber(body, kind === 'count' ? 'count' : 'decimal');
  if (number === null) return fail('not-a-number');
  if (number < 0 || Object.is(number, -0)) return fail('negative');
  if (kind === 'count' && !Number.isInteger(number)) return fail('fraction');
  if (kind === 'count' && number > MAX_COUNT) return fail('out-of-range');
  if (kind === 'score' && number > 100) return fail('out-of-range');
  return { ok: true, value: number };
}

/**
 * Reads a number written the vi-VN way ("2.682", "96,29") or the en-US way ("2,682", "96.29").
 * With both separators the last one is the decimal mark. With one separator used once, a count reads it as a
 * thousands separator when exactly three digits follow ("2.682" = 2682); a decimal column reads it as the mark.
 */
export function parseNumber(input: string, mode: 'count' | 'decimal'): number | null {
  let s = input.replace(SPACES, (m, offset: number, all: string) =>
    // Spaces only count as separators between digits ("2 682"); anywhere else the value is not a number.
    /\d/.test(all[offset - 1] ?? '') && /\d/.test(all[offset + m.length] ?? '') ? '' : '\u0000',
  );
  if (s.includes('\u0000')) return null;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('\u2212')) {
    sign = -1;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const dots = count(s, '.');
  const commas = count(s, ',');
  let intPart: string;
  let fracPart = '';
  if (dots > 0 && commas > 0) {
    const mark = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    const group = mark === '.' ? ',' : '.';
    if (count(s, mark) > 1) return null;
    [intPart, fracPart] = splitOnce(s, mark);
    if (!isGrouped(intPart, group)) return null;
    intPart = intPart.split(group).join('');
  } else if (dots + commas === 0) {
    intPart = s;
  } else {
    const sep = dots > 0 ? '.' : ',';
    const uses = dots + commas;
    if (uses > 1) {
      if (!isGrouped(s, sep)) return null;
      intPart = s.split(sep).join('');
    } else {
      const [head, tail] = splitOnce(s, sep);
      const looksGrouped = tail.length === 3 && head.length >= 1 && head.length <= 3 && head !== '0';
      if (mode === 'count' && looksGrouped) intPart = head + tail;
      else [intPart, fracPart] = [head, tail];
    }
  }
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(fracPart)) return null;
  const value = Number(`${intPart}.${fracPart || '0'}`);
  return Number.isFinite(value) ? sign * value : null;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

function splitOnce(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return [s.slice(0, i), s.slice(i + 1)];
}

/** "1.234.567" grouped by threes with `sep`. */
function isGrouped(s: string, sep: string): boolean {
  const parts = s.split(sep);
  const [first, ...rest] = parts;
  return first !== undefined && /^\d{1,3}$/.test(first) && rest.every((p) => /^\d{3}$/.test(p));
}

const RATING_NAMES: ReadonlyArray<readonly [string, Rating]> = [
  ['hoan thanh xuat sac nhiem vu', 'HTXSNV'],
  ['hoan thanh tot nhiem vu', 'HTTNV'],
  ['hoan thanh nhiem vu', 'HTNV'],
  ['khong hoan thanh nhiem vu', 'KHTNV'],
  ['chua xep loai', 'CHUA'],
  ['chua danh gia', 'CHUA'],
  ['not rated', 'CHUA'],
  // The short words staff type.
  ['xuat sac', 'HTXSNV'],
  ['tot', 'HTTNV'],
  ['hoan thanh', 'HTNV'],
  ['khong hoan thanh', 'KHTNV'],
];

/** A rating from its code ("htxsnv"), its Vietnamese name with or without diacritics, or "chưa xếp loại". */
export function parseRating(text: string): Rating | null {
  const folded = foldText(text);
  const code = folded.replace(/\s+/g, '').toUpperCase();
  const byCode = RATINGS.find((r) => r === code);
  if (byCode) return byCode;
  // The English names carry the code: "Excellent (HTXSNV)".
  const inParentheses = /\(([a-z]+)\)/.exec(folded)?.[1]?.toUpperCase();
  const byCodeInParentheses = RATINGS.find((r) => r === inParentheses);
  if (byCodeInParentheses) return byCodeInParentheses;
  return RATING_NAMES.find(([name]) => name === folded)?.[1] ?? null;
}

/** Lower case, without Vietnamese diacritics, single spaces. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
