// Incremental validation of the member list, and its counts per unit. A full pass reads every row once; an edit
// re-reads only the edited rows: the unit counts move by the difference between the row before and after, the
// duplicate index moves the row from its old key to its new one, and the cap is re-checked for the (at most two)
// units the row left and joined. Nothing in an edit's path scans the rows, so an edit costs the same at 300 or
// 100,000 members. The rows are the caller's: it writes an edit first, then calls applyChanges.
import type { Finding } from '../finding';
import type { CellValue, Convention, Unit } from '../model';
import { cap } from '../rules/cap';
import type { RowContext } from '../rules/kind';
import type { RuleDef, Severity } from '../template';
import type { SeverityCounts } from '../validator';
import {
  checkMember,
  duplicateHash,
  duplicateKey,
  isBlankRow,
  newFacts,
  readFacts,
  type MemberFacts,
  type MemberCheckContext,
  type MemberProblem,
} from './member-checks';
import { MEMBERS_SHEET, type MemberRow } from './members';
import { HashBuckets } from './hash-buckets';
import type { MemberRows } from './member-table';
import { memberRules, RULE_IDS, type MemberListSettings } from './rules';

/** One edited cell of the member list, as the caller wrote it. */
export interface MemberChange {
  readonly row: string;
  readonly col: string;
  readonly before: CellValue;
  readonly after: CellValue;
}

/** A unit's members as Biểu 04 counts them (see counts()). */
export interface MemberCounts {
  readonly total: number;
  readonly exempt: number;
  readonly pending: number;
  readonly rated: number;
  readonly x: number;
  readonly g: number;
  readonly h: number;
  readonly k: number;
}

/** Kept per unit; the levels are disjoint here, the convention only applies when they are read out. */
interface Tally {
  total: number;
  exempt: number;
  pending: number;
  rated: number;
  x: number;
  g: number;
  h: number;
  k: number;
}

/**
 * The row id of a unit's own findings (the cap): '#unit:' + the unit id. The cap is about a unit, not about one
 * member (which of the excellent members is one too many is the unit's decision), so it is one finding per unit
 * on this row, column 'rating'; a view lists it with the unit's members or beside Biểu 04's row.
 */
export const UNIT_ROW_PREFIX = '#unit:';
export function unitRow(unitId: string): string {
  return UNIT_ROW_PREFIX + unitId;
}

const cellKey = (row: string, col: string) => `${row}\u0001${col}`;
const CAP_PARAMS = { x: 'x', g: 'g' } as const;

export class MemberListValidator {
  private units: readonly Unit[] = [];
  private unitById = new Map<string, Unit>();
  private settings: MemberListSettings;
  private ruleById = new Map<string, RuleDef>();
  private readonly tallies = new Map<string, Tally>();
  private lastUnit: string | null = null;
  private lastTally: Tally | undefined;
  /**
   * duplicateHash → the row holding it, or the rows when more than one does (a duplicate, or rarely a collision
   * that the key comparison rules out). Numbers, not key strings: 100,000 keys would cost more than the rest.
   */
  private readonly buckets = new HashBuckets();
  /**
   * The duplicate keys of rows met in a shared bucket, so that an edit among n copies of one member builds one
   * key, not n. An edited row's entry is dropped before anything reads it.
   */
  private readonly keyCache = new Map<string, string | null>();
  /** 'r' + row: the row's own rules; 'd' + row: its duplicate warning; 'c' + unit: the unit's cap. */
  private readonly findings = new Map<string, readonly Finding[]>();
  /** The same findings by severity, so a view can list a few cheaply; the most recently changed come last. */
  private readonly bySeverity: Record<Severity, Map<string, readonly Finding[]>> = {
    error: new Map(),
    warning: new Map(),
  };
  private readonly byCell = new Map<string, Finding[]>();
  private readonly severityCounts: SeverityCounts = { error: 0, warning: 0 };
  /** What checkMember asks of the report; sickLeave follows the settings. */
  private readonly checkContext: { isUnit: (id: string) => boolean; sickLeave: boolean } = {
    isUnit: (id) => this.unitById.has(id),
    sickLeave: false,
  };
  /** Reused for every row read: see MemberFacts. */
  private readonly facts = newFacts();
  /** Reused for every problem list: a clean row allocates nothing. */
  private readonly scratch: MemberProblem[] = [];

