// fast-check generators derived from a template's column kinds: any value a user could leave in a cell, blanks
// included. Shared by the round-trip properties (import and export).
import fc from 'fast-check';
import { RATINGS, type CellValue, type RowValues } from '../../src/core/model';
import type { ColumnDef } from '../../src/core/template';

export const blankOr = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 3 });

/** A stored value for the column, or null for percentages (computed, never stored). */
export function cellValueArbitrary(col: ColumnDef, notes: readonly string[]): fc.Arbitrary<CellValue> | null {
  switch (col.kind) {
    case 'count':
      return blankOr(fc.integer({ min: 0, max: 5000 }));
    case 'rating':
      return blankOr(fc.constantFrom(...RATINGS));
    case 'text':
      return blankOr(fc.constantFrom(...notes));
    case 'score':
      return blankOr(fc.integer({ min: 0, max: 1000 }).map((n) => n / 10));
    case 'percent':
      return null;
  }
}

/** A row of the given columns: a value (or a blank) for every column that is stored. */
export function rowArbitrary(cols: readonly ColumnDef[], notes: readonly string[]): fc.Arbitrary<RowValues> {
  const fields: Record<string, fc.Arbitrary<CellValue>> = {};
  for (const c of cols) {
    const arb = cellValueArbitrary(c, notes);
    if (arb) fields[c.id] = arb;
  }
  return fc.record(fields);
}
