import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RowValues } from '../../../src/core/model';
import {
  applyToChunk,
  restoreChunkRows,
  readMemberTable,
  restoreMemberColumns,
  toMemberColumns,
  SHEET_CHUNKS,
  sheetChunkOf,
  sheetChunkRecords,
} from '../../../src/storage/chunks';
import { TongHopDB, type SheetChunkRecord } from '../../../src/storage/db';
import { unpackColumn } from '../../../src/storage/member-columns';
import { ReportRepository } from '../../../src/storage/repository';
import { sampleMeta, uniqueDbName } from './helpers';

describe('sheetChunkOf', () => {
  it('spreads unit ids over the chunks, the same id always in the same chunk', () => {
    const counts = new Array<number>(SHEET_CHUNKS).fill(0);
    let unstable = 0;
    for (let i = 0; i < 100_000; i++) {
      const chunk = sheetChunkOf(`u${i}`);
      if (chunk !== sheetChunkOf(`u${i}`) || !Number.isInteger(chunk) || chunk < 0) unstable++;
      counts[chunk] = (counts[chunk] ?? 0) + 1;
    }
    expect(unstable).toBe(0);
    // 100,000 ids: about 390 a chunk; none empty, none more than twice the mean.
    expect(Math.min(...counts)).toBeGreaterThan(0);
    expect(Math.max(...counts)).toBeLessThan((2 * 100_000) / SHEET_CHUNKS);
  });
});

