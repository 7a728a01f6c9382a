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

const cache = new Map<string, string>();
const CACHE_SIZE = 20_000;

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
  const tokens = foldText(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((t) => t !== '');
  const out: string[] = [];
  tokens.forEach((t, i) => {
    const expansion = ABBREVIATIONS[t] ?? (i + 1 < tokens.length ? BEFORE_NAME[t] : undefined);
    if (expansion === undefined) return void out.push(t);
    const words = expansion.split(' ');
    // "Trường THPT" is "trường trung học phổ thông", not "trường trường …".
    out.push(...(words[0] === out[out.length - 1] ? words.slice(1) : words));
  });
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
 * One result per name, in order. Pairs are assigned best score first, so no unit goes to two names and no name
 * gets two units; a name whose best unit went to a better match falls back to its next candidate, uncertain.
 */
export function matchUnits(names: readonly string[], units: readonly Unit[]): NameMatch[] {
  const unitNames = units.map((u) => normalizeName(u.name));
  const unitTokens = unitNames.map(tokenSet);
  const unitKeys = unitNames.map(distinctive);
  const keyCount = countOf(unitKeys);
  const frequency = new Map<string, number>();
  for (const tokens of unitTokens) for (const t of tokens) frequency.set(t, (frequency.get(t) ?? 0) + 1);
  const weight = (t: string) =>
    Math.log(1 + units.length / (1 + (frequency.get(t) ?? 0))) *
    (ORGANIZATION_WORDS.has(t) ? ORGANIZATION_WEIGHT : 1);
  // Indexes, so a name is compared with the units that share a telling word, not with every unit: 100,000
  // names against 100,000 units stays linear.
  const exact = groupBy(unitNames);
  const postings = new Map<string, number[]>();
  unitTokens.forEach((tokens, u) => {
    for (const t of tokens) {
      if ((frequency.get(t) ?? 0) > MAX_POSTING) continue;
      const list = postings.get(t);
      if (list) list.push(u);
      else postings.set(t, [u]);
    }
  });

  const scores: Map<number, number>[] = names.map((name) => {
    const normalized = normalizeName(name);
    const row = new Map<number, number>();
    if (normalized === '') return row;
    const same = exact.get(normalized);
    if (same) {
      for (const u of same) row.set(u, 1);
      return row;
    }
    const tokens = tokenSet(normalized);
    const candidates = new Set<number>();
    for (const t of tokens) for (const u of postings.get(t) ?? []) candidates.add(u);
    // A name made only of common words still gets a full comparison in a report of ordinary size.
    if (candidates.size === 0 && units.length <= SMALL_REPORT)
      for (let u = 0; u < units.length; u++) candidates.add(u);
    for (const u of candidates) {
      const score = similarity(tokens, unitTokens[u] ?? new Set(), weight);
      if (score >= MIN_SCORE) row.set(u, score);
    }
    return row;
  });

  const pairs: { name: number; unit: number; score: number }[] = [];
  scores.forEach((row, name) => row.forEach((score, unit) => pairs.push({ name, unit, score })));
  pairs.sort((a, b) => b.score - a.score || a.name - b.name || a.unit - b.unit);
  const unitOfName = new Map<number, number>();
  const takenUnits = new Set<number>();
  for (const p of pairs) {
    if (unitOfName.has(p.name) || takenUnits.has(p.unit)) continue;
    unitOfName.set(p.name, p.unit);
    takenUnits.add(p.unit);
  }

  return names.map((_, index) => {
    const u = unitOfName.get(index);
    const unit = u === undefined ? undefined : units[u];
    if (u === undefined || unit === undefined) return { index, unitId: null, score: 0, certain: false };
    const score = scores[index]?.get(u) ?? 0;
    // Beyond an identical name, a match is certain only when the name says exactly what tells this unit apart
    // ("Tân Hộ Cơ" for "Đảng bộ xã Tân Hộ Cơ") and no other unit says the same. "Đảng bộ Cơ quan" or
    // "DB Tan Cong" leave words out, so the user is asked.
    const own = unitKeys[u] ?? '';
    const exactlyThis =
      own !== '' && keyCount.get(own) === 1 && own === distinctive(normalizeName(names[index] ?? ''));
    const certain = (score >= CERTAIN_SCORE && exact.get(unitNames[u] ?? '')?.length === 1) || exactlyThis;
    return { index, unitId: unit.id, score, certain };
  });
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
