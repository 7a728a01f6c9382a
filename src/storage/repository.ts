// ReportRepository: every read and write of reports and their cell values. Reads go through
// restore.ts (storage is untrusted); every multi-step write runs in ONE readwrite transaction,
// re-reading what it changes, so two tabs editing different cells or meta fields never undo each other.
import type { CellValue, ReportMeta, RowValues, SheetsData } from '../core/model';
import type { Submission } from '../core/submission';
import {
  applyToChunk,
  checkStorable,
  groupByChunk,
  restoreChunkRows,
  sheetChunkOf,
  sheetChunkRecords,
  type ChunkChanges,
} from './chunks';
import type { RowRecord, SheetChunkKey, SheetChunkRecord, SubmissionRecord, TongHopDB } from './db';
import { newId } from './ids';
import { isRecord, restoreMeta } from './restore';

export interface CellWrite {
  readonly sheet: string;
  readonly row: string;
  readonly col: string;
  readonly value: CellValue;
}
export interface ReportList {
  reports: ReportMeta[];
  damaged: { id: string; error: string }[];
}
export type LoadResult = { meta: ReportMeta; data: SheetsData; dropped: string[] } | { error: string };
export type DuplicateOverrides = Partial<
  Pick<ReportMeta, 'id' | 'name' | 'year' | 'createdAt' | 'updatedAt'>
>;

export interface SubmissionList {
  submissions: Submission[];
  damaged: { id: string; error: string }[];
}

export const NOT_FOUND = 'not found';

/** A fresh, plain copy of a meta about to be written (also strips Svelte proxies); throws if invalid. */
function checked(meta: unknown, what: string): ReportMeta {
  const r = restoreMeta(meta);
  if (!r.ok) throw new TypeError(`${what}: invalid report: ${r.error}`);
  return r.meta;
}

/** An edit time as stored (editedAt), or undefined when the record is missing or unreadable. */
function editTime(raw: unknown): number | undefined {
  if (typeof raw !== 'object' || raw === null || !('at' in raw)) return undefined;
  const { at } = raw;
  return typeof at === 'number' && Number.isFinite(at) ? at : undefined;
}

/** The meta with its updatedAt moved to the last edit of its values, when that is later. */
function withEditTime(meta: ReportMeta, at: number | undefined): ReportMeta {
  return at !== undefined && at > meta.updatedAt ? { ...meta, updatedAt: at } : meta;
}

export class ReportRepository {
  private readonly db: TongHopDB;

  constructor(db: TongHopDB) {
    this.db = db;
  }

  /** All readable reports, most recently updated first; unreadable ones are listed apart. */
  async listReports(): Promise<ReportList> {
    const list: ReportList = { reports: [], damaged: [] };
    const edited = await this.editTimes();
    await this.db.reports.toCollection().each((raw, cursor) => {
      const r = restoreMeta(raw);
      if (r.ok) list.reports.push(withEditTime(r.meta, edited.get(r.meta.id)));
      else list.damaged.push({ id: String(cursor.primaryKey), error: r.error });
    });
    list.reports.sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return list;
  }

  async loadReport(id: string): Promise<LoadResult> {
    const tables = [this.db.reports, this.db.sheetChunks, this.db.editedAt];
    return this.db.transaction('r', tables, async (): Promise<LoadResult> => {
      // All asked at once: the values are not asked for only once the meta is back (which may wait behind
      // whatever else the page is reading, such as a member list).
      const [raw, chunks, edited] = await Promise.all([
        this.db.reports.get(id),
        this.readChunks(id),
        this.db.editedAt.get(id),
      ]);
      if (raw === undefined) return { error: NOT_FOUND };
      const r = restoreMeta(raw);
      if (!r.ok) return { error: r.error };
      return { meta: withEditTime(r.meta, editTime(edited)), ...restoreData(chunks) };
    });
  }

  /** The edit times of all reports (editedAt: small records, read in one go). */
  private async editTimes(): Promise<Map<string, number>> {
    const times = new Map<string, number>();
    for (const raw of await this.db.editedAt.toArray()) {
      const at = editTime(raw);
      if (at !== undefined && typeof raw === 'object' && raw !== null && 'reportId' in raw)
        times.set(String(raw.reportId), at);
    }
    return times;
  }

  private readChunks(id: string): Promise<unknown[]> {
    return this.db.sheetChunks.where('reportId').equals(id).toArray();
  }

  /** The report's stored values (inside the caller's transaction), the dropped ones named. */
  private async readData(id: string): Promise<{ data: SheetsData; dropped: string[] }> {
    return restoreData(await this.readChunks(id));
  }

  /** Stores a new report and its values; fails (writing nothing) if the id is taken. */
  async createReport(meta: ReportMeta, data: SheetsData): Promise<void> {
    const stored = checked(meta, 'createReport');
    const records = sheetChunkRecords(stored.id, data);
    await this.db.transaction('rw', [this.db.reports, this.db.sheetChunks], async () => {
      await this.db.reports.add(stored);
      await this.db.sheetChunks.where('reportId').equals(stored.id).delete(); // orphans of a damaged past
      await this.db.sheetChunks.bulkPut(records);
    });
  }

