// Finding the report's unit a member list cell names. A pasted list of 100,000 members names the same few hundred
// units again and again, and matchUnits costs a pass over the units per call, so the answers are remembered per
// unit list (a new list, as after an edit of the units, starts afresh).
import type { Unit } from '../model';
import { matchUnits, normalizeName } from '../names';

export interface UnitLookup {
  /** The unit named, or the one it most resembles; null when none. */
  readonly unit: Unit | null;
  /** Whether the name says which unit without doubt (see matchUnits). */
  readonly certain: boolean;
}

interface UnitIndex {
  readonly byId: ReadonlyMap<string, Unit>;
  /** Normalized name → the units with that name (two units may share one: then the name is not certain). */
  readonly byName: ReadonlyMap<string, readonly Unit[]>;
  readonly answers: Map<string, UnitLookup>;
}

const MAX_ANSWERS = 20_000;
const indexes = new WeakMap<readonly Unit[], UnitIndex>();

function indexOf(units: readonly Unit[]): UnitIndex {
  let index = indexes.get(units);
  if (!index) {
    const byName = new Map<string, Unit[]>();
    for (const u of units) {
      const key = normalizeName(u.name);
      const list = byName.get(key);
      if (list) list.push(u);
      else byName.set(key, [u]);
    }
    index = { byId: new Map(units.map((u) => [u.id, u])), byName, answers: new Map() };
    indexes.set(units, index);
  }
  return index;
}

export function findUnit(text: string, units: readonly Unit[]): UnitLookup {
  const index = indexOf(units);
  let answer = index.answers.get(text);
  if (answer === undefined) {
    if (index.answers.size >= MAX_ANSWERS) index.answers.clear();
    answer = lookUp(text, units, index);
    index.answers.set(text, answer);
  }
  return answer;
}

function lookUp(text: string, units: readonly Unit[], index: UnitIndex): UnitLookup {
  const same = index.byName.get(normalizeName(text));
  if (same?.length === 1 && same[0]) return { unit: same[0], certain: true };
  // The stored value itself (a unit id), so a list copied out of the app and pasted back reads the same.
  const byId = index.byId.get(text);
  if (byId) return { unit: byId, certain: true };
  const [match] = matchUnits([text], units);
  const unit = match?.unitId == null ? null : (index.byId.get(match.unitId) ?? null);
  return { unit, certain: unit !== null && (match?.certain ?? false) };
}
