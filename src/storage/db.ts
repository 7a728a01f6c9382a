// The IndexedDB schema of "Tổng hợp" (a Dexie subclass) and the shapes of the records it stores.
//
// Versions:
//   1  reports: 'id'                  report header (ReportMeta without updatedAt)
//      rows: '[reportId+sheet+row], reportId'   one record per (report, sheet, row) with its values
//   2  reports: 'id, updatedAt'       adds updatedAt (upgrade: updatedAt = createdAt where missing)
//      snapshots: '++seq, reportId'   a stored copy of a report taken before an import
//   3  submissions: 'id, reportId'    a unit's returned file as recognised for a committee's report (no upgrade:
//                                     a new table)
//   4  members: '[reportId+chunk], reportId'   a report's member list in chunks of up to 512 members (by the
//                                     sequence in their row id), so 100,000 members are 196 records to read
//                                     and an edit rewrites one chunk (a new table)
//   5  sheetChunks: '[reportId+sheet+chunk], reportId'   the aggregate sheets' rows in chunks (chunks.ts:
//                                     sheetChunkOf, a hash of the row id); the upgrade moves every stored row
//                                     into its chunk (invalid cell values are dropped, as loading dropped them)
//   6  rows: deleted (read by version 5's upgrade first)
//   7  members: the same table, its chunks cut to 256 members (chunks.ts MEMBER_CHUNK; a value over 64 KiB is kept
//                                     apart by Chromium and read twice as slowly); the upgrade moves every member
//   8  members: the same table, each chunk's members stored by column (chunks.ts MemberColumns: ids, and per
//                                     column one value per member) instead of an object per member, which reads
//                                     back in about half the time; the upgrade rewrites every chunk
//   9  members: the same table, each column packed by what it holds (member-columns.ts: numbers in a Float64Array,
//                                     repeated texts as codes, other texts joined), which the page reads back with
//                                     a tenth of the values; the upgrade rewrites every chunk (reading accepts both
//                                     layouts; version 8's upgrade, through toMemberColumns, now writes packed ones)
//  10  editedAt: 'reportId'         when a report's values were last edited ({ reportId, at }), kept apart from its
//                                     header: an edit used to rewrite the header for its updatedAt, and a header
//                                     holds the unit list (100,000 units: 0.3-0.6 s of work on every edit). A
//                                     report's updatedAt is the later of the two (no upgrade: a new table)
//
// RULE: never edit a version that has shipped. To change the schema, add version(N + 1) with an
// upgrade() for the existing records, and a test in tests/unit/storage/db.test.ts that opens a
// database written with the previous version and checks the records after the upgrade.
//
// Reads are typed `unknown` on purpose: whatever is on disk is untrusted and goes through restore.ts.
import { Dexie, type Table } from 'dexie';
import type { ReportMeta, RowValues } from '../core/model';
import type { Submission } from '../core/submission';
import {
  memberChunkOf,
  restoreChunkRows,
  restoreMemberColumns,
  sheetChunkOf,
  toMemberColumns,
  type MemberColumns,
} from './chunks';
import { restoreRow } from './restore';

/** A stored report header: the meta itself (version 1 records lacked updatedAt). */
export type ReportRecord = ReportMeta;

/** The primary key of a row record: [reportId, sheet, row]. */
export type RowKey = [reportId: string, sheet: string, row: string];

export interface RowRecord {
  readonly reportId: string;
  readonly sheet: string;
  readonly row: string;
  /** Only finite numbers and strings; a blank cell is an absent key, an empty row is no record. */
  readonly values: RowValues;
}

/** The primary key of a sheet chunk: [reportId, sheet, chunk]. */
export type SheetChunkKey = [reportId: string, sheet: string, chunk: number];

/** Rows of one aggregate sheet of a report whose ids fall in one chunk (chunks.ts sheetChunkOf). */
export interface SheetChunkRecord {
  readonly reportId: string;
  readonly sheet: string;
  readonly chunk: number;
  /** Row id → values: only finite numbers and strings; an empty row is no entry. */
  readonly rows: Readonly<Record<string, RowValues>>;
}

/** A copy of a report taken before an import (not written yet by any code; shape may grow). */
export interface SnapshotRecord {
  readonly seq?: number;
  readonly reportId: string;
  readonly takenAt: number;
  readonly reason: string;
  readonly meta: ReportMeta;
  readonly rows: readonly RowRecord[];
}

/** A unit's file on a committee report's submission board (src/core/submission.ts), with its report's id. */
export type SubmissionRecord = Submission & { readonly reportId: string };

/** The primary key of a member chunk: [reportId, chunk]. */
export type MemberKey = [reportId: string, chunk: number];

/** Up to MEMBER_CHUNK members of a report's member list, by column (see member-store.ts). */
export interface MemberRecord extends MemberColumns {
  readonly reportId: string;
  readonly chunk: number;
}

/** When a report's values (sheets or member list) were last edited, in ms since the epoch. */
export interface EditedAtRecord {
  readonly reportId: string;
  readonly at: number;
}

/** A member chunk as versions 4 to 7 stored it: row id → values. */
interface MemberRowsRecord {
  readonly reportId: string;
  readonly chunk: number;
  readonly rows: Record<string, RowValues>;
}

export const DEFAULT_DB_NAME = 'tong-hop';

function isPlainRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class TongHopDB extends Dexie {
  // `declare` so that no class field shadows the table properties Dexie defines in stores().
  declare reports: Table<unknown, string, ReportRecord>;
  declare sheetChunks: Table<unknown, SheetChunkKey, SheetChunkRecord>;
  declare snapshots: Table<unknown, number, SnapshotRecord>;
  declare submissions: Table<unknown, string, SubmissionRecord>;
  declare members: Table<unknown, MemberKey, MemberRecord>;
  declare editedAt: Table<unknown, string, EditedAtRecord>;

  constructor(name: string = DEFAULT_DB_NAME) {
    super(name);
    this.version(1).stores({
      reports: 'id',
      rows: '[reportId+sheet+row], reportId',
    });
    this.version(2)
      .stores({
        reports: 'id, updatedAt',
        snapshots: '++seq, reportId',
      })
      .upgrade((tx) =>
        tx
          .table<unknown, string>('reports')
          .toCollection()
          .modify((report) => {
            // A record without a numeric createdAt stays as is: restoreMeta reports it as damaged.
            if (
              isPlainRecord(report) &&
              report.updatedAt === undefined &&
              typeof report.createdAt === 'number'
            ) {
              report.updatedAt = report.createdAt;
            }
          }),
      );
    this.version(3).stores({ submissions: 'id, reportId' });
    this.version(4).stores({ members: '[reportId+chunk], reportId' });
    this.version(5)
      .stores({ sheetChunks: '[reportId+sheet+chunk], reportId' })
      .upgrade(async (tx) => {
        const chunks = new Map<
          string,
          { reportId: string; sheet: string; chunk: number; rows: Record<string, RowValues> }
        >();
        await tx
          .table<unknown, RowKey>('rows')
          .toCollection()
          .each((raw) => {
            const row = restoreRow(raw);
            if (row === null || Object.keys(row.values).length === 0) return;
            const chunk = sheetChunkOf(row.row);
            const key = JSON.stringify([row.reportId, row.sheet, chunk]);
            let record = chunks.get(key);
            if (!record)
              chunks.set(key, (record = { reportId: row.reportId, sheet: row.sheet, chunk, rows: {} }));
            // defineProperty: a "__proto__" row id stays a plain key.
            Object.defineProperty(record.rows, row.row, {
              value: row.values,
              enumerable: true,
              writable: true,
              configurable: true,
            });
          });
        await tx.table('sheetChunks').bulkPut([...chunks.values()]);
      });
    this.version(6).stores({ rows: null });
    this.version(7)
      .stores({ members: '[reportId+chunk], reportId' })
      .upgrade(async (tx) => {
        const table = tx.table<unknown, MemberKey>('members');
        const chunks = new Map<string, MemberRowsRecord>();
        await table.toCollection().each((raw) => {
          if (typeof raw !== 'object' || raw === null || !('reportId' in raw)) return;
          const reportId = raw.reportId;
          if (typeof reportId !== 'string') return;
          const rows = new Map<string, RowValues>();
          restoreChunkRows(raw, rows, [], '');
          for (const [row, values] of rows) {
            const chunk = memberChunkOf(row);
            const key = JSON.stringify([reportId, chunk]);
            let record = chunks.get(key);
            if (!record) chunks.set(key, (record = { reportId, chunk, rows: {} }));
            Object.defineProperty(record.rows, row, {
              value: values,
              enumerable: true,
              writable: true,
              configurable: true,
            });
          }
        });
        await table.clear();
        await table.bulkPut([...chunks.values()]);
      });
    this.version(8)
      .stores({ members: '[reportId+chunk], reportId' })
      .upgrade(async (tx) => {
        const table = tx.table<unknown, MemberKey>('members');
        const records: MemberRecord[] = [];
        await table.toCollection().each((raw) => {
          if (typeof raw !== 'object' || raw === null || !('reportId' in raw) || !('chunk' in raw)) return;
          const { reportId, chunk } = raw;
          if (typeof reportId !== 'string' || typeof chunk !== 'number') return;
          const rows = new Map<string, RowValues>();
          restoreChunkRows(raw, rows, [], '');
          const columns = toMemberColumns(rows);
          if (columns) records.push({ reportId, chunk, ...columns });
        });
        await table.clear();
        await table.bulkPut(records);
      });
    this.version(9)
      .stores({ members: '[reportId+chunk], reportId' })
      .upgrade(async (tx) => {
        const table = tx.table<unknown, MemberKey>('members');
        const records: MemberRecord[] = [];
        const emptied: MemberKey[] = [];
        await table.toCollection().each((raw) => {
          if (typeof raw !== 'object' || raw === null || !('reportId' in raw) || !('chunk' in raw)) return;
          const { reportId, chunk } = raw;
          if (typeof reportId !== 'string' || typeof chunk !== 'number') return;
          const rows = new Map<string, RowValues>();
          // A chunk that is not one is left as it is (reading names it, as before).
          if (!restoreMemberColumns(raw, rows, [], '')) return;
          const columns = toMemberColumns(rows);
          if (columns) records.push({ reportId, chunk, ...columns });
          else emptied.push([reportId, chunk]);
        });
        await table.bulkPut(records);
        await table.bulkDelete(emptied);
      });
    this.version(10).stores({ editedAt: 'reportId' });
  }

  /** Whether a report with this id is stored: counted by its key, its header (with the unit list) not read. */
  async hasReport(reportId: string): Promise<boolean> {
    return (await this.reports.where(':id').equals(reportId).count()) > 0;
  }

  /**
   * Records that a report's values were edited now, inside the caller's transaction (which holds reports and
   * editedAt); false when there is no such report. The report's header is neither read nor written.
   */
  async markEdited(reportId: string): Promise<boolean> {
    if (!(await this.hasReport(reportId))) return false;
    await this.editedAt.put({ reportId, at: Date.now() });
    return true;
  }
}