  constructor(
    units: readonly Unit[],
    private readonly rows: MemberRows,
    settings: MemberListSettings,
  ) {
    this.settings = settings;
    this.setSettingsOnly(settings);
    this.setUnits(units);
  }

  /** The rules in force, as data (ids, titles, sources, messages). */
  get rules(): readonly RuleDef[] {
    return [...this.ruleById.values()];
  }

  get currentSettings(): MemberListSettings {
    return this.settings;
  }

  rule(id: string): RuleDef | undefined {
    return this.ruleById.get(id);
  }

  /** A new unit list: everything is recomputed (a member's unit may have appeared or gone). */
  setUnits(units: readonly Unit[]): void {
    this.units = units;
    this.unitById = new Map(units.map((u) => [u.id, u]));
    this.validateAll();
  }

  setSettings(settings: MemberListSettings): void {
    this.setSettingsOnly(settings);
    this.validateAll();
  }

  private setSettingsOnly(settings: MemberListSettings): void {
    this.settings = settings;
    this.ruleById = new Map(memberRules(settings).map((r) => [r.id, r]));
    this.checkContext.sickLeave = this.ruleById.has(RULE_IDS.sickLeave);
  }

  validateAll(): void {
    this.tallies.clear();
    this.lastUnit = null;
    this.lastTally = undefined;
    this.buckets.clear(this.rows.size);
    this.keyCache.clear();
    this.findings.clear();
    this.bySeverity.error.clear();
    this.bySeverity.warning.clear();
    this.byCell.clear();
    this.severityCounts.error = 0;
    this.severityCounts.warning = 0;
    for (const unit of this.units) this.tallies.set(unit.id, emptyTally());
    /** Hashes held by more than one row: only their rows can be duplicates. */
    const shared = new Set<number>();
    const out = this.scratch;
    out.length = 0;
    const ctx: MemberCheckContext = this.checkContext;
    // forEach, not for…of over entries: no [id, row] array per row (and no row object at all where the rows can
    // be scanned: the row is read into facts and let go).
    const facts = this.facts;
    const visit = (row: MemberRow, id: string) => {
      if (!readFacts(row, facts).present) return;
      this.count(facts, 1);
      this.enter(duplicateHash(facts), id, shared);
      checkMember(facts, ctx, out);
      if (out.length > 0) {
        this.replace(`r${id}`, id, out);
        out.length = 0; // only here: setting an array's length is a runtime call
      }
    };
    if (this.rows.scan) this.rows.scan(visit);
    else this.rows.forEach(visit);
    for (const hash of shared) this.refreshBucket(hash, null);
    for (const unit of this.units) this.refreshCap(unit.id);
  }

  /** Call after the changes are written to the rows: moves the counts and re-checks what the edited rows touch. */
  applyChanges(changes: readonly MemberChange[]): void {
    // The rows as they were: the current row with each changed cell set back to its first `before`.
    const before = new Map<string, Record<string, CellValue>>();
    for (let i = changes.length - 1; i >= 0; i--) {
      const change = changes[i];
      if (!change) continue;
      let old = before.get(change.row);
      if (!old) {
        old = { ...this.rows.get(change.row) };
        before.set(change.row, old);
      }
      old[change.col] = change.before;
    }
    const units = new Set<string>();
    const hashes = new Set<number>();
    for (const id of before.keys()) this.keyCache.delete(id);
    const facts = this.facts;
    for (const [id, old] of before) {
      if (readFacts(old, facts).present) {
        this.count(facts, -1);
        if (typeof facts.unit === 'string') units.add(facts.unit);
        this.leave(duplicateHash(facts), id, hashes);
      }
      const out = this.scratch;
      out.length = 0;
      if (readFacts(this.rows.get(id), facts).present) {
        this.count(facts, 1);
        if (typeof facts.unit === 'string') units.add(facts.unit);
        this.enter(duplicateHash(facts), id, hashes);
        checkMember(facts, this.checkContext, out);
      }
      this.replace(`r${id}`, id, out);
    }
    // The edited rows' warnings are rewritten (their name may have changed); the others' only when they change.
    for (const id of before.keys()) this.setDuplicate(id, false, true);
    for (const hash of hashes) this.refreshBucket(hash, before);
    for (const unit of units) if (this.unitById.has(unit)) this.refreshCap(unit);
  }

