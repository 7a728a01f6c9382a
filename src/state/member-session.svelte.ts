// The open report's member list: its rows, the member-list validator over them, its own undo history, and the
// feed into Biểu 04. Edits go through here like the sheets' edits go through ReportSession: the core parses and
// validates, this class applies and records, the store keeps them.
import type { Finding } from '../core/finding';
import { bieu04FromList, crossCheck } from '../core/list/feed';
import { MemberListValidator, type MemberChange } from '../core/list/list-validator';
import {
  MEMBER_COLUMNS,
  MEMBERS_SHEET,
  memberRowId,
  parseMemberCell,
  type MemberColumnDef,
  type MemberParseError,
} from '../core/list/members';
import { memberListSettings } from '../core/list/rules';
import type { CellValue, RowValues, Unit } from '../core/model';
import type { MemberWrite } from '../storage/member-store';
import { History, invert } from './history';
import type { ReportSession } from './report-session.svelte';

export type MemberEditResult = { ok: true; changed: boolean } | { ok: false; error: MemberParseError };

/** Which members changed, for the grid to refresh only those rows. */
export interface MembersChangedEvent {
  readonly rows: readonly string[];
  /** The columns written (a sorted or filtered view changes only with them). */
  readonly cols: readonly string[];
  /** Rows shown for the first time (an added member, or members a paste or an import added). */
  readonly added: readonly string[];
}

const SEQUENCE = /^m([0-9a-z]+)$/;

export class MemberSession {
  version = $state(0);
  canUndo = $state(false);
  canRedo = $state(false);
  pendingSaves = $state(0);
  saveError = $state.raw<{ readonly error: unknown } | null>(null);
  /**
   * Whether the list's findings are shown yet: a list opens unchecked, so its first rows are painted before a
   * pass over every member (about 150 ms at 100,000), and the view calls check() once they are drawn.
   */
  checked = $state(false);
  /** The list's order: stored members by their sequence, then members added in this visit. */
  readonly order: string[];
  private readonly listed: Set<string>;
  /** The units the validator was last given. */
  private units: readonly Unit[];
  private next: number;
  private readonly history = new History();
  private readonly listeners = new Set<(e: MembersChangedEvent) => void>();
  private saveQueue: Promise<unknown> = Promise.resolve();
  private readonly columns = new Map<string, MemberColumnDef>(MEMBER_COLUMNS.map((c) => [c.id, c]));
  private built: MemberListValidator | null = null;

