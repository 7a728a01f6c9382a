// The two ways the patcher takes many cells at once: a cell block (SheetPatch.block) prints the same sheet as the
// same cells listed one by one, whether its rows are the template's, inserted rows kept without cell objects, or
// inserted rows a cell patch reached first; and the inserted rows' formula copies (insertRows.formulaColumns) are
// what the export's former second pass (../export-two-pass.ts) wrote into the filled file.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fillWorkbook,
  type CellPatch,
  type SheetCellBlock,
  type SheetPatch,
} from '../../../../src/excel/fill';
import { colToLetters } from '../../../../src/excel/fill/refs';
import { addInsertedRowFormulas } from '../export-two-pass';
import { cellXml, fillFixture, partText, readBack, SHEET1 } from './helpers';

const basic = fillFixture('basic.xlsx');

const value = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.string({ maxLength: 8 }),
  fc.constantFrom(' lead', 'new\nline', '<&>"\'', 'Đảng bộ'),
  fc.constant(null),
);
const cells: fc.Arbitrary<CellPatch[]> = fc.array(
  fc.record({
    ref: fc
      .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 22 }))
      .map(([c, r]) => colToLetters(c) + r),
    value,
  }),
  { maxLength: 8 },
);
// Columns A…I, a duplicate now and then (the later one wins, as a later cell patch does).
const block: fc.Arbitrary<SheetCellBlock> = fc
  .record({
    firstRow: fc.integer({ min: 1, max: 16 }),
    columns: fc.array(fc.integer({ min: 1, max: 9 }).map(colToLetters), { minLength: 1, maxLength: 6 }),
    height: fc.integer({ min: 0, max: 8 }),
  })
  .chain(({ firstRow, columns, height }) =>
    fc
      .array(value, { minLength: columns.length * height, maxLength: columns.length * height })
      .map((values) => ({ firstRow, columns, values })),
  );
// Inside the unit block (rows 5…8), the style row right below the new rows as the export inserts.
const insertion = fc.option(
  fc
    .record({ after: fc.integer({ min: 4, max: 8 }), count: fc.integer({ min: 1, max: 5 }) })
    .map(({ after, count }) => ({ after, count, styleFrom: after + 1 })),
  { nil: undefined },
);

/** The block's cells, row by row, as cell patches. */
function cellsOf(b: SheetCellBlock): CellPatch[] {
  const width = b.columns.length;
  return b.values.map((value, i) => ({
    ref: `${b.columns[i % width] ?? ''}${b.firstRow + Math.floor(i / width)}`,
    value,
  }));
}

/** The sheet's text, or the error's message. */
function sheetOf(patch: SheetPatch): string {
  try {
    return partText(fillWorkbook(basic, [patch]), SHEET1);
  } catch (e) {
    return `Error: ${e instanceof Error ? e.message : String(e)}`;
  }
}