  /** Read-modify-write of the stored meta in one transaction; `update` must be synchronous. */
  async updateMeta(id: string, update: (current: ReportMeta) => ReportMeta): Promise<ReportMeta> {
    return this.db.transaction('rw', this.db.reports, async () => {
      const next = update(await this.readMeta(id));
      if (next.id !== id) throw new TypeError(`updateMeta: the id cannot change (${id} → ${next.id})`);
      const stored = checked({ ...next, updatedAt: Date.now() }, 'updateMeta');
      await this.db.reports.put(stored);
      return stored;
    });
  }

  /**
   * Applies cell changes (null = blank) to the stored rows, in one transaction; last change of a cell wins.
   * The chunks of the changed rows are re-read inside the transaction and only the changed cells replaced, so a
   * row edited in two tabs keeps both edits; an edit rewrites its chunk, never the sheet.
   */
  async writeCells(reportId: string, changes: readonly CellWrite[]): Promise<void> {
    const bySheet = new Map<string, CellWrite[]>();
    for (const change of changes) {
      checkStorable(change.value, change.row, change.col, change.sheet);
      const list = bySheet.get(change.sheet);
      if (list) list.push(change);
      else bySheet.set(change.sheet, [change]);
    }
    if (bySheet.size === 0) return;
    const keys: SheetChunkKey[] = [];
    const grouped: ChunkChanges[] = [];
    for (const [sheet, writes] of bySheet) {
      for (const [chunk, rows] of groupByChunk(writes, sheetChunkOf)) {
        keys.push([reportId, sheet, chunk]);
        grouped.push(rows);
      }
    }
    await this.db.transaction('rw', [this.db.reports, this.db.sheetChunks, this.db.editedAt], async () => {
      if (!(await this.db.markEdited(reportId)))
        throw new Error(`writeCells: report ${reportId} ${NOT_FOUND}`);
      await this.rewriteChunks(keys, grouped);
    });
  }

  /** Read-modify-write of these chunks (inside the caller's transaction); a chunk left empty is deleted. */
  private async rewriteChunks(
    keys: readonly SheetChunkKey[],
    changes: readonly ChunkChanges[],
  ): Promise<void> {
    const stored = await this.db.sheetChunks.bulkGet([...keys]);
    const puts: SheetChunkRecord[] = [];
    const deletes: SheetChunkKey[] = [];
    keys.forEach((key, i) => {
      const rows = applyToChunk(stored[i], changes[i] ?? new Map());
      if (rows) puts.push({ reportId: key[0], sheet: key[1], chunk: key[2], rows });
      else if (stored[i] !== undefined) deletes.push(key);
    });
    await this.db.sheetChunks.bulkPut(puts);
    await this.db.sheetChunks.bulkDelete(deletes);
  }

  /** Deletes the rows with these ids in every sheet of the report (e.g. a removed unit). */
  async deleteRows(reportId: string, rowIds: readonly string[]): Promise<void> {
    const ids = new Set(rowIds);
    if (ids.size === 0) return;
    const chunks = new Set([...ids].map(sheetChunkOf));
    await this.db.transaction('rw', [this.db.reports, this.db.sheetChunks, this.db.editedAt], async () => {
      const keys = (await this.db.sheetChunks.where('reportId').equals(reportId).primaryKeys()).filter((k) =>
        chunks.has(k[2]),
      );
      // Every column of the deleted rows that is stored, cleared.
      const stored = await this.db.sheetChunks.bulkGet(keys);
      const changes = stored.map((raw): ChunkChanges => {
        const rows = new Map<string, RowValues>();
        restoreChunkRows(raw, rows, [], '');
        const clear = new Map<string, Map<string, CellValue>>();
        for (const [row, values] of rows)
          if (ids.has(row)) clear.set(row, new Map(Object.keys(values).map((col) => [col, null])));
        return clear;
      });
      const touched = keys.filter((_, i) => (changes[i]?.size ?? 0) > 0);
      await this.rewriteChunks(
        touched,
        changes.filter((c) => c.size > 0),
      );
      await this.db.markEdited(reportId);
    });
  }

  /** Copies a report (new id unless given; createdAt/updatedAt = now unless given), with or without values. */
  async duplicateReport(id: string, overrides: DuplicateOverrides, withValues: boolean): Promise<ReportMeta> {
    return this.db.transaction('rw', [this.db.reports, this.db.sheetChunks], async () => {
      const source = await this.readMeta(id);
      const now = Date.now();
      const copy = checked(
        {
          ...source,
          id: overrides.id ?? newId(),
          name: overrides.name ?? source.name,
          year: overrides.year ?? source.year,
          createdAt: overrides.createdAt ?? now,
          updatedAt: overrides.updatedAt ?? now,
        },
        'duplicateReport',
      );
      await this.db.reports.add(copy);
      if (withValues) {
        const { data } = await this.readData(id);
        await this.db.sheetChunks.bulkPut(sheetChunkRecords(copy.id, data));
      }
      return copy;
    });
  }

