import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { TongHopDB } from '../../../src/storage/db';
import { ReportRepository } from '../../../src/storage/repository';
import { omit, sampleMeta, uniqueDbName } from './helpers';

/** Writes a database exactly as version 1 of the app did. */
async function writeV1(name: string, reports: unknown[], rows: unknown[]): Promise<void> {
  const v1 = new Dexie(name);
  v1.version(1).stores({ reports: 'id', rows: '[reportId+sheet+row], reportId' });
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
    expect(db.verno).toBe(4);
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
    expect(db.verno).toBe(4);
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'members',
      'reports',
      'rows',
      'snapshots',
      'submissions',
    ]);
    db.close();
  });

  it('upgrades a version 2 database: reports, rows and snapshots kept, an empty submissions table', async () => {
    const name = uniqueDbName('v2');
    const v2 = new Dexie(name);
    v2.version(1).stores({ reports: 'id', rows: '[reportId+sheet+row], reportId' });
    v2.version(2).stores({ reports: 'id, updatedAt', snapshots: '++seq, reportId' });
    const meta = sampleMeta();
    await v2.table('reports').put(meta);
    await v2.table('rows').put({ reportId: 'r1', sheet: 'bieu01', row: 'u1', values: { R: 5 } });
    await v2.table('snapshots').add({ reportId: 'r1', takenAt: 1, reason: 'import', meta, rows: [] });
    v2.close();

    const db = new TongHopDB(name);
    const repo = new ReportRepository(db);
    expect((await repo.listReports()).reports).toEqual([meta]);
    expect(db.verno).toBe(4);
    expect(await repo.countSnapshots('r1')).toBe(1);
    expect(await repo.listSubmissions('r1')).toEqual({ submissions: [], damaged: [] });
    const loaded = await repo.loadReport('r1');
    expect('data' in loaded && loaded.data.get('bieu01')?.get('u1')).toEqual({ R: 5 });
    db.close();
  });
});