  constructor(
    private readonly report: ReportSession,
    readonly rows: Map<string, RowValues>,
    private readonly persist: (writes: readonly MemberWrite[]) => Promise<void>,
  ) {
    const seq = (id: string) => {
      const m = SEQUENCE.exec(id);
      return m ? parseInt(m[1] ?? '0', 36) : -1;
    };
    // Each id's sequence read once, not in every comparison (100,000 members: 1.7 million comparisons); a list
    // read from storage comes in its order (chunk by chunk), and is then taken as it is.
    const ids = [...rows.keys()];
    const seqs = ids.map(seq);
    let next = 0;
    let sorted = true;
    for (let i = 0; i < seqs.length; i++) {
      const s = seqs[i] ?? -1;
      if (s < 0 || (i > 0 && s <= (seqs[i - 1] ?? -1))) sorted = false;
      if (s >= next) next = s + 1;
    }
    if (sorted) this.order = ids;
    else {
      const keyed = ids.map((id, i) => ({ id, seq: seqs[i] ?? -1 }));
      keyed.sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : 1));
      this.order = keyed.map((k) => k.id);
    }
    this.listed = new Set(this.order);
    this.next = next;
    this.units = report.meta.units;
  }

  /** The list's checks over every member, made at first use (an edit, an export, or check()). */
  get validator(): MemberListValidator {
    return (this.built ??= new MemberListValidator(this.units, this.rows, this.settings()));
  }

  /** Shows the list's findings: every member checked (once), and the views told. */
  check(): void {
    void this.validator;
    if (this.checked) return;
    this.checked = true;
    this.emit({ rows: [], cols: [], added: [] });
    this.version++;
  }

  value(row: string, col: string): CellValue {
    return this.rows.get(row)?.[col] ?? null;
  }

  onChange(listener: (e: MembersChangedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The report's units or Biểu 04's settings changed: the list is checked again against them. */
  refreshFromReport(): void {
    const units = this.report.meta.units;
    // Not checked yet: the checks, when made, read the report as it is then.
    if (!this.built) {
      this.units = units;
      return;
    }
    const settings = this.settings();
    const was = this.built.currentSettings;
    const settingsChanged =
      was.convention !== settings.convention ||
      was.year !== settings.year ||
      was.cap?.percent !== settings.cap?.percent;
    // Each of these is a full pass over the list: only what changed is run.
    if (units !== this.units) this.built.setUnits((this.units = units));
    else if (!settingsChanged) return;
    if (settingsChanged) this.built.setSettings(settings);
    this.version++;
  }

  /** Types `raw` into a member's cell; what cannot be read is refused and the cell keeps its value. */
  editCell(row: string, col: string, raw: string): MemberEditResult {
    const column = this.columns.get(col);
    if (!column) return { ok: true, changed: false };
    const parsed = parseMemberCell(column, raw, this.report.meta.units);
    if (!parsed.ok) return parsed;
    return { ok: true, changed: this.apply([{ row, col, value: parsed.value }]) };
  }

  /** A new empty row at the end; it is stored once something is typed in it. */
  addMember(): string {
    const id = memberRowId(this.next++);
    this.order.push(id);
    this.listed.add(id);
    this.emit({ rows: [], cols: [], added: [id] });
    this.version++;
    return id;
  }

  /** A fresh row id, for a paste that adds members. */
  newRowId(): string {
    return memberRowId(this.next++);
  }

  /** Writes values as one undo step. */
  apply(writes: readonly MemberWrite[]): boolean {
    const changes = this.write(writes);
    if (changes.length === 0) return false;
    this.history.push({ cells: changes.map((c) => ({ ...c, sheet: MEMBERS_SHEET })) });
    this.syncFlags();
    return true;
  }

  undo(): void {
    const entry = this.history.undo();
    if (entry) this.write(invert(entry.cells).map((c) => ({ row: c.row, col: c.col, value: c.after })));
    this.syncFlags();
  }

  redo(): void {
    const entry = this.history.redo();
    if (entry) this.write(entry.cells.map((c) => ({ row: c.row, col: c.col, value: c.after })));
    this.syncFlags();
  }

  /** Biểu 04 as the list counts it, per unit the list has members of. */
  bieu04(): Map<string, RowValues> {
    return bieu04FromList(this.validator, this.report.meta.units, this.report.settingsOf('b04').convention);
  }

  /**
   * Writes the list's counts into Biểu 04 (one undo step of the report). Units the list has no member of keep
   * their row; returns the number of cells written.
   */
  fillBieu04(): number {
    const writes: { sheet: string; row: string; col: string; value: CellValue }[] = [];
    for (const [unit, counts] of this.bieu04())
      for (const [col, value] of Object.entries(counts)) writes.push({ sheet: 'b04', row: unit, col, value });
    const before = writes.filter((w) => this.report.value(w.sheet, w.row, w.col) !== w.value).length;
    this.report.applyCells(writes);
    return before;
  }

  /** Where a typed Biểu 04 row and the list disagree: an error naming both numbers. */
  crossCheck(): Finding[] {
    return crossCheck(
      this.validator,
      this.report.meta.units,
      this.report.data.get('b04') ?? new Map(),
      this.report.settingsOf('b04').convention,
    );
  }

  /** Resolves once every save made so far has finished. */
  flush(): Promise<unknown> {
    return this.saveQueue;
  }

  private settings() {
    return memberListSettings(this.report.template.set, this.report.settingsOf('b04'), this.report.meta.year);
  }

  private write(writes: readonly MemberWrite[]): MemberChange[] {
    const changes: MemberChange[] = [];
    const added: string[] = [];
    for (const w of writes) {
      const old = this.rows.get(w.row);
      const before = old?.[w.col] ?? null;
      if (before === w.value) continue;
      const next: Record<string, CellValue> = { ...old };
      if (w.value === null) delete next[w.col];
      else next[w.col] = w.value;
      if (Object.keys(next).length === 0) this.rows.delete(w.row);
      else this.rows.set(w.row, next);
      if (!this.listed.has(w.row)) {
        this.listed.add(w.row);
        this.order.push(w.row);
        added.push(w.row);
      }
      changes.push({ row: w.row, col: w.col, before, after: w.value });
    }
    if (changes.length === 0) return changes;
    // Checks not made yet are made from the rows as they are now.
    this.built?.applyChanges(changes);
    this.emit({
      rows: [...new Set(changes.map((c) => c.row))],
      cols: [...new Set(changes.map((c) => c.col))],
      added,
    });
    this.version++;
    const saved = changes.map((c) => ({ row: c.row, col: c.col, value: c.after }));
    this.pendingSaves++;
    this.saveQueue = this.saveQueue
      .then(() => this.persist(saved))
      .then(() => {
        this.saveError = null;
      })
      .catch((e: unknown) => {
        this.saveError = { error: e };
      })
      .finally(() => {
        this.pendingSaves--;
      });
    return changes;
  }

  private emit(e: MembersChangedEvent): void {
    for (const l of this.listeners) l(e);
  }

  private syncFlags(): void {
    this.canUndo = this.history.canUndo;
    this.canRedo = this.history.canRedo;
  }
}
