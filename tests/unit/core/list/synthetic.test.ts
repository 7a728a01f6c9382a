// The benchmark list: deterministic, about 30 members a unit, Tân Hồng-like proportions, within every cap.
import { describe, expect, it } from 'vitest';
import { MemberListValidator } from '../../../../src/core/list/list-validator';
import { benchMembers, benchRatingEdits } from '../../../../src/core/list/synthetic';
import { serialized } from './helpers';

describe('benchMembers', () => {
  const { units, rows, settings } = benchMembers(30_000);

  it('is deterministic: the same n gives the same list', () => {
    const again = benchMembers(30_000);
    expect([...again.rows.entries()].slice(0, 500)).toEqual([...rows.entries()].slice(0, 500));
    expect(again.rows.size).toBe(rows.size);
  });

  it('spreads n members over n/30 units, with realistic shares and no errors', () => {
    expect(rows.size).toBe(30_000);
    expect(units).toHaveLength(1000);
    const v = new MemberListValidator(units, rows, settings);
    expect(v.countsOf().error).toBe(0);
    let total = 0;
    let rated = 0;
    let x = 0;
    let good = 0;
    for (const u of units) {
      const c = v.counts(u.id, 'inclusive');
      expect(c.total).toBe(c.exempt + c.pending + c.rated);
      expect(c.total).toBe(30);
      total += c.total;
      rated += c.rated;
      x += c.x;
      good += c.g;
    }
    expect(total).toBe(30_000);
    expect(rated / total).toBeGreaterThan(0.8);
    expect(rated / total).toBeLessThan(0.9);
    expect(x / rated).toBeGreaterThan(0.1);
    expect(100 * x).toBeLessThanOrEqual(20 * good);
  });

  it('gives pairs of rating edits that put the list back', () => {
    const small = benchMembers(300);
    const v = new MemberListValidator(small.units, small.rows, small.settings);
    const before = serialized(v);
    for (const batch of benchRatingEdits(small.rows, 50)) {
      for (const c of batch) small.rows.set(c.row, { ...small.rows.get(c.row), [c.col]: c.after });
      v.applyChanges(batch);
    }
    expect(serialized(v)).toEqual(before);
  });
});
