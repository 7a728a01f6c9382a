// The sheet's range selection and the keys and clipboard events that act on it: click-drag, Shift+click,
// Shift+arrows, Ctrl+A; Ctrl+C copies, Ctrl+V pastes (planned by the core), Delete clears, Ctrl+D fills down.
// Every change is one undo step. AG Grid Community has no range selection, so this owns it.
import type { GridApi } from 'ag-grid-community';
import { TOTAL_ROW } from '../core/finding';
import { parseErrorMessage } from '../core/messages';
import { CONTROL_ROW, type CellValue, type Lang } from '../core/model';
import { planPaste, type PastePlan, type Skipped } from '../core/paste';
import type { SheetDef } from '../core/template';
import type { CellWrite, ReportSession } from '../state/report-session.svelte';
import { inRange, type CellIndex, type Range, type RangeSelection } from '../state/selection.svelte';
import { translate } from '../ui/i18n';
import { copyBlock, readPastedBlock } from './clipboard';
import { cellText, columnOrder, FIRST_DATA_COLUMN, type GridRow } from './columns';

export interface SheetMessage {
  readonly kind: 'info' | 'error';
  readonly text: string;
}

export interface RangeCallbacks {
  /** A paste whose rows were matched by name without certainty: the user confirms before anything is written. */
  confirmPaste(plan: PastePlan, apply: () => void): void;
  message(message: SheetMessage): void;
}

const ARROWS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};
const NAMED_CELLS = 5;

export class RangeController {
  /** The cell a mouse button last went down on, until the grid has moved its focus there. */
  private pointerCell: { readonly row: string; readonly col: string } | null = null;
  constructor(
    private readonly session: ReportSession,
    private readonly sheet: SheetDef,
    readonly selection: RangeSelection,
    private readonly lang: () => Lang,
    private readonly callbacks: RangeCallbacks,
  ) {}

  rows(): string[] {
    const pinned = this.sheet.totals ? [TOTAL_ROW, CONTROL_ROW] : [];
    return [...this.session.validator.unitsOf(this.sheet.id).map((u) => u.id), ...pinned];
  }

  columns(): string[] {
    return columnOrder(this.sheet);
  }

  indexOf(row: string, col: string): CellIndex | null {
    const units = this.session.validator.unitsOf(this.sheet.id).length;
    const unitIndex = this.session.validator.rowIndex(this.sheet.id, row);
    const r = unitIndex >= 0 ? unitIndex : row === TOTAL_ROW ? units : row === CONTROL_ROW ? units + 1 : -1;
    const c = this.columns().indexOf(col);
    return r < 0 || c < 0 || (r >= units && !this.sheet.totals) ? null : { row: r, col: c };
  }

  /** The class a cell gets while it is inside a range of more than one cell. */
  classFor(row: string, col: string): string | null {
    const range = this.selection.range;
    if (!range || !this.selection.isMulti) return null;
    const at = this.indexOf(row, col);
    return at && inRange(range, at.row, at.col) ? 'cell-in-range' : null;
  }

  mouseDown(row: string, col: string, event: MouseEvent | null | undefined): void {
    const at = this.indexOf(row, col);
    if (!at) return;
    if (event?.shiftKey) this.selection.extend(at);
    else this.selection.collapse(at);
  }

  mouseOver(row: string, col: string, event: MouseEvent | null | undefined): void {
    if (!event || (event.buttons & 1) === 0) return;
    const at = this.indexOf(row, col);
    if (at) this.selection.extend(at);
  }

  /**
   * A mouse button went down on a cell of the sheet (row and col null: elsewhere in it), seen in the capture phase,
   * before the grid moves its focus: the range starts there (extends, with Shift). Taken from the DOM event itself:
   * the grid tells of a click in a later task, and a key pressed at once would act on the range before the click.
   */
  pointerDown(row: string | null, col: string | null, event: MouseEvent): void {
    this.pointerCell = row !== null && col !== null ? { row, col } : null;
    if (row !== null && col !== null) this.mouseDown(row, col, event);
  }

  /**
   * The grid moved its focus. Onto the cell a mouse button just went down on, or onto the range's moving corner
   * (our own Shift moves), it changes nothing: the range is made already; anywhere else (arrows, Tab, Enter) the
   * range is that cell.
   */
  focused(row: string, col: string): void {
    const pointer = this.pointerCell;
    this.pointerCell = null;
    if (pointer?.row === row && pointer.col === col) return;
    const at = this.indexOf(row, col);
    if (!at) return;
    const corner = this.selection.focus;
    if (corner && corner.row === at.row && corner.col === at.col) return;
    this.selection.collapse(at);
  }

  /** Keys on a cell that is not being edited; true when handled here (the grid then ignores it). */
  key(event: KeyboardEvent, api: GridApi<GridRow>): boolean {
    if (event.type !== 'keydown') return false;
    const ctrl = event.ctrlKey || event.metaKey;
    const arrow = ARROWS[event.key];
    if (arrow && event.shiftKey && !ctrl) {
      const next = this.selection.step(
        arrow[0],
        arrow[1],
        this.rows().length,
        this.columns().length,
        FIRST_DATA_COLUMN,
      );
      if (next) this.focusCell(api, next);
      return true;
    }
    if (ctrl && event.key.toLowerCase() === 'a') {
      event.preventDefault(); // not the page's text
      this.selection.selectAll(this.rows().length, this.columns().length, FIRST_DATA_COLUMN);
      return true;
    }
    if (ctrl && event.key.toLowerCase() === 'd') {
      event.preventDefault(); // not the browser's bookmark
      this.fillDown();
      return true;
    }
    if ((event.key === 'Delete' || event.key === 'Backspace') && !ctrl) {
      this.clear();
      return true;
    }
    return false;
  }

