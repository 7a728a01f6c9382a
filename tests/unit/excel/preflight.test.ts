// The page's checks before any worker: each fixture's verdict, and the zip and OLE cases built on the spot.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { listCfbEntries } from '../../../src/excel/cfb-directory';
import { DEFAULT_LIMITS, type ReadErrorCode, type ReadFormat } from '../../../src/excel/plain-workbook';
import { checkFileSize, preflight } from '../../../src/excel/preflight';
import { fixture } from './helpers';

const verdict = (name: string, bytes: Uint8Array = fixture(name), limits = DEFAULT_LIMITS) => {
  const result = preflight(name, bytes, limits);
  return result.ok ? result.format : result.error.code;
};

describe('preflight on the fixtures', () => {
  it.each<[string, ReadFormat | ReadErrorCode]>([
    ['tan-hong-2022-bieu04.xlsx', 'xlsx'],
    ['bieu03-wrong-percent.xlsx', 'xlsx'],
    ['numbers-as-text.xlsx', 'xlsx'],
    ['hidden-rows.xlsx', 'xlsx'],
    ['hidden-sheet.xlsx', 'xlsx'],
    ['merged-header.xlsx', 'xlsx'],
    ['formula-without-cached-value.xlsx', 'xlsx'],
    ['empty-workbook.xlsx', 'xlsx'], // a valid package: its emptiness is found when read
    ['other-year.xlsx', 'xlsx'],
    ['tan-hong.ods', 'ods'],
    ['tan-hong.xls', 'xls'],
    ['tan-hong-utf8-bom.csv', 'csv'],
    ['tan-hong-utf16le.csv', 'csv'],
    ['tan-hong-windows-1258.csv', 'csv'],
    ['not-a-spreadsheet.xlsx', 'not-a-spreadsheet'],
    ['truncated.xlsx', 'truncated'],
    ['zip-bomb.xlsx', 'zip-bomb'],
    ['password-protected.xlsx', 'password'],
  ])('%s → %s', (name, expected) => {
    expect(verdict(name)).toBe(expected);
  });

  it('decides by content, not by name', () => {
    expect(verdict('Biểu 04.xls', fixture('tan-hong-2022-bieu04.xlsx'))).toBe('xlsx');
    expect(verdict('Biểu 04.xlsx', fixture('tan-hong.xls'))).toBe('xls');
    expect(verdict('Biểu 04.xlsx', fixture('tan-hong.ods'))).toBe('ods');
    expect(verdict('bao-cao', fixture('tan-hong-utf8-bom.csv'))).toBe('csv');
  });

  it('names the bomb entry and its ratio without inflating it', () => {
    const result = preflight('zip-bomb.xlsx', fixture('zip-bomb.xlsx'));
    expect(result).toMatchObject({ ok: false, error: { code: 'zip-bomb' } });
    expect(!result.ok && result.error.detail).toMatch(/xl\/worksheets\/sheet1\.xml inflates \d+×/);
  });
});

describe('size', () => {
  it('refuses an empty file and one over the limit', () => {
    expect(checkFileSize(0)?.code).toBe('empty');
    expect(checkFileSize(DEFAULT_LIMITS.maxBytes + 1)?.code).toBe('too-large');
    expect(checkFileSize(DEFAULT_LIMITS.maxBytes)).toBeNull();
    expect(verdict('x.csv', new Uint8Array(0))).toBe('empty');
  });

  it('applies a lower limit to the bytes too', () => {
    const limits = { ...DEFAULT_LIMITS, maxBytes: 1000 };
    expect(verdict('tan-hong-2022-bieu04.xlsx', fixture('tan-hong-2022-bieu04.xlsx'), limits)).toBe(
      'too-large',
    );
  });
});

/** A tiny zip with these entries, each holding a few bytes. */
function zipOf(names: string[], contents: Record<string, string> = {}): Uint8Array {
  const files = Object.fromEntries(names.map((n) => [n, strToU8(contents[n] ?? 'x')]));
  return zipSync(files, { mtime: new Date(Date.UTC(2023, 0, 1)) });
}

/** Rewrites the uncompressed size every central directory entry declares (offset 24 of its header). */
function declareOriginalSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 46 <= out.length; i++)
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, size, true);
  return out;
}

