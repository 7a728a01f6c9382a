// The open report: its meta, its cell values, the validator over them and the undo history. Every change goes
// through here: the core parses and validates, this class applies and records, persistence is a callback.
import {
  CONTROL_ROW,
  DEFAULT_YEAR_CHANGE,
  getCell,
  setCell,
  type CellChange,
  type CellValue,
  type ReportMeta,
  type RowValues,
  type SheetSettings,
  type SheetsData,
  type Unit,
  type YearChangeThreshold,
} from '../core/model';
import { takesInput } from '../core/import-context';
import { parseCell, type ParseError } from '../core/parse';
import type { ColumnDef } from '../core/template';
import type { CompiledTemplate } from '../core/template-loader';
import { Validator, type ValidatorOptions } from '../core/validator';
import { History, invert, stillOurs, type HistoryEntry, type MetaPart } from './history';

export interface PreviousYear {
  readonly reportId: string;
  readonly name: string;
  readonly year: number;
  /** Last year's rows keyed by this report's unit ids. */
  readonly rows: SheetsData;
  readonly matched: number;
  /** This year's units with no unit last year. */
  readonly missing: readonly string[];
}

export interface CellWrite {
  readonly sheet: string;
  readonly row: string;
  readonly col: string;
  readonly value: CellValue;
}

/** How the session keeps its work: the app wires these to storage and to the other tabs. */
export interface SessionPersistence {
  saveCells(writes: readonly CellWrite[]): Promise<void>;
  saveMeta(update: (current: ReportMeta) => ReportMeta): Promise<ReportMeta>;
}

export type EditResult = { ok: true; changed: boolean } | { ok: false; error: ParseError };

export interface CellsChangedEvent {
  readonly changes: readonly CellChange[];
  /** The structure changed (units or settings): views rebuild. */
  readonly structural: boolean;
}

export class ReportSession {
  meta: ReportMeta;
  /** Bumped on every change, so views can derive counts and lists from it. */
  version = $state(0);
  pendingSaves = $state(0);
  /** The last save that failed, kept raw: the app describes it in the user's language. */
  saveError = $state.raw<{ readonly error: unknown } | null>(null);
  canUndo = $state(false);
  canRedo = $state(false);
  /** Last year's report, when one is attached. */
  previousYear = $state.raw<PreviousYear | null>(null);
  /**
   * Whether the views were told the report is checked. Opened with `deferCheck`, it stays false until check(): the
   * tab badges and the problems panel say "checking" meanwhile, rather than "no problems".
   */
  checked = $state(true);

  readonly validator: Validator;
  private readonly history = new History();
  private readonly listeners = new Set<(e: CellsChangedEvent) => void>();
  private readonly revertListeners = new Set<(tag: string, direction: 'undo' | 'redo') => void>();
  private saveQueue: Promise<unknown> = Promise.resolve();
  private readonly columnsBySheet = new Map<string, Map<string, ColumnDef>>();

  constructor(
    meta: ReportMeta,
    readonly data: SheetsData,
    readonly template: CompiledTemplate,
    private readonly persistence: SessionPersistence,
    options: ValidatorOptions = {},
  ) {
    this.meta = $state.raw(meta);
    this.validator = new Validator(template, data, meta.settings, meta.units, options);
    this.checked = this.validator.checked;
  }

  /** Runs the report's full check if it was deferred, and lets the views show its findings. */
  check(): void {
    if (this.checked) return;
    this.validator.ensureChecked();
    this.checked = true;
    this.version++;
  }

  value(sheet: string, row: string, col: string): CellValue {
    return getCell(this.data, sheet, row, col);
  }

  settingsOf(sheet: string): SheetSettings {
    return this.validator.settingsOf(sheet);
  }

