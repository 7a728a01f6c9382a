// Incremental validation of a workbook. A full pass evaluates every rule once per unit; an edit re-runs only the
// rules that read an edited cell, for that unit only, and the aggregate rules (totals, caps over a column) on
// column sums kept by delta. Nothing in an edit's path scans the rows, so an edit costs the same at 27 or
// 100,000 units.
import type { Finding } from './finding';
import {
  CONTROL_ROW,
  cellKey,
  getCell,
  type CellChange,
  type CellValue,
  type RowValues,
  type SheetSettings,
  type SheetsData,
  type Unit,
  type YearChangeThreshold,
} from './model';
import type { AggregateContext, PreviousYearView, RowContext } from './rules/kind';
import { DEFAULT_SETTINGS, type Severity } from './template';
import type { CompiledRule, CompiledTemplate } from './template-loader';

export interface ColumnAggregate {
  sum: number;
  filled: number;
  readonly values: Map<string, number>;
}

export interface SeverityCounts {
  error: number;
  warning: number;
}

/** Last year's report, its rows already keyed by this report's unit ids (see alignPrevious). */
export interface PreviousYear {
  readonly rows: SheetsData;
  readonly threshold: YearChangeThreshold;
}

const readKey = (sheet: string, col: string) => `${sheet}\u0001${col}`;

export interface ValidatorOptions {
  /**
   * The first full pass waits until a finding, a count, a column's sums or an edit is asked for, or ensureChecked()
   * is called: a view that shows none of them (a member list opening) can paint before the report is checked.
   */
  readonly deferCheck?: boolean;
}

/** A unit list's lookups for a template: made once per list (see unitIndex), then only read. */
interface UnitIndex {
  readonly unitById: Map<string, Unit>;
  /** sheet → units that have a row in it, in unit order. */
  readonly sheetUnits: Map<string, Unit[]>;
  /** sheet → unit id → its row index in the sheet. */
  readonly sheetRowIndex: Map<string, Map<string, number>>;
}

/**
 * Unit lists are never changed in place (a new list replaces the old), so every validator over one list and
 * template shares its lookups: an import's plan checks a copy of the report over the session's list, and at
 * 100,000 units indexing it again took 30 ms and 10 MB.
 */
const unitIndexes = new WeakMap<readonly Unit[], WeakMap<CompiledTemplate, UnitIndex>>();

function unitIndex(template: CompiledTemplate, units: readonly Unit[]): UnitIndex {
  let byTemplate = unitIndexes.get(units);
  if (!byTemplate) unitIndexes.set(units, (byTemplate = new WeakMap()));
  let index = byTemplate.get(template);
  if (index) return index;
  // Loops, not new Map(units.map(...)): no pair array per unit (100,000 units made 200,000 of them).
  const unitById = new Map<string, Unit>();
  for (const u of units) unitById.set(u.id, u);
  const sheetUnits = new Map<string, Unit[]>();
  const sheetRowIndex = new Map<string, Map<string, number>>();
  // Sheets with the same row filter share one list and one index (most sheets have a row per unit).
  const byFilter = new Map<string, { list: Unit[]; index: Map<string, number> }>();
  for (const sheet of template.sheets.values()) {
    const filter = sheet.rowsFor ?? '*';
    let rows = byFilter.get(filter);
    if (!rows) {
      const list = sheet.rowsFor ? units.filter((u) => u.form === sheet.rowsFor) : [...units];
      const rowIndex = new Map<string, number>();
      for (let i = 0; i < list.length; i++) rowIndex.set(list[i]?.id ?? '', i);
      rows = { list, index: rowIndex };
      byFilter.set(filter, rows);
    }
    sheetUnits.set(sheet.id, rows.list);
    sheetRowIndex.set(sheet.id, rows.index);
  }
  index = { unitById, sheetUnits, sheetRowIndex };
  byTemplate.set(template, index);
  return index;
}