  async renameReport(id: string, name: string): Promise<ReportMeta> {
    return this.updateMeta(id, (meta) => ({ ...meta, name }));
  }

  /**
   * Keeps a copy of the report as it is now, before a change that replaces many values at once (an import),
   * so the user can always get back to it. Returns the snapshot's number.
   */
  async saveSnapshot(id: string, reason: string, takenAt: number = Date.now()): Promise<number> {
    return this.db.transaction('rw', [this.db.reports, this.db.sheetChunks, this.db.snapshots], async () => {
      const meta = await this.readMeta(id);
      const rows: RowRecord[] = [];
      for (const [sheet, sheetRows] of (await this.readData(id)).data)
        for (const [row, values] of sheetRows) rows.push({ reportId: id, sheet, row, values });
      return this.db.snapshots.add({ reportId: id, takenAt, reason, meta, rows });
    });
  }

  /** How many snapshots a report has kept. */
  async countSnapshots(id: string): Promise<number> {
    return this.db.snapshots.where('reportId').equals(id).count();
  }

  /** Deletes the report, its rows, its snapshots, its submissions and its member list together. */
  async deleteReport(id: string): Promise<void> {
    const tables = [
      this.db.reports,
      this.db.sheetChunks,
      this.db.snapshots,
      this.db.submissions,
      this.db.members,
      this.db.editedAt,
    ];
    await this.db.transaction('rw', tables, async () => {
      await this.db.reports.delete(id);
      await this.db.editedAt.delete(id);
      await this.db.sheetChunks.where('reportId').equals(id).delete();
      await this.db.snapshots.where('reportId').equals(id).delete();
      await this.db.submissions.where('reportId').equals(id).delete();
      await this.db.members.where('reportId').equals(id).delete();
    });
  }

  /** The report's submission board, oldest first; unreadable records are listed apart. */
  async listSubmissions(reportId: string): Promise<SubmissionList> {
    // The board's code is loaded when the board opens, not with the first page.
    const { restoreSubmission } = await import('./restore-submission');
    const out: SubmissionList = { submissions: [], damaged: [] };
    await this.db.submissions
      .where('reportId')
      .equals(reportId)
      .each((raw, cursor) => {
        const r = restoreSubmission(raw);
        if (r.ok) out.submissions.push(r.submission);
        else out.damaged.push({ id: String(cursor.primaryKey), error: r.error });
      });
    out.submissions.sort((a, b) => a.receivedAt - b.receivedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return out;
  }

  /** Adds or replaces submissions of a report, all or none. */
  async putSubmissions(reportId: string, submissions: readonly Submission[]): Promise<void> {
    const { restoreSubmission } = await import('./restore-submission');
    const records = submissions.map((s): SubmissionRecord => {
      // restoreSubmission rebuilds a fresh plain copy, checked as a later read will check it.
      const r = restoreSubmission({ ...s, reportId });
      if (!r.ok) throw new TypeError(`putSubmissions: invalid submission ${s.id}: ${r.error}`);
      return { ...r.submission, reportId };
    });
    await this.db.transaction('rw', [this.db.reports, this.db.submissions], async () => {
      if (!(await this.db.hasReport(reportId)))
        throw new Error(`putSubmissions: report ${reportId} ${NOT_FOUND}`);
      await this.db.submissions.bulkPut(records);
    });
  }

  async deleteSubmissions(reportId: string, ids: readonly string[]): Promise<void> {
    await this.db.transaction('rw', this.db.submissions, async () => {
      const keys = await this.db.submissions.where('reportId').equals(reportId).primaryKeys();
      const wanted = new Set(ids);
      await this.db.submissions.bulkDelete(keys.filter((k) => wanted.has(k)));
    });
  }

  private async readMeta(id: string): Promise<ReportMeta> {
    const raw = await this.db.reports.get(id);
    if (raw === undefined) throw new Error(`report ${id} ${NOT_FOUND}`);
    const r = restoreMeta(raw);
    if (!r.ok) throw new Error(`report ${id} is damaged: ${r.error}`);
    return r.meta;
  }
}

/** A report's stored values from its chunk records, the dropped ones named. */
function restoreData(chunks: readonly unknown[]): { data: SheetsData; dropped: string[] } {
  const data: SheetsData = new Map();
  const dropped: string[] = [];
  chunks.forEach((chunk, i) => {
    const sheet = isRecord(chunk) && typeof chunk.sheet === 'string' ? chunk.sheet : null;
    const rows = sheet === null ? null : (data.get(sheet) ?? new Map<string, RowValues>());
    if (sheet === null || rows === null || !restoreChunkRows(chunk, rows, dropped, `${sheet}/`)) {
      dropped.push(`sheet chunk #${i}: not a sheet chunk`);
      return;
    }
    if (rows.size > 0) data.set(sheet, rows);
  });
  return { data, dropped };
}
