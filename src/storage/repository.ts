// ReportRepository: every read and write of reports and their cell values. Reads go through
// restore.ts (storage is untrusted); every multi-step write runs in ONE readwrite transaction,
// re-reading what it changes, so two tabs editing different cells or meta fields never undo each other.
import Dexie from 'dexie';
import type { CellValue, ReportMeta, RowValues, SheetsData } from '../core/model';
import type { Submission } from '../core/submission';
import type { RowKey, RowRecord, SubmissionRecord, TongHopDB } from './db';
import { newId } from './ids';
import { describeValue, isStorableValue, restoreMeta, restoreRow, type RestoredRow } from './restore';

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

/** From this many changed rows of a sheet, a range read of the sheet is considered instead of a get per row. */
const RANGE_READ_MIN = 64;
/** The range read is taken when the sheet holds at most this many stored rows per changed row. */
const RANGE_READ_SHARE = 4;

/** A fresh, plain copy of a meta about to be written (also strips Svelte proxies); throws if invalid. */
function checked(meta: unknown, what: string): ReportMeta {
  const r = restoreMeta(meta);
  if (!r.ok) throw new TypeError(`${what}: invalid report: ${r.error}`);
  return r.meta;
}

function checkValue(v: unknown, where: string): void {
  if (v !== null && !isStorableValue(v)) {
    throw new TypeError(`${where}: expected a finite number, a string or null, received ${describeValue(v)}`);
  }
}

/** The row record for `cells` (null values are blanks and left out), or null when nothing is left. */
function record(
  reportId: string,
  sheet: string,
  row: string,
  cells: Iterable<[string, CellValue]>,
): RowRecord | null {
  const kept: [string, number | string][] = [];
  for (const [col, v] of cells) {
    checkValue(v, `${sheet}/${row}/${col}`);
    if (v !== null) kept.push([col, v]);
  }
  return kept.length === 0 ? null : { reportId, sheet, row, values: Object.fromEntries(kept) };
}

export class ReportRepository {
  private readonly db: TongHopDB;

  constructor(db: TongHopDB) {
    this.db = db;
  }

  /** All readable reports, most recently updated first; unreadable ones are listed apart. */
  async listReports(): Promise<ReportList> {
    const list: ReportList = { reports: [], damaged: [] };
    await this.db.reports.toCollection().each((raw, cursor) => {
      const r = restoreMeta(raw);
      if (r.ok) list.reports.push(r.meta);
      else list.damaged.push({ id: String(cursor.primaryKey), error: r.error });
    });
    list.reports.sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return list;
  }

  async loadReport(id: string): Promise<LoadResult> {
    return this.db.transaction('r', [this.db.reports, this.db.rows], async (): Promise<LoadResult> => {
      const raw = await this.db.reports.get(id);
      if (raw === undefined) return { error: NOT_FOUND };
      const r = restoreMeta(raw);
      if (!r.ok) return { error: r.error };
      const records = await this.db.rows.where('reportId').equals(id).toArray();
      const data: SheetsData = new Map();
      const dropped: string[] = [];
      records.forEach((rec, i) => {
        const row = restoreRow(rec);
        if (row === null) {
          dropped.push(`row record #${i}: not a row record`);
          return;
        }
        dropped.push(...row.dropped);
        if (Object.keys(row.values).length === 0) return;
        const sheet = data.get(row.sheet) ?? new Map<string, RowValues>();
        data.set(row.sheet, sheet.set(row.row, row.values));
      });
      return { meta: r.meta, data, dropped };
    });
  }