export class Validator {
  private units: readonly Unit[] = [];
  private unitById: ReadonlyMap<string, Unit> = new Map();
  /** sheet → units that have a row in it, in unit order. */
  private sheetUnits: ReadonlyMap<string, readonly Unit[]> = new Map();
  /** sheet → unit id → its row index in the sheet. */
  private sheetRowIndex: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map();
  private readonly rowReaders = new Map<string, CompiledRule[]>();
  private readonly aggregateReaders = new Map<string, CompiledRule[]>();
  private readonly ruleIndex = new Map<CompiledRule, number>();
  private aggregates = new Map<string, ColumnAggregate>();
  private readonly findings = new Map<string, readonly Finding[]>();
  /** The same findings by sheet and severity (a rule has one severity), so a view can list a few cheaply. */
  private readonly bySheet = new Map<string, Record<Severity, Map<string, readonly Finding[]>>>();
  /**
   * The same findings by cell, made at the first findingsAt after a full pass (null until then): a pass that
   * nobody asks by cell (an import's plan checks the report as it would be) makes no key per finding.
   */
  private byCell: Map<string, Finding[]> | null = null;
  private readonly counts = new Map<string, SeverityCounts>();
  private previous: PreviousYear | null = null;
  /** The full pass is still owed (a deferred check, see ValidatorOptions). */
  private pending = false;

  constructor(
    readonly template: CompiledTemplate,
    private readonly data: SheetsData,
    private settings: Readonly<Record<string, SheetSettings>>,
    units: readonly Unit[],
    options: ValidatorOptions = {},
  ) {
    template.rules.forEach((rule, i) => {
      this.ruleIndex.set(rule, i);
      const index = rule.kind.scope === 'row' ? this.rowReaders : this.aggregateReaders;
      for (const read of rule.reads) {
        const key = readKey(read.sheet, read.col);
        const list = index.get(key) ?? [];
        if (!list.includes(rule)) list.push(rule);
        index.set(key, list);
      }
    });
    this.indexUnits(units);
    if (options.deferCheck === true) this.pending = true;
    else this.validateAll();
  }

  /** Whether the full pass has run: findings, counts and sums are those of the data. */
  get checked(): boolean {
    return !this.pending;
  }

  /** Runs the full pass if it is still owed; every reader of findings, counts or sums calls it first. */
  ensureChecked(): void {
    if (this.pending) this.validateAll();
  }

  /** A new unit list (added, removed, reordered, changed form): everything is recomputed. */
  setUnits(units: readonly Unit[]): void {
    this.indexUnits(units);
    this.validateAll();
  }

  private indexUnits(units: readonly Unit[]): void {
    this.units = units;
    const index = unitIndex(this.template, units);
    this.unitById = index.unitById;
    this.sheetUnits = index.sheetUnits;
    this.sheetRowIndex = index.sheetRowIndex;
  }

  setSettings(settings: Readonly<Record<string, SheetSettings>>): void {
    this.settings = settings;
    this.validateAll();
  }

  /**
   * Attaches last year's report (null detaches it). Its rows must be keyed by this report's unit ids; when the
   * unit list changes, the caller aligns again and calls this again. Last year's figures are never edited here,
   * so only this call, not an edit, makes the year-on-year rules look at them anew.
   */
  setPreviousYear(previous: PreviousYear | null): void {
    this.previous = previous;
    this.validateAll();
  }

  settingsOf(sheet: string): SheetSettings {
    return this.settings[sheet] ?? this.template.sheets.get(sheet)?.defaults ?? DEFAULT_SETTINGS;
  }

  unitsOf(sheet: string): readonly Unit[] {
    return this.sheetUnits.get(sheet) ?? [];
  }

  hasRow(sheet: string, row: string): boolean {
    return row === CONTROL_ROW || (this.sheetRowIndex.get(sheet)?.has(row) ?? false);
  }

  unit(id: string): Unit | undefined {
    return this.unitById.get(id);
  }

  /** The unit's row index in a sheet, or -1 when the sheet has no row for it. */
  rowIndex(sheet: string, id: string): number {
    return this.sheetRowIndex.get(sheet)?.get(id) ?? -1;
  }

