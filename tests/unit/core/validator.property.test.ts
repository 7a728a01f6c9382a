// Properties of the validator, with values derived from the template (STYLE §10): it never throws on any value in
// any cell, and validating edit by edit always ends where a full validation of the final data ends.
import fc from 'fast-check';
import { MAX_COUNT } from '../../../src/core/parse';
import { describe, expect, it } from 'vitest';
import {
  CONTROL_ROW,
  RATINGS,
  cloneData,
  getCell,
  setCell,
  type CellValue,
  type YearChangeThreshold,
} from '../../../src/core/model';
import type { ColumnKind } from '../../../src/core/template';
import type { CompiledTemplate } from '../../../src/core/template-loader';
import type { Validator } from '../../../src/core/validator';
import { builtIn, builtInWithYearChange, sampleReport, serializedFindings, validatorOver } from './helpers';

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

  // The findings by cell are indexed at the first lookup by cell, then kept edit by edit: either way, each cell
  // has the findings a fresh validator gives it.
  it('finds by cell what a full validation finds, looked up by cell before the edits or only after', () => {
    const byCell = (v: Validator, cells: readonly Edit[]) =>
      cells.map((c) =>
        v
          .findingsAt(c.sheet, c.row, c.col)
          .map((f) => JSON.stringify(f))
          .sort(),
      );
    fc.assert(
      fc.property(fc.array(rightKind, { minLength: 1, maxLength: 40 }), fc.boolean(), (edits, early) => {
        const data = cloneData(sampleData);
        const v = validatorOver(template, data, meta.units);
        if (early) byCell(v, edits);
        for (const e of edits) {
          const before = getCell(data, e.sheet, e.row, e.col);
          setCell(data, e.sheet, e.row, e.col, e.value);
          v.applyChanges([{ sheet: e.sheet, row: e.row, col: e.col, before, after: e.value }]);
        }
        const full = validatorOver(template, data, meta.units);
        expect(byCell(v, edits)).toEqual(byCell(full, edits));
        // Every finding is found at each of its cells.
        for (const f of full.all())
          for (const col of f.columns) expect(v.findingsAt(f.sheet, f.row, col)).toContainEqual(f);
      }),
      { numRuns: 150 },
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

describe('incremental validation equals a full validation with last year attached', () => {
  // The year-change rules on top of 2025's set, whether or not the period lists them already.
  const withYearChange = builtInWithYearChange('tcd-2025');

  /** Last year: the sample with some cells changed (near or far) and some units absent, and any thresholds. */
  const lastYear = fc.record({
    changes: fc.array(rightKind, { maxLength: 40 }),
    nudges: fc.array(
      fc.record({
        sheet: fc.constantFrom('b02', 'b03', 'b04', 'b05'),
        row: fc.constantFrom(...meta.units.map((u) => u.id)),
        col: fc.constantFrom('x', 'g', 'h', 'k'),
        delta: fc.integer({ min: -10, max: 10 }),
      }),
      { maxLength: 40 },
    ),
    absent: fc.subarray(meta.units.map((u) => u.id)),
    threshold: fc.record({ percent: fc.nat({ max: 100 }), min: fc.nat({ max: 10 }) }),
  });

  function previousOf(last: {
    changes: readonly Edit[];
    nudges: readonly { sheet: string; row: string; col: string; delta: number }[];
    absent: readonly string[];
    threshold: YearChangeThreshold;
  }) {
    const rows = cloneData(sampleData);
    for (const e of last.changes) setCell(rows, e.sheet, e.row, e.col, e.value);
    // Small moves around this year's figures land on both sides of the thresholds.
    for (const n of last.nudges) {
      const v = getCell(rows, n.sheet, n.row, n.col);
      setCell(rows, n.sheet, n.row, n.col, Math.max(0, (typeof v === 'number' ? v : 0) + n.delta));
    }
    for (const sheet of rows.values()) for (const id of last.absent) sheet.delete(id);
    return { rows, threshold: last.threshold };
  }

  it('after any edits, attached before or after them', () => {
    fc.assert(
      fc.property(
        lastYear,
        fc.array(rightKind, { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        (last, edits, attachFirst) => {
          const previous = previousOf(last);
          const data = cloneData(sampleData);
          const v = validatorOver(withYearChange, data, meta.units);
          if (attachFirst) v.setPreviousYear(previous);
          for (const e of edits) {
            const before = getCell(data, e.sheet, e.row, e.col);
            setCell(data, e.sheet, e.row, e.col, e.value);
            v.applyChanges([{ sheet: e.sheet, row: e.row, col: e.col, before, after: e.value }]);
          }
          if (!attachFirst) v.setPreviousYear(previous);
          const full = validatorOver(withYearChange, data, meta.units);
          full.setPreviousYear(previous);
          expect(serializedFindings(v)).toEqual(serializedFindings(full));
          for (const sheet of withYearChange.sheets.keys())
            expect(v.countsOf(sheet)).toEqual(full.countsOf(sheet));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never throws on anything at all in last year’s cells or this year’s', () => {
    fc.assert(
      fc.property(
        fc.array(anything, { maxLength: 30 }),
        fc.array(anything, { maxLength: 30 }),
        (lastYearCells, edits) => {
          const rows = cloneData(sampleData);
          for (const e of lastYearCells) setCell(rows, e.sheet, e.row, e.col, e.value);
          const data = cloneData(sampleData);
          const v = validatorOver(withYearChange, data, meta.units);
          v.setPreviousYear({ rows, threshold: { percent: 30, min: 5 } });
          for (const e of edits) {
            const before = getCell(data, e.sheet, e.row, e.col);
            setCell(data, e.sheet, e.row, e.col, e.value);
            v.applyChanges([{ sheet: e.sheet, row: e.row, col: e.col, before, after: e.value }]);
          }
          v.validateAll();
          expect(Array.isArray(v.all())).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('detaching last year ends where a validator that never had it ends', () => {
    fc.assert(
      fc.property(lastYear, fc.array(rightKind, { maxLength: 20 }), (last, edits) => {
        const data = cloneData(sampleData);
        const v = validatorOver(withYearChange, data, meta.units);
        v.setPreviousYear(previousOf(last));
        for (const e of edits) {
          const before = getCell(data, e.sheet, e.row, e.col);
          setCell(data, e.sheet, e.row, e.col, e.value);
          v.applyChanges([{ sheet: e.sheet, row: e.row, col: e.col, before, after: e.value }]);
        }
        v.setPreviousYear(null);
        expect(serializedFindings(v)).toEqual(
          serializedFindings(validatorOver(withYearChange, data, meta.units)),
        );
      }),
      { numRuns: 100 },
    );
  });
});