  /** Stores a new report and its values; fails (writing nothing) if the id is taken. */
  async createReport(meta: ReportMeta, data: SheetsData): Promise<void> {
    const stored = checked(meta, 'createReport');
    const rows: RowRecord[] = [];
    for (const [sheet, sheetRows] of data) {
      for (const [row, values] of sheetRows) {
        const rec = record(stored.id, sheet, row, Object.entries(values));
        if (rec) rows.push(rec);
      }
    }
    await this.db.transaction('rw', [this.db.reports, this.db.rows], async () => {
      await this.db.reports.add(stored);
      await this.db.rows.where('reportId').equals(stored.id).delete(); // orphans of a damaged past
      await this.db.rows.bulkPut(rows);
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
   * Each changed row is re-read inside the transaction and only its changed cells replaced, so a row edited in
   * two tabs keeps both edits. Many rows of one sheet (a paste, an import) are read with one range read of the
   * sheet instead of one get per row.
   */
  async writeCells(reportId: string, changes: readonly CellWrite[]): Promise<void> {
    // sheet → row → col → value, in nested maps: no key string per cell.
    const bySheet = new Map<string, Map<string, Map<string, CellValue>>>();
    for (const { sheet, row, col, value } of changes) {
      if (value !== null && !isStorableValue(value)) checkValue(value, `${sheet}/${row}/${col}`);
      let rows = bySheet.get(sheet);
      if (!rows) bySheet.set(sheet, (rows = new Map<string, Map<string, CellValue>>()));
      let cells = rows.get(row);
      if (!cells) rows.set(row, (cells = new Map<string, CellValue>()));
      cells.set(col, value);
    }
    if (bySheet.size === 0) return;
    await this.db.transaction('rw', [this.db.reports, this.db.rows], async () => {
      const found = await this.db.reports.update(reportId, { updatedAt: Date.now() });
      if (found === 0) throw new Error(`writeCells: report ${reportId} ${NOT_FOUND}`);
      const puts: RowRecord[] = [];
      const deletes: RowKey[] = [];
      for (const [sheet, rows] of bySheet) {
        const stored = await this.storedRows(reportId, sheet, rows);
        for (const [row, changed] of rows) {
          const raw = stored.get(row);
          const cells = new Map(Object.entries(restoreRow(raw)?.values ?? {}));
          for (const [col, v] of changed) {
            if (v === null) cells.delete(col);
            else cells.set(col, v);
          }
          const rec = record(reportId, sheet, row, cells);
          if (rec) puts.push(rec);
          else if (raw !== undefined) deletes.push([reportId, sheet, row]);
        }
      }
      await this.db.rows.bulkPut(puts);
      await this.db.rows.bulkDelete(deletes);
    });
  }

  /**
   * The stored records of these rows of a sheet, by row id (inside the caller's transaction). When they are
   * many and a good share of the sheet, the whole sheet is read in one range read (one request instead of one
   * per row); otherwise they are read by key.
   */
  private async storedRows(
    reportId: string,
    sheet: string,
    rows: ReadonlyMap<string, unknown>,
  ): Promise<Map<string, unknown>> {
    const out = new Map<string, unknown>();
    const sheetRange = this.db.rows
      .where(':id')
      .between([reportId, sheet, Dexie.minKey], [reportId, sheet, Dexie.maxKey], true, true);
    if (rows.size >= RANGE_READ_MIN && (await sheetRange.count()) <= RANGE_READ_SHARE * rows.size) {
      // Keys and values of one key range come in the same order; the key, not the record, names the row.
      const keys = await sheetRange.primaryKeys();
      const records = await sheetRange.toArray();
      keys.forEach((key, i) => {
        if (rows.has(key[2])) out.set(key[2], records[i]);
      });
      return out;
    }
    const ids = [...rows.keys()];
    const stored = await this.db.rows.bulkGet(ids.map((row): RowKey => [reportId, sheet, row]));
    ids.forEach((row, i) => {
      if (stored[i] !== undefined) out.set(row, stored[i]);
    });
    return out;
  }

  /** Deletes the rows with these ids in every sheet of the report (e.g. a removed unit). */
  async deleteRows(reportId: string, rowIds: readonly string[]): Promise<void> {
    const ids = new Set(rowIds);
    if (ids.size === 0) return;
    await this.db.transaction('rw', [this.db.reports, this.db.rows], async () => {
      const keys = await this.db.rows.where('reportId').equals(reportId).primaryKeys();
      await this.db.rows.bulkDelete(keys.filter((k) => ids.has(k[2])));
      await this.db.reports.update(reportId, { updatedAt: Date.now() });
    });
  }

  /** Copies a report (new id unless given; createdAt/updatedAt = now unless given), with or without values. */
  async duplicateReport(id: string, overrides: DuplicateOverrides, withValues: boolean): Promise<ReportMeta> {
    return this.db.transaction('rw', [this.db.reports, this.db.rows], async () => {
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
        const rows = (await this.db.rows.where('reportId').equals(id).toArray())
          .map(restoreRow)
          .filter((r): r is RestoredRow => r !== null)
          .map((r) => record(copy.id, r.sheet, r.row, Object.entries(r.values)))
          .filter((r): r is RowRecord => r !== null);
        await this.db.rows.bulkPut(rows);
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
    return this.db.transaction('rw', [this.db.reports, this.db.rows, this.db.snapshots], async () => {
      const meta = await this.readMeta(id);
      const raw = await this.db.rows.where('reportId').equals(id).toArray();
      const rows: RowRecord[] = [];
      for (const r of raw) {
        const row = restoreRow(r);
        if (row) rows.push({ reportId: id, sheet: row.sheet, row: row.row, values: row.values });
      }
      return this.db.snapshots.add({ reportId: id, takenAt, reason, meta, rows });
    });
  }

  /** How many snapshots a report has kept. */
  async countSnapshots(id: string): Promise<number> {
    return this.db.snapshots.where('reportId').equals(id).count();
  }

  /** Deletes the report, its rows, its snapshots, its submissions and its member list together. */
  async deleteReport(id: string): Promise<void> {
    const tables = [this.db.reports, this.db.rows, this.db.snapshots, this.db.submissions, this.db.members];
    await this.db.transaction('rw', tables, async () => {
      await this.db.reports.delete(id);
      await this.db.rows.where('reportId').equals(id).delete();
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
      if ((await this.db.reports.get(reportId)) === undefined)
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