  onChange(listener: (e: CellsChangedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether a cell takes typed input: an input column of a row the sheet has (percentages are computed). */
  isEditable(sheet: string, row: string, col: string): boolean {
    return takesInput(this.column(sheet, col), row, this.validator.hasRow(sheet, row));
  }

  /** A sheet's column by id: asked for every cell of a paste or an import, so kept in a map. */
  column(sheet: string, col: string): ColumnDef | undefined {
    let columns = this.columnsBySheet.get(sheet);
    if (!columns) {
      columns = new Map((this.template.sheets.get(sheet)?.columns ?? []).map((c) => [c.id, c]));
      this.columnsBySheet.set(sheet, columns);
    }
    return columns.get(col);
  }

  /** Types `raw` into a cell. A value that cannot be read is refused and the cell keeps its old value. */
  editCell(sheet: string, row: string, col: string, raw: string): EditResult {
    const column = this.column(sheet, col);
    if (!column || !this.isEditable(sheet, row, col)) return { ok: true, changed: false };
    const parsed = parseCell(column, raw);
    if (!parsed.ok) return parsed;
    const changed = this.applyCells([{ sheet, row, col, value: parsed.value }]);
    return { ok: true, changed };
  }

  /**
   * Writes values as one undo step; returns whether anything changed. A `tag` names the step for onRevert
   * listeners (the submission board follows its combined batch being undone and redone).
   */
  applyCells(writes: readonly CellWrite[], tag?: string): boolean {
    const changes = this.write(writes);
    if (changes.length === 0) return false;
    this.record(tag === undefined ? { cells: changes } : { cells: changes, tag });
    return true;
  }

  /**
   * Attaches (or detaches, with null) last year's report: its rows re-keyed to this report's units
   * (core/year-compare.ts alignPrevious). The jump warnings appear and the comparison can be shown.
   */
  setPreviousYear(previous: PreviousYear | null): void {
    this.previousYear = previous;
    this.validator.setPreviousYear(
      previous ? { rows: previous.rows, threshold: this.meta.yearChange ?? DEFAULT_YEAR_CHANGE } : null,
    );
    this.emit({ changes: [], structural: true });
    this.version++;
  }

  /** Which report is last year's (null: none) and the jump thresholds: saved, not an undo step. */
  setYearSettings(part: { previousReportId?: string | null; yearChange?: YearChangeThreshold }): void {
    const change = (meta: ReportMeta): ReportMeta => {
      const { previousReportId, ...rest } = meta;
      const previous = part.previousReportId === undefined ? previousReportId : part.previousReportId;
      return {
        ...rest,
        ...(previous == null ? {} : { previousReportId: previous }),
        ...(part.yearChange ? { yearChange: part.yearChange } : {}),
      };
    };
    this.meta = change(this.meta);
    if (part.yearChange && this.previousYear) this.setPreviousYear(this.previousYear);
    this.save(() => this.persistence.saveMeta(change));
  }

  /** Called when a tagged step is undone or redone. */
  onRevert(listener: (tag: string, direction: 'undo' | 'redo') => void): () => void {
    this.revertListeners.add(listener);
    return () => this.revertListeners.delete(listener);
  }

  /** Values saved by another tab: shown and validated here, not part of this tab's history, not saved again. */
  applyRemote(writes: readonly CellWrite[]): void {
    const changes: CellChange[] = [];
    for (const w of writes) {
      const before = this.value(w.sheet, w.row, w.col);
      if (before === w.value) continue;
      setCell(this.data, w.sheet, w.row, w.col, w.value);
      changes.push({ ...w, before, after: w.value });
    }
    if (changes.length > 0) this.afterChange(changes, false);
  }

  /** The meta as another tab saved it. */
  replaceMeta(meta: ReportMeta): void {
    const structural = meta.units !== this.meta.units || meta.settings !== this.meta.settings;
    this.meta = meta;
    if (structural) {
      this.validator.setUnits(meta.units);
      this.validator.setSettings(meta.settings);
      this.emit({ changes: [], structural: true });
    }
  }

  setSettings(sheet: string, settings: SheetSettings): void {
    const before = { settings: this.meta.settings };
    const after = { settings: { ...this.meta.settings, [sheet]: settings } };
    this.changeMeta(after);
    this.history.push({ cells: [], meta: { before, after } });
    this.syncHistoryFlags();
  }

  /** Replaces the unit list (add, rename, reorder, change form). Rows of units no longer listed are cleared. */
  setUnits(units: readonly Unit[]): void {
    const kept = new Set(units.map((u) => u.id));
    const cleared: CellWrite[] = [];
    for (const [sheet, rows] of this.data)
      for (const [row, values] of rows)
        if (row !== CONTROL_ROW && !kept.has(row))
          for (const col of Object.keys(values)) cleared.push({ sheet, row, col, value: null });
    const before = { units: this.meta.units };
    const after = { units };
    this.changeMeta(after);
    const cells = this.write(cleared);
    this.history.push({ cells, meta: { before, after } });
    this.syncHistoryFlags();
  }

  /** Whether a unit has any figure in any sheet (removing it then asks first). */
  hasValues(unitId: string): boolean {
    for (const rows of this.data.values()) if (Object.keys(rows.get(unitId) ?? {}).length > 0) return true;
    return false;
  }

  /** Undoes this tab's last action; returns how many of its cells were left as another tab has since set them. */
  undo(): number {
    const entry = this.history.undo();
    return entry ? this.revert(entry, 'undo') : 0;
  }

  /** Redoes it; returns how many of its cells were left as another tab has since set them. */
  redo(): number {
    const entry = this.history.redo();
    return entry ? this.revert(entry, 'redo') : 0;
  }

  /** Resolves once every save made so far has finished. */
  flush(): Promise<unknown> {
    return this.saveQueue;
  }

  private revert(entry: HistoryEntry, direction: 'undo' | 'redo'): number {
    const meta = entry.meta;
    const { cells, kept } = stillOurs(direction === 'undo' ? invert(entry.cells) : entry.cells, (c) =>
      this.value(c.sheet, c.row, c.col),
    );
    // Units come back before their cells on undo, and go after them on redo, so no value is ever orphaned.
    if (meta && direction === 'undo') this.changeMeta(meta.before);
    this.write(cells.map((c) => ({ sheet: c.sheet, row: c.row, col: c.col, value: c.after })));
    if (meta && direction === 'redo') this.changeMeta(meta.after);
    this.syncHistoryFlags();
    if (entry.tag !== undefined) for (const listener of this.revertListeners) listener(entry.tag, direction);
    return kept;
  }

  private write(writes: readonly CellWrite[]): CellChange[] {
    const changes: CellChange[] = [];
    // Rows are immutable for the views: each changed row is replaced by a fresh copy, made once per call and
    // filled cell by cell (a 10,000-row paste would otherwise copy each row once per cell).
    const fresh = new Map<string, Map<string, Record<string, CellValue>>>();
    for (const w of writes) {
      let rows = this.data.get(w.sheet);
      const before = rows?.get(w.row)?.[w.col] ?? null;
      if (before === w.value) continue;
      let copies = fresh.get(w.sheet);
      if (!copies) fresh.set(w.sheet, (copies = new Map<string, Record<string, CellValue>>()));
      let row = copies.get(w.row);
      if (!row) {
        if (!rows) this.data.set(w.sheet, (rows = new Map<string, RowValues>()));
        row = { ...(rows.get(w.row) ?? {}) };
        copies.set(w.row, row);
        rows.set(w.row, row);
      }
      if (w.value === null) delete row[w.col];
      else row[w.col] = w.value;
      changes.push({ sheet: w.sheet, row: w.row, col: w.col, before, after: w.value });
    }
    if (changes.length > 0) {
      this.afterChange(changes, false);
      this.save(() =>
        this.persistence.saveCells(
          changes.map((c) => ({ sheet: c.sheet, row: c.row, col: c.col, value: c.after })),
        ),
      );
    }
    return changes;
  }

  private changeMeta(part: Partial<MetaPart>): void {
    this.meta = { ...this.meta, ...part };
    if (part.units) this.validator.setUnits(this.meta.units);
    if (part.settings) this.validator.setSettings(this.meta.settings);
    this.emit({ changes: [], structural: true });
    this.version++;
    this.save(() => this.persistence.saveMeta((current) => ({ ...current, ...part })));
  }

  private record(entry: HistoryEntry): void {
    this.history.push(entry);
    this.syncHistoryFlags();
  }

  private afterChange(changes: readonly CellChange[], structural: boolean): void {
    this.validator.applyChanges(changes);
    this.emit({ changes, structural });
    this.version++;
  }

  private emit(event: CellsChangedEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private syncHistoryFlags(): void {
    this.canUndo = this.history.canUndo;
    this.canRedo = this.history.canRedo;
  }

  /** Saves in order, one after the other, so an undo never lands before the edit it reverts. */
  private save(task: () => Promise<unknown>): void {
    this.pendingSaves++;
    this.saveQueue = this.saveQueue
      .then(task)
      .then(() => {
        this.saveError = null;
      })
      .catch((e: unknown) => {
        this.saveError = { error: e };
      })
      .finally(() => {
        this.pendingSaves--;
      });
  }
}
