import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReportMeta, SheetsData } from '../../../src/core/model';
import { sheetChunkOf } from '../../../src/storage/chunks';
import { TongHopDB, type SheetChunkRecord } from '../../../src/storage/db';
import { MemberStore } from '../../../src/storage/member-store';
import { ReportRepository, type CellWrite } from '../../../src/storage/repository';
import { sampleMeta, uniqueDbName } from './helpers';

const dbs: TongHopDB[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  dbs.splice(0).forEach((db) => db.close());
});

function open(name = uniqueDbName('repo')): { db: TongHopDB; repo: ReportRepository; name: string } {
  const db = new TongHopDB(name);
  dbs.push(db);
  return { db, repo: new ReportRepository(db), name };
}

const sheets = (
  entries: Record<string, Record<string, Record<string, number | string | null>>>,
): SheetsData => new Map(Object.entries(entries).map(([s, rows]) => [s, new Map(Object.entries(rows))]));

/** Rows stored over all chunks (of one report when given). */
async function storedRows(db: TongHopDB, reportId?: string): Promise<number> {
  const chunks = (
    reportId
      ? await db.sheetChunks.where('reportId').equals(reportId).toArray()
      : await db.sheetChunks.toArray()
  ) as SheetChunkRecord[];
  return chunks.reduce((n, c) => n + Object.keys(c.rows).length, 0);
}

async function loaded(repo: ReportRepository, id: string) {
  const r = await repo.loadReport(id);
  if ('error' in r) throw new Error(r.error);
  return r;
}

