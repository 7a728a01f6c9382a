// Matching unit names as staff write them ("ĐB xã Tân Hộ Cơ", "Tan Ho Co", "CB THPT Sa Rài") to the report's
// units. Names are compared as sets of normalized tokens weighted by how rare each token is among the units, so
// the words every unit shares ("đảng bộ", "xã", "huyện") count little and the place or agency name decides.
import type { Unit } from './model';
import { foldText } from './parse';

/**
 * Abbreviations expanded token by token (after folding: "ĐB" is "db"). Single letters are only expanded when a
 * name follows ("x Tân Hộ Cơ", "P. 1"), so a lone "X" (a column header, the not-applicable mark) stays itself.
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  db: 'dang bo',
  dbcs: 'dang bo co so',
  cb: 'chi bo',
  cbcs: 'chi bo co so',
  tt: 'thi tran',
  ubnd: 'uy ban nhan dan',
  hdnd: 'hoi dong nhan dan',
  mttq: 'mat tran to quoc',
  thpt: 'truong trung hoc pho thong',
  thcs: 'truong trung hoc co so',
  tth: 'truong tieu hoc',
  ttyt: 'trung tam y te',
  vksnd: 'vien kiem sat nhan dan',
  tand: 'toa an nhan dan',
  bhxh: 'bao hiem xa hoi',
  nhcsxh: 'ngan hang chinh sach xa hoi',
  gdnn: 'giao duc nghe nghiep',
  gdtx: 'giao duc thuong xuyen',
};
const BEFORE_NAME: Readonly<Record<string, string>> = { x: 'xa', p: 'phuong', h: 'huyen' };
/** The same as maps of words: a lookup per token of every name, without the prototype chain of a record. */
const EXPANSIONS = wordsOf(ABBREVIATIONS);
const BEFORE_NAME_EXPANSIONS = wordsOf(BEFORE_NAME);

function wordsOf(table: Readonly<Record<string, string>>): ReadonlyMap<string, readonly string[]> {
  return new Map(Object.entries(table).map(([abbreviation, words]) => [abbreviation, words.split(' ')]));
}

const NOT_WORD = /[^\p{L}\p{N}]+/u;
const WORD = /^[\p{L}\p{N}]+$/u;
const NO_WORD = /^[^\p{L}\p{N}]+$/u;

/**
 * The words of foldText(name), character by character: what foldText and a split on non-letters give, about ten
 * times faster (an import normalizes 100,000 names and as many unit names). Null when the name has a character
 * outside ASCII and the Latin ranges (Vietnamese included): only there is a character's folding known not to
 * depend on its neighbours (canonical reordering moves only the combining marks that are dropped anyway).
 */
function foldedTokens(name: string): string[] | null {
  const tokens: string[] = [];
  let token = '';
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    let piece: string | null;
    if (code >= 0x61 && code <= 0x7a) piece = name.charAt(i);
    else if (code >= 0x41 && code <= 0x5a) piece = String.fromCharCode(code + 32);
    else if (code >= 0x30 && code <= 0x39) piece = name.charAt(i);
    else if (code < 0x80) piece = ' ';
    else piece = foldedChar(code);
    if (piece === null) return null;
    if (piece !== ' ') token += piece;
    else if (token !== '') {
      tokens.push(token);
      token = '';
    }
  }
  if (token !== '') tokens.push(token);
  return tokens;
}

const folds = new Map<number, string | null>();

/** One character as foldText folds it: letters and digits, '' (a dropped mark), ' ' (a separator) or null. */
function foldedChar(code: number): string | null {
  let folded = folds.get(code);
  if (folded !== undefined) return folded;
  const latin = code <= 0x24f || (code >= 0x300 && code <= 0x36f) || (code >= 0x1e00 && code <= 0x1eff);
  folded = null;
  if (latin) {
    // foldText's steps on one character, without its trimming (which would drop a lone no-break space).
    const f = String.fromCharCode(code)
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase();
    folded = f === '' || WORD.test(f) ? f : NO_WORD.test(f) ? ' ' : null;
  }
  folds.set(code, folded);
  return folded;
}

