// The selected range of the open sheet (AG Grid Community has no range selection). Cells are addressed by
// display indexes: rows are the unit rows then the pinned rows, columns the grid's displayed columns.

export interface CellIndex {
  readonly row: number;
  readonly col: number;
}

export interface Range {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export function rangeOf(a: CellIndex, b: CellIndex): Range {
  return {
    top: Math.min(a.row, b.row),
    bottom: Math.max(a.row, b.row),
    left: Math.min(a.col, b.col),
    right: Math.max(a.col, b.col),
  };
}

export function inRange(r: Range, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

export class RangeSelection {
  anchor = $state.raw<CellIndex | null>(null);
  focus = $state.raw<CellIndex | null>(null);
  readonly range = $derived(this.anchor && this.focus ? rangeOf(this.anchor, this.focus) : null);
  /** More than one cell: what the grid highlights. */
  readonly isMulti = $derived(
    !!this.range && (this.range.top !== this.range.bottom || this.range.left !== this.range.right),
  );

  /** A click or a plain arrow key: the range is the one cell. */
  collapse(cell: CellIndex): void {
    this.anchor = cell;
    this.focus = cell;
  }

  /** Shift+click, a drag or Shift+arrow: the anchor stays, the other corner moves. */
  extend(cell: CellIndex): void {
    if (!this.anchor) this.anchor = cell;
    this.focus = cell;
  }

  /** Moves the moving corner by a step, kept inside the sheet. */
  step(dRow: number, dCol: number, rows: number, cols: number, firstCol: number): CellIndex | null {
    const from = this.focus ?? this.anchor;
    if (!from) return null;
    const next = {
      row: Math.min(Math.max(from.row + dRow, 0), rows - 1),
      col: Math.min(Math.max(from.col + dCol, firstCol), cols - 1),
    };
    this.extend(next);
    return next;
  }

  selectAll(rows: number, cols: number, firstCol: number): void {
    this.anchor = { row: 0, col: firstCol };
    this.focus = { row: rows - 1, col: cols - 1 };
  }

  clear(): void {
    this.anchor = null;
    this.focus = null;
  }
}
