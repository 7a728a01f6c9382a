// The duplicate index's table: a 30-bit hash → the row id holding it, or the row ids when several do. Open
// addressing over typed arrays instead of a Map: filling a Map of 100,000 number keys cost more than all the rules
// of the full pass together. Linear probing; deleted slots are marked and reused, and the table is rebuilt when
// full slots and marks reach half of it.
const EMPTY = -1;
const DELETED = -2;

export type Bucket = string | string[];

export class HashBuckets {
  private keys = new Int32Array(0);
  private values: (Bucket | null)[] = [];
  private mask = 0;
  /** Slots holding a key, and slots holding a key or a deletion mark. */
  private live = 0;
  private used = 0;

  constructor(expected = 16) {
    this.clear(expected);
  }

  /** Empties the table, sized for `expected` keys so a full pass never rebuilds it. */
  clear(expected = 16): void {
    this.reset(expected, true);
  }

  private reset(expected: number, reuse: boolean): void {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    // A full pass clears a table of the same size again: reuse it (never while rebuilding from it).
    if (reuse && capacity === this.keys.length) {
      this.keys.fill(EMPTY);
      this.values.fill(null);
    } else {
      this.keys = new Int32Array(capacity).fill(EMPTY);
      this.values = new Array<Bucket | null>(capacity).fill(null);
    }
    this.mask = capacity - 1;
    this.live = 0;
    this.used = 0;
  }

  get(hash: number): Bucket | undefined {
    const keys = this.keys;
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const k = keys[i];
      if (k === hash) return this.values[i] ?? undefined;
      if (k === EMPTY || k === undefined) return undefined;
    }
  }

  /**
   * Adds `id` under `hash` with one probe, and returns what was there before (undefined when nothing): the full
   * pass's insert, where a separate get and set would probe twice. The caller adds an id once (the validator takes
   * a row out of its old bucket before it enters the new one), so a long bucket is not searched for it.
   */
  add(hash: number, id: string): Bucket | undefined {
    const keys = this.keys;
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const k = keys[i];
      if (k === hash) {
        const held = this.values[i] ?? undefined;
        if (held === undefined || held === id) return held;
        if (typeof held === 'string') this.values[i] = [held, id];
        else held.push(id);
        return held;
      }
      if (k === EMPTY || k === undefined) break;
    }
    this.set(hash, id);
    return undefined;
  }

  set(hash: number, value: Bucket): void {
    const keys = this.keys;
    let free = -1;
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const k = keys[i];
      if (k === hash) {
        this.values[i] = value;
        return;
      }
      if (k === DELETED && free < 0) free = i;
      if (k === EMPTY || k === undefined) {
        if (free < 0) {
          free = i;
          this.used++;
        }
        break;
      }
    }
    keys[free] = hash;
    this.values[free] = value;
    this.live++;
    if (this.used * 2 > keys.length) this.rebuild();
  }

  delete(hash: number): void {
    const keys = this.keys;
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const k = keys[i];
      if (k === hash) {
        keys[i] = DELETED;
        this.values[i] = null;
        this.live--;
        return;
      }
      if (k === EMPTY || k === undefined) return;
    }
  }

  private rebuild(): void {
    const keys = this.keys;
    const values = this.values;
    this.reset(Math.max(16, this.live * 2), false);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] ?? EMPTY;
      const v = values[i];
      if (k >= 0 && v) this.set(k, v);
    }
  }
}