  copy(event: ClipboardEvent): void {
    const range = this.selection.range;
    if (!range || !event.clipboardData) return;
    const block = copyBlock(this.session, this.sheet, this.rows(), this.columns(), range, this.lang());
    event.clipboardData.setData('text/plain', block.text);
    event.clipboardData.setData('text/html', block.html);
    event.preventDefault();
  }

  paste(event: ClipboardEvent): void {
    const block = readPastedBlock(event.clipboardData);
    event.preventDefault();
    const range = this.selection.range;
    if (!block || block.length === 0 || !range) return;
    const plan = planPaste({
      sheet: this.sheet,
      units: this.session.validator.unitsOf(this.sheet.id),
      columns: this.columns(),
      rows: this.rows(),
      anchor: { row: range.top, col: range.left },
      selection: range,
      block,
      isEditable: (row, col) => this.session.isEditable(this.sheet.id, row, col),
    });
    const apply = () => this.applyPaste(plan);
    if (plan.needsConfirmation) this.callbacks.confirmPaste(plan, apply);
    else apply();
  }

  private applyPaste(plan: PastePlan): void {
    const lang = this.lang();
    this.session.applyCells(
      plan.writes.map((w) => ({ sheet: this.sheet.id, row: w.row, col: w.col, value: w.value })),
    );
    const written = translate(lang, 'pasteWritten', { n: plan.writes.length });
    if (plan.skipped.length === 0) {
      this.callbacks.message({ kind: 'info', text: written });
      return;
    }
    const named = plan.skipped.slice(0, NAMED_CELLS).map((s) => this.describeSkip(s, lang));
    const more =
      plan.skipped.length > NAMED_CELLS
        ? ` ${translate(lang, 'andMore', { n: plan.skipped.length - NAMED_CELLS })}`
        : '';
    const skipped = translate(lang, 'pasteSkipped', { n: plan.skipped.length });
    this.callbacks.message({
      kind: plan.writes.length === 0 ? 'error' : 'info',
      text: `${written} ${skipped}\n${named.join('\n')}${more}`,
    });
  }

  private describeSkip(s: Skipped, lang: Lang): string {
    const where =
      s.row && s.col
        ? `${cellText(this.session, this.sheet, s.row, 'name', lang)} · ${this.columnName(s.col, lang)}`
        : translate(lang, 'blockCell', { row: s.blockRow + 1, col: s.blockCol + 1 });
    const why =
      s.reason === 'invalid' && s.error
        ? parseErrorMessage(s.error, lang)
        : translate(lang, `skip-${s.reason}`, { text: s.raw });
    return `• ${where}: ${why}`;
  }

  private columnName(col: string, lang: Lang): string {
    return this.sheet.columns.find((c) => c.id === col)?.header[lang] ?? col;
  }

  private editableCells(range: Range): { row: string; col: string }[] {
    const rows = this.rows();
    const cols = this.columns();
    const cells: { row: string; col: string }[] = [];
    for (let r = range.top; r <= range.bottom; r++)
      for (let c = range.left; c <= range.right; c++) {
        const row = rows[r];
        const col = cols[c];
        if (row && col && this.session.isEditable(this.sheet.id, row, col)) cells.push({ row, col });
      }
    return cells;
  }

  /** Delete over the range: every editable cell cleared, one undo step. */
  private clear(): void {
    const range = this.selection.range;
    if (!range) return;
    this.session.applyCells(
      this.editableCells(range).map((c) => ({ sheet: this.sheet.id, ...c, value: null })),
    );
  }

  /** Ctrl+D: the range's top row copied down it, or, on one cell, the cell above copied into it (as in Excel). */
  private fillDown(): void {
    const range = this.selection.range;
    if (!range) return;
    const rows = this.rows();
    const source = this.selection.isMulti ? range.top : range.top - 1;
    const sourceRow = rows[source];
    if (source < 0 || !sourceRow) return;
    const target = this.selection.isMulti ? { ...range, top: range.top + 1 } : range;
    const writes: CellWrite[] = [];
    for (const cell of this.editableCells(target)) {
      const value: CellValue = this.session.value(this.sheet.id, sourceRow, cell.col);
      if (this.session.isEditable(this.sheet.id, sourceRow, cell.col))
        writes.push({ sheet: this.sheet.id, ...cell, value });
    }
    this.session.applyCells(writes);
  }

  private focusCell(api: GridApi<GridRow>, at: CellIndex): void {
    const units = this.session.validator.unitsOf(this.sheet.id).length;
    const col = this.columns()[at.col];
    if (!col) return;
    if (at.row < units) {
      api.ensureIndexVisible(at.row);
      api.setFocusedCell(at.row, col);
    } else api.setFocusedCell(at.row - units, col, 'bottom');
    api.ensureColumnVisible(col);
  }
}
