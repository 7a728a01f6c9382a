// Rows stored in chunks: a record holds many rows (row id → values), so a 100,000-row sheet is a few hundred
// records to read instead of 100,000, and an edit rewrites the chunk of the rows it touches, never the sheet.
// The aggregate sheets (repository.ts) and the member list (member-store.ts) share the reading and the
// read-modify-write of a chunk; each decides which chunk a row belongs to.
import { MemberTable, memberSequence } from '../core/list/member-table';
import type { CellValue, RowValues, SheetsData } from '../core/model';
import type { SheetChunkRecord } from './db';
import { packColumn, unpackColumn, type StoredColumn } from './member-columns';
import { describeValue, isStorableValue } from './restore';

/**
 * Throws, naming the cell (`sheet/row/col`, or `row/col`) and what was received, unless `v` may be stored: a finite
 * number, a string or null. The name is built only when it throws (this runs for every cell of a paste).
 */
export function checkStorable(v: unknown, row: string, col: string, sheet?: string): asserts v is CellValue {
  if (v === null || isStorableValue(v)) return;
  const where = sheet === undefined ? `${row}/${col}` : `${sheet}/${row}/${col}`;
  throw new TypeError(`${where}: expected a finite number, a string or null, received ${describeValue(v)}`);
}

/** Cell changes of a chunk's rows: row id → column → value (null clears the cell). */
export type ChunkChanges = ReadonlyMap<string, ReadonlyMap<string, CellValue>>;

/** What structured cloning gives back for a stored plain object: an object with Object.prototype. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Adds the valid rows of a stored chunk to `into`; a value that is neither a finite number nor a string is
 * dropped and named in `dropped` as `<label><row>/<col>: received …` (a null is a blank, dropped silently).
 * A row whose values are all valid is kept as the object read from storage (a fresh copy nobody else holds):
 * at 100,000 rows, rebuilding every row would cost more than reading them. Returns false when `raw` is not a
 * chunk at all.
 */
export function restoreChunkRows(
  raw: unknown,
  into: Map<string, RowValues>,
  dropped: string[],
  label: string,
): boolean {
  if (!isPlainObject(raw) || !isPlainObject(raw.rows)) return false;
  const rows = raw.rows;
  for (const row of Object.keys(rows)) {
    const values = rows[row];
    if (!isPlainObject(values)) {
      dropped.push(`${label}${row}: received ${describeValue(values)}`);
      continue;
    }
    const cols = Object.keys(values);
    let clean = Object.getPrototypeOf(values) === Object.prototype;
    for (let i = 0; clean && i < cols.length; i++) clean = isStorableValue(values[cols[i] ?? '']);
    if (clean) {
      if (cols.length > 0) into.set(row, values as RowValues);
      continue;
    }
    const kept = new Map<string, number | string>();
    for (const col of cols) {
      const v = values[col];
      if (isStorableValue(v)) kept.set(col, v);
      else if (v !== null) dropped.push(`${label}${row}/${col}: received ${describeValue(v)}`);
    }
    // fromEntries: a "__proto__" column stays a plain key.
    if (kept.size > 0) into.set(row, Object.fromEntries(kept));
  }
  return true;
}

/**
 * A chunk's rows after the changes (read-modify-write inside the caller's transaction): `stored` is the chunk
 * as read (undefined when there is none), damaged values in it are dropped. Returns the rows to store, or null
 * when no row is left (the chunk is to be deleted).
 */
export function applyToChunk(stored: unknown, changes: ChunkChanges): Record<string, RowValues> | null {
  const current = new Map<string, RowValues>();
  if (stored !== undefined) restoreChunkRows(stored, current, [], '');
  applyChanges(current, changes);
  return current.size > 0 ? Object.fromEntries(current) : null;
}