  /**
   * A unit's members as Biểu 04 counts them: total = exempt + pending + rated, every non-blank row naming the
   * unit counted once. Rated members whose rating is not entered yet are in `rated` but in no level, so Biểu 04's
   * partition shows the gap. Inclusive: g counts the excellent too; exclusive: apart. Unknown units: all zero.
   */
  counts(unitId: string, convention: Convention = this.settings.convention): MemberCounts {
    const t = this.tallies.get(unitId);
    if (!t) return { ...EMPTY_COUNTS };
    return { ...t, g: convention === 'inclusive' ? t.g + t.x : t.g };
  }

  /** Whether the list has any member of this unit (a unit with none is not entered, not zero). */
  hasMembers(unitId: string): boolean {
    return (this.tallies.get(unitId)?.total ?? 0) > 0;
  }

  /** The other rows with the same name, birth year and unit as this one (the duplicate warning's partners). */
  duplicatesOf(rowId: string): string[] {
    const row = this.rows.get(rowId);
    return row && !isBlankRow(row) ? this.partners(rowId, row) : [];
  }

  findingsAt(row: string, col: string): readonly Finding[] {
    return this.byCell.get(cellKey(row, col)) ?? [];
  }

  /** A copy: the counts change edit by edit, and views compare what they were given. */
  countsOf(): SeverityCounts {
    return { ...this.severityCounts };
  }

  /**
   * Up to `limit` findings of one severity, without visiting the others. After a full pass: the rows' own findings
   * in row order, then the duplicates, then the units' caps; findings changed since come last.
   */
  list(severity: Severity, limit: number): Finding[] {
    const out: Finding[] = [];
    for (const group of this.bySeverity[severity].values())
      for (const f of group) {
        if (out.length >= limit) return out;
        out.push(f);
      }
    return out;
  }

  all(): Finding[] {
    return [...this.findings.values()].flat();
  }

  private count(row: Readonly<MemberFacts>, sign: 1 | -1): void {
    const unit = row.unit;
    if (typeof unit !== 'string') return;
    // Lists come unit by unit: the previous row's tally is usually this one's.
    const t = unit === this.lastUnit ? this.lastTally : this.tallies.get(unit);
    this.lastUnit = unit;
    this.lastTally = t;
    if (!t) return;
    t.total += sign;
    const evaluation = row.kind;
    if (evaluation === 'exempt') t.exempt += sign;
    else if (evaluation === 'pending') t.pending += sign;
    if (evaluation !== 'rated') return;
    t.rated += sign;
    switch (row.level) {
      case 'HTXSNV':
        t.x += sign;
        break;
      case 'HTTNV':
        t.g += sign;
        break;
      case 'HTNV':
        t.h += sign;
        break;
      case 'KHTNV':
        t.k += sign;
        break;
      case null:
        break;
    }
  }

  /** Puts the row in its hash bucket; `touched` gets the hash (its rows' status may change). */
  private enter(hash: number | null, id: string, touched: Set<number>): void {
    if (hash === null) return;
    const before = this.buckets.add(hash, id);
    if (before !== undefined && before !== id) touched.add(hash);
  }

  private leave(hash: number | null, id: string, touched: Set<number>): void {
    if (hash === null) return;
    const held = this.buckets.get(hash);
    if (held === undefined) return;
    if (typeof held === 'string') {
      if (held === id) this.buckets.delete(hash);
      return;
    }
    const i = held.indexOf(id);
    if (i >= 0) held.splice(i, 1);
    touched.add(hash);
    const [only] = held;
    if (held.length === 1 && only !== undefined) this.buckets.set(hash, only);
    else if (held.length === 0) this.buckets.delete(hash);
  }

  /** The rows other than `id` with the same duplicate key, from its (small) hash bucket. */
  private partners(id: string, row: MemberRow): string[] {
    const hash = duplicateHash(row);
    const held = hash === null ? undefined : this.buckets.get(hash);
    if (!Array.isArray(held)) return [];
    const key = duplicateKey(row);
    return held.filter((other) => {
      const otherRow = other === id ? undefined : this.rows.get(other);
      return otherRow !== undefined && duplicateKey(otherRow) === key;
    });
  }

