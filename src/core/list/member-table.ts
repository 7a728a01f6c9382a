// A member list held by column: one array of values per column and one of ids, a member being a slot across them.
// Stored chunks are read into it as they come from storage (chunks.ts readMemberTable), so opening a list of
// 100,000 members makes no object per member and no lookup table: the list's order is its slots, and the grid
// reads the cells of a slot directly. A member's row object is made when asked for (get, forEach), and the id →
// slot lookup at the first question by id (a sort, a filter, an edit, the checks).
//
// Slots are never removed or moved once the table is ordered: a member whose last value is cleared keeps its
// slot (it is listed, with blank cells, as it was before), and is no member for get, has, forEach and size.
import type { CellValue, RowValues } from '../model';

/** What reads a member list by id: a Map of rows is one, and so is a MemberTable. */
export interface MemberRows {
  readonly size: number;
  get(id: string): RowValues | undefined;
  has(id: string): boolean;
  /** Each member with a value, in the list's order. */
  forEach(each: (row: RowValues, id: string) => void): void;
  /**
   * forEach for a pass over every member that reads each row during the call only: the row may be one object
   * reused from member to member, its blank cells null.
   */
  scan?(each: (row: RowValues, id: string) => void): void;
}

const MAX_DIGITS = 10;
const MAX_TAG = 8;

/**
 * The sequence of an id the app made ("m" + base 36, up to 10 digits, then maybe "-" and the tag of the list's
 * session that made it: memberRowId), or -1 for any other id. The storage's chunk of a member is read from it too
 * (chunks.ts memberChunkOf): foreign ids are first in both.
 */
export function memberSequence(id: string): number {
  const n = id.length;
  if (n < 2 || id.charCodeAt(0) !== 109) return -1;
  let s = 0;
  let i = 1;
  for (; i < n; i++) {
    const c = id.charCodeAt(i);
    if (c >= 48 && c <= 57) s = s * 36 + (c - 48);
    else if (c >= 97 && c <= 122) s = s * 36 + (c - 87);
    else break;
  }
  if (i === 1 || i > MAX_DIGITS + 1) return -1;
  if (i === n) return s;
  // "-" and the tag: 1 to 8 base-36 characters.
  if (id.charCodeAt(i) !== 45 || n - i - 1 < 1 || n - i - 1 > MAX_TAG) return -1;
  for (let j = i + 1; j < n; j++) {
    const c = id.charCodeAt(j);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 122))) return -1;
  }
  return s;
}

/** The list's order: by sequence, foreign ids (sequence -1) first; equal sequences by id. */
function compareIds(a: string, sa: number, b: string, sb: number): number {
  return sa - sb || (a < b ? -1 : a > b ? 1 : 0);
}

function setValue(row: Record<string, CellValue>, col: string, v: CellValue): void {
  // A "__proto__" column stays a plain key.
  if (col === '__proto__')
    Object.defineProperty(row, col, { value: v, enumerable: true, writable: true, configurable: true });
  else row[col] = v;
}

export class MemberTable implements MemberRows {
  /** Every slot's id, in the list's order (by sequence once ordered()), members added in this visit last. */
  readonly ids: string[];
  private readonly cols: Map<string, CellValue[]>;
  /** The column arrays, kept with `cols` (has and set look at every column of one slot). */
  private readonly columns: CellValue[][];
  private count: number;
  private index: Map<string, number> | null = null;
  /** One more than the highest sequence among the ids (the next id the list can give). */
  private nextSequence = -1;

  /**
   * Every column array has one value per id (null = blank); the arrays become the table's. Use ordered() before
   * handing the table to a list: ids out of order or repeated (a damaged store) are put right there.
   */
  constructor(ids: string[], cols: Map<string, CellValue[]>) {
    for (const [col, values] of cols)
      if (values.length !== ids.length)
        throw new RangeError(`member table: column ${col} has ${values.length} values for ${ids.length} ids`);
    this.ids = ids;
    this.cols = cols;
    this.count = 0;
    this.columns = [...cols.values()];
    for (let slot = 0; slot < ids.length; slot++) if (filled(this.columns, slot)) this.count++;
  }

  static fromRows(rows: MemberRows | ReadonlyMap<string, RowValues>): MemberTable {
    const ids: string[] = [];
    const cols = new Map<string, CellValue[]>();
    rows.forEach((row, id) => {
      const slot = ids.length;
      ids.push(id);
      for (const col of Object.keys(row)) {
        const v = row[col] ?? null;
        if (v === null) continue;
        let column = cols.get(col);
        if (!column) cols.set(col, (column = []));
        while (column.length < slot) column.push(null);
        column.push(v);
      }
    });
    for (const column of cols.values()) while (column.length < ids.length) column.push(null);
    return new MemberTable(ids, cols);
  }

