import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../../src/core/model';
import { packColumn, unpackColumn } from '../../../src/storage/member-columns';

const unpack = (raw: unknown, n: number) => {
  const bad: string[] = [];
  const values = unpackColumn(raw, n, (i, received) => bad.push(`${i}: ${received}`));
  return { values, bad };
};

describe('packColumn / unpackColumn', () => {
  const number = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
  // Few texts (coded), many (joined), with surrogate pairs and empty texts.
  const text = fc.oneof(
    fc.constantFrom('HTTNV', 'HTNV', 'u01', ''),
    fc.string({ unit: 'grapheme' }),
    fc.string(),
  );
  const column = fc.oneof(
    fc.array(fc.option(number), { maxLength: 300 }),
    fc.array(fc.option(text), { maxLength: 300 }),
    fc.array(fc.option(fc.oneof(number, text)), { maxLength: 300 }),
  );

  it('reads back every column it packs, through structured cloning', () => {
    fc.assert(
      fc.property(column, (values: CellValue[]) => {
        const { values: back, bad } = unpack(structuredClone(packColumn(values)), values.length);
        expect(bad).toEqual([]);
        expect(back).toEqual(values);
      }),
    );
  });

  it('packs by what the column holds', () => {
    expect(packColumn([1970, null, 1.5])).toEqual({ numbers: Float64Array.from([1970, NaN, 1.5]) });
    const ratings = Array.from({ length: 8 }, (_, i) => (i % 2 ? 'HTTNV' : i % 3 ? null : 'HTNV'));
    expect(packColumn(ratings)).toEqual({
      texts: ['HTNV', 'HTTNV'],
      codes: Uint8Array.from([1, 2, 0, 2, 0, 2, 1, 2]),
    });
    expect(packColumn(['An', null, 'Bình'])).toEqual({
      text: 'AnBình',
      lengths: Int32Array.from([2, -1, 4]),
    });
    expect(packColumn(['12', 12, null])).toEqual(['12', 12, null]);
    const many = Array.from({ length: 70_000 }, (_, i) => `t${i % 300}`);
    expect(packColumn(many)).toMatchObject({ codes: expect.any(Uint16Array) as unknown });
  });

  it('names what is not a column of n values, and the values that are not cell values', () => {
    expect(unpack([1, 2], 3).values).toBe('expected 3 values, received an array');
    expect(unpack({ numbers: [1, 2] }, 2).values).toMatch(/^expected 2 values, received an object/);
    expect(unpack({ texts: ['a', 3], codes: Uint8Array.from([1, 2]) }, 2).values).toMatch(
      /^expected 2 values/,
    );
    expect(unpack({ text: 'abc', lengths: Int32Array.from([1, 1]) }, 2).values).toMatch(
      /its texts are 3 long, its lengths add up to 2/,
    );
    expect(unpack('x', 1).values).toMatch(/^expected 1 values, received/);
    expect(unpack({ numbers: Float64Array.from([1, Infinity, NaN]) }, 3)).toEqual({
      values: [1, null, null],
      bad: ['1: Infinity'],
    });
    expect(unpack({ texts: ['a'], codes: Uint16Array.from([1, 0, 2]) }, 3)).toEqual({
      values: ['a', null, null],
      bad: ['2: the code 2 of 1 texts'],
    });
    expect(unpack([{ x: 1 }, 'a'], 2)).toEqual({ values: [null, 'a'], bad: ['0: an object'] });
  });

  it('adds the values at the end of a given array, and nothing when the column is not one', () => {
    const into: CellValue[] = ['x'];
    expect(unpackColumn(packColumn(['An', null]), 2, () => 0, into)).toBe(into);
    expect(unpackColumn({ numbers: Float64Array.from([1]) }, 2, () => 0, into)).toMatch(/^expected 2 values/);
    expect(unpackColumn({ text: 'ab', lengths: Int32Array.from([1, 2]) }, 2, () => 0, into)).toMatch(
      /lengths/,
    );
    expect(into).toEqual(['x', 'An', null]);
  });
});