describe('zips', () => {
  const xlsxNames = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'];

  it('refuses entries that together declare more than maxUnzippedBytes', () => {
    // 25 entries of 9 MiB each: none is large enough for the ratio rule, together they are 225 MiB.
    const names = [...xlsxNames, ...Array.from({ length: 21 }, (_, i) => `xl/worksheets/sheet${i + 2}.xml`)];
    const zip = declareOriginalSize(zipOf(names), 9 * 1024 * 1024);
    const result = preflight('a.xlsx', zip);
    expect(result).toMatchObject({ ok: false, error: { code: 'zip-bomb' } });
    expect(!result.ok && result.error.detail).toMatch(/entries declare 235929600 bytes/);
  });

  it('refuses the sum even when no single entry looks like a bomb', () => {
    const zip = declareOriginalSize(zipOf(xlsxNames), 1024 * 1024); // 4 MiB in all, each under 10 MiB
    expect(verdict('a.xlsx', zip, { ...DEFAULT_LIMITS, maxUnzippedBytes: 3 * 1024 * 1024 })).toBe('zip-bomb');
    expect(verdict('a.xlsx', zip)).toBe('xlsx');
  });

  it('refuses more entries than maxZipEntries', () => {
    const names = [...xlsxNames, ...Array.from({ length: 20 }, (_, i) => `xl/media/image${i}.png`)];
    expect(verdict('a.xlsx', zipOf(names), { ...DEFAULT_LIMITS, maxZipEntries: 10 })).toBe('zip-bomb');
    expect(verdict('a.xlsx', zipOf(names))).toBe('xlsx');
  });

  it('tells a workbook from other zips', () => {
    expect(verdict('a.xlsx', zipOf(['[Content_Types].xml', 'word/document.xml']))).toBe('not-a-spreadsheet');
    expect(verdict('a.zip', zipOf(['readme.txt']))).toBe('not-a-spreadsheet');
    const odt = zipOf(['mimetype', 'content.xml'], { mimetype: 'application/vnd.oasis.opendocument.text' });
    expect(verdict('a.ods', odt)).toBe('not-a-spreadsheet');
    const ods = zipOf(['mimetype', 'content.xml'], {
      mimetype: 'application/vnd.oasis.opendocument.spreadsheet',
    });
    expect(verdict('a.ods', ods)).toBe('ods');
    const empty = new Uint8Array([0x50, 0x4b, 5, 6, ...new Array<number>(18).fill(0)]);
    expect(verdict('a.xlsx', empty)).toBe('not-a-spreadsheet');
  });

  it('reports a zip cut anywhere as truncated', () => {
    const whole = fixture('tan-hong-2022-bieu04.xlsx');
    for (const keep of [0.1, 0.5, 0.9, 0.999])
      expect(verdict('a.xlsx', whole.slice(0, Math.floor(whole.length * keep)))).toBe('truncated');
  });
});

describe('OLE files', () => {
  it('lists the directory of an .xls and of an encrypted package', () => {
    const xls = listCfbEntries(fixture('tan-hong.xls'));
    expect(xls.ok && xls.names).toContain('Workbook');
    const encrypted = listCfbEntries(fixture('password-protected.xlsx'));
    expect(encrypted.ok && encrypted.names).toEqual(
      expect.arrayContaining(['EncryptedPackage', 'EncryptionInfo']),
    );
  });

  it('reports an .xls cut before its directory as truncated', () => {
    const whole = fixture('tan-hong.xls');
    expect(verdict('a.xls', whole.slice(0, 1024))).toBe('truncated');
  });

  it('refuses an OLE file without a workbook stream (a Word document)', () => {
    const word = fixture('password-protected.xlsx').slice();
    // Rename "EncryptedPackage" to "WordDocument\0\0\0\0" in the directory: same length in UTF-16.
    const from = new Uint8Array([...'EncryptedPackage'].flatMap((ch) => [ch.charCodeAt(0), 0]));
    const at = indexOf(word, from);
    expect(at).toBeGreaterThan(0);
    word.set(new Uint8Array([...'WordDocument\0\0\0\0'].flatMap((ch) => [ch.charCodeAt(0), 0])), at);
    new DataView(word.buffer).setUint16(at + 0x40, 26, true); // name length: 12 characters + terminator
    expect(verdict('a.doc', word)).toBe('not-a-spreadsheet');
  });
});

describe('text', () => {
  it('takes text under any name but a zip-based one as CSV', () => {
    const csv = strToU8('STT;Tên\r\n1;Sa Rài\r\n');
    expect(verdict('a.csv', csv)).toBe('csv');
    expect(verdict('a.txt', csv)).toBe('csv');
    expect(verdict('a.xls', csv)).toBe('csv'); // old tools save HTML or text under .xls
    expect(verdict('a.xlsx', csv)).toBe('not-a-spreadsheet');
  });

  it('refuses binary that is neither zip nor OLE', () => {
    expect(verdict('a.csv', new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x0a, 0x00, 0x01]))).toBe(
      'not-a-spreadsheet',
    );
  });

  it('calls a file of only spaces and line ends empty', () => {
    expect(verdict('a.csv', strToU8(' \r\n\t\r\n'))).toBe('empty');
    expect(verdict('a.csv', new Uint8Array([0xef, 0xbb, 0xbf, 0x0d, 0x0a]))).toBe('empty');
  });
});

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