const cache = new Map<string, string>();
/** An import reads each of up to 200,000 names twice (the table, then the matching): both reads hit the cache. */
const CACHE_SIZE = 250_000;

/** Lower case, no diacritics, punctuation as spaces, single spaces, abbreviations expanded. */
export function normalizeName(name: string): string {
  // A paste or an import normalizes the same unit names again and again: remember the recent ones.
  let normalized = cache.get(name);
  if (normalized === undefined) {
    if (cache.size >= CACHE_SIZE) cache.clear();
    normalized = normalizeUncached(name);
    cache.set(name, normalized);
  }
  return normalized;
}

function normalizeUncached(name: string): string {
  const tokens =
    foldedTokens(name) ??
    foldText(name)
      .split(NOT_WORD)
      .filter((t) => t !== '');
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    const words = EXPANSIONS.get(t) ?? (i + 1 < tokens.length ? BEFORE_NAME_EXPANSIONS.get(t) : undefined);
    if (words === undefined) out.push(t);
    // "Trường THPT" is "trường trung học phổ thông", not "trường trường …".
    else out.push(...(words[0] === out[out.length - 1] ? words.slice(1) : words));
  }
  return out.join(' ');
}

export interface NameMatch {
  /** The name's index in the list given to matchUnits. */
  readonly index: number;
  readonly unitId: string | null;
  /** Similarity with the assigned unit in [0, 1]; 0 when no unit was assigned. */
  readonly score: number;
  readonly certain: boolean;
}

const MIN_SCORE = 0.5;
const CERTAIN_SCORE = 0.999;
/** Words in more units than this do not propose candidates (they would make the comparison quadratic). */
const MAX_POSTING = 500;
/** Up to this many units, a name of common words only is compared with every unit. */
const SMALL_REPORT = 2000;
/** Only an identical normalized name scores 1. */
const MAX_FUZZY = 0.99;
/** Words that say what kind of organization or place a unit is, not which one. */
const ORGANIZATION_WORDS = new Set([
  'dang',
  'bo',
  'chi',
  'uy',
  'xa',
  'thi',
  'tran',
  'phuong',
  'huyen',
  'tinh',
]);
const ORGANIZATION_WEIGHT = 0.25;

/**
 * What matching needs to know about a list of units, built once per list (the session keeps its unit lists, so a
 * paste or an import that matches again reuses it). The exact-name index is all that 100,000 names that are
 * the units' own names need; the word index for fuzzy matching and the distinctive keys are built on first use.
 */
class UnitIndex {
  readonly names: readonly string[];
  /** Normalized name → the units that have it, in unit order. */
  readonly exact: ReadonlyMap<string, readonly number[]>;
  private fuzzyIndex: FuzzyIndex | null = null;
  private keyIndex: { keys: readonly string[]; count: ReadonlyMap<string, number> } | null = null;

  constructor(readonly units: readonly Unit[]) {
    this.names = units.map((u) => normalizeName(u.name));
    this.exact = groupBy(this.names);
  }

  get fuzzy(): FuzzyIndex {
    this.fuzzyIndex ??= new FuzzyIndex(this.names);
    return this.fuzzyIndex;
  }

  /** Each unit's distinctive words, and how many units share them. */
  get keys(): { keys: readonly string[]; count: ReadonlyMap<string, number> } {
    if (!this.keyIndex) {
      const keys = this.names.map(distinctive);
      this.keyIndex = { keys, count: countOf(keys) };
    }
    return this.keyIndex;
  }
}

/** Token sets, weights and the word index over the units' normalized names. */
class FuzzyIndex {
  readonly tokens: readonly ReadonlySet<string>[];
  readonly postings = new Map<string, number[]>();
  private readonly frequency = new Map<string, number>();
  private readonly weights = new Map<string, number>();