describe('a cell block', () => {
  it('prints the same sheet as its cells listed one by one after the others', () => {
    fc.assert(
      fc.property(cells, block, insertion, fc.boolean(), (before, b, insert, formulas) => {
        const insertRows = insert && (formulas ? { ...insert, formulaColumns: ['E', 'F'] } : insert);
        const one = sheetOf({ sheetPath: SHEET1, cells: before, block: b, insertRows });
        const each = sheetOf({ sheetPath: SHEET1, cells: [...before, ...cellsOf(b)], insertRows });
        expect(one).toBe(each);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('over inserted rows: values, empty styled cells and new cells as a cell patch writes them', () => {
    const xml = partText(
      fillWorkbook(basic, [
        {
          sheetPath: SHEET1,
          cells: [],
          block: { firstRow: 8, columns: ['A', 'C', 'H'], values: [1, ' x', null, 'Chi bộ <1>', 2.5, 3] },
          insertRows: { after: 7, count: 2, styleFrom: 8 },
        },
      ]),
      SHEET1,
    );
    expect(xml).toContain(
      '<row r="8" spans="1:8" ht="18" customHeight="1"><c r="A8" s="2"><v>1</v></c><c r="B8" s="2"/>' +
        '<c r="C8" s="3" t="inlineStr"><is><t xml:space="preserve"> x</t></is></c><c r="D8" s="3"/>' +
        '<c r="E8" s="3"/><c r="F8" s="4"/><c r="H8"/></row>',
    );
    expect(cellXml(xml, 'A9')).toBe('<c r="A9" s="2" t="inlineStr"><is><t>Chi bộ &lt;1&gt;</t></is></c>');
    expect(cellXml(xml, 'H9')).toBe('<c r="H9"><v>3</v></c>');
    expect(
      readBack(
        fillWorkbook(basic, [
          { sheetPath: SHEET1, cells: [], block: { firstRow: 5, columns: ['C'], values: [42] } },
        ]),
      )['C5']?.v,
    ).toBe(42);
  });

  it('refuses what a cell patch refuses, naming the same cell', () => {
    const fill = (b: SheetCellBlock) => () =>
      fillWorkbook(basic, [{ sheetPath: SHEET1, cells: [], block: b }]);
    expect(fill({ firstRow: 0, columns: ['A'], values: [1] })).toThrow(/"A0" is not a cell reference/);
    expect(fill({ firstRow: 3, columns: ['A', '1'], values: [1, 2] })).toThrow(
      /"13" is not a cell reference/,
    );
    expect(fill({ firstRow: 3, columns: ['A', 'B'], values: [1, 2, 3, Infinity] })).toThrow(
      /B4: Infinity is not a number Excel can store/,
    );
    expect(fill({ firstRow: 3, columns: ['A', 'B'], values: [1, 2, 3] })).toThrow(/2 values per row, got 3/);
  });
});

describe('insertRows.formulaColumns', () => {
  it('writes what the second pass wrote into the filled file', () => {
    fc.assert(
      fc.property(cells, fc.option(block, { nil: undefined }), insertion, (before, b, insert) => {
        if (!insert) return;
        const letters = ['E', 'F'];
        const one = sheetOf({
          sheetPath: SHEET1,
          cells: before,
          block: b,
          insertRows: { ...insert, formulaColumns: letters },
        });
        let two: string;
        try {
          const filled = fillWorkbook(basic, [
            { sheetPath: SHEET1, cells: [...before, ...(b ? cellsOf(b) : [])], insertRows: insert },
          ]);
          const inserted = [
            { sheetPath: SHEET1, firstNewRow: insert.after + 1, count: insert.count, letters },
          ];
          two = partText(addInsertedRowFormulas(filled, inserted), SHEET1);
        } catch (e) {
          two = `Error: ${e instanceof Error ? e.message : String(e)}`;
        }
        // Both refuse the same files (a shared formula's master as the style row), in their own words.
        if (one.startsWith('Error') || two.startsWith('Error')) expect(one.slice(0, 6)).toBe(two.slice(0, 6));
        else expect(one).toBe(two);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('copies the style row formula into each new row, translated', () => {
    const xml = partText(
      fillWorkbook(basic, [
        {
          sheetPath: SHEET1,
          cells: [{ ref: 'E8', value: 1 }],
          insertRows: { after: 6, count: 2, styleFrom: 7, formulaColumns: ['E'] },
        },
      ]),
      SHEET1,
    );
    // E7 was patched: it keeps its value; E8 (new) takes the style row's formula, moved to row 9.
    expect(cellXml(xml, 'E7')).toBe('<c r="E7" s="3"><f>C7+D7</f></c>');
    expect(cellXml(xml, 'E8')).toBe('<c r="E8" s="3"><v>1</v></c>');
    expect(cellXml(xml, 'E9')).toBe('<c r="E9" s="3"><f>C9+D9</f></c>');
  });

  it("refuses a shared formula's master as the formula to copy", () => {
    expect(() =>
      fillWorkbook(basic, [
        {
          sheetPath: SHEET1,
          cells: [],
          insertRows: { after: 4, count: 1, styleFrom: 5, formulaColumns: ['F'] },
        },
      ]),
    ).toThrow(/F6 holds a shared formula; the inserted rows cannot take a copy of it/);
  });
});