/** Applies cell changes to rows read from a chunk (a row left with no value is removed). */
export function applyChanges(current: Map<string, RowValues>, changes: ChunkChanges): void {
  for (const [row, cells] of changes) {
    // A map, not an object: a "__proto__" column stays a column (fromEntries keeps it a plain key).
    const values = new Map(Object.entries(current.get(row) ?? {}));
    for (const [col, v] of cells) {
      checkStorable(v, row, col);
      if (v === null) values.delete(col);
      else values.set(col, v);
    }
    if (values.size > 0) current.set(row, Object.fromEntries(values));
    else current.delete(row);
  }
}

/**
 * A member chunk as stored since version 8 of the database: the members' row ids, and per column the members'
 * values in the same order, packed since version 9 (member-columns.ts). Columns instead of an object per member:
 * Chromium reads them back faster (100,000 members: 520-730 ms as objects, about 280 ms as columns, both turned into
 * rows).
 */
export interface MemberColumns {
  readonly ids: readonly string[];
  readonly cols: Readonly<Record<string, StoredColumn>>;
}

/** The columns of a chunk's members, or null when it has none. */
export function toMemberColumns(rows: ReadonlyMap<string, RowValues>): MemberColumns | null {
  if (rows.size === 0) return null;
  const ids = [...rows.keys()];
  const byCol = new Map<string, CellValue[]>();
  ids.forEach((id, i) => {
    const values = rows.get(id) ?? {};
    for (const col of Object.keys(values)) {
      let column = byCol.get(col);
      if (!column) byCol.set(col, (column = new Array<CellValue>(ids.length).fill(null)));
      column[i] = values[col] ?? null;
    }
  });
  // fromEntries: a "__proto__" column stays a plain key.
  return { ids, cols: Object.fromEntries([...byCol].map(([col, values]) => [col, packColumn(values)])) };
}

/**
 * Adds the members of a stored member chunk (MemberColumns) to `into`; a value that is neither a finite number nor a
 * string, a column that is not a list of one value per member and an id that is not a string are dropped and named
 * in `dropped` (a null is a blank). Returns false when `raw` is not a member chunk at all.
 */
export function restoreMemberColumns(
  raw: unknown,
  into: Map<string, RowValues>,
  dropped: string[],
  label: string,
): boolean {
  if (!isPlainObject(raw) || !Array.isArray(raw.ids) || !isPlainObject(raw.cols)) return false;
  const ids: unknown[] = raw.ids;
  const cols = raw.cols;
  const rows = new Array<Record<string, CellValue> | undefined>(ids.length);
  // Column by column: every member gets its values in the same order, so the rows share their shapes.
  for (const col of Object.keys(cols)) {
    const values = unpackColumn(cols[col], ids.length, (i, received) =>
      dropped.push(`${label}${String(ids[i])}/${col}: received ${received}`),
    );
    if (typeof values === 'string') {
      dropped.push(`${label}${col}: ${values}`);
      continue;
    }
    for (let i = 0; i < values.length; i++) {
      const v = values[i] ?? null;
      if (v === null) continue;
      const row = (rows[i] ??= {});
      if (col === '__proto__')
        Object.defineProperty(row, col, { value: v, enumerable: true, writable: true, configurable: true });
      else row[col] = v;
    }
  }
  ids.forEach((id, i) => {
    if (typeof id !== 'string') dropped.push(`${label}member #${i}: received the id ${describeValue(id)}`);
    else {
      const row = rows[i];
      if (row) into.set(id, row);
    }
  });
  return true;
}

/**
 * A member list from its stored chunks (MemberColumns), in the order given, kept by column as stored: no object
 * per member. What restoreMemberColumns drops is dropped here too and named in `dropped` (a chunk that is not one
 * is named by its place). The table is not ordered yet (MemberTable.ordered).
 */