  /**
   * Sets the duplicate warnings of one bucket's rows, building each row's key once (a bucket of n copies costs n,
   * not n²). Rows in `force` get their warning rewritten; the others only when it comes or goes.
   */
  private refreshBucket(hash: number, force: ReadonlyMap<string, unknown> | null): void {
    const held = this.buckets.get(hash);
    if (held === undefined) return;
    if (typeof held === 'string') return this.setDuplicate(held, false, force?.has(held) ?? true);
    const keys = held.map((id) => {
      let key = this.keyCache.get(id);
      if (key === undefined) {
        const row = this.rows.get(id);
        key = row ? duplicateKey(row) : null;
        this.keyCache.set(id, key);
      }
      return key;
    });
    const counts = new Map<string, number>();
    for (const key of keys) if (key !== null) counts.set(key, (counts.get(key) ?? 0) + 1);
    held.forEach((id, i) => {
      const key = keys[i] ?? null;
      this.setDuplicate(id, key !== null && (counts.get(key) ?? 0) > 1, force?.has(id) ?? true);
    });
  }

  private setDuplicate(id: string, isDuplicate: boolean, force: boolean): void {
    if (!force && this.findings.has(`d${id}`) === isDuplicate) return;
    const row = this.rows.get(id);
    const problems: MemberProblem[] =
      isDuplicate && row
        ? [
            {
              ruleId: RULE_IDS.duplicate,
              variant: 'duplicate',
              columns: ['name'],
              expected: null,
              received: null,
              values: { name: String(row.name), birthYear: String(row.birthYear) },
            },
          ]
        : [];
    this.replace(`d${id}`, id, problems);
  }

  /** The Biểu 04 cap rule itself (rules/cap.ts), run on the unit's counts: one arithmetic for sheet and list. */
  private refreshCap(unitId: string): void {
    const settings = this.settings;
    const unit = this.unitById.get(unitId);
    const t = this.tallies.get(unitId);
    const problems: MemberProblem[] = [];
    if (settings.cap && unit && t && this.ruleById.has(RULE_IDS.cap)) {
      // The base is the good count with the excellent included, whatever Biểu 04's convention: read the counts
      // inclusively and tell the rule so.
      const ctx: RowContext = {
        unit,
        get: (_sheet, col) => (col === 'x' ? t.x : col === 'g' ? t.x + t.g : null),
        settings: () => ({ convention: 'inclusive', rounding: 'half-up' }),
        previousYear: null,
      };
      for (const p of cap.check({ ...CAP_PARAMS, percent: settings.cap.percent }, ctx, 'b04'))
        problems.push({
          ruleId: RULE_IDS.cap,
          variant: p.variant,
          columns: ['rating'],
          expected: p.expected,
          received: p.received,
          values: { ...p.values },
        });
    }
    this.replace(`c${unitId}`, unitRow(unitId), problems);
  }

  private replace(key: string, row: string, problems: readonly MemberProblem[]): void {
    const old = this.findings.get(key);
    if (!old && problems.length === 0) return; // the common case: nothing was wrong and nothing is
    if (old) for (const f of old) this.unindex(f);
    this.bySeverity.error.delete(key);
    this.bySeverity.warning.delete(key);
    if (problems.length === 0) {
      this.findings.delete(key);
      return;
    }
    const next: Finding[] = [];
    for (const p of problems) {
      const rule = this.ruleById.get(p.ruleId);
      if (!rule) continue; // a rule not in force this year
      next.push({
        ruleId: p.ruleId,
        severity: rule.severity,
        sheet: MEMBERS_SHEET,
        row,
        columns: p.columns,
        variant: p.variant,
        expected: p.expected,
        received: p.received,
        values: p.values ?? {},
      });
    }
    if (next.length === 0) {
      this.findings.delete(key);
      return;
    }
    this.findings.set(key, next);
    for (const severity of ['error', 'warning'] as const) {
      const part = next.filter((f) => f.severity === severity);
      if (part.length > 0) this.bySeverity[severity].set(key, part);
    }
    for (const f of next) this.index(f);
  }

  private index(f: Finding): void {
    for (const col of f.columns) {
      const key = cellKey(f.row, col);
      const list = this.byCell.get(key);
      if (list) list.push(f);
      else this.byCell.set(key, [f]);
    }
    this.severityCounts[f.severity]++;
  }

  private unindex(f: Finding): void {
    for (const col of f.columns) {
      const key = cellKey(f.row, col);
      const list = this.byCell.get(key);
      if (!list) continue;
      const i = list.indexOf(f);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.byCell.delete(key);
    }
    this.severityCounts[f.severity]--;
  }
}

const EMPTY_COUNTS: MemberCounts = { total: 0, exempt: 0, pending: 0, rated: 0, x: 0, g: 0, h: 0, k: 0 };

function emptyTally(): Tally {
  return { ...EMPTY_COUNTS };
}