  /**
   * This table in the list's order, with one slot per id: itself when its ids are in order already (a list read
   * from storage, chunk by chunk), else a new table, sorted, in which a repeated id keeps its last values.
   */
  ordered(): MemberTable {
    const ids = this.ids;
    let next = 0;
    let inOrder = true;
    let prev = '';
    let prevSeq = -2;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] ?? '';
      const seq = memberSequence(id);
      if (seq >= next) next = seq + 1;
      if (inOrder && i > 0 && compareIds(prev, prevSeq, id, seq) >= 0) inOrder = false;
      prev = id;
      prevSeq = seq;
    }
    if (inOrder) {
      this.nextSequence = next;
      return this;
    }
    const last = new Map<string, number>();
    ids.forEach((id, slot) => last.set(id, slot));
    const keyed = [...last].map(([id, slot]) => ({ id, slot, seq: memberSequence(id) }));
    keyed.sort((a, b) => compareIds(a.id, a.seq, b.id, b.seq));
    const cols = new Map<string, CellValue[]>();
    for (const [col, values] of this.cols)
      cols.set(
        col,
        keyed.map((k) => values[k.slot] ?? null),
      );
    const table = new MemberTable(
      keyed.map((k) => k.id),
      cols,
    );
    table.nextSequence = next;
    return table;
  }

  /** The next sequence no id of the table has reached (ordered() computes it; 0 for an empty table). */
  get next(): number {
    if (this.nextSequence < 0)
      this.nextSequence = this.ids.reduce((n, id) => Math.max(n, memberSequence(id) + 1), 0);
    return this.nextSequence;
  }

  /** How many members have a value. */
  get size(): number {
    return this.count;
  }

  /** The slot of an id, or -1. */
  slotOf(id: string): number {
    if (!this.index) {
      const index = new Map<string, number>();
      this.ids.forEach((each, slot) => index.set(each, slot));
      this.index = index;
    }
    return this.index.get(id) ?? -1;
  }

  /** Whether the id has a slot (a member, or a row listed with no value). */
  knows(id: string): boolean {
    return this.slotOf(id) >= 0;
  }

  valueAt(slot: number, col: string): CellValue {
    return this.cols.get(col)?.[slot] ?? null;
  }

  value(id: string, col: string): CellValue {
    const slot = this.slotOf(id);
    return slot < 0 ? null : this.valueAt(slot, col);
  }

  /** The member in a slot as a row (a new object each time), or undefined when it has no value. */
  rowAt(slot: number): RowValues | undefined {
    let row: Record<string, CellValue> | undefined;
    for (const [col, values] of this.cols) {
      const v = values[slot] ?? null;
      if (v !== null) setValue((row ??= {}), col, v);
    }
    return row;
  }

  get(id: string): RowValues | undefined {
    const slot = this.slotOf(id);
    return slot < 0 ? undefined : this.rowAt(slot);
  }

  has(id: string): boolean {
    const slot = this.slotOf(id);
    return slot >= 0 && filled(this.columns, slot);
  }

  forEach(each: (row: RowValues, id: string) => void): void {
    const ids = this.ids;
    for (let slot = 0; slot < ids.length; slot++) {
      const row = this.rowAt(slot);
      if (row) each(row, ids[slot] ?? '');
    }
  }

  scan(each: (row: RowValues, id: string) => void): void {
    const ids = this.ids;
    const cols = [...this.cols];
    // No prototype: a "__proto__" column is a plain key.
    const row = Object.create(null) as Record<string, CellValue>;
    for (let slot = 0; slot < ids.length; slot++) {
      let any = false;
      for (const [col, values] of cols) {
        const v = values[slot] ?? null;
        row[col] = v;
        if (v !== null) any = true;
      }
      if (any) each(row, ids[slot] ?? '');
    }
  }

  /** A slot for a new id, at the end, with no value; returns it. An id the table knows keeps its slot. */
  add(id: string): number {
    const known = this.slotOf(id);
    if (known >= 0) return known;
    const slot = this.ids.length;
    this.ids.push(id);
    this.index?.set(id, slot);
    for (const values of this.columns) values.push(null);
    const seq = memberSequence(id);
    if (this.nextSequence >= 0 && seq >= this.nextSequence) this.nextSequence = seq + 1;
    return slot;
  }

  /** Sets one cell (null = blank), adding a slot for an id the table does not know; returns the value before. */
  set(id: string, col: string, value: CellValue): CellValue {
    const slot = this.add(id);
    let column = this.cols.get(col);
    if (!column) {
      if (value === null) return null;
      this.cols.set(col, (column = new Array<CellValue>(this.ids.length).fill(null)));
      this.columns.push(column);
    }
    const before = column[slot] ?? null;
    if (before === value) return before;
    const was = before !== null || filled(this.columns, slot);
    column[slot] = value;
    const is = value !== null || filled(this.columns, slot);
    if (was !== is) this.count += is ? 1 : -1;
    return before;
  }
}

function filled(columns: readonly (readonly CellValue[])[], slot: number): boolean {
  for (const values of columns) if ((values[slot] ?? null) !== null) return true;
  return false;
}
