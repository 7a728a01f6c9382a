// Properties of the validator, with values derived from the template (STYLE §10): it never throws on any value in
// any cell, and validating edit by edit always ends where a full validation of the final data ends.
import fc from 'fast-check';
import { MAX_COUNT } from '../../../src/core/parse';
import { describe, expect, it } from 'vitest';
import { CONTROL_ROW, RATINGS, cloneData, getCell, setCell, type CellValue } from '../../../src/core/model';
import type { ColumnKind } from '../../../src/core/template';
import type { CompiledTemplate } from '../../../src/core/template-loader';
import { builtIn, sampleReport, serializedFindings, validatorOver } from './helpers';

// 2025's set: every rule kind, Biểu 01 with its score and reason columns.
const template = builtIn('tcd-2025');
const { meta, data: sampleData } = sampleReport();

/** A value a user can end up with in a column of this kind (parsed), blanks included. */
function valueOf(kind: ColumnKind): fc.Arbitrary<CellValue> {
  switch (kind) {
    case 'count':
      return fc.oneof(fc.constant(null), fc.nat({ max: 30 }), fc.nat({ max: 4000 }));
    case 'percent':
      return fc.oneof(
        fc.constant(null),
        fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100),
        fc.nat({ max: 101 }),
      );
    case 'score':
      return fc.oneof(
        fc.constant(null),
        fc.integer({ min: 0, max: 1000 }).map((n) => n / 10),
      );
    case 'rating':
      return fc.oneof(fc.constant(null), fc.constantFrom(...RATINGS));
    case 'text':
      return fc.oneof(fc.constant(null), fc.string({ minLength: 1, maxLength: 20 }));
  }
}

/** Anything at all: wrong types, negative and fractional numbers, NaN, infinities, rating codes in count columns. */
const junk: fc.Arbitrary<CellValue> = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.string(),
  fc.constantFrom<CellValue>(
    'HTXSNV',
    'x',
    '',
    -1,
    0.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.MAX_SAFE_INTEGER,
  ),
);

interface Edit {
  readonly sheet: string;
  readonly row: string;
  readonly col: string;
  readonly value: CellValue;
}

/** One edit anywhere a user can type: a unit row of the sheet or its Cộng row, any column. */
function editsOf(
  t: CompiledTemplate,
  values: (kind: ColumnKind) => fc.Arbitrary<CellValue>,
): fc.Arbitrary<Edit> {
  const validator = validatorOver(t, new Map(), meta.units);
  const perSheet = [...t.sheets.values()].map((sheet) => {
    const rows = [...validator.unitsOf(sheet.id).map((u) => u.id), CONTROL_ROW];
    return fc.constantFrom(...sheet.columns).chain((col) =>
      fc.record({
        sheet: fc.constant(sheet.id),
        row: fc.constantFrom(...rows),
        col: fc.constant(col.id),
        value: values(col.kind),
      }),
    );
  });
  return fc.oneof(...perSheet);
}

/** Values of the wrong type whose sums stay exact (whole numbers well inside 2^53). */
const typeJunk: fc.Arbitrary<CellValue> = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.string({ maxLength: 8 }),
  fc.constantFrom<CellValue>(...RATINGS, 'x', ''),
);

const rightKind = editsOf(template, valueOf);
const wrongType = editsOf(template, (kind) => fc.oneof(valueOf(kind), typeJunk));
const anything = editsOf(template, (kind) => fc.oneof(valueOf(kind), junk));

describe('validation never throws', () => {
  it('on any value in any cell, edited one by one or validated in full', () => {
    fc.assert(
      fc.property(fc.array(anything, { maxLength: 30 }), (edits) => {
        const data = cloneData(sampleData);
        const v = validatorOver(template, data, meta.units);
        for (const e of edits) {
          const before = getCell(data, e.sheet, e.row, e.col);
          setCell(data, e.sheet, e.row, e.col, e.value);
          v.applyChanges([{ sheet: e.sheet, row: e.row, col: e.col, before, after: e.value }]);
        }
        v.validateAll();
        expect(Array.isArray(v.all())).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('incremental validation equals a full validation', () => {
  function replay(edits: readonly Edit[], batch: boolean) {
    const data = cloneData(sampleData);
    const v = validatorOver(template, data, meta.units);
    const changes = edits.map((e) => {
      const before = getCell(data, e.sheet, e.row, e.col);
      setCell(data, e.sheet, e.row, e.col, e.value);
      return { sheet: e.sheet, row: e.row, col: e.col, before, after: e.value };
    });
    if (batch) v.applyChanges(changes);
    else for (const c of changes) v.applyChanges([c]);
    return { incremental: v, full: validatorOver(template, data, meta.units) };
  }

  it('after any sequence of edits of the right kind, applied one by one', () => {
    fc.assert(
      fc.property(fc.array(rightKind, { minLength: 1, maxLength: 40 }), (edits) => {
        const { incremental, full } = replay(edits, false);
        expect(serializedFindings(incremental)).toEqual(serializedFindings(full));
        for (const sheet of template.sheets.keys())
          expect(incremental.countsOf(sheet)).toEqual(full.countsOf(sheet));
      }),
      { numRuns: 200 },
    );
  });

  it('after a paste: many edits applied as one batch', () => {
    fc.assert(
      fc.property(fc.array(rightKind, { minLength: 1, maxLength: 40 }), (edits) => {
        const { incremental, full } = replay(edits, true);
        expect(serializedFindings(incremental)).toEqual(serializedFindings(full));
      }),
      { numRuns: 100 },
    );
  });

  it('after edits with wrong types too: text in counts, numbers in ratings, negative numbers', () => {
    fc.assert(
      fc.property(fc.array(wrongType, { minLength: 1, maxLength: 30 }), (edits) => {
        const { incremental, full } = replay(edits, false);
        expect(serializedFindings(incremental)).toEqual(serializedFindings(full));
      }),
      { numRuns: 200 },
    );
  });

  // The validator keeps column sums by deltas; counts are capped at MAX_COUNT so that a column of them never
  // passes 2^53 and the delta-kept sum stays equal to a fresh one.
  it('counts as large as parseCell accepts give the same Cộng finding edited or validated in full', () => {
    const units = Array.from({ length: 27 }, (_, i) => `u${String(i + 1).padStart(2, '0')}`);
    const { incremental, full } = replay(
      units.map((row) => ({ sheet: 'b06', row, col: 'awareness', value: MAX_COUNT })),
      false,
    );
    expect(serializedFindings(incremental)).toEqual(serializedFindings(full));
  });
});
