// How a column of a member chunk is stored, since version 9 of the database: packed by what it holds, so that
// reading a list back makes few values. Chromium turns every stored value into a JavaScript value on the page's main
// thread; 100,000 members as arrays of values were about a million of them (135-150 ms of the main thread to read),
// packed they are a few thousand typed arrays and strings (30-70 ms). A column of codes (units, standings, ratings)
// comes back with one copy of each text, shared by every member who has it.
import type { CellValue } from '../core/model';
import { describeValue, isStorableValue } from './restore';

/** Numbers; NaN is a blank. */
export interface NumberColumn {
  readonly numbers: Float64Array;
}

/** Texts from a short list: code k is texts[k - 1], code 0 a blank. */
export interface CodedColumn {
  readonly texts: readonly string[];
  readonly codes: Uint8Array | Uint16Array | Uint32Array;
}

/** Texts one after another in `text`, each lengths[i] UTF-16 units long; -1 is a blank. */
export interface TextColumn {
  readonly text: string;
  readonly lengths: Int32Array;
}

/** A stored column: packed, or (texts and numbers mixed, and version 8's columns) one value per member. */
export type StoredColumn = NumberColumn | CodedColumn | TextColumn | readonly CellValue[];

/** A column of texts is coded when it has at most one different text per CODED_RATIO members. */
const CODED_RATIO = 4;

/** The column packed by what it holds (the values are valid cell values; null is a blank). */
export function packColumn(values: readonly CellValue[]): StoredColumn {
  let numbers = 0;
  let strings = 0;
  const codes = new Map<string, number>();
  for (const v of values)
    if (typeof v === 'number') numbers++;
    else if (typeof v === 'string') {
      strings++;
      if (!codes.has(v)) codes.set(v, codes.size + 1);
    }
  if (strings === 0) return { numbers: Float64Array.from(values, (v) => (typeof v === 'number' ? v : NaN)) };
  if (numbers > 0) return [...values];
  if (codes.size * CODED_RATIO <= values.length) {
    const n = values.length;
    const coded =
      codes.size < 0x100 ? new Uint8Array(n) : codes.size < 0x10000 ? new Uint16Array(n) : new Uint32Array(n);
    values.forEach((v, i) => {
      if (typeof v === 'string') coded[i] = codes.get(v) ?? 0;
    });
    return { texts: [...codes.keys()], codes: coded };
  }
  return {
    text: values.filter((v) => typeof v === 'string').join(''),
    lengths: Int32Array.from(values, (v) => (typeof v === 'string' ? v.length : -1)),
  };
}

/**
 * The `n` values of a stored column, added at the end of `into` (a new array by default), or a description of what
 * was received when it is not a column of n values (nothing is added then). A value that is not a cell value
 * (neither a finite number nor a string) is a blank, and `bad` is told its place and what it was.
 */
export function unpackColumn(
  raw: unknown,
  n: number,
  bad: (i: number, received: string) => void,
  into: CellValue[] = [],
): CellValue[] | string {
  const wrong = `expected ${n} values, received ${describeValue(raw)}`;
  if (Array.isArray(raw)) {
    if (raw.length !== n) return wrong;
    for (let i = 0; i < n; i++) {
      const v: unknown = raw[i];
      if (v === null || isStorableValue(v)) into.push(v);
      else {
        bad(i, describeValue(v));
        into.push(null);
      }
    }
    return into;
  }
  if (typeof raw !== 'object' || raw === null) return wrong;
  if ('numbers' in raw) {
    const numbers = raw.numbers;
    if (!(numbers instanceof Float64Array) || numbers.length !== n) return wrong;
    for (let i = 0; i < n; i++) {
      const v = numbers[i] ?? NaN;
      if (Number.isNaN(v)) into.push(null);
      else if (Number.isFinite(v)) into.push(v);
      else {
        bad(i, describeValue(v));
        into.push(null);
      }
    }
    return into;
  }
  if ('codes' in raw && 'texts' in raw) {
    const { codes, texts } = raw;
    const typed = codes instanceof Uint8Array || codes instanceof Uint16Array || codes instanceof Uint32Array;
    if (!typed || codes.length !== n || !Array.isArray(texts) || !texts.every((t) => typeof t === 'string'))
      return wrong;
    const known: readonly string[] = texts;
    for (let i = 0; i < n; i++) {
      const code = codes[i] ?? 0;
      if (code === 0) into.push(null);
      else if (code <= known.length) into.push(known[code - 1] ?? null);
      else {
        bad(i, `the code ${code} of ${known.length} texts`);
        into.push(null);
      }
    }
    return into;
  }
  if ('text' in raw && 'lengths' in raw) {
    const { text, lengths } = raw;
    if (typeof text !== 'string' || !(lengths instanceof Int32Array) || lengths.length !== n) return wrong;
    let total = 0;
    for (const length of lengths) if (length > 0) total += length;
    if (total !== text.length)
      return `${wrong} (its texts are ${text.length} long, its lengths add up to ${total})`;
    let at = 0;
    for (let i = 0; i < n; i++) {
      const length = lengths[i] ?? -1;
      if (length < 0) into.push(null);
      else {
        into.push(text.slice(at, at + length));
        at += length;
      }
    }
    return into;
  }
  return wrong;
}