  validateAll(): void {
    this.pending = false;
    this.findings.clear();
    this.bySheet.clear();
    this.byCell = null;
    this.counts.clear();
    this.aggregates = new Map();
    // Each row is read once: its cells feed every column's aggregate, then every row rule of its sheet.
    for (const [sheetId, sheet] of this.template.sheets) {
      const rows = this.data.get(sheetId);
      const cols = sheet.columns.map((col) => col.id);
      const aggs = cols.map((col) => {
        const agg: ColumnAggregate = { sum: 0, filled: 0, values: new Map() };
        this.aggregates.set(readKey(sheetId, col), agg);
        return agg;
      });
      if (!rows || rows.size === 0) continue;
      for (const unit of this.unitsOf(sheetId)) {
        const row = rows.get(unit.id);
        if (!row) continue;
        for (let c = 0; c < cols.length; c++) {
          const agg = aggs[c];
          if (agg) addToAggregate(agg, row[cols[c] ?? ''] ?? null, 1);
        }
      }
    }
    const rowRules = this.template.rules.filter((r) => r.kind.scope === 'row');
    for (const sheetId of this.template.sheets.keys()) {
      const rules = rowRules.filter((r) => r.def.sheet === sheetId);
      if (rules.length === 0) continue;
      const rows = this.data.get(sheetId);
      if (!rows || rows.size === 0) continue;
      // One cursor moved from row to row: a full pass allocates nothing per clean row.
      const cursor = this.cursor();
      for (const unit of this.unitsOf(sheetId)) {
        // A row rule reports nothing on a unit with no values in the rule's own sheet (see RowKind).
        const own = rows.get(unit.id);
        if (!own) continue;
        cursor.at(unit, sheetId, own);
        for (const rule of rules) this.check(rule, unit, cursor, true);
      }
    }
    for (const rule of this.template.rules) if (rule.kind.scope === 'aggregate') this.evaluateAggregate(rule);
  }

  /** Call after the changes are written to the data: updates the sums and re-runs what reads the changed cells. */
  applyChanges(changes: readonly CellChange[]): void {
    // An owed full pass reads the data as it now is, these changes included: it is all there is to do.
    if (this.pending) {
      this.validateAll();
      return;
    }
    const rowWork = new Map<string, { rule: CompiledRule; unit: Unit }>();
    const aggregateWork = new Set<CompiledRule>();
    for (const change of changes) {
      const key = readKey(change.sheet, change.col);
      const unit = this.unitById.get(change.row);
      if (unit && this.hasRow(change.sheet, change.row)) {
        const agg = this.aggregates.get(key);
        if (agg) {
          addToAggregate(agg, change.before, -1);
          addToAggregate(agg, change.after, 1);
        }
        for (const rule of this.rowReaders.get(key) ?? [])
          rowWork.set(`${this.ruleIndex.get(rule)}:${unit.id}`, { rule, unit });
      }
      for (const rule of this.aggregateReaders.get(key) ?? []) aggregateWork.add(rule);
    }
    for (const { rule, unit } of rowWork.values()) this.evaluateRow(rule, unit);
    for (const rule of aggregateWork) this.evaluateAggregate(rule);
  }

  findingsAt(sheet: string, row: string, col: string): readonly Finding[] {
    this.ensureChecked();
    return this.cellIndex().get(cellKey(sheet, row, col)) ?? [];
  }

  private cellIndex(): Map<string, Finding[]> {
    if (this.byCell) return this.byCell;
    const byCell = new Map<string, Finding[]>();
    for (const group of this.findings.values()) for (const f of group) indexCells(byCell, f);
    return (this.byCell = byCell);
  }

  /** A copy: the counts change edit by edit, and views compare what they were given. */
  countsOf(sheet: string): SeverityCounts {
    this.ensureChecked();
    const counts = this.counts.get(sheet);
    return { error: counts?.error ?? 0, warning: counts?.warning ?? 0 };
  }

