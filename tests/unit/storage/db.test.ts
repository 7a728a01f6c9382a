import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { SHEET_CHUNKS, sheetChunkOf } from '../../../src/storage/chunks';
import { memberRowId } from '../../../src/core/list/members';
import { TongHopDB, type MemberRecord, type SheetChunkRecord } from '../../../src/storage/db';
import { unpackColumn } from '../../../src/storage/member-columns';
import { chunkOf, MemberStore } from '../../../src/storage/member-store';
import { ReportRepository } from '../../../src/storage/repository';
import { omit, sampleMeta, uniqueDbName } from './helpers';

/** The app's schema as shipped up to version `upTo` (1 to 9), for writing a database as that version did. */
function legacyDb(name: string, upTo: number): Dexie {
  const db = new Dexie(name);
  const versions: Record<string, string | null>[] = [
    { reports: 'id', rows: '[reportId+sheet+row], reportId' },
    { reports: 'id, updatedAt', snapshots: '++seq, reportId' },
    { submissions: 'id, reportId' },
    { members: '[reportId+chunk], reportId' },
    { sheetChunks: '[reportId+sheet+chunk], reportId' },
    { rows: null },
    { members: '[reportId+chunk], reportId' },
    { members: '[reportId+chunk], reportId' },
    { members: '[reportId+chunk], reportId' },
  ];
  versions.slice(0, upTo).forEach((stores, i) => db.version(i + 1).stores(stores));
  return db;
}

/** Writes a database exactly as version 1 of the app did. */
async function writeV1(name: string, reports: unknown[], rows: unknown[]): Promise<void> {
  const v1 = legacyDb(name, 1);
  await v1.table('reports').bulkPut(reports);
  await v1.table('rows').bulkPut(rows);
  v1.close();
}

