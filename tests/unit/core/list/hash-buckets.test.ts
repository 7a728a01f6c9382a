// The duplicate index's open-addressing table behaves like a Map of hash → bucket through adds, sets and
// deletes, across its rebuilds and with many keys on one probe path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HashBuckets, type Bucket } from '../../../../src/core/list/hash-buckets';

type Op =
  | { readonly op: 'add'; readonly hash: number; readonly id: string }
  | { readonly op: 'set'; readonly hash: number; readonly id: string }
  | { readonly op: 'delete'; readonly hash: number };

// Few distinct low bits so that keys collide on the probe path; a few large hashes too.
const hash = fc.oneof(
  fc.integer({ min: 0, max: 40 }).map((n) => n * 16),
  fc.integer({ min: 0, max: 0x3fffffff }),
);
const id = fc.constantFrom('m0', 'm1', 'm2', 'm3');
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('add' as const), hash, id }),
  fc.record({ op: fc.constant('set' as const), hash, id }),
  fc.record({ op: fc.constant('delete' as const), hash }),
);

/** What HashBuckets.add does, on a Map. */
function addTo(model: Map<number, Bucket>, h: number, rowId: string): Bucket | undefined {
  const held = model.get(h);
  if (held === undefined) model.set(h, rowId);
  else if (held !== rowId) {
    const list = typeof held === 'string' ? [held] : held;
    list.push(rowId);
    model.set(h, list);
  }
  return held === undefined ? undefined : typeof held === 'string' ? held : [...held];
}

describe('HashBuckets', () => {
  it('agrees with a Map', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const table = new HashBuckets(4);
        const model = new Map<number, Bucket>();
        for (const o of ops) {
          if (o.op === 'add') {
            const before = model.get(o.hash);
            const expected = before === undefined || typeof before === 'string' ? before : [...before];
            addTo(model, o.hash, o.id);
            const got = table.add(o.hash, o.id);
            // add returns what was there; an array it returns is the live bucket, now holding the id too.
            if (typeof expected === 'object') expect(got).toEqual(model.get(o.hash));
            else expect(got).toEqual(expected);
          } else if (o.op === 'set') {
            model.set(o.hash, o.id);
            table.set(o.hash, o.id);
          } else {
            model.delete(o.hash);
            table.delete(o.hash);
          }
        }
        for (const o of ops) expect(table.get(o.hash)).toEqual(model.get(o.hash));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps its keys through rebuilds caused by deletions (few live keys, many marks)', () => {
    const table = new HashBuckets();
    const lost: number[] = [];
    for (let i = 0; i < 1000; i++) {
      table.set(i, `m${i}`);
      if (i >= 3) table.delete(i - 3);
      for (let k = Math.max(0, i - 2); k <= i; k++) if (table.get(k) !== `m${k}`) lost.push(k);
      if (i >= 3 && table.get(i - 3) !== undefined) lost.push(i - 3);
    }
    expect(lost).toEqual([]);
  });

  it('holds 100,000 keys', () => {
    const table = new HashBuckets();
    for (let i = 0; i < 100_000; i++) table.set((i * 2654435761) & 0x3fffffff, `m${i}`);
    expect(table.get((99_999 * 2654435761) & 0x3fffffff)).toBe('m99999');
    expect(table.get(7)).toBeUndefined();
  });
});
