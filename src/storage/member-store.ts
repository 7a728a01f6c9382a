// The member lists, stored in chunks: a member's chunk is its row id's sequence ("m" + base 36) divided by
// MEMBER_CHUNK (256), so 100,000 members are about 400 records to read when the list opens, and an edit rewrites the
// chunks of the members it touches, never the whole list. A chunk holds its members by column (chunks.ts
// MemberColumns), which reads back faster than an object per member. Reads are checked like every other stored record (a
// damaged cell or member is dropped and named); writes are read-modify-write of the touched chunks in one
// transaction, so two tabs editing different cells of one member keep both. A list is read as it is stored, by
// column (core/list/member-table.ts).
import type { MemberTable } from '../core/list/member-table';
import type { CellValue, RowValues } from '../core/model';
import type { MemberKey, MemberRecord, TongHopDB } from './db';
import {
  applyChanges,
  checkStorable,
  groupByChunk,
  memberChunkOf as chunkOf,
  readMemberTable,
  restoreMemberColumns,
  toMemberColumns,
} from './chunks';

export interface MemberWrite {
  readonly row: string;
  readonly col: string;
  readonly value: CellValue;
}

export interface LoadedMembers {
  /** The members by column, chunk by chunk (MemberTable.ordered puts them in the list's order). */
  readonly rows: MemberTable;
  /** One entry per dropped cell or record: `row/col: received …`. */
  readonly dropped: string[];
}

/** The first members of a list: what its first screen shows while the whole list is read. */
export interface LoadedHead extends LoadedMembers {
  /** True when the list has no more chunks than were read: the head is the whole list. */
  readonly complete: boolean;
}

/**
 * Chunks of a list's head: 512 members, a screen many times over. Read alone, they come back in a few
 * milliseconds, where 100,000 members take 300-500 ms (Chromium, on 2 cores).
 */
export const HEAD_CHUNKS = 2;

export { MEMBER_CHUNK, memberChunkOf as chunkOf } from './chunks';

export class MemberStore {
  constructor(private readonly db: TongHopDB) {}

  async load(reportId: string): Promise<LoadedMembers> {
    const dropped: string[] = [];
    // In the order of their key: chunk by chunk, which is the list's order (ids made by the app are in the chunk of
    // their sequence, other ids in chunk -1, first).
    const chunks = await this.db.members.where('reportId').equals(reportId).toArray();
    return { rows: readMemberTable(chunks, dropped), dropped };
  }

  /**
   * The list's first `chunks` chunks, in the list's order (foreign ids, then by sequence): the first members the
   * list shows, unless a damaged store holds a member in a chunk that is not its own (the whole list, read by
   * load, puts it in its place).
   */
  async loadHead(reportId: string, chunks = HEAD_CHUNKS): Promise<LoadedHead> {
    const dropped: string[] = [];
    const raws = await this.db.members
      .where('[reportId+chunk]')
      .between([reportId, -Infinity], [reportId, Infinity], true, true)
      .limit(chunks)
      .toArray();
    return { rows: readMemberTable(raws, dropped), dropped, complete: raws.length < chunks };
  }

  /** Applies the writes (null = blank; a member left with no value is removed) in one transaction. */
  async write(reportId: string, writes: readonly MemberWrite[]): Promise<void> {
    for (const w of writes) checkStorable(w.value, w.row, w.col);
    const byChunk = groupByChunk(writes, chunkOf);
    const keys = [...byChunk.keys()].map((chunk): MemberKey => [reportId, chunk]);
    await this.db.transaction('rw', [this.db.reports, this.db.members, this.db.editedAt], async () => {
      if (!(await this.db.markEdited(reportId))) throw new Error(`members: report ${reportId} not found`);
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
