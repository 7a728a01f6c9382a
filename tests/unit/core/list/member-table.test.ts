import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memberRowId } from '../../../../src/core/list/members';
import { MemberTable, memberSequence } from '../../../../src/core/list/member-table';
import type { CellValue, RowValues } from '../../../../src/core/model';
import { memberChunkOf, MEMBER_CHUNK } from '../../../../src/storage/chunks';

const table = (rows: [string, RowValues][]) => MemberTable.fromRows(new Map(rows));

describe('memberSequence', () => {
  it('reads back the sequence of every id the list makes, and agrees with the storage’s chunk', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 36 ** 10 - 1 }),
        fc.option(fc.stringMatching(/^[0-9a-z]{1,8}$/), { nil: undefined }),
        (n, tag) => {
          const id = memberRowId(n, tag);
          expect(memberSequence(id)).toBe(n);
          expect(memberChunkOf(id)).toBe(Math.floor(n / MEMBER_CHUNK));
        },
      ),
    );
  });

  it('gives -1 for ids the list does not make, as the storage puts them in chunk -1', () => {
    for (const id of [
      '',
      'm',
      'M1',
      'x1',
      'm-1',
      'mA',
      'm1 ',
      'm12345678901',
      '__proto__',
      'm1-',
      'm1-A',
      'm1_a',
      'm1-a-b',
      'm1-123456789',
      'm12345678901-a',
    ]) {
      expect(memberSequence(id)).toBe(-1);
      expect(memberChunkOf(id)).toBe(-1);
    }
  });
});

describe('MemberTable', () => {
  it('reads cells by slot and by id, and rows only for members with a value', () => {
    const t = new MemberTable(
      ['m0', 'm1', 'm2'],
      new Map<string, CellValue[]>([
        ['name', ['A', null, 'C']],
        ['birthYear', [1970, null, null]],
      ]),
    );
    expect(t.size).toBe(2);
    expect(t.valueAt(0, 'birthYear')).toBe(1970);
    expect(t.valueAt(2, 'rating')).toBeNull();
    expect(t.value('m2', 'name')).toBe('C');
    expect(t.value('m9', 'name')).toBeNull();
    expect(t.get('m0')).toEqual({ name: 'A', birthYear: 1970 });
    expect(t.get('m1')).toBeUndefined();
    expect(t.has('m1')).toBe(false);
    expect(t.knows('m1')).toBe(true);
    const seen: [string, RowValues][] = [];
    t.forEach((row, id) => seen.push([id, row]));
    expect(seen).toEqual([
      ['m0', { name: 'A', birthYear: 1970 }],
      ['m2', { name: 'C' }],
    ]);
  });

  it('refuses columns that do not have one value per id', () => {
    expect(() => new MemberTable(['m0'], new Map([['name', []]]))).toThrow(
      /column name has 0 values for 1 ids/,
    );
  });

  it('is itself when ordered already, and gives the next sequence', () => {
    const t = table([
      ['legacy', { name: 'L' }],
      ['m1', { name: 'A' }],
      ['mz', { name: 'B' }],
      ['m10', { name: 'C' }],
    ]);
    expect(t.ordered()).toBe(t);
    expect(t.next).toBe(37);
    expect(table([]).next).toBe(0);
  });

  it('orders by sequence, foreign ids first, a repeated id keeping its last values', () => {
    const t = new MemberTable(
      ['m10', 'b', 'm2', 'a', 'm10', 'm02'],
      new Map<string, CellValue[]>([['name', ['old', 'B', 'two', 'A', 'new', 'zero-two']]]),
    ).ordered();
    expect(t.ids).toEqual(['a', 'b', 'm02', 'm2', 'm10']);
    expect(t.get('m10')).toEqual({ name: 'new' });
    expect(t.size).toBe(5);
    expect(t.next).toBe(37);
  });

  it('keeps a slot for a member whose last value is cleared, and counts it again when it has one', () => {
    const t = table([
      ['m0', { name: 'A' }],
      ['m1', { name: 'B', rating: 'HTTNV' }],
    ]);
    expect(t.set('m0', 'name', null)).toBe('A');
    expect(t.size).toBe(1);
    expect(t.ids).toEqual(['m0', 'm1']);
    expect(t.set('m1', 'name', null)).toBe('B');
    expect(t.size).toBe(1);
    expect(t.set('m0', 'birthYear', 1980)).toBeNull();
    expect(t.size).toBe(2);
    expect(t.get('m0')).toEqual({ birthYear: 1980 });
    expect(t.add('m1')).toBe(1);
    expect(t.add('m5')).toBe(2);
    expect(t.next).toBe(6);
    expect(t.size).toBe(2);
    expect(t.set('m9', '__proto__', 'x')).toBeNull();
    expect(Object.keys(t.get('m9') ?? {})).toEqual(['__proto__']);
    expect(t.ids).toEqual(['m0', 'm1', 'm5', 'm9']);
  });

  it('behaves as a Map of rows under any sequence of writes', () => {
    const id = fc.constantFrom('m0', 'm1', 'm2', 'm3', 'x');
    const col = fc.constantFrom('name', 'birthYear', 'rating', '__proto__');
    const value = fc.oneof(fc.constant(null), fc.integer(), fc.constantFrom('A', 'B', ''));
    const write = fc.record({ id, col, value });
    fc.assert(
      fc.property(fc.array(write, { maxLength: 40 }), (writes) => {
        const model = new Map<string, Record<string, CellValue>>();
        const order: string[] = [];
        const t = table([]);
        for (const w of writes) {
          const row = model.get(w.id) ?? {};
          const before = Object.hasOwn(row, w.col) ? (row[w.col] ?? null) : null;
          expect(t.set(w.id, w.col, w.value)).toBe(before);
          if (!order.includes(w.id)) order.push(w.id);
          const next = { ...row };
          if (w.value === null) delete next[w.col];
          else Object.defineProperty(next, w.col, { value: w.value, enumerable: true, writable: true });
          if (Object.keys(next).length === 0) model.delete(w.id);
          else model.set(w.id, next);
        }
        expect(t.ids).toEqual(order);
        expect(t.size).toBe(model.size);
        for (const each of order) {
          expect(t.has(each)).toBe(model.has(each));
          expect(Object.entries(t.get(each) ?? {}).sort()).toEqual(
            Object.entries(model.get(each) ?? {}).sort(),
          );
        }
        const listed: string[] = [];
        t.forEach((_, each) => listed.push(each));
        expect(listed).toEqual(order.filter((each) => model.has(each)));
        // A scan sees the same rows, blank cells as null.
        const scanned: [string, [string, CellValue][]][] = [];
        t.scan((row, each) =>
          scanned.push([
            each,
            Object.entries(row)
              .filter(([, v]) => v !== null)
              .sort(),
          ]),
        );
        expect(scanned).toEqual(listed.map((each) => [each, Object.entries(model.get(each) ?? {}).sort()]));
      }),
    );
  });
});
