import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillWorkbook, type CellPatch } from '../../../../src/excel/fill';
import { colToLetters } from '../../../../src/excel/fill/refs';
import { entriesRaw, fillFixture, readBack, SHEET1 } from './helpers';

const basic = fillFixture('basic.xlsx');
const withCustom = fillFixture('custom-props.xlsx');

const value = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('=SUM(A1)', ' lead', 'tab\tnew\nline', '<&>"\'', 'Đảng bộ'),
  fc.constant(null),
);
const patch: fc.Arbitrary<CellPatch> = fc.record({
  ref: fc
    .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 25 }))
    .map(([c, r]) => colToLetters(c) + r),
  value,
});
const patches = fc.array(patch, { maxLength: 25 });
const insertRows = fc.option(
  fc.record({
    // after 0 would move Other!B2's reference to A1: refused (tested in fill.test.ts)
    after: fc.integer({ min: 1, max: 14 }),
    count: fc.integer({ min: 0, max: 4 }),
    styleFrom: fc.integer({ min: 1, max: 13 }),
  }),
  { nil: undefined },
);

/** What a string becomes in XML 1.0 text (control characters other than tab/newline cannot be stored). */
function storable(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if ((code < 0x20 && code !== 9 && code !== 10 && code !== 13) || code === 0xfffe || code === 0xffff)
      continue;
    out += ch;
  }
  return out;
}

describe('fillWorkbook properties', () => {
  it('never throws, leaves every other entry byte-identical, and reads back the values', () => {
    fc.assert(
      fc.property(patches, insertRows, fc.boolean(), (cells, insert, custom) => {
        const template = custom ? withCustom : basic;
        const out = fillWorkbook(template, [
          { sheetPath: SHEET1, cells, ...(insert ? { insertRows: insert } : {}) },
        ]);
        const before = entriesRaw(template);
        const after = entriesRaw(out);
        expect([...after.keys()]).toEqual([...before.keys()]);
        for (const [name, bytes] of before) {
          if (name === SHEET1 || name === 'xl/workbook.xml') continue;
          expect(after.get(name), name).toEqual(bytes);
        }
        const ws = readBack(out);
        const last = new Map(cells.map((c) => [c.ref, c.value]));
        for (const [ref, v] of last) {
          const cell = ws[ref] as { t: string; v?: unknown; f?: string } | undefined;
          if (v === null) expect(cell === undefined || cell.t === 'z', ref).toBe(true);
          else if (typeof v === 'number') expect(cell?.v, ref).toBe(Object.is(v, -0) ? 0 : v);
          else {
            const text = storable(v);
            expect(cell?.v ?? '', ref).toBe(text);
          }
          expect(cell?.f, ref).toBeUndefined();
        }
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  it('row insertion moves the "Cộng" row and extends its sums when inserting inside the unit block', () => {
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 7 }), fc.integer({ min: 1, max: 6 }), (after, count) => {
        const out = fillWorkbook(basic, [
          { sheetPath: SHEET1, cells: [], insertRows: { after, count, styleFrom: 6 } },
        ]);
        const ws = readBack(out);
        const total = 10 + count;
        expect(ws[`A${total}`]?.v).toBe('Cộng');
        const first = after < 5 ? 5 + count : 5;
        expect(ws[`C${total}`]?.f).toBe(`SUM(C${first}:C${8 + count})`);
        expect(ws['!ref']).toBe(`A1:F${12 + count}`);
      }),
      { numRuns: 30 },
    );
  }, 30_000);

  it('is deterministic', () => {
    fc.assert(
      fc.property(patches, (cells) => {
        const a = fillWorkbook(basic, [{ sheetPath: SHEET1, cells }], {
          customProps: { 'TongHop.Year': '2022' },
        });
        const b = fillWorkbook(basic, [{ sheetPath: SHEET1, cells }], {
          customProps: { 'TongHop.Year': '2022' },
        });
        expect(a).toEqual(b);
      }),
      { numRuns: 20 },
    );
  }, 30_000);
});
