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
  type SheetSettings,
  type SheetsData,
  type Unit,
} from './model';
import type { AggregateContext, RowContext } from './rules/kind';
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

const readKey = (sheet: string, col: string) => `${sheet}\u0001${col}`;

export class Validator {
  private units: readonly Unit[] = [];
  private unitById = new Map<string, Unit>();
  /** sheet → units that have a row in it, in unit order. */
  private sheetUnits = new Map<string, Unit[]>();
  private sheetHasUnit = new Map<string, Set<string>>();
  private readonly rowReaders = new Map<string, CompiledRule[]>();
  private readonly aggregateReaders = new Map<string, CompiledRule[]>();
  private readonly ruleIndex = new Map<CompiledRule, number>();
  private aggregates = new Map<string, ColumnAggregate>();
  private readonly findings = new Map<string, readonly Finding[]>();
  /** The same findings by sheet and severity (a rule has one severity), so a view can list a few cheaply. */
  private readonly bySheet = new Map<string, Record<Severity, Map<string, readonly Finding[]>>>();
  private readonly byCell = new Map<string, Finding[]>();
  private readonly counts = new Map<string, SeverityCounts>();

  constructor(
    readonly template: CompiledTemplate,
    private readonly data: SheetsData,
    private settings: Readonly<Record<string, SheetSettings>>,
    units: readonly Unit[],
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
    this.setUnits(units);
  }

  /** A new unit list (added, removed, reordered, changed form): everything is recomputed. */
  setUnits(units: readonly Unit[]): void {
    this.units = units;
    this.unitById = new Map(units.map((u) => [u.id, u]));
    this.sheetUnits = new Map();
    this.sheetHasUnit = new Map();
    for (const sheet of this.template.sheets.values()) {
      const list = sheet.rowsFor ? units.filter((u) => u.form === sheet.rowsFor) : [...units];
      this.sheetUnits.set(sheet.id, list);
      this.sheetHasUnit.set(sheet.id, new Set(list.map((u) => u.id)));
    }
    this.validateAll();
  }

  setSettings(settings: Readonly<Record<string, SheetSettings>>): void {
    this.settings = settings;
    this.validateAll();
  }

  settingsOf(sheet: string): SheetSettings {
    return this.settings[sheet] ?? this.template.sheets.get(sheet)?.defaults ?? DEFAULT_SETTINGS;
  }

  unitsOf(sheet: string): readonly Unit[] {
    return this.sheetUnits.get(sheet) ?? [];
  }

  hasRow(sheet: string, row: string): boolean {
    return row === CONTROL_ROW || (this.sheetHasUnit.get(sheet)?.has(row) ?? false);
  }

  validateAll(): void {
    this.findings.clear();
    this.bySheet.clear();
    this.byCell.clear();
    this.counts.clear();
    this.aggregates = new Map();
    for (const [sheetId, sheet] of this.template.sheets) {
      const rows = this.data.get(sheetId);
      for (const col of sheet.columns) {
        const agg: ColumnAggregate = { sum: 0, filled: 0, values: new Map() };
        for (const unit of this.unitsOf(sheetId))
          addToAggregate(agg, rows?.get(unit.id)?.[col.id] ?? null, 1);
        this.aggregates.set(readKey(sheetId, col.id), agg);
      }
    }
    for (const rule of this.template.rules) {
      if (rule.kind.scope === 'aggregate') this.evaluateAggregate(rule);
      else for (const unit of this.unitsOf(rule.def.sheet)) this.evaluateRow(rule, unit);
    }
  }

  /** Call after the changes are written to the data: updates the sums and re-runs what reads the changed cells. */
  applyChanges(changes: readonly CellChange[]): void {
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
    return this.byCell.get(cellKey(sheet, row, col)) ?? [];
  }

  /** A copy: the counts change edit by edit, and views compare what they were given. */
  countsOf(sheet: string): SeverityCounts {
    const counts = this.counts.get(sheet);
    return { error: counts?.error ?? 0, warning: counts?.warning ?? 0 };
  }

  column(sheet: string, col: string): Readonly<ColumnAggregate> {
    return this.aggregates.get(readKey(sheet, col)) ?? { sum: 0, filled: 0, values: new Map() };
  }

  /** Every finding, in rule order then unit order of evaluation. */
  all(): Finding[] {
    return [...this.findings.values()].flat();
  }

  /**
   * Up to `limit` findings of one sheet and severity, without visiting the others. When they all fit they come in
   * unit order; beyond the limit, the most recently changed come last.
   */
  list(sheet: string, severity: Severity, limit: number): Finding[] {
    const out: Finding[] = [];
    for (const group of this.bySheet.get(sheet)?.[severity].values() ?? []) {
      for (const f of group) {
        if (out.length === limit) return out;
        out.push(f);
      }
    }
    const order = new Map(this.unitsOf(sheet).map((u, i) => [u.id, i]));
    const rank = (f: Finding) => order.get(f.row) ?? Number.MAX_SAFE_INTEGER;
    return out.sort((a, b) => rank(a) - rank(b));
  }

  private evaluateRow(rule: CompiledRule, unit: Unit): void {
    if (rule.kind.scope !== 'row' || !this.hasRow(rule.def.sheet, unit.id)) return;
    const ctx: RowContext = {
      unit,
      get: (sheet, col) => getCell(this.data, sheet, unit.id, col),
      settings: (sheet) => this.settingsOf(sheet),
    };
    const problems = rule.kind.check(rule.params, ctx, rule.def.sheet);
    this.replace(`${this.ruleIndex.get(rule)}:${unit.id}`, problems, rule, unit.id);
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

  private replace(
    key: string,
    problems: ReturnType<CompiledRule['kind']['check']>,
    rule: CompiledRule,
    row: string,
  ) {
    const old = this.findings.get(key);
    if (old) for (const f of old) this.unindex(f);
    const group = this.sheetGroup(rule.def.sheet)[rule.severity];
    if (problems.length === 0) {
      this.findings.delete(key);
      group.delete(key);
      return;
    }
    const next: Finding[] = problems.map((p) => ({
      ruleId: rule.def.id,
      severity: rule.severity,
      sheet: rule.def.sheet,
      row: p.row ?? row,
      columns: p.columns,
      variant: p.variant,
      expected: p.expected,
      received: p.received,
      values: p.values ?? {},
      ...(p.decimals === undefined ? {} : { decimals: p.decimals }),
    }));
    this.findings.set(key, next);
    group.delete(key); // re-inserted at the end: the most recently changed come last
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
    for (const col of f.columns) {
      const key = cellKey(f.sheet, f.row, col);
      const list = this.byCell.get(key);
      if (list) list.push(f);
      else this.byCell.set(key, [f]);
    }
    const counts = this.counts.get(f.sheet) ?? { error: 0, warning: 0 };
    counts[f.severity]++;
    this.counts.set(f.sheet, counts);
  }

  private unindex(f: Finding): void {
    for (const col of f.columns) {
      const key = cellKey(f.sheet, f.row, col);
      const list = this.byCell.get(key);
      if (!list) continue;
      const i = list.indexOf(f);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.byCell.delete(key);
    }
    const counts = this.counts.get(f.sheet);
    if (counts) counts[f.severity]--;
  }
}

function addToAggregate(agg: ColumnAggregate, value: number | string | null, sign: 1 | -1): void {
  if (value === null) return;
  agg.filled += sign;
  if (typeof value === 'number') agg.sum += sign * value;
  else agg.values.set(value, (agg.values.get(value) ?? 0) + sign);
}
