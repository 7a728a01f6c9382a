// The project's own undo history. One entry is one user action (a typed cell, a cleared range, a paste, a unit
// removed, a setting changed), however many cells it touched; AG Grid's undo cannot be used because it does
// not cover changes made by code.
import type { CellChange, CellValue, ReportMeta } from '../core/model';

/** The parts of the report's meta an action may change. */
export type MetaPart = Pick<ReportMeta, 'units' | 'settings'>;

export interface HistoryEntry {
  readonly cells: readonly CellChange[];
  readonly meta?: { readonly before: Partial<MetaPart>; readonly after: Partial<MetaPart> };
  /** Names the action for whoever must follow it being undone and redone (a combined batch of submissions). */
  readonly tag?: string;
}

export class History {
  private readonly done: HistoryEntry[] = [];
  private readonly undone: HistoryEntry[] = [];

  constructor(private readonly limit = 500) {}

  push(entry: HistoryEntry): void {
    this.done.push(entry);
    if (this.done.length > this.limit) this.done.shift();
    this.undone.length = 0;
  }

  /** The entry to revert, moved to the redo stack. */
  undo(): HistoryEntry | undefined {
    const entry = this.done.pop();
    if (entry) this.undone.push(entry);
    return entry;
  }

  redo(): HistoryEntry | undefined {
    const entry = this.undone.pop();
    if (entry) this.done.push(entry);
    return entry;
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }
}

export function invert(changes: readonly CellChange[]): CellChange[] {
  return changes.map((c) => ({ ...c, before: c.after, after: c.before })).reverse();
}

/**
 * The cells of an undo or redo (`cells`: from what each holds now, `before`, to what it gets, `after`) that still
 * hold what this tab left in them. A cell another tab has changed since keeps that tab's value: undoing here must
 * not write over what was typed there. `kept` counts those cells, for the user to be told. An action writes each
 * cell once, so each is checked against the value it holds now.
 */
export function stillOurs<C extends CellChange>(
  cells: readonly C[],
  current: (c: C) => CellValue,
): { cells: C[]; kept: number } {
  const ours = cells.filter((c) => current(c) === c.before);
  return { cells: ours, kept: cells.length - ours.length };
}