  column(sheet: string, col: string): Readonly<ColumnAggregate> {
    this.ensureChecked();
    return this.aggregates.get(readKey(sheet, col)) ?? { sum: 0, filled: 0, values: new Map() };
  }

  /** Every finding, in rule order then unit order of evaluation. */
  all(): Finding[] {
    this.ensureChecked();
    return [...this.findings.values()].flat();
  }

  /**
   * Up to `limit` findings of one sheet and severity, without visiting the others. When they all fit they come in
   * unit order; beyond the limit, the most recently changed come last.
   */
  list(sheet: string, severity: Severity, limit: number): Finding[] {
    this.ensureChecked();
    const out: Finding[] = [];
    for (const group of this.bySheet.get(sheet)?.[severity].values() ?? []) {
      for (const f of group) {
        if (out.length === limit) return out;
        out.push(f);
      }
    }
    // The sheet's row index, kept with its unit list: no new map of every unit at each call (the problems panel asks
    // for each sheet and severity after every change, and a 100,000-unit sheet made a 100,000-pair map each time).
    const index = this.sheetRowIndex.get(sheet);
    const rank = (f: Finding) => index?.get(f.row) ?? Number.MAX_SAFE_INTEGER;
    return out.sort((a, b) => rank(a) - rank(b));
  }

  private evaluateRow(rule: CompiledRule, unit: Unit): void {
    if (rule.kind.scope === 'row' && this.hasRow(rule.def.sheet, unit.id))
      this.check(rule, unit, this.rowContext(unit), false);
  }

  private rowContext(unit: Unit, ownSheet = '', ownRow?: RowValues): RowContext {
    return this.cursor().at(unit, ownSheet, ownRow);
  }

  private cursor(): RowCursor {
    return new RowCursor(this.data, (sheet) => this.settingsOf(sheet), this.previous);
  }

  /** `fresh`: nothing is recorded for this rule and unit yet (a full pass), so a clean row costs no lookup. */
  private check(rule: CompiledRule, unit: Unit, ctx: RowContext, fresh: boolean): void {
    if (rule.kind.scope !== 'row') return;
    const problems = rule.kind.check(rule.params, ctx, rule.def.sheet);
    if (fresh && problems.length === 0) return;
    this.replace(`${this.ruleIndex.get(rule)}:${unit.id}`, problems, rule, unit.id, fresh);
  }

  private evaluateAggregate(rule: CompiledRule): void {
    if (rule.kind.scope !== 'aggregate') return;
    const ctx: AggregateContext = {
      column: (sheet, col) => ({ ...this.column(sheet, col), rows: this.unitsOf(sheet).length }),
      countOf: (sheet, col, value) => this.column(sheet, col).values.get(value) ?? 0,
      control: (sheet, col) => getCell(this.data, sheet, CONTROL_ROW, col),
      settings: (sheet) => this.settingsOf(sheet),
    };
    this.replace(
      `${this.ruleIndex.get(rule)}:*`,
      rule.kind.check(rule.params, ctx, rule.def.sheet),
      rule,
      CONTROL_ROW,
    );
  }

  /**
   * `fresh`: a full pass, which cleared every finding first, so there is nothing under `key` to look up or take
   * out (a file of 86,000 rows with a warning each spent a tenth of its validation on those lookups).
   */
  private replace(
    key: string,
    problems: ReturnType<CompiledRule['kind']['check']>,
    rule: CompiledRule,
    row: string,
    fresh = false,
  ) {
    const old = fresh ? undefined : this.findings.get(key);
    if (!old && problems.length === 0) return; // the common case: nothing was wrong and nothing is
    if (old) for (const f of old) this.unindex(f);
    const group = this.sheetGroup(rule.def.sheet)[rule.severity];
    if (problems.length === 0) {
      this.findings.delete(key);
      group.delete(key);
      return;
    }
    const next: Finding[] = problems.map((p) => findingOf(rule, p, row));
    this.findings.set(key, next);
    if (!fresh) group.delete(key); // re-inserted at the end: the most recently changed come last
    group.set(key, next);
    for (const f of next) this.index(f);
  }

