// The open report's member list: its rows, the member-list validator over them, its own undo history, and the
// feed into Biểu 04. Edits go through here like the sheets' edits go through ReportSession: the core parses and
// validates, this class applies and records, the store keeps them.
import type { Finding } from '../core/finding';
import { bieu04FromList, crossCheck } from '../core/list/feed';
import { MemberListValidator, type MemberChange } from '../core/list/list-validator';
import {
  MEMBER_COLUMNS,
  MEMBERS_SHEET,
  memberIdTag,
  memberRowId,
  parseMemberCell,
  type MemberColumnDef,
  type MemberParseError,
} from '../core/list/members';
import { MemberTable } from '../core/list/member-table';
import { memberListSettings } from '../core/list/rules';
import type { CellChange, CellValue, RowValues, Unit } from '../core/model';
import type { MemberWrite } from '../storage/member-store';
import { History, invert, stillOurs } from './history';
import type { ReportSession } from './report-session.svelte';

export type MemberEditResult = { ok: true; changed: boolean } | { ok: false; error: MemberParseError };

/** Which members changed, for the grid to refresh only those rows. */
export interface MembersChangedEvent {
  /**
   * The whole list was read: 'extended' when the members shown so far are its first, in their places (the list
   * only grew), 'replaced' when any may be elsewhere (a damaged store kept a member in a chunk not its own).
   */
  readonly read?: 'extended' | 'replaced';
  readonly rows: readonly string[];
  /** The columns written (a sorted or filtered view changes only with them). */
  readonly cols: readonly string[];
  /** Rows shown for the first time (an added member, or members a paste or an import added). */
  readonly added: readonly string[];
}

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
  /**
   * False while the list's first members are shown and the rest is read from storage: nothing can be changed, and
   * the checks wait for the whole list. It stays false when the rest cannot be read (see unread).
   */
  complete = $state(true);
  /** The rest of the list could not be read: the members read so far are shown, and nothing can be changed. */
  unread = $state(false);
  /** The members, by column (core/list/member-table.ts). */
  private table: MemberTable;
  /** Reads the whole list, when only its first members were given; started once, by check(). */
  private rest: (() => Promise<MemberTable | null>) | null;
  /** The units the validator was last given. */
  private units: readonly Unit[];
  /** The sequences newRowId gave out (a pasted member's id is given before its row is written). */
  private issued = 0;
  /** This session's tag in the ids it makes: another tab of the list makes ids of the same sequences. */
  private readonly tag = memberIdTag();
  private readonly history = new History();
  private readonly listeners = new Set<(e: MembersChangedEvent) => void>();
  private saveQueue: Promise<unknown> = Promise.resolve();
  private readonly columns = new Map<string, MemberColumnDef>(MEMBER_COLUMNS.map((c) => [c.id, c]));
  private built: MemberListValidator | null = null;
  /** Cells other tabs stored while the whole list was read here: shown once it is (it may have been read before). */
  private remote: MemberWrite[] = [];

  /**
   * `rest`, when given: `rows` are the list's first members, and `rest` reads the whole list from storage (null when
   * it cannot be read). It is called by the first check(), which the view asks for once the first rows are drawn:
   * reading 100,000 members takes the page's main thread too, and the first screen comes first.
   */
  constructor(
    readonly report: ReportSession,
    rows: MemberTable | ReadonlyMap<string, RowValues>,
    private readonly persist: (writes: readonly MemberWrite[]) => Promise<void>,
    rest?: () => Promise<MemberTable | null>,
  ) {
    // A list read from storage comes in its order (chunk by chunk), and is then taken as it is.
    this.table = (rows instanceof MemberTable ? rows : MemberTable.fromRows(rows)).ordered();
    this.units = report.meta.units;
    this.rest = rest ?? null;
    if (rest) this.complete = false;
  }

  /** The members, by column, in the list's order. */
  get rows(): MemberTable {
    return this.table;
  }

  /** The whole list has been read (null: it could not be): it replaces the first members shown. */
  private read(whole: MemberTable | null): void {
    if (!whole) {
      this.unread = true;
      return;
    }
    const shown = this.table.ids;
    this.table = whole.ordered();
    this.built = null;
    this.complete = true;
    const ids = this.table.ids;
    const extended = ids.length >= shown.length && shown.every((id, i) => ids[i] === id);
    this.emit({ read: extended ? 'extended' : 'replaced', rows: [], cols: [], added: [] });
    this.version++;
    const remote = this.remote;
    this.remote = [];
    this.change(remote, false);
    // Only check() starts the read: the check it asked for is made now.
    this.check();
  }

  /** The list's order: stored members by their sequence, then members added in this visit. */
  get order(): readonly string[] {
    return this.rows.ids;
  }

  /**
   * The list's checks over every member, made at first use (an edit, an export, or check()). Before the whole list
   * is read, they are made over the members read so far, and made again once it is.
   */
  get validator(): MemberListValidator {
    return (this.built ??= new MemberListValidator(this.units, this.rows, this.settings()));
  }

  /**
   * Shows the list's findings: every member checked (once), and the views told. Before the whole list is read, it
   * starts reading it, and checks it once it is read.
   */
  check(): void {
    if (!this.complete) {
      const rest = this.rest;
      this.rest = null;
      if (rest) void rest().then((whole) => this.read(whole));
      return;
    }
    void this.validator;
    if (this.checked) return;
    this.checked = true;
    this.emit({ rows: [], cols: [], added: [] });
    this.version++;
  }

  value(row: string, col: string): CellValue {
    return this.rows.value(row, col);
  }

  /** A member's slot in the list (its place in `order`), or -1. */
  slot(row: string): number {
    return this.rows.slotOf(row);
  }

  /** A cell of the member in a slot of the list. */
  valueAt(slot: number, col: string): CellValue {
    return this.rows.valueAt(slot, col);
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

  /** A new empty row at the end; it is stored once something is typed in it. Not while the list is read. */
  addMember(): string {
    if (!this.complete) throw new Error('addMember: the member list is still being read');
    const id = this.newRowId();
    this.rows.add(id);
    this.emit({ rows: [], cols: [], added: [id] });
    this.version++;
    return id;
  }

  /** A fresh row id, for a paste that adds members. */
  newRowId(): string {
    const sequence = Math.max(this.issued, this.rows.next);
    this.issued = sequence + 1;
    return memberRowId(sequence, this.tag);
  }

  /** Writes values as one undo step. */
  apply(writes: readonly MemberWrite[]): boolean {
    const changes = this.write(writes);
    if (changes.length === 0) return false;
    this.history.push({ cells: changes.map((c) => ({ ...c, sheet: MEMBERS_SHEET })) });
    this.syncFlags();
    return true;
  }

  /**
   * Cells another tab stored: shown and checked here, not written again, and not an undo step of this tab (as the
   * sheets' cells, ReportSession.applyRemote). While the whole list is read, they wait for it.
   */
  applyRemote(writes: readonly MemberWrite[]): void {
    if (this.complete) this.change(writes, false);
    else if (!this.unread) for (const w of writes) this.remote.push(w);
  }

  /** Undoes this tab's last edit; returns how many of its cells were left as another tab has since set them. */
  undo(): number {
    const entry = this.history.undo();
    const kept = entry ? this.revert(invert(entry.cells)) : 0;
    this.syncFlags();
    return kept;
  }

  /** Redoes it; returns how many of its cells were left as another tab has since set them. */
  redo(): number {
    const entry = this.history.redo();
    const kept = entry ? this.revert(entry.cells) : 0;
    this.syncFlags();
    return kept;
  }

  private revert(cells: readonly CellChange[]): number {
    const ours = stillOurs(cells, (c) => this.value(c.row, c.col));
    this.write(ours.cells.map((c) => ({ row: c.row, col: c.col, value: c.after })));
    return ours.kept;
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

  /** Nothing is written before the whole list is read (a value would be written over members not read yet). */
  private write(writes: readonly MemberWrite[]): MemberChange[] {
    return this.change(writes, true);
  }

  /** Applies the writes that change a cell and tells the views; has them stored when `store` (another tab's are). */
  private change(writes: readonly MemberWrite[], store: boolean): MemberChange[] {
    const changes: MemberChange[] = [];
    if (!this.complete) return changes;
    const added: string[] = [];
    for (const w of writes) {
      const before = this.rows.value(w.row, w.col);
      if (before === w.value) continue;
      if (!this.rows.knows(w.row)) added.push(w.row);
      this.rows.set(w.row, w.col, w.value);
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
    if (!store) return changes;
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
