import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listView, type ListSource } from '../../../../src/core/list/list-view';
import type { CellValue } from '../../../../src/core/model';

const UNITS: Record<string, string> = {
  u1: 'Đảng bộ xã Tân Hộ Cơ',
  u2: 'Chi bộ Ấp 1',
  u3: 'Đảng bộ thị trấn Sa Rài',
};

function source(members: Record<string, Record<string, CellValue>>): ListSource {
  return {
    ids: Object.keys(members),
    value: (id, col) => members[id]?.[col] ?? null,
    text: (col, v) =>
      v === null ? '' : col === 'unit' && typeof v === 'string' ? (UNITS[v] ?? v) : String(v),
  };
}

const list = source({
  m0: { name: 'Trần Thị Bình', birthYear: 1970, unit: 'u1' },
  m1: { name: 'Nguyễn Văn An', birthYear: 1985, unit: 'u2' },
  m2: { name: 'Đặng Văn Dũng', unit: 'u3' },
  m3: { name: 'Lê Văn Cường', birthYear: 1970, unit: 'u1' },
  m4: { name: 'an', birthYear: 1990 },
});

describe('listView', () => {
  it('is the list itself, not a copy, with no sort and no filter', () => {
    expect(listView(list, [], {})).toBe(list.ids);
  });

  it('sorts names in Vietnamese order, stably, both ways', () => {
    expect(listView(list, [{ colId: 'name', sort: 'asc' }], {})).toEqual(['m4', 'm2', 'm3', 'm1', 'm0']);
    expect(listView(list, [{ colId: 'name', sort: 'desc' }], {})).toEqual(['m0', 'm1', 'm3', 'm2', 'm4']);
    // Đ is a letter of its own after D; Ê after E.
    const letters = source({
      a: { name: 'Đào' },
      b: { name: 'Ênh' },
      c: { name: 'Dương' },
      d: { name: 'Em' },
    });
    expect(listView(letters, [{ colId: 'name', sort: 'asc' }], {})).toEqual(['c', 'a', 'd', 'b']);
    // Numbers as numbers; the blank first; equal years keep the list's order (m0 before m3).
    expect(listView(list, [{ colId: 'birthYear', sort: 'asc' }], {})).toEqual(['m2', 'm0', 'm3', 'm1', 'm4']);
  });

  it('sorts by a second column where the first is equal', () => {
    const sorted = listView(
      list,
      [
        { colId: 'birthYear', sort: 'desc' },
        { colId: 'name', sort: 'asc' },
      ],
      {},
    );
    expect(sorted).toEqual(['m4', 'm1', 'm3', 'm0', 'm2']);
  });

  it('filters text by what the cell shows, not case-sensitive, with every operator of the text filter', () => {
    const by = (type: string, filter: string) =>
      listView(list, [], { unit: { filterType: 'text', type, filter } });
    expect(by('contains', 'tân hộ')).toEqual(['m0', 'm3']);
    expect(by('contains', 'u1')).toEqual([]); // the id is not what the user sees
    expect(by('notContains', 'đảng bộ')).toEqual(['m1', 'm4']);
    expect(by('equals', 'chi bộ ấp 1')).toEqual(['m1']);
    expect(by('notEqual', 'chi bộ ấp 1')).toEqual(['m0', 'm2', 'm3', 'm4']);
    expect(by('startsWith', 'đảng bộ thị')).toEqual(['m2']);
    expect(by('endsWith', 'cơ')).toEqual(['m0', 'm3']);
    expect(by('blank', '')).toEqual(['m4']);
    expect(by('notBlank', '')).toEqual(['m0', 'm1', 'm2', 'm3']);
    expect(by('contains', '')).toEqual(list.ids); // nothing typed yet
  });

  it('filters numbers as numbers, a blank only by "blank"', () => {
    const by = (type: string, filter: number | null, filterTo?: number) =>
      listView(list, [], { birthYear: { filterType: 'number', type, filter, filterTo } });
    expect(by('equals', 1970)).toEqual(['m0', 'm3']);
    expect(by('notEqual', 1970)).toEqual(['m1', 'm4']);
    expect(by('lessThan', 1985)).toEqual(['m0', 'm3']);
    expect(by('lessThanOrEqual', 1985)).toEqual(['m0', 'm1', 'm3']);
    expect(by('greaterThan', 1970)).toEqual(['m1', 'm4']);
    expect(by('greaterThanOrEqual', 1985)).toEqual(['m1', 'm4']);
    expect(by('inRange', 1970, 1990)).toEqual(['m1']); // both ends excluded, as AG Grid's default
    expect(by('blank', null)).toEqual(['m2']);
    expect(by('notBlank', null)).toEqual(['m0', 'm1', 'm3', 'm4']);
    expect(by('equals', null)).toEqual(list.ids);
  });

  it('joins conditions with AND or OR, and columns with AND, then sorts', () => {
    const either = {
      filterType: 'text',
      operator: 'OR' as const,
      conditions: [
        { filterType: 'text', type: 'startsWith', filter: 'lê' },
        { filterType: 'text', type: 'startsWith', filter: 'trần' },
      ],
    };
    expect(listView(list, [], { name: either })).toEqual(['m0', 'm3']);
    expect(listView(list, [], { name: { ...either, operator: 'AND' } })).toEqual([]);
    const year = { filterType: 'number', type: 'equals', filter: 1970 };
    expect(listView(list, [{ colId: 'name', sort: 'asc' }], { name: either, birthYear: year })).toEqual([
      'm3',
      'm0',
    ]);
  });

  it('keeps every member exactly once in a sorted view, and only the members a filter lets through', () => {
    const member = fc.record({
      name: fc.string(),
      birthYear: fc.option(fc.integer({ min: 1900, max: 2010 })),
    });
    fc.assert(
      fc.property(fc.array(member, { maxLength: 40 }), fc.integer({ min: 1900, max: 2010 }), (rows, year) => {
        const members = Object.fromEntries(rows.map((r, i) => [`m${i}`, r]));
        const src = source(members);
        const sorted = listView(src, [{ colId: 'name', sort: 'asc' }], {});
        expect([...sorted].sort()).toEqual([...src.ids].sort());
        const after = listView(src, [], {
          birthYear: { filterType: 'number', type: 'greaterThan', filter: year },
        });
        expect(after).toEqual(src.ids.filter((id) => (members[id]?.birthYear ?? -Infinity) > year));
      }),
    );
  });
});