export function readMemberTable(raws: readonly unknown[], dropped: string[]): MemberTable {
  const ids: string[] = [];
  const cols = new Map<string, CellValue[]>();
  raws.forEach((raw, n) => {
    if (!isPlainObject(raw) || !Array.isArray(raw.ids) || !isPlainObject(raw.cols)) {
      dropped.push(`member chunk #${n}: not a member chunk`);
      return;
    }
    const chunkIds: unknown[] = raw.ids;
    // Each member's slot in the table, -1 for a member dropped for its id.
    const base = ids.length;
    let slots: number[] | null = null;
    for (let i = 0; i < chunkIds.length; i++) {
      const id = chunkIds[i];
      if (typeof id !== 'string') {
        dropped.push(`member #${i}: received the id ${describeValue(id)}`);
        slots ??= chunkIds.slice(0, i).map((_, k) => base + k);
        slots.push(-1);
      } else {
        slots?.push(ids.length);
        ids.push(id);
      }
    }
    for (const col of Object.keys(raw.cols)) {
      let column = cols.get(col);
      if (!column) cols.set(col, (column = []));
      while (column.length < base) column.push(null);
      // Straight into the table's column, unless members were dropped for their id.
      const values = unpackColumn(
        raw.cols[col],
        chunkIds.length,
        (i, received) => dropped.push(`${String(chunkIds[i])}/${col}: received ${received}`),
        slots ? [] : column,
      );
      if (typeof values === 'string') dropped.push(`${col}: ${values}`);
      else if (slots)
        for (let i = 0; i < values.length; i++) if (slots[i] !== -1) column.push(values[i] ?? null);
    }
  });
  for (const column of cols.values()) while (column.length < ids.length) column.push(null);
  return new MemberTable(ids, cols);
}

/** Groups cell writes by chunk, then row, then column (the last write of a cell wins). */
export function groupByChunk<K>(
  writes: Iterable<{ readonly row: string; readonly col: string; readonly value: CellValue }>,
  chunkOf: (row: string) => K,
): Map<K, Map<string, Map<string, CellValue>>> {
  const out = new Map<K, Map<string, Map<string, CellValue>>>();
  for (const { row, col, value } of writes) {
    const key = chunkOf(row);
    let rows = out.get(key);
    if (!rows) out.set(key, (rows = new Map<string, Map<string, CellValue>>()));
    let cells = rows.get(row);
    if (!cells) rows.set(row, (cells = new Map<string, CellValue>()));
    cells.set(col, value);
  }
  return out;
}

/** How many chunks a sheet's rows are spread over (by a hash of the row id: unit ids follow no order). */
export const SHEET_CHUNKS = 256;

/** The chunk of an aggregate sheet's row: FNV-1a of its id, modulo SHEET_CHUNKS. Stable forever: stored. */
export function sheetChunkOf(row: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < row.length; i++) {
    h ^= row.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % SHEET_CHUNKS;
}

/** The chunk records of a report's values; throws on a value that is neither a finite number, a string nor null. */
export function sheetChunkRecords(reportId: string, data: SheetsData): SheetChunkRecord[] {
  const out: SheetChunkRecord[] = [];
  for (const [sheet, rows] of data) {
    const writes: { row: string; col: string; value: CellValue }[] = [];
    for (const [row, values] of rows)
      for (const [col, value] of Object.entries(values)) {
        checkStorable(value, row, col, sheet);
        writes.push({ row, col, value });
      }
    for (const [chunk, changes] of groupByChunk(writes, sheetChunkOf)) {
      const stored = applyToChunk(undefined, changes);
      if (stored) out.push({ reportId, sheet, chunk, rows: stored });
    }
  }
  return out;
}

/**
 * Members a member chunk holds, by the sequence in their row id ("m" + base 36). 256, not 512: Chromium keeps a
 * stored value over 64 KiB apart, as a blob, and 512 members with Vietnamese text serialize past that — reading a
 * list of 100,000 took twice as long (version 7 of the database moved the 512-member chunks).
 */
export const MEMBER_CHUNK = 256;

/** The chunk a member's row id belongs to; ids not made by the app share chunk -1. */
export function memberChunkOf(row: string): number {
  const sequence = memberSequence(row);
  return sequence < 0 ? -1 : Math.floor(sequence / MEMBER_CHUNK);
}