  constructor(names: readonly string[]) {
    this.tokens = names.map(tokenSet);
    for (const tokens of this.tokens)
      for (const t of tokens) this.frequency.set(t, (this.frequency.get(t) ?? 0) + 1);
    this.tokens.forEach((tokens, u) => {
      for (const t of tokens) {
        if ((this.frequency.get(t) ?? 0) > MAX_POSTING) continue;
        const list = this.postings.get(t);
        if (list) list.push(u);
        else this.postings.set(t, [u]);
      }
    });
  }

  /** A token's weight: rare words tell units apart, organization words count little. Same formula, memoized. */
  readonly weight = (t: string): number => {
    let w = this.weights.get(t);
    if (w === undefined) {
      w =
        Math.log(1 + this.tokens.length / (1 + (this.frequency.get(t) ?? 0))) *
        (ORGANIZATION_WORDS.has(t) ? ORGANIZATION_WEIGHT : 1);
      this.weights.set(t, w);
    }
    return w;
  };
}

/** Unit lists are immutable (the validator replaces them wholesale), so an index can be kept per list. */
const indexes = new WeakMap<readonly Unit[], UnitIndex>();

function indexOf(units: readonly Unit[]): UnitIndex {
  let index = indexes.get(units);
  if (!index) {
    index = new UnitIndex(units);
    indexes.set(units, index);
  }
  return index;
}

/** Makes a unit list's name index ahead of its first match (an import does it while its file is read). */
export function prepareUnits(units: readonly Unit[]): void {
  indexOf(units);
}

/**
 * One result per name, in order. Pairs are assigned best score first, so no unit goes to two names and no name
 * gets two units; a name whose best unit went to a better match falls back to its next candidate, uncertain.
 */
export function matchUnits(names: readonly string[], units: readonly Unit[]): NameMatch[] {
  return matchNormalized(names.map(normalizeName), units);
}

/** matchUnits for names already normalized (normalizeName): a caller that normalized them need not again. */
export function matchNormalized(normalized: readonly string[], units: readonly Unit[]): NameMatch[] {
  const index = indexOf(units);
  const { exact } = index;
  const unitOfName = new Map<number, number>();
  const scoreOfName = new Map<number, number>();
  const takenUnits = new Set<number>();

  // Identical names score 1 and every fuzzy score is below 1, so in the best-first order every identical pair
  // comes first, by name then by unit: each such name takes the first of its units not yet taken. A name with an
  // identical unit is compared with no other unit.
  const fuzzyNames: number[] = [];
  normalized.forEach((name, i) => {
    if (name === '') return;
    const same = exact.get(name);
    if (!same) return void fuzzyNames.push(i);
    for (const u of same)
      if (!takenUnits.has(u)) {
        unitOfName.set(i, u);
        scoreOfName.set(i, 1);
        takenUnits.add(u);
        return;
      }
  });

  if (fuzzyNames.length > 0) {
    const fuzzy = index.fuzzy;
    const pairs: { name: number; unit: number; score: number }[] = [];
    for (const i of fuzzyNames) {
      const tokens = tokenSet(normalized[i] ?? '');
      const candidates = new Set<number>();
      for (const t of tokens) for (const u of fuzzy.postings.get(t) ?? []) candidates.add(u);
      // A name made only of common words still gets a full comparison in a report of ordinary size.
      if (candidates.size === 0 && units.length <= SMALL_REPORT)
        for (let u = 0; u < units.length; u++) candidates.add(u);
      for (const u of candidates) {
        const score = similarity(tokens, fuzzy.tokens[u] ?? new Set(), fuzzy.weight);
        if (score >= MIN_SCORE) pairs.push({ name: i, unit: u, score });
      }
    }
    pairs.sort((a, b) => b.score - a.score || a.name - b.name || a.unit - b.unit);
    for (const p of pairs) {
      if (unitOfName.has(p.name) || takenUnits.has(p.unit)) continue;
      unitOfName.set(p.name, p.unit);
      scoreOfName.set(p.name, p.score);
      takenUnits.add(p.unit);
    }
  }

  return normalized.map((name, i) => {
    const u = unitOfName.get(i);
    const unit = u === undefined ? undefined : units[u];
    if (u === undefined || unit === undefined) return { index: i, unitId: null, score: 0, certain: false };
    const score = scoreOfName.get(i) ?? 0;
    return { index: i, unitId: unit.id, score, certain: isCertain(index, u, score, name) };
  });
}