  private sheetGroup(sheet: string): Record<Severity, Map<string, readonly Finding[]>> {
    let group = this.bySheet.get(sheet);
    if (!group) {
      group = { error: new Map(), warning: new Map() };
      this.bySheet.set(sheet, group);
    }
    return group;
  }

  private index(f: Finding): void {
    if (this.byCell) indexCells(this.byCell, f);
    const counts = this.counts.get(f.sheet) ?? { error: 0, warning: 0 };
    counts[f.severity]++;
    this.counts.set(f.sheet, counts);
  }

  private unindex(f: Finding): void {
    const byCell = this.byCell;
    if (byCell)
      for (const col of f.columns) {
        const key = cellKey(f.sheet, f.row, col);
        const list = byCell.get(key);
        if (!list) continue;
        const i = list.indexOf(f);
        if (i >= 0) list.splice(i, 1);
        if (list.length === 0) byCell.delete(key);
      }
    const counts = this.counts.get(f.sheet);
    if (counts) counts[f.severity]--;
  }
}

/** A finding has no values unless its rule names some: one shared empty record. */
const NO_VALUES: Readonly<Record<string, number | string>> = Object.freeze({});

/**
 * A rule's problem as a finding on `row` (unless the problem names its own). Its optional decimals are added, not
 * spread in: a pass can make 100,000 findings, and a spread made each one more than twice.
 */
function findingOf(
  rule: CompiledRule,
  p: ReturnType<CompiledRule['kind']['check']>[number],
  row: string,
): Finding {
  const f: { -readonly [K in keyof Finding]: Finding[K] } = {
    ruleId: rule.def.id,
    severity: rule.severity,
    sheet: rule.def.sheet,
    row: p.row ?? row,
    columns: p.columns,
    variant: p.variant,
    expected: p.expected,
    received: p.received,
    values: p.values ?? NO_VALUES,
  };
  if (p.decimals !== undefined) f.decimals = p.decimals;
  return f;
}

/** Adds a finding to a by-cell index, under each of its columns. */
function indexCells(byCell: Map<string, Finding[]>, f: Finding): void {
  for (const col of f.columns) {
    const key = cellKey(f.sheet, f.row, col);
    const list = byCell.get(key);
    if (list) list.push(f);
    else byCell.set(key, [f]);
  }
}

const NO_UNIT: Unit = { id: '', name: '', form: 'dang_bo', bloc: 'khac' };

/** What a row rule sees of one unit; the unit's row in the rule's own sheet is held, others are looked up. */
class RowCursor implements RowContext {
  unit: Unit = NO_UNIT;
  private ownSheet = '';
  private ownRow: RowValues | undefined;
  /** One view for the cursor's whole life: it reads whichever unit the cursor is at, so moving costs nothing. */
  readonly previousYear: PreviousYearView | null;

  constructor(
    private readonly data: SheetsData,
    readonly settings: (sheet: string) => SheetSettings,
    previous: PreviousYear | null,
  ) {
    this.previousYear =
      previous === null
        ? null
        : {
            threshold: previous.threshold,
            get: (sheet, col) => previous.rows.get(sheet)?.get(this.unit.id)?.[col] ?? null,
          };
  }

  at(unit: Unit, ownSheet: string, ownRow: RowValues | undefined): this {
    this.unit = unit;
    this.ownSheet = ownSheet;
    this.ownRow = ownRow;
    return this;
  }

  get(sheet: string, col: string): CellValue {
    if (sheet === this.ownSheet) return this.ownRow?.[col] ?? null;
    return this.data.get(sheet)?.get(this.unit.id)?.[col] ?? null;
  }
}

function addToAggregate(agg: ColumnAggregate, value: number | string | null, sign: 1 | -1): void {
  if (value === null) return;
  agg.filled += sign;
  if (typeof value === 'number') agg.sum += sign * value;
  else agg.values.set(value, (agg.values.get(value) ?? 0) + sign);
}