describe('ReportRepository', () => {
  it('creates, lists (newest first) and loads reports; blanks and empty rows are not stored', async () => {
    const { db, repo } = open();
    await repo.createReport(sampleMeta({ id: 'old', updatedAt: 1_700_000_000_001 }), new Map());
    await repo.createReport(
      sampleMeta({ id: 'new', updatedAt: 1_800_000_000_000 }),
      sheets({
        b1: { u1: { R: 5, xl: 'HTNV', blank: null }, u2: { blank: null } },
        b2: { '#control': { R: 9 } },
      }),
    );
    const list = await repo.listReports();
    expect(list.reports.map((r) => r.id)).toEqual(['new', 'old']);
    expect(list.damaged).toEqual([]);
    expect(await storedRows(db)).toBe(2);
    const r = await loaded(repo, 'new');
    expect(r.meta).toEqual(sampleMeta({ id: 'new', updatedAt: 1_800_000_000_000 }));
    expect(r.data).toEqual(sheets({ b1: { u1: { R: 5, xl: 'HTNV' } }, b2: { '#control': { R: 9 } } }));
    expect(r.dropped).toEqual([]);
    expect(await repo.loadReport('nope')).toEqual({ error: 'not found' });
  });

  it('refuses a taken id or an invalid meta, writing nothing', async () => {
    const { db, repo } = open();
    await repo.createReport(sampleMeta(), new Map());
    await expect(
      repo.createReport(sampleMeta({ name: 'again' }), sheets({ b1: { u1: { R: 1 } } })),
    ).rejects.toThrow();
    await expect(repo.createReport(sampleMeta({ id: 'r2', year: 1900 }), new Map())).rejects.toThrow(
      'createReport: invalid report: year: expected an integer from 1990 to 2100, received 1900',
    );
    await expect(
      repo.createReport(sampleMeta({ id: 'r3' }), sheets({ b1: { u1: { R: NaN } } })),
    ).rejects.toThrow('b1/u1/R: expected a finite number, a string or null, received NaN');
    expect((await repo.listReports()).reports.map((r) => [r.id, r.name])).toEqual([
      ['r1', sampleMeta().name],
    ]);
    expect(await storedRows(db)).toBe(0);
  });

  it('lists a damaged record apart and still lists and loads the others; drops damaged cells by name', async () => {
    const { db, repo } = open();
    await repo.createReport(sampleMeta({ id: 'good' }), sheets({ b1: { u1: { R: 1 } } }));
    await db.table('reports').put({ ...sampleMeta({ id: 'bad' }), units: 'none' });
    // Chunk numbers no real row id hashes to do not matter: a chunk's rows are read whatever its number.
    await db.table('sheetChunks').bulkPut([
      {
        reportId: 'good',
        sheet: 'b1',
        chunk: 1000,
        rows: { u2: { R: 2, G: NaN, xl: { a: 1 } }, u3: 'garbage' },
      },
      { reportId: 'good', sheet: 'b1', chunk: 1001, rows: 'garbage' },
      { reportId: 'good', sheet: 7, chunk: 1002, rows: { u4: { R: 4 } } },
    ]);
    const list = await repo.listReports();
    expect(list.reports.map((r) => r.id)).toEqual(['good']);
    expect(list.damaged).toEqual([{ id: 'bad', error: 'units: expected an array, received "none"' }]);
    expect(await repo.loadReport('bad')).toEqual({ error: 'units: expected an array, received "none"' });
    const r = await loaded(repo, 'good');
    expect(r.data).toEqual(sheets({ b1: { u1: { R: 1 }, u2: { R: 2 } } }));
    expect(r.dropped).toEqual([
      'sheet chunk #0: not a sheet chunk', // a number sorts before every string in a key
      'b1/u2/G: received NaN',
      'b1/u2/xl: received an object',
      'b1/u3: received "garbage"',
      'sheet chunk #3: not a sheet chunk',
    ]);
  });

  it('updateMeta rewrites the stored meta and bumps updatedAt; refuses id changes and invalid results', async () => {
    const { repo } = open();
    await repo.createReport(sampleMeta(), new Map());
    vi.spyOn(Date, 'now').mockReturnValue(1_900_000_000_000);
    const next = await repo.updateMeta('r1', (m) => ({ ...m, year: 2025, units: m.units.slice(1) }));
    expect(next).toEqual({
      ...sampleMeta(),
      year: 2025,
      units: sampleMeta().units.slice(1),
      updatedAt: 1_900_000_000_000,
    });
    expect((await loaded(repo, 'r1')).meta).toEqual(next);
    await expect(repo.updateMeta('r1', (m) => ({ ...m, id: 'r2' }))).rejects.toThrow('the id cannot change');
    await expect(repo.updateMeta('r1', (m) => ({ ...m, templateId: '' }))).rejects.toThrow('templateId');
    await expect(repo.updateMeta('zz', (m) => m)).rejects.toThrow('report zz not found');
    expect((await loaded(repo, 'r1')).meta).toEqual(next);
  });

  it('writeCells applies only the changed cells, null deletes, an empty row record disappears', async () => {
    const { db, repo } = open();
    await repo.createReport(sampleMeta(), sheets({ b1: { u1: { R: 5, G: 2 }, u2: { R: 1 } } }));
    vi.spyOn(Date, 'now').mockReturnValue(1_900_000_000_000);
    await repo.writeCells('r1', [
      { sheet: 'b1', row: 'u1', col: 'G', value: 3 },
      { sheet: 'b1', row: 'u1', col: 'xl', value: 'HTTNV' },
      { sheet: 'b1', row: 'u2', col: 'R', value: null },
      { sheet: 'b2', row: 'u1', col: 'K', value: 7 },
      { sheet: 'b2', row: 'u1', col: 'K', value: 8 }, // the last change of a cell wins
      { sheet: 'b2', row: 'u9', col: 'K', value: null }, // blanking a missing row writes nothing
    ]);
    const r = await loaded(repo, 'r1');
    expect(r.data).toEqual(sheets({ b1: { u1: { R: 5, G: 3, xl: 'HTTNV' } }, b2: { u1: { K: 8 } } }));
    expect(r.meta.updatedAt).toBe(1_900_000_000_000);
    expect(await storedRows(db)).toBe(2);
    await expect(repo.writeCells('zz', [{ sheet: 'b1', row: 'u1', col: 'R', value: 1 }])).rejects.toThrow(
      'not found',
    );
    await expect(
      repo.writeCells('r1', [{ sheet: 'b1', row: 'u1', col: 'R', value: Infinity }]),
    ).rejects.toThrow('b1/u1/R: expected a finite number, a string or null, received Infinity');
    expect(await storedRows(db, 'zz')).toBe(0);
  });

  it('an edit is timed apart from the header, which it neither reads nor rewrites; the list shows the later time', async () => {
    const { db, repo } = open();
    await repo.createReport(sampleMeta({ updatedAt: 1_700_000_000_000 }), sheets({ b1: { u1: { R: 5 } } }));
    await repo.createReport(sampleMeta({ id: 'other', updatedAt: 1_800_000_000_000 }), sheets({}));
    const header = await db.reports.get('r1');
    const read = vi.spyOn(db.reports, 'get');
    vi.spyOn(Date, 'now').mockReturnValue(1_900_000_000_000);
    await repo.writeCells('r1', [{ sheet: 'b1', row: 'u1', col: 'R', value: 6 }]);
    expect(read).not.toHaveBeenCalled();
    expect(await db.reports.get('r1')).toEqual(header);
    expect(await db.editedAt.get('r1')).toEqual({ reportId: 'r1', at: 1_900_000_000_000 });
    // The edited report is now the most recently updated.
    expect((await repo.listReports()).reports.map((r) => [r.id, r.updatedAt])).toEqual([
      ['r1', 1_900_000_000_000],
      ['other', 1_800_000_000_000],
    ]);
    expect((await loaded(repo, 'r1')).meta.updatedAt).toBe(1_900_000_000_000);
    // A later change of the header itself wins over an older edit.
    vi.spyOn(Date, 'now').mockReturnValue(1_950_000_000_000);
    await repo.renameReport('r1', 'Tên mới');
    expect((await loaded(repo, 'r1')).meta.updatedAt).toBe(1_950_000_000_000);
    // An unreadable edit time is ignored.
    await db.editedAt.put({ reportId: 'other', at: 'hôm qua' } as never);
    expect((await repo.listReports()).reports.find((r) => r.id === 'other')?.updatedAt).toBe(
      1_800_000_000_000,
    );
  });

  it('a member list edit is timed apart from the header too', async () => {
    const { db, repo } = open();
    await repo.createReport(sampleMeta({ updatedAt: 1_700_000_000_000 }), sheets({}));
    const header = await db.reports.get('r1');
    vi.spyOn(Date, 'now').mockReturnValue(1_900_000_000_000);
    const store = new MemberStore(db);
    await store.write('r1', [{ row: 'm1', col: 'name', value: 'Nguyễn Văn An' }]);
    expect(await db.reports.get('r1')).toEqual(header);
    expect((await repo.listReports()).reports[0]?.updatedAt).toBe(1_900_000_000_000);
    await expect(store.write('zz', [{ row: 'm1', col: 'name', value: 'X' }])).rejects.toThrow('not found');
    expect(await db.editedAt.get('zz')).toBeUndefined();
  });

  it('writeCells handles 10,000 changes in one call', async () => {
    const { repo } = open();
    await repo.createReport(sampleMeta(), new Map());
    const changes: CellWrite[] = [];
    for (let row = 0; row < 500; row++) {
      for (let col = 0; col < 20; col++)
        changes.push({ sheet: `s${row % 3}`, row: `u${row}`, col: `c${col}`, value: row * col });
    }
    const started = performance.now();
    await repo.writeCells('r1', changes);
    const elapsed = performance.now() - started;
    const r = await loaded(repo, 'r1');
    expect([...r.data.values()].reduce((n, rows) => n + rows.size, 0)).toBe(500);
    expect(r.data.get('s1')?.get('u7')).toMatchObject({ c0: 0, c19: 133 });
    expect(elapsed).toBeLessThan(10_000);
  });

  it('writeCells of many rows (their chunks read and rewritten) keeps other cells, reports and sheets', async () => {
    const { db, repo } = open();
    const stored: Record<string, Record<string, number>> = {};
    for (let i = 0; i < 200; i++) stored[`u${i}`] = { keep: i, G: 1 };
    await repo.createReport(sampleMeta(), sheets({ b1: stored, b2: { u1: { G: 5 } } }));
    await repo.createReport(sampleMeta({ id: 'r2' }), sheets({ b1: { u1: { G: 9 } } }));
    const changes: CellWrite[] = [];
    for (let i = 0; i < 300; i++) changes.push({ sheet: 'b1', row: `u${i}`, col: 'G', value: i });
    changes.push(
      { sheet: 'b1', row: 'u0', col: 'keep', value: null },
      { sheet: 'b1', row: 'u0', col: 'G', value: null },
    );
    await repo.writeCells('r1', changes);
    const r = await loaded(repo, 'r1');
    const b1 = r.data.get('b1');
    expect(b1?.size).toBe(299);
    expect(b1?.has('u0')).toBe(false);
    expect(b1?.get('u7')).toEqual({ keep: 7, G: 7 });
    expect(b1?.get('u250')).toEqual({ G: 250 });
    expect(r.data.get('b2')?.get('u1')).toEqual({ G: 5 });
    expect((await loaded(repo, 'r2')).data.get('b1')?.get('u1')).toEqual({ G: 9 });
    expect(await storedRows(db)).toBe(299 + 1 + 1);
  });

  it('two tabs writing different cells of many rows concurrently keep both sets of cells', async () => {
    const a = open();
    const b = open(a.name);
    await a.repo.createReport(sampleMeta(), new Map());
    const batch = (col: string, value: number): CellWrite[] =>
      Array.from({ length: 100 }, (_, i) => ({ sheet: 'b1', row: `u${i}`, col, value: value + i }));
    const writes: Promise<void>[] = [];
    for (let k = 0; k < 5; k++) {
      writes.push(a.repo.writeCells('r1', batch(`a${k}`, k)));
      writes.push(b.repo.writeCells('r1', batch(`b${k}`, 100 * k)));
    }
    await Promise.all(writes);
    const rows = (await loaded(b.repo, 'r1')).data.get('b1');
    expect(rows?.size).toBe(100);
    for (let k = 0; k < 5; k++)
      expect([rows?.get('u3')?.[`a${k}`], rows?.get('u3')?.[`b${k}`]]).toEqual([k + 3, 100 * k + 3]);
  });

  it('two tabs writing different cells of the same row concurrently keep both sets of cells', async () => {
    const a = open();
    const b = open(a.name);
    await a.repo.createReport(sampleMeta(), sheets({ b1: { u1: { base: 1 } } }));
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 40; i++) {
      writes.push(a.repo.writeCells('r1', [{ sheet: 'b1', row: 'u1', col: `a${i}`, value: i }]));
      writes.push(b.repo.writeCells('r1', [{ sheet: 'b1', row: 'u1', col: `b${i}`, value: `v${i}` }]));
    }
    await Promise.all(writes);
    const row = (await loaded(b.repo, 'r1')).data.get('b1')?.get('u1') ?? {};
    expect(Object.keys(row)).toHaveLength(81);
    for (let i = 0; i < 40; i++) expect([row[`a${i}`], row[`b${i}`]]).toEqual([i, `v${i}`]);
  });

  it('two tabs changing different meta fields concurrently keep both changes', async () => {
    const a = open();
    const b = open(a.name);
    await a.repo.createReport(sampleMeta(), new Map());
    const unit = { id: 'u3', name: 'Chi bộ D', form: 'chi_bo_co_so', bloc: 'khac' } as const;
    await Promise.all([
      a.repo.updateMeta('r1', (m) => ({ ...m, name: 'Renamed in A' })),
      b.repo.updateMeta('r1', (m) => ({ ...m, units: [...m.units, unit] })),
      a.repo.updateMeta('r1', (m) => ({
        ...m,
        settings: { ...m.settings, b2: { convention: 'exclusive', rounding: 'truncate' } },
      })),
    ]);
    const meta = (await loaded(a.repo, 'r1')).meta;
    expect(meta.name).toBe('Renamed in A');
    expect(meta.units.map((u) => u.id)).toEqual(['u1', 'u2', 'u3']);
    expect(Object.keys(meta.settings)).toEqual(['bieu01', 'b2']);
  });

  it('deleteRows removes those rows in every sheet of that report only', async () => {
    const { repo } = open();
    const data = sheets({ b1: { u1: { R: 1 }, u2: { R: 2 } }, b2: { u1: { R: 3 }, '#control': { R: 4 } } });
    await repo.createReport(sampleMeta(), data);
    await repo.createReport(sampleMeta({ id: 'other' }), data);
    await repo.deleteRows('r1', ['u1', 'zz']);
    expect((await loaded(repo, 'r1')).data).toEqual(
      sheets({ b1: { u2: { R: 2 } }, b2: { '#control': { R: 4 } } }),
    );
    expect((await loaded(repo, 'other')).data).toEqual(data);
  });

  it('duplicates a report with or without values', async () => {
    const { repo } = open();
    const data = sheets({ b1: { u1: { R: 1, xl: 'HTNV' } } });
    await repo.createReport(sampleMeta(), data);
    vi.spyOn(Date, 'now').mockReturnValue(1_900_000_000_000);
    const copy = await repo.duplicateReport('r1', { id: 'r2', name: 'Năm 2025', year: 2025 }, true);
    const expected: ReportMeta = {
      ...sampleMeta(),
      id: 'r2',
      name: 'Năm 2025',
      year: 2025,
      createdAt: 1_900_000_000_000,
      updatedAt: 1_900_000_000_000,
    };
    expect(copy).toEqual(expected);
    expect(await loaded(repo, 'r2')).toEqual({ meta: expected, data, dropped: [] });
    const empty = await repo.duplicateReport('r1', {}, false);
    expect(empty.id).toMatch(/^[0-9a-f-]{36}$/);
    expect({ ...empty, id: 'x' }).toEqual({
      ...sampleMeta(),
      id: 'x',
      createdAt: 1_900_000_000_000,
      updatedAt: 1_900_000_000_000,
    });
    expect((await loaded(repo, empty.id)).data).toEqual(new Map());
    expect((await loaded(repo, 'r1')).data).toEqual(data);
    await expect(repo.duplicateReport('r1', { id: 'r2' }, true)).rejects.toThrow();
    await expect(repo.duplicateReport('zz', {}, true)).rejects.toThrow('report zz not found');
  });

  it('renames, and deletes a report with its rows and snapshots only', async () => {
    const { db, repo } = open();
    const data = sheets({ b1: { u1: { R: 1 } } });
    await repo.createReport(sampleMeta(), data);
    await repo.createReport(sampleMeta({ id: 'keep' }), data);
    expect((await repo.renameReport('r1', 'Tên mới')).name).toBe('Tên mới');
    const meta = (await loaded(repo, 'r1')).meta;
    expect(meta.name).toBe('Tên mới');
    await db.snapshots.bulkAdd([
      { reportId: 'r1', takenAt: 1, reason: 'import', meta, rows: [] },
      { reportId: 'keep', takenAt: 1, reason: 'import', meta: { ...meta, id: 'keep' }, rows: [] },
    ]);
    await repo.deleteReport('r1');
    expect(await repo.loadReport('r1')).toEqual({ error: 'not found' });
    expect((await repo.listReports()).reports.map((r) => r.id)).toEqual(['keep']);
    expect(await db.sheetChunks.toCollection().primaryKeys()).toEqual([['keep', 'b1', sheetChunkOf('u1')]]);
    expect(await db.snapshots.where('reportId').equals('keep').count()).toBe(1);
    expect(await db.snapshots.count()).toBe(1);
  });

  it("deletes a report's edit time with it", async () => {
    const { db, repo } = open();
    await repo.createReport(sampleMeta(), sheets({ b1: { u1: { R: 1 } } }));
    await repo.writeCells('r1', [{ sheet: 'b1', row: 'u1', col: 'R', value: 2 }]);
    expect(await db.editedAt.count()).toBe(1);
    await repo.deleteReport('r1');
    expect(await db.editedAt.count()).toBe(0);
  });
});

describe('snapshots', () => {
  it('keeps a copy of the report before a change, and deletes it with the report', async () => {
    const { db, repo } = open();
    await repo.createReport(sampleMeta({ id: 'r' }), sheets({ b1: { u1: { R: 5 } } }));
    const seq = await repo.saveSnapshot('r', 'import bieu04.xlsx', 42);
    await repo.writeCells('r', [{ sheet: 'b1', row: 'u1', col: 'R', value: 6 }]);
    expect(await repo.countSnapshots('r')).toBe(1);
    const snap = await db.snapshots.get(seq);
    expect(snap).toMatchObject({
      reportId: 'r',
      takenAt: 42,
      reason: 'import bieu04.xlsx',
      rows: [{ reportId: 'r', sheet: 'b1', row: 'u1', values: { R: 5 } }],
    });
    await repo.deleteReport('r');
    expect(await repo.countSnapshots('r')).toBe(0);
  });

  it('refuses a snapshot of a report that does not exist', async () => {
    const { repo } = open();
    await expect(repo.saveSnapshot('missing', 'import')).rejects.toThrow('not found');
  });
});
