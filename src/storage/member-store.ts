// The member lists: one record per member, per report. Reads are checked like every other stored record (a
// damaged cell is dropped and named); writes are read-modify-write of the touched members in one transaction, so
// two tabs editing different cells of one member keep both.
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

export class MemberStore {
  constructor(private readonly db: TongHopDB) {}

  async load(reportId: string): Promise<LoadedMembers> {
    const rows = new Map<string, RowValues>();
    const dropped: string[] = [];
    const records = await this.db.members.where('reportId').equals(reportId).toArray();
    records.forEach((raw, i) => {
      if (!isRecord(raw) || typeof raw.row !== 'string' || !isRecord(raw.values)) {
        dropped.push(`member record #${i}: not a member record`);
        return;
      }
      const kept: [string, number | string][] = [];
      for (const [col, v] of Object.entries(raw.values)) {
        if (isStorableValue(v)) kept.push([col, v]);
        else if (v !== null) dropped.push(`${raw.row}/${col}: received ${describeValue(v)}`);
      }
      if (kept.length > 0) rows.set(raw.row, Object.fromEntries(kept));
    });
    return { rows, dropped };
  }

  /** Applies the writes (null = blank; a member left with no value is deleted) in one transaction. */
  async write(reportId: string, writes: readonly MemberWrite[]): Promise<void> {
    const byRow = new Map<string, Map<string, CellValue>>();
    for (const w of writes) {
      if (w.value !== null && !isStorableValue(w.value))
        throw new TypeError(`${w.row}/${w.col}: expected a finite number, a string or null`);
      let cells = byRow.get(w.row);
      if (!cells) byRow.set(w.row, (cells = new Map<string, CellValue>()));
      cells.set(w.col, w.value);
    }
    if (byRow.size === 0) return;
    const keys = [...byRow.keys()].map((row): MemberKey => [reportId, row]);
    await this.db.transaction('rw', [this.db.reports, this.db.members], async () => {
      if ((await this.db.reports.update(reportId, { updatedAt: Date.now() })) === 0)
        throw new Error(`members: report ${reportId} not found`);
      const stored = await this.db.members.bulkGet(keys);
      const puts: MemberRecord[] = [];
      const deletes: MemberKey[] = [];
      keys.forEach((key, i) => {
        const old: unknown = stored[i];
        // A map, not an object: a "__proto__" column stays a column (fromEntries keeps it a plain key).
        const values = new Map<string, number | string>();
        if (isRecord(old) && isRecord(old.values))
          for (const [col, v] of Object.entries(old.values)) if (isStorableValue(v)) values.set(col, v);
        for (const [col, v] of byRow.get(key[1]) ?? []) {
          if (v === null) values.delete(col);
          else values.set(col, v);
        }
        if (values.size > 0) puts.push({ reportId, row: key[1], values: Object.fromEntries(values) });
        else if (old !== undefined) deletes.push(key);
      });
      await this.db.members.bulkPut(puts);
      await this.db.members.bulkDelete(deletes);
    });
  }

  async deleteAll(reportId: string): Promise<void> {
    await this.db.members.where('reportId').equals(reportId).delete();
  }
}