/**
 * Beyond an identical name, a match is certain only when the name says exactly what tells this unit apart
 * ("Tân Hộ Cơ" for "Đảng bộ xã Tân Hộ Cơ") and no other unit says the same. "Đảng bộ Cơ quan" or "DB Tan Cong"
 * leave words out, so the user is asked.
 */
function isCertain(index: UnitIndex, u: number, score: number, name: string): boolean {
  const sameName = index.exact.get(index.names[u] ?? '')?.length ?? 0;
  if (score >= CERTAIN_SCORE && sameName === 1) return true;
  // Units sharing one normalized name share their distinctive words too: never "exactly this" one.
  if (sameName > 1) return false;
  const { keys, count } = index.keys;
  const own = keys[u] ?? '';
  return own !== '' && count.get(own) === 1 && own === distinctive(name);
}

/**
 * At least as many as matchUnits would call certain, counted without matching: a name can only be matched with
 * certainty when it is some unit's name, or says exactly what tells one unit apart. Lets a caller that needs
 * many certain matches skip a column of figures without comparing each with the units.
 */
export function certainBound(normalized: readonly string[], units: readonly Unit[]): number {
  const index = indexOf(units);
  let bound = 0;
  for (const name of normalized) {
    if (name === '') continue;
    if (index.exact.has(name) || index.keys.count.get(distinctive(name)) === 1) bound++;
  }
  return bound;
}

function groupBy(keys: readonly string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  keys.forEach((k, i) => {
    const list = groups.get(k);
    if (list) list.push(i);
    else groups.set(k, [i]);
  });
  return groups;
}

function countOf(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

/**
 * The words of a normalized name that are not organization or place-kind words, sorted: what tells units apart.
 * "chi" is such a word only in "chi bo" (Tân Công Chí is a place).
 */
function distinctive(normalized: string): string {
  return normalized
    .replace(/\bchi bo\b/g, ' ')
    .split(' ')
    .filter((t) => t !== '' && (t === 'chi' || !ORGANIZATION_WORDS.has(t)))
    .sort()
    .join(' ');
}

function tokenSet(normalized: string): Set<string> {
  return new Set(normalized.split(' ').filter((t) => t !== ''));
}

/**
 * Weighted Dice on tokens, or containment when one name holds all of the other's tokens ("Tân Hộ Cơ" in
 * "Đảng bộ xã Tân Hộ Cơ"), discounted when the contained name is a small part of the longer one ("Tân").
 */
function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>, weight: (t: string) => number): number {
  const sum = (tokens: Iterable<string>) => {
    let total = 0;
    for (const t of tokens) total += weight(t);
    return total;
  };
  const wa = sum(a);
  const wb = sum(b);
  const common = sum([...a].filter((t) => b.has(t)));
  if (wa === 0 || wb === 0 || common === 0) return 0;
  const dice = (2 * common) / (wa + wb);
  const containedA = (common / wa) * Math.min(1, (2 * common) / wb);
  const containedB = (common / wb) * Math.min(1, (2 * common) / wa);
  return Math.min(MAX_FUZZY, Math.max(dice, 0.9 * containedA, 0.9 * containedB));
}
