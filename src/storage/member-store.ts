// The member lists, stored in chunks: a member's chunk is its row id's sequence ("m" + base 36) divided by
// MEMBER_CHUNK (256), so 100,000 members are about 400 records to read when the list opens, and an edit rewrites the
// chunks of the members it touches, never the whole list. A chunk holds its members by column (chunks.ts
// MemberColumns), which reads back faster than an object per member. Reads are checked like every other stored record (a
// damaged cell or member is dropped and named); writes are read-modify-write of the touched chunks in one
// transaction, so two tabs editing different cells of one member keep both.
import type { CellValue, RowValues } from '../core/model';
import type { MemberKey, MemberRecord, TongHopDB } from './db';
import {
  applyChanges,
  checkStorable,
  groupByChunk,
  memberChunkOf as chunkOf,
  restoreMemberColumns,
  StringPool,
  toMemberColumns,
} from './chunks';

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

export { MEMBER_CHUNK, memberChunkOf as chunkOf } from './chunks';

/** The member columns of codes (chunks.ts StringPool): a few hundred different texts among 100,000 members. */
const POOLED: ReadonlySet<string> = new Set(['unit', 'standing', 'evaluation', 'rating']);

export class MemberStore {
  constructor(private readonly db: TongHopDB) {}

  async load(reportId: string): Promise<LoadedMembers> {
    const rows = new Map<string, RowValues>();
    const dropped: string[] = [];
    const chunks = await this.db.members.where('reportId').equals(reportId).toArray();
    const strings = new StringPool(POOLED);
    chunks.forEach((raw, i) => {
      if (!restoreMemberColumns(raw, rows, dropped, '', strings))
        dropped.push(`member chunk #${i}: not a member chunk`);
    });
    return { rows, dropped };
  }

  /** Applies the writes (null = blank; a member left with no value is removed) in one transaction. */
  async write(reportId: string, writes: readonly MemberWrite[]): Promise<void> {
    for (const w of writes) checkStorable(w.value, w.row, w.col);
    const byChunk = groupByChunk(writes, chunkOf);
    const keys = [...byChunk.keys()].map((chunk): MemberKey => [reportId, chunk]);
    await this.db.transaction('rw', [this.db.reports, this.db.members], async () => {
      if ((await this.db.reports.update(reportId, { updatedAt: Date.now() })) === 0)
        throw new Error(`members: report ${reportId} not found`);
      const stored = await this.db.members.bulkGet(keys);
      const puts: MemberRecord[] = [];
      const deletes: MemberKey[] = [];
      keys.forEach((key, i) => {
        const rows = new Map<string, RowValues>();
        if (stored[i] !== undefined) restoreMemberColumns(stored[i], rows, [], '');
        applyChanges(rows, byChunk.get(key[1]) ?? new Map());
        const columns = toMemberColumns(rows);
        if (columns) puts.push({ reportId, chunk: key[1], ...columns });
        else if (stored[i] !== undefined) deletes.push(key);
      });
      await this.db.members.bulkPut(puts);
      await this.db.members.bulkDelete(deletes);
    });
  }
}