describe('restoreChunkRows and applyToChunk', () => {
  const value = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string());
  const rows = fc.dictionary(
    fc.string({ minLength: 1, maxLength: 6 }),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), value, { minKeys: 1, maxKeys: 4 }),
    { maxKeys: 8 },
  );

  it('reads back what it wrote, and applying nothing changes nothing', () => {
    fc.assert(
      fc.property(rows, (stored) => {
        const changes = new Map(
          Object.entries(stored).map(([row, values]) => [row, new Map(Object.entries(values))]),
        );
        const written = applyToChunk(undefined, changes);
        const back = new Map<string, RowValues>();
        const dropped: string[] = [];
        expect(restoreChunkRows({ rows: written ?? {} }, back, dropped, '')).toBe(true);
        expect(dropped).toEqual([]);
        expect(Object.fromEntries(back)).toEqual(stored);
        expect(applyToChunk({ rows: written ?? {} }, new Map()) ?? {}).toEqual(written ?? {});
      }),
    );
  });

  it('clears with null, drops an emptied row, and an emptied chunk is null', () => {
    const stored = { rows: { u1: { R: 1, G: 2 }, u2: { R: 3 } } };
    expect(
      applyToChunk(
        stored,
        new Map([
          ['u1', new Map([['G', null]])],
          ['u2', new Map([['R', null]])],
        ]),
      ),
    ).toEqual({ u1: { R: 1 } });
    expect(applyToChunk({ rows: { u2: { R: 3 } } }, new Map([['u2', new Map([['R', null]])]]))).toBeNull();
  });

  it('keeps "__proto__" a plain row id and column', () => {
    const changes = new Map([['__proto__', new Map([['__proto__', 5]])]]);
    const written = applyToChunk(undefined, changes);
    expect(Object.getPrototypeOf(written)).toBe(Object.prototype);
    expect(Object.keys(written ?? {})).toEqual(['__proto__']);
    const back = new Map<string, RowValues>();
    restoreChunkRows(structuredClone({ rows: written }), back, [], '');
    expect(back.get('__proto__')).toEqual(JSON.parse('{"__proto__":5}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a value that cannot be stored, naming it', () => {
    expect(() => applyToChunk(undefined, new Map([['u1', new Map([['R', Infinity]])]]))).toThrow(
      'u1/R: expected a finite number, a string or null, received Infinity',
    );
    expect(() => sheetChunkRecords('r', new Map([['b1', new Map([['u1', { R: NaN }]])]]))).toThrow(
      'b1/u1/R: expected a finite number, a string or null, received NaN',
    );
  });
});

describe('a 3,000-unit report in chunks', () => {
  it('an edit rewrites its own chunk only; the other chunks stay as they were stored', async () => {
    const db = new TongHopDB(uniqueDbName('chunks'));
    const repo = new ReportRepository(db);
    const rows = new Map<string, RowValues>();
    for (let i = 0; i < 3000; i++) rows.set(`u${i}`, { R: i, G: i % 7 });
    await repo.createReport(sampleMeta(), new Map([['b04', rows]]));
    const before = (await db.sheetChunks.toArray()) as SheetChunkRecord[];
    expect(before.length).toBe(SHEET_CHUNKS);
    expect(before.reduce((n, c) => n + Object.keys(c.rows).length, 0)).toBe(3000);

    await repo.writeCells('r1', [{ sheet: 'b04', row: 'u1234', col: 'G', value: 99 }]);
    const after = (await db.sheetChunks.toArray()) as SheetChunkRecord[];
    const changed = after.filter((c, i) => JSON.stringify(c) !== JSON.stringify(before[i]));
    expect(changed.map((c) => c.chunk)).toEqual([sheetChunkOf('u1234')]);
    expect(changed[0]?.rows['u1234']).toEqual({ R: 1234, G: 99 });
    const loaded = await repo.loadReport('r1');
    if ('error' in loaded) throw new Error(loaded.error);
    expect(loaded.data.get('b04')?.size).toBe(3000);
    expect(loaded.data.get('b04')?.get('u1234')).toEqual({ R: 1234, G: 99 });
    db.close();
  });
});

describe('member chunks by column', () => {
  const value = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string());
  // Keys include "__proto__", "constructor" and the like, which must stay plain keys.
  const key = fc.oneof(
    fc.string({ minLength: 1, maxLength: 4 }),
    fc.constantFrom('__proto__', 'constructor'),
  );
  const members = fc.dictionary(key, fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), { maxKeys: 12 });

  it('reads back the members it wrote, through structured cloning', () => {
    fc.assert(
      fc.property(members, (written) => {
        const rows = new Map(Object.entries(written) as [string, RowValues][]);
        const columns = toMemberColumns(rows);
        if (rows.size === 0) {
          expect(columns).toBeNull();
          return;
        }
        const back = new Map<string, RowValues>();
        const dropped: string[] = [];
        expect(restoreMemberColumns(structuredClone(columns), back, dropped, '')).toBe(true);
        expect(dropped).toEqual([]);
        expect([...back.keys()]).toEqual([...rows.keys()]);
        for (const [id, values] of rows)
          expect(Object.entries(back.get(id) ?? {})).toEqual(
            Object.entries(values).sort(byColumnOf(columns)),
          );
      }),
    );
  });

  it('reads the same members into a table as into rows, across chunks', () => {
    fc.assert(
      fc.property(fc.array(members, { maxLength: 4 }), (chunks) => {
        const stored = chunks.flatMap((written) => {
          const columns = toMemberColumns(new Map(Object.entries(written) as [string, RowValues][]));
          return columns ? [structuredClone(columns)] : [];
        });
        const rows = new Map<string, RowValues>();
        for (const raw of stored) restoreMemberColumns(raw, rows, [], '');
        const dropped: string[] = [];
        const table = readMemberTable(stored, dropped).ordered();
        expect(dropped).toEqual([]);
        const entries = (r: RowValues | undefined) =>
          Object.entries(r ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
        const same = () => {
          expect(table.size).toBe(rows.size);
          for (const [id, values] of rows) expect(entries(table.get(id))).toEqual(entries(values));
          const seen: string[] = [];
          table.forEach((row, id) => {
            seen.push(id);
            expect(entries(row)).toEqual(entries(rows.get(id)));
          });
          expect(seen.sort()).toEqual([...rows.keys()].sort());
        };
        same();
      }),
    );
  });

  it('drops from a table what it drops from rows, and names it the same way', () => {
    const damaged: unknown[] = [
      { ids: ['m0', 7, 'm2'], cols: { name: ['A', 'B', { x: 1 }], birthYear: [1970, 1971, Number.NaN] } },
      { ids: ['m300'], cols: { name: ['C'], rating: 'HTTNV' } },
    ];
    const rows = new Map<string, RowValues>();
    const rowsDropped: string[] = [];
    for (const raw of structuredClone(damaged)) restoreMemberColumns(raw, rows, rowsDropped, '');
    const dropped: string[] = [];
    const table = readMemberTable([...structuredClone(damaged), 'not a chunk'], dropped);
    expect(dropped.slice(0, -1).sort()).toEqual([...rowsDropped].sort());
    expect(dropped.at(-1)).toBe('member chunk #2: not a member chunk');
    expect(table.ids).toEqual(['m0', 'm2', 'm300']);
    expect(table.get('m0')).toEqual({ name: 'A', birthYear: 1970 });
    expect(table.get('m2')).toBeUndefined();
    expect(table.get('m300')).toEqual({ name: 'C' });
    expect(table.size).toBe(rows.size);
  });

  it('holds one value per member in every column, null where a member has none', () => {
    const columns = toMemberColumns(
      new Map<string, RowValues>([
        ['m0', { name: 'A', birthYear: 1970 }],
        ['m1', { rating: 'HTTNV' }],
      ]),
    );
    expect(columns?.ids).toEqual(['m0', 'm1']);
    const cols = Object.entries(columns?.cols ?? {}).map(([col, packed]) => [
      col,
      unpackColumn(packed, 2, () => 0),
    ]);
    expect(cols).toEqual([
      ['name', ['A', null]],
      ['birthYear', [1970, null]],
      ['rating', [null, 'HTTNV']],
    ]);
  });

  it('is not a member chunk without its ids and columns', () => {
    const into = new Map<string, RowValues>();
    for (const raw of [null, 'x', { rows: {} }, { ids: 'm0', cols: {} }, { ids: [], cols: [] }])
      expect(restoreMemberColumns(raw, into, [], '')).toBe(false);
    expect(into.size).toBe(0);
  });
});

/** Restored members list their values column by column, in the order of the chunk's columns. */
function byColumnOf(columns: { cols: Record<string, unknown> } | null) {
  const order = Object.keys(columns?.cols ?? {});
  return (a: [string, unknown], b: [string, unknown]) => order.indexOf(a[0]) - order.indexOf(b[0]);
}
