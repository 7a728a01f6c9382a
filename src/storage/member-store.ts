// The member lists, stored in chunks: a member's chunk is its row id's sequence ("m" + base 36) divided by
// MEMBER_CHUNK, so 100,000 members are about 200 records to read when the list opens, and an edit rewrites the
// chunks of the members it touches, never the whole list. Reads are checked like every other stored record (a
// damaged cell or member is dropped and named); writes are read-modify-write of the touched chunks in one
// transaction, so two tabs editing different cells of one member keep both.
import type { CellValue, RowValues } from '../core/model';
import type { MemberKey, MemberRecord, TongHopDB } from './db';
import { describeValue, isRecord, isStorableValue } from './restore';

export interface MemberWrite {
  readonly row: string;
  readonly col: string;
  readonly value: CellValue;
}

export interface LoadedMembers {
  readonly rows: Map<string, RowValues>;
  /** One entry per dropped cell or record: `row/col: received …`. */
  readonly dropped: string[];
}

export const MEMBER_CHUNK = 512;
const SEQUENCE = /^m([0-9a-z]{1,10})$/;

/** The chunk a member's row id belongs to; ids not made by the app share chunk -1. */
export function chunkOf(row: string): number {
  const m = SEQUENCE.exec(row);
  return m ? Math.floor(parseInt(m[1] ?? '', 36) / MEMBER_CHUNK) : -1;
}

/** The valid members of a stored chunk, the dropped ones named. */
function restoreChunk(raw: unknown, into: Map<string, RowValues>, dropped: string[], i: number): void {
  if (!isRecord(raw) || !isRecord(raw.rows)) {
    dropped.push(`member chunk #${i}: not a member chunk`);
    return;
  }
  for (const [row, values] of Object.entries(raw.rows)) {
    if (!isRecord(values)) {
      dropped.push(`${row}: received ${describeValue(values)}`);
      continue;
    }
    const kept: [string, number | string][] = [];
    for (const [col, v] of Object.entries(values)) {
      if (isStorableValue(v)) kept.push([col, v]);
      else if (v !== null) dropped.push(`${row}/${col}: received ${describeValue(v)}`);
    }
    if (kept.length > 0) into.set(row, Object.fromEntries(kept));
  }
}

export class MemberStore {
  constructor(private readonly db: TongHopDB) {}

  async load(reportId: string): Promise<LoadedMembers> {
    const rows = new Map<string, RowValues>();
    const dropped: string[] = [];
    const chunks = await this.db.members.where('reportId').equals(reportId).toArray();
    chunks.forEach((raw, i) => restoreChunk(raw, rows, dropped, i));
    return { rows, dropped };
  }

  /** Applies the writes (null = blank; a member left with no value is removed) in one transaction. */
  async write(reportId: string, writes: readonly MemberWrite[]): Promise<void> {
    const byChunk = new Map<number, Map<string, Map<string, CellValue>>>();
    for (const w of writes) {
      if (w.value !== null && !isStorableValue(w.value))
        throw new TypeError(`${w.row}/${w.col}: expected a finite number, a string or null`);
      const chunk = chunkOf(w.row);
      let rows = byChunk.get(chunk);
      if (!rows) byChunk.set(chunk, (rows = new Map<string, Map<string, CellValue>>()));
      let cells = rows.get(w.row);
      if (!cells) rows.set(w.row, (cells = new Map<string, CellValue>()));
      cells.set(w.col, w.value);
    }
    if (byChunk.size === 0) return;
    const keys = [...byChunk.keys()].map((chunk): MemberKey => [reportId, chunk]);
    await this.db.transaction('rw', [this.db.reports, this.db.members], async () => {
      if ((await this.db.reports.update(reportId, { updatedAt: Date.now() })) === 0)
        throw new Error(`members: report ${reportId} not found`);
      const stored = await this.db.members.bulkGet(keys);
      const puts: MemberRecord[] = [];
      const deletes: MemberKey[] = [];
      keys.forEach((key, i) => {
        const current = new Map<string, RowValues>();
        if (stored[i] !== undefined) restoreChunk(stored[i], current, [], i);
        for (const [row, cells] of byChunk.get(key[1]) ?? []) {
          // A map, not an object: a "__proto__" column stays a column (fromEntries keeps it a plain key).
          const values = new Map(Object.entries(current.get(row) ?? {}));
          for (const [col, v] of cells) {
            if (v === null) values.delete(col);
            else values.set(col, v);
          }
          if (values.size > 0) current.set(row, Object.fromEntries(values));
          else current.delete(row);
        }
        if (current.size > 0) puts.push({ reportId, chunk: key[1], rows: Object.fromEntries(current) });
        else if (stored[i] !== undefined) deletes.push(key);
      });
      await this.db.members.bulkPut(puts);
      await this.db.members.bulkDelete(deletes);
    });
  }
}
