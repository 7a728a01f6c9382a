// The zip writer's own pieces: the slicing-by-8 CRC-32 against node's zlib, and a text entry given as pieces (as a
// filled worksheet is) read back as the very text, whatever the batching cuts through (surrogate pairs included).
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, makeTextEntry, readZip, writeZip } from '../../../../src/excel/fill/zip';

const zipOf = (name: string, text: string | Iterable<string>): Uint8Array =>
  writeZip({ entries: [makeTextEntry(name, text)], comment: new Uint8Array(0) });

const textOf = (zip: Uint8Array, name: string): string =>
  new TextDecoder('utf-8', { fatal: true }).decode(unzipSync(zip)[name]);

describe('crc32', () => {
  it('gives the check value of "123456789" and of the empty input', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('agrees with zlib on any bytes, whatever their length modulo 8', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(crc32(bytes)).toBe(zlibCrc32(bytes));
      }),
      { numRuns: 300 },
    );
  });
});

describe('makeTextEntry', () => {
  it('a string and the same text in pieces give the same content, size and CRC', () => {
    const text = '<row r="1"><c r="A1" t="inlineStr"><is><t>Đảng bộ xã Tân Hộ Cơ 😀</t></is></c></row>';
    const whole = makeTextEntry('a.xml', text);
    const pieces = makeTextEntry(
      'a.xml',
      [...text.matchAll(/<[^<]*/g)].map((m) => m[0]),
    );
    const bytes = new TextEncoder().encode(text);
    for (const entry of [whole, pieces]) {
      expect(entry.uncompressedSize).toBe(bytes.length);
      expect(readZip(zipOf('a.xml', text)).entries[0]?.uncompressedSize).toBe(bytes.length);
      expect(new DataView(entry.central.buffer).getUint32(16, true)).toBe(zlibCrc32(bytes));
    }
  });

  it('many pieces, long pieces and surrogate pairs across the 64 K batches come back as written', () => {
    const row = (i: number): string => `<row r="${i}"><c><t>Chi bộ 😀 ${i}</t></c></row>`;
    const rows = Array.from({ length: 20_000 }, (_, i) => row(i + 1));
    // One piece longer than a batch with a pair straddling every 65,536th unit.
    const long = 'x' + '😀'.repeat(70_000);
    function* pieces(): Generator<string> {
      yield '<?xml version="1.0"?><sheet>';
      yield* rows;
      yield long;
      yield '</sheet>';
    }
    const expected = `<?xml version="1.0"?><sheet>${rows.join('')}${long}</sheet>`;
    expect(textOf(zipOf('s.xml', pieces()), 's.xml')).toBe(expected);
    expect(textOf(zipOf('s.xml', expected), 's.xml')).toBe(expected);
  });

  it('an empty text is an empty entry', () => {
    expect(textOf(zipOf('e.xml', []), 'e.xml')).toBe('');
    expect(textOf(zipOf('e.xml', ''), 'e.xml')).toBe('');
  });
});