describe('TongHopDB migrations', () => {
  it('upgrades a version 1 database: updatedAt = createdAt, rows kept', async () => {
    const name = uniqueDbName('v1');
    const v1Report = omit(sampleMeta({ createdAt: 1_600_000_000_000 }), 'updatedAt');
    await writeV1(
      name,
      [v1Report],
      [
        { reportId: 'r1', sheet: 'bieu01', row: 'u1', values: { R: 12, xl: 'HTNV' } },
        { reportId: 'r1', sheet: 'bieu01', row: 'u2', values: { R: 3 } },
      ],
    );

    const db = new TongHopDB(name);
    const repo = new ReportRepository(db);
    const list = await repo.listReports();
    expect(db.verno).toBe(10);
    expect(list.damaged).toEqual([]);
    expect(list.reports).toEqual([{ ...v1Report, updatedAt: 1_600_000_000_000 }]);

    const raw = await db.reports.get('r1');
    expect(raw).toMatchObject({ updatedAt: 1_600_000_000_000 }); // written by the upgrade, not only restored
    expect(await db.reports.where('updatedAt').equals(1_600_000_000_000).count()).toBe(1);
    expect(await db.snapshots.count()).toBe(0);

    const loaded = await repo.loadReport('r1');
    expect(loaded).toEqual({
      meta: list.reports[0],
      data: new Map([
        [
          'bieu01',
          new Map([
            ['u1', { R: 12, xl: 'HTNV' }],
            ['u2', { R: 3 }],
          ]),
        ],
      ]),
      dropped: [],
    });
    db.close();
  });

  it('leaves a version 1 report without createdAt alone, listed as damaged', async () => {
    const name = uniqueDbName('v1-damaged');
    const ok = omit(sampleMeta({ id: 'ok' }), 'updatedAt');
    const broken = omit(sampleMeta({ id: 'broken' }), 'updatedAt', 'createdAt');
    await writeV1(name, [ok, broken], []);

    const db = new TongHopDB(name);
    const list = await new ReportRepository(db).listReports();
    expect(list.reports.map((r) => r.id)).toEqual(['ok']);
    expect(list.damaged).toEqual([
      { id: 'broken', error: 'createdAt: expected a timestamp (number), received undefined' },
    ]);
    db.close();
  });

  it('opens a fresh database at the latest version with all tables', async () => {
    const db = new TongHopDB(uniqueDbName('fresh'));
    await db.open();
    expect(db.verno).toBe(10);
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'editedAt',
      'members',
      'reports',
      'sheetChunks',
      'snapshots',
      'submissions',
    ]);
    db.close();
  });

  it('upgrades a version 2 database: reports, rows and snapshots kept, an empty submissions table', async () => {
    const name = uniqueDbName('v2');
    const v2 = legacyDb(name, 2);
    const meta = sampleMeta();
    await v2.table('reports').put(meta);
    await v2.table('rows').put({ reportId: 'r1', sheet: 'bieu01', row: 'u1', values: { R: 5 } });
    await v2.table('snapshots').add({ reportId: 'r1', takenAt: 1, reason: 'import', meta, rows: [] });
    v2.close();

    const db = new TongHopDB(name);
    const repo = new ReportRepository(db);
    expect((await repo.listReports()).reports).toEqual([meta]);
    expect(db.verno).toBe(10);
    expect(await repo.countSnapshots('r1')).toBe(1);
    expect(await repo.listSubmissions('r1')).toEqual({ submissions: [], damaged: [] });
    const loaded = await repo.loadReport('r1');
    expect('data' in loaded && loaded.data.get('bieu01')?.get('u1')).toEqual({ R: 5 });
    db.close();
  });

  it('upgrades a version 4 database: every row moved into its sheet chunk, the rows table gone', async () => {
    const name = uniqueDbName('v4');
    const v4 = legacyDb(name, 4);
    await v4.table('reports').bulkPut([sampleMeta({ id: 'r1' }), sampleMeta({ id: 'r2' })]);
    const rows: unknown[] = [];
    for (let i = 0; i < 1000; i++)
      rows.push({ reportId: 'r1', sheet: `b0${(i % 3) + 1}`, row: `u${i}`, values: { R: i, xl: 'HTNV' } });
    rows.push(
      { reportId: 'r2', sheet: 'b01', row: '__proto__', values: { R: 1 } },
      { reportId: 'r2', sheet: 'b01', row: 'bad', values: { R: NaN, G: 2 } },
      { reportId: 'r2', sheet: 'b01', row: 'gone', values: { R: null } },
      { reportId: 'r2', sheet: 'b01', row: 'junk', values: 'garbage' },
    );
    await v4.table('rows').bulkPut(rows);
    await v4.table('members').put({ reportId: 'r1', chunk: 0, rows: { m0: { name: 'A' } } });
    v4.close();

    const db = new TongHopDB(name);
    const repo = new ReportRepository(db);
    expect((await repo.listReports()).reports.map((r) => r.id).sort()).toEqual(['r1', 'r2']);
    expect(db.verno).toBe(10);
    expect(db.tables.map((t) => t.name)).not.toContain('rows');
    const one = await repo.loadReport('r1');
    if ('error' in one) throw new Error(one.error);
    expect(one.dropped).toEqual([]);
    expect([...one.data.keys()].sort()).toEqual(['b01', 'b02', 'b03']);
    expect([...one.data.values()].reduce((n, sheet) => n + sheet.size, 0)).toBe(1000);
    for (let i = 0; i < 1000; i++)
      expect(one.data.get(`b0${(i % 3) + 1}`)?.get(`u${i}`)).toEqual({ R: i, xl: 'HTNV' });
    // 1,000 rows of three sheets are at most 3 × 256 chunks, and every chunk holds only its own rows.
    const chunks = (await db.sheetChunks.where('reportId').equals('r1').toArray()) as SheetChunkRecord[];
    expect(chunks.length).toBeLessThanOrEqual(3 * SHEET_CHUNKS);
    for (const c of chunks) for (const row of Object.keys(c.rows)) expect(sheetChunkOf(row)).toBe(c.chunk);
    const two = await repo.loadReport('r2');
    if ('error' in two) throw new Error(two.error);
    const b01 = two.data.get('b01');
    expect([...(b01?.keys() ?? [])].sort()).toEqual(['__proto__', 'bad']);
    expect(b01?.get('__proto__')).toEqual({ R: 1 });
    expect(b01?.get('bad')).toEqual({ G: 2 });
    expect(await db.members.count()).toBe(1);
    db.close();
  });

  it('upgrades a database of 512-member chunks (version 4 to 6): cut to chunks of 256, every member kept', async () => {
    const name = uniqueDbName('v4-members');
    const v4 = legacyDb(name, 4);
    await v4.table('reports').bulkPut([sampleMeta({ id: 'r1' }), sampleMeta({ id: 'r2' })]);
    const old = (reportId: string, chunk: number, from: number, to: number) => {
      const rows: Record<string, unknown> = {};
      for (let i = from; i < to; i++)
        rows[memberRowId(i)] = { name: `Đảng viên ${i}`, birthYear: 1950 + (i % 50) };
      return { reportId, chunk, rows };
    };
    await v4.table('members').bulkPut([
      old('r1', 0, 0, 512),
      old('r1', 1, 512, 1024),
      old('r1', 2, 1024, 1100),
      old('r2', 0, 0, 3),
      { reportId: 'r2', chunk: 7, rows: { m5000: { name: 'X', birthYear: NaN }, odd: { name: 'Y' } } },
      { reportId: 5, chunk: 0, rows: { m1: { name: 'Z' } } }, // not a report's: left out
    ]);
    v4.close();

    const db = new TongHopDB(name);
    const store = new MemberStore(db);
    const one = await store.load('r1');
    expect(db.verno).toBe(10);
    expect(one.dropped).toEqual([]);
    expect(one.rows.size).toBe(1100);
    expect(one.rows.get(memberRowId(700))).toEqual({ name: 'Đảng viên 700', birthYear: 1950 });
    const chunks = (await db.members.where('reportId').equals('r1').toArray()) as MemberRecord[];
    expect(chunks.map((c) => c.chunk).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
    for (const c of chunks) for (const row of c.ids) expect(chunkOf(row)).toBe(c.chunk);
    const two = await store.load('r2');
    expect(two.rows.size).toBe(5);
    expect(two.rows.get('m5000')).toEqual({ name: 'X' }); // the invalid year dropped, the member kept
    expect(two.rows.get('odd')).toEqual({ name: 'Y' }); // an id not made by the app: chunk -1
    expect(await db.members.count()).toBe(5 + 3); // r1's five chunks; r2's chunks 0, 78 (m5000) and -1
    db.close();
  });

  it('upgrades a database of member rows (version 7 to 8): stored by column, every valid value kept', async () => {
    const name = uniqueDbName('v7-members');
    const v7 = legacyDb(name, 7);
    await v7.table('reports').bulkPut([sampleMeta({ id: 'r1' })]);
    const rows: Record<string, unknown> = {};
    for (let i = 0; i < 256; i++)
      rows[memberRowId(i)] = {
        name: `Đảng viên ${i}`,
        birthYear: 1950 + (i % 50),
        ...(i % 7 ? {} : { rating: 'HTTNV' }),
      };
    await v7.table('members').bulkPut([
      { reportId: 'r1', chunk: 0, rows },
      {
        reportId: 'r1',
        chunk: 1,
        rows: { [memberRowId(300)]: { name: 'X', birthYear: Infinity }, __proto__x: {} },
      },
      { reportId: 'r1', chunk: 2, rows: { [memberRowId(600)]: { birthYear: { year: 1 } } } }, // nothing valid: gone
      { reportId: 'r1', chunk: 3, rows: 'garbage' },
      { reportId: 7, chunk: 0, rows: { m1: { name: 'Z' } } }, // not a report's: left out
    ]);
    v7.close();

    const db = new TongHopDB(name);
    const loaded = await new MemberStore(db).load('r1');
    expect(db.verno).toBe(10);
    expect(loaded.dropped).toEqual([]);
    expect(loaded.rows.size).toBe(257);
    expect(loaded.rows.get(memberRowId(14))).toEqual({
      name: 'Đảng viên 14',
      birthYear: 1964,
      rating: 'HTTNV',
    });
    expect(loaded.rows.get(memberRowId(15))).toEqual({ name: 'Đảng viên 15', birthYear: 1965 });
    expect(loaded.rows.get(memberRowId(300))).toEqual({ name: 'X' });
    const records = (await db.members.toArray()) as MemberRecord[];
    expect(records.map((r) => [r.reportId, r.chunk]).sort()).toEqual([
      ['r1', 0],
      ['r1', 1],
    ]);
    const first = records.find((r) => r.chunk === 0);
    expect(first && Object.keys(first).sort()).toEqual(['chunk', 'cols', 'ids', 'reportId']);
    expect(first?.ids).toHaveLength(256);
    const rating = unpackColumn(first?.cols.rating, 256, () => undefined);
    expect(typeof rating !== 'string' && rating.filter((v) => v !== null)).toHaveLength(37);
    db.close();
  });

  it('upgrades member chunks stored by column (version 8 to 9): packed, every valid value kept', async () => {
    const name = uniqueDbName('v8-members');
    const v8 = legacyDb(name, 8);
    await v8.table('reports').bulkPut([sampleMeta({ id: 'r1' })]);
    const ids = Array.from({ length: 256 }, (_, i) => memberRowId(i));
    await v8.table('members').bulkPut([
      {
        reportId: 'r1',
        chunk: 0,
        ids,
        cols: {
          name: ids.map((_, i) => `Đảng viên ${i}`),
          birthYear: ids.map((_, i) => (i % 3 ? 1950 + (i % 50) : null)),
          rating: ids.map((_, i) => (i % 7 ? null : 'HTTNV')),
          note: ids.map((_, i) => (i === 5 ? 12 : i === 6 ? 'ghi chú' : null)),
        },
      },
      {
        reportId: 'r1',
        chunk: 1,
        ids: ['m300', 'm301'],
        cols: { name: ['X', null], birthYear: [{ y: 1 }, null] },
      },
      { reportId: 'r1', chunk: 2, ids: ['m600'], cols: { name: [Infinity] } }, // nothing valid: gone
      { reportId: 'r1', chunk: 3, rows: 'garbage' }, // not a member chunk: left, and named when read
    ]);
    v8.close();

    const db = new TongHopDB(name);
    const loaded = await new MemberStore(db).load('r1');
    expect(db.verno).toBe(10);
    expect(loaded.dropped).toEqual(['member chunk #2: not a member chunk']);
    expect(loaded.rows.size).toBe(257);
    expect(loaded.rows.get(memberRowId(14))).toEqual({
      name: 'Đảng viên 14',
      birthYear: 1964,
      rating: 'HTTNV',
    });
    expect(loaded.rows.get(memberRowId(15))).toEqual({ name: 'Đảng viên 15' });
    expect(loaded.rows.get(memberRowId(5))).toEqual({ name: 'Đảng viên 5', birthYear: 1955, note: 12 });
    expect(loaded.rows.get(memberRowId(6))).toEqual({ name: 'Đảng viên 6', note: 'ghi chú' });
    expect(loaded.rows.get('m300')).toEqual({ name: 'X' });
    const first = (await db.members.get(['r1', 0])) as MemberRecord;
    expect(first.cols.name).toMatchObject({ text: expect.any(String) as unknown });
    expect(first.cols.birthYear).toMatchObject({ numbers: expect.any(Float64Array) as unknown });
    expect(first.cols.rating).toMatchObject({ texts: ['HTTNV'], codes: expect.any(Uint8Array) as unknown });
    expect(Array.isArray(first.cols.note)).toBe(true); // numbers and texts mixed: one value per member
    expect(await db.members.get(['r1', 2])).toBeUndefined();
    db.close();
  });
  it('upgrades a version 9 database: reports, chunks and members kept, an empty editedAt table', async () => {
    const name = uniqueDbName('v9');
    const v9 = legacyDb(name, 9);
    const meta = sampleMeta({ id: 'r1', updatedAt: 1_800_000_000_000 });
    await v9.table('reports').put(meta);
    await v9
      .table('sheetChunks')
      .put({ reportId: 'r1', sheet: 'bieu01', chunk: sheetChunkOf('u1'), rows: { u1: { R: 5 } } });
    v9.close();

    const db = new TongHopDB(name);
    const repo = new ReportRepository(db);
    expect((await repo.listReports()).reports).toEqual([meta]);
    expect(db.verno).toBe(10);
    expect(await db.editedAt.count()).toBe(0);
    const loaded = await repo.loadReport('r1');
    expect('meta' in loaded && loaded.meta).toEqual(meta);
    expect('data' in loaded && loaded.data.get('bieu01')?.get('u1')).toEqual({ R: 5 });
    db.close();
  });
});
