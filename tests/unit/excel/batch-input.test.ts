// Expanding a dropped batch (src/excel/batch-input.ts): zips of returned forms opened into their spreadsheets, with
// folders, macOS's __MACOSX and lock files left out and everything else listed as skipped; workbooks, ODS files and
// anything that is not a zip passed through untouched; bombs, damaged and nested archives refused without
// inflating; entry names decoded as the zip spec says; and, as a property, the bytes zipped are the bytes expanded.
import fc from 'fast-check';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BATCH_LIMITS, expandBatch, type BatchInput } from '../../../src/excel/batch-input';
import { DEFAULT_LIMITS } from '../../../src/excel/plain-workbook';
import { fixture } from './helpers';

const MTIME = new Date(Date.UTC(2023, 0, 1));
const zip = (files: Zippable, level: 0 | 6 = 6) => zipSync(files, { mtime: MTIME, level });

/** Every occurrence of a 4-byte signature. */
function offsetsOf(bytes: Uint8Array, signature: number): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i++) if (view.getUint32(i, true) === signature) out.push(i);
  return out;
}
const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;

/** Sets a 16- or 32-bit field of every central-directory record (and, given its offset there, local header). */
function patchHeaders(
  bytes: Uint8Array,
  field: { central: number; local?: number; size: 2 | 4 },
  value: (old: number) => number,
): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const set = (at: number) => {
    if (field.size === 2) view.setUint16(at, value(view.getUint16(at, true)), true);
    else view.setUint32(at, value(view.getUint32(at, true)), true);
  };
  for (const at of offsetsOf(out, CENTRAL)) set(at + field.central);
  if (field.local !== undefined) for (const at of offsetsOf(out, LOCAL)) set(at + field.local);
  return out;
}

const xlsx = fixture('tan-hong-2022-bieu04.xlsx');
const other = fixture('other-year.xlsx');
const third = fixture('bieu03-wrong-percent.xlsx');

describe('a zip of returned forms', () => {
  const archive = zip(
    {
      'Nop/': new Uint8Array(0),
      'Nop/XaTanHoCo.xlsx': xlsx,
      'Nop/Cũ/XaAnPhuoc.XLSX': other,
      'BinhPhu.xlsx': third,
      'Nop/bao-cao.pdf': strToU8('%PDF-1.4 …'),
      '__MACOSX/Nop/._XaTanHoCo.xlsx': strToU8('resource fork'),
      'Nop/.DS_Store': strToU8('finder'),
      'Nop/~$XaTanHoCo.xlsx': strToU8('owner'),
      'Nop/Thumbs.db': strToU8('thumbnails'),
      'Nop/ghi-chu.txt': strToU8('Xã Tân Hộ Cơ nộp ngày 05/01'),
    },
    0,
  );
  const { entries, skipped } = expandBatch([{ name: 'Nộp báo cáo.zip', bytes: archive }]);

  it('takes out the spreadsheets and text files, with their path, from the archive', () => {
    expect(entries.map((e) => [e.name, e.from])).toEqual([
      ['Nop/XaTanHoCo.xlsx', 'Nộp báo cáo.zip'],
      ['Nop/Cũ/XaAnPhuoc.XLSX', 'Nộp báo cáo.zip'],
      ['BinhPhu.xlsx', 'Nộp báo cáo.zip'],
      ['Nop/ghi-chu.txt', 'Nộp báo cáo.zip'],
    ]);
    expect(Buffer.from(entries[0]?.bytes ?? []).equals(Buffer.from(xlsx))).toBe(true);
    expect(Buffer.from(entries[1]?.bytes ?? []).equals(Buffer.from(other))).toBe(true);
    expect(Buffer.from(entries[2]?.bytes ?? []).equals(Buffer.from(third))).toBe(true);
  });

  it('lists the PDF as skipped; folders, __MACOSX, hidden, lock and system files are left out silently', () => {
    expect(skipped).toEqual([
      {
        name: 'Nop/bao-cao.pdf',
        from: 'Nộp báo cáo.zip',
        reason: 'not-a-spreadsheet',
        detail: expect.any(String) as string,
      },
    ]);
  });

  it('keeps the order of the inputs, an archive’s entries where the archive was', () => {
    const result = expandBatch([
      { name: 'a.xlsx', bytes: xlsx },
      { name: 'b.zip', bytes: zip({ 'b1.csv': strToU8('x'), 'b2.csv': strToU8('y') }) },
      { name: 'c.csv', bytes: strToU8('z') },
    ]);
    expect(result.entries.map((e) => e.name)).toEqual(['a.xlsx', 'b1.csv', 'b2.csv', 'c.csv']);
  });
});

describe('inputs that pass through untouched', () => {
  it.each([
    ['a real .xlsx (a zip, but a workbook)', 'XaTanHoCo.xlsx', xlsx],
    ['an .ods (a zip with its mimetype)', 'tan-hong.ods', fixture('tan-hong.ods')],
    ['an .xls', 'tan-hong.xls', fixture('tan-hong.xls')],
    ['a CSV', 'tan-hong.csv', fixture('tan-hong-utf8-bom.csv')],
    ['a PDF dropped by mistake (the reader refuses it)', 'bao-cao.pdf', strToU8('%PDF-1.4')],
    [
      'a .docx (a zip with content types: one document)',
      'a.docx',
      zip({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w/>') }),
    ],
    ['a damaged .xlsx (the reader says it is cut off)', 'truncated.xlsx', fixture('truncated.xlsx')],
    ['a zip bomb named .xlsx (the reader refuses it as such)', 'zip-bomb.xlsx', fixture('zip-bomb.xlsx')],
    [
      'a zip of forms named .xlsx (the reader says it holds no workbook)',
      'nop.xlsx',
      zip({ 'a.xlsx': xlsx, 'b.pdf': strToU8('%PDF') }),
    ],
    ['an .xlsx named .zip (a workbook by its content)', 'XaTanHoCo.zip', xlsx],
  ])('%s', (_what, name, bytes) => {
    const { entries, skipped } = expandBatch([{ name, bytes }]);
    expect(skipped).toEqual([]);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.name).toBe(name);
    expect(entries[0]?.bytes).toBe(bytes);
    expect(entries[0]?.from).toBeUndefined();
  });
});

describe('archives refused or cut down before anything is inflated', () => {
  it('a zip bomb: an entry inflating past the per-file limit is skipped, the others kept', () => {
    // 30 MiB of zeros deflate to ~30 KB: a real bomb, beside a real form.
    const bomb = zip({ 'bomb.xlsx': new Uint8Array(30 * 1024 * 1024), 'XaTanHoCo.xlsx': xlsx });
    expect(bomb.length).toBeLessThan(100_000);
    const { entries, skipped } = expandBatch([{ name: 'nop.zip', bytes: bomb }]);
    expect(entries.map((e) => e.name)).toEqual(['XaTanHoCo.xlsx']);
    expect(skipped).toMatchObject([{ name: 'bomb.xlsx', from: 'nop.zip', reason: 'too-large' }]);
    expect(skipped[0]?.detail).toContain(`more than ${DEFAULT_LIMITS.maxBytes}`);
  });

  it('a declared size is believed and never inflated: 4 GB declared for a 1000-byte entry of broken data', () => {
    const honest = zip({ 'a.xlsx': strToU8('x'.repeat(1000)), 'b.csv': strToU8('1;2') });
    const lying = patchHeaders(honest, { central: 24, size: 4 }, (old) => (old === 1000 ? 0xfffffff0 : old));
    // 0xFF starts a deflate block of the reserved type: inflating a.xlsx would fail the whole archive.
    const data = (offsetsOf(lying, LOCAL)[0] ?? 0) + 30 + 'a.xlsx'.length;
    lying.fill(0xff, data, data + 4);
    const { entries, skipped } = expandBatch([{ name: 'nop.zip', bytes: lying }]);
    expect(skipped).toMatchObject([{ name: 'a.xlsx', reason: 'too-large' }]);
    expect(entries.map((e) => e.name)).toEqual(['b.csv']);
    // The same broken entry declaring its true size is inflated, and fails.
    const broken = honest.slice();
    broken.fill(0xff, data, data + 4);
    expect(expandBatch([{ name: 'nop.zip', bytes: broken }]).skipped).toMatchObject([
      { name: 'nop.zip', reason: 'bad-archive' },
    ]);
  });

  it('an archive whose spreadsheets declare more than the total limit is refused whole', () => {
    const files = Object.fromEntries(
      Array.from({ length: 5 }, (_, i) => [`don-vi-${i}.csv`, new Uint8Array(1000)]),
    );
    const { entries, skipped } = expandBatch([{ name: 'nop.zip', bytes: zip(files) }], {
      maxArchiveBytes: 4500,
    });
    expect(entries).toEqual([]);
    expect(skipped).toMatchObject([{ name: 'nop.zip', reason: 'too-large' }]);
    expect(skipped[0]?.from).toBeUndefined();
    expect(DEFAULT_BATCH_LIMITS.maxArchiveBytes).toBe(1024 * 1024 * 1024);
  });

  it('more entries than maxEntries: the archive is refused', () => {
    const files = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}.csv`, strToU8('x')]));
    const { entries, skipped } = expandBatch([{ name: 'nop.zip', bytes: zip(files) }], { maxEntries: 10 });
    expect(entries).toEqual([]);
    expect(skipped).toMatchObject([
      { name: 'nop.zip', reason: 'too-many', detail: 'more than 10 entries in the zip' },
    ]);
    expect(expandBatch([{ name: 'nop.zip', bytes: zip(files) }]).entries).toHaveLength(12);
    expect(DEFAULT_BATCH_LIMITS.maxEntries).toBe(2000);
  });

  it('a nested zip is skipped, not opened', () => {
    const inner = zip({ 'XaTanHoCo.xlsx': xlsx });
    const { entries, skipped } = expandBatch([
      { name: 'nop.zip', bytes: zip({ 'lan-1.zip': inner, 'XaAnPhuoc.xlsx': other }) },
    ]);
    expect(entries.map((e) => e.name)).toEqual(['XaAnPhuoc.xlsx']);
    expect(skipped).toMatchObject([{ name: 'lan-1.zip', from: 'nop.zip', reason: 'nested-archive' }]);
  });
});

describe('damaged archives', () => {
  const whole = zip({ 'XaTanHoCo.xlsx': xlsx, 'XaAnPhuoc.xlsx': other });

  it('cut off anywhere: one skip, bad-archive, with the error', () => {
    for (const keep of [0.1, 0.5, 0.9, 0.999]) {
      const { entries, skipped } = expandBatch([
        { name: 'nop.zip', bytes: whole.slice(0, Math.floor(whole.length * keep)) },
      ]);
      expect(entries, `kept ${keep}`).toEqual([]);
      expect(skipped, `kept ${keep}`).toMatchObject([{ name: 'nop.zip', reason: 'bad-archive' }]);
      expect(skipped[0]?.detail).not.toBe('');
    }
  });

  it('broken deflate data: the archive is refused, naming the entry', () => {
    const text = zip({ 'a.csv': strToU8('Đơn vị;Tổng số\r\n'.repeat(200)), 'b.csv': strToU8('x') });
    const broken = text.slice();
    const start = (offsetsOf(broken, LOCAL)[0] ?? 0) + 30 + 'a.csv'.length;
    broken.fill(0xff, start, start + 20);
    const { entries, skipped } = expandBatch([{ name: 'nop.zip', bytes: broken }]);
    expect(entries).toEqual([]);
    expect(skipped).toMatchObject([{ name: 'nop.zip', reason: 'bad-archive' }]);
    expect(skipped[0]?.detail).toMatch(/^a\.csv: /);
  });

  it('an entry compressed with a method other than deflate is skipped alone', () => {
    const lzma = patchHeaders(
      zip({ 'a.csv': strToU8('1'), 'b.csv': strToU8('2') }, 0),
      { central: 10, local: 8, size: 2 },
      () => 14,
    );
    const { skipped } = expandBatch([{ name: 'nop.zip', bytes: lzma }]);
    expect(skipped.map((s) => [s.name, s.reason])).toEqual([
      ['a.csv', 'bad-archive'],
      ['b.csv', 'bad-archive'],
    ]);
  });

  it('an empty archive, or one of folders only, says so', () => {
    const empty = new Uint8Array([0x50, 0x4b, 5, 6, ...new Array<number>(18).fill(0)]);
    for (const bytes of [empty, zip({ 'Nop/': new Uint8Array(0), '__MACOSX/._x': strToU8('x') })])
      expect(expandBatch([{ name: 'nop.zip', bytes }])).toEqual({
        entries: [],
        skipped: [{ name: 'nop.zip', reason: 'empty-archive', detail: expect.any(String) as string }],
      });
  });

  it('two entries of the same path: the second is skipped', () => {
    const twice = zip({ 'a.csv': strToU8('first'), 'b.csv': strToU8('second') }, 0);
    // Rename b.csv to a.csv in both headers.
    const out = twice.slice();
    for (const at of [
      ...offsetsOf(out, LOCAL).map((o) => o + 30),
      ...offsetsOf(out, CENTRAL).map((o) => o + 46),
    ])
      if (out[at] === 0x62) out[at] = 0x61;
    const { entries, skipped } = expandBatch([{ name: 'nop.zip', bytes: out }]);
    expect(entries.map((e) => new TextDecoder().decode(e.bytes))).toEqual(['first']);
    expect(skipped).toMatchObject([{ name: 'a.csv', reason: 'duplicate-name' }]);
  });
});

describe('entry names', () => {
  const one = (bytes: Uint8Array) => expandBatch([{ name: 'nop.zip', bytes }]).entries.map((e) => e.name);
  /** Clears the UTF-8 flag (general-purpose bit 11) in every header. */
  const unflag = (bytes: Uint8Array) =>
    patchHeaders(bytes, { central: 8, local: 6, size: 2 }, (flags) => flags & ~0x800);

  it('UTF-8 names, flagged as the spec says (Windows, 7-Zip, fflate)', () => {
    expect(one(zip({ 'Nộp/Xã Tân Hộ Cơ.xlsx': xlsx }))).toEqual(['Nộp/Xã Tân Hộ Cơ.xlsx']);
  });

  it('UTF-8 names without the flag (macOS Archive Utility), in NFD, come out in NFC', () => {
    const nfd = 'Xã Tân Hộ Cơ.xlsx'.normalize('NFD');
    expect(one(unflag(zip({ [nfd]: xlsx })))).toEqual(['Xã Tân Hộ Cơ.xlsx']);
  });

  it('names neither flagged nor UTF-8 are CP437, as the spec says', () => {
    // "Bi\x81u.csv" where 0x81 is ü in CP437; written here by patching an ASCII name.
    const out = zip({ 'Biau.csv': strToU8('x') }, 0);
    for (const at of [
      ...offsetsOf(out, LOCAL).map((o) => o + 30 + 2),
      ...offsetsOf(out, CENTRAL).map((o) => o + 46 + 2),
    ])
      out[at] = 0x81;
    expect(one(out)).toEqual(['Biüu.csv']);
  });

  it('backslashes between folders become slashes; a Windows-made folder entry is still a folder', () => {
    expect(one(zip({ 'Nop\\XaTanHoCo.csv': strToU8('x'), 'Nop\\Cu\\': new Uint8Array(0) }))).toEqual([
      'Nop/XaTanHoCo.csv',
    ]);
  });
});

describe('property: the entries expanded are the files zipped', () => {
  const segment = fc.stringMatching(
    /^[A-Za-z0-9 ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ_-]{1,12}$/,
  );
  const fileName = fc
    .tuple(
      fc.array(segment, { maxLength: 2 }),
      segment,
      fc.constantFrom('.xlsx', '.XLSX', '.xls', '.ods', '.csv', '.txt', '.xlsm'),
    )
    .map(([dirs, base, ext]) => [...dirs, base.trim() === '' ? 'f' : base].join('/') + ext)
    .filter((n) => !n.split('/').some((p) => p.startsWith('.') || p.startsWith('~$')));
  const files = fc.uniqueArray(
    fc.tuple(fileName, fc.uint8Array({ maxLength: 2000 }), fc.constantFrom(0, 1, 9)),
    {
      minLength: 1,
      maxLength: 8,
      selector: ([name]) => name.normalize('NFC'),
    },
  );

  it('same names, same bytes, in order, at any deflate level', () => {
    fc.assert(
      fc.property(files, (list) => {
        const zippable: Zippable = {};
        for (const [name, bytes, level] of list)
          Object.defineProperty(zippable, name, { value: [bytes, { level }], enumerable: true });
        const input: BatchInput = { name: 'nop.zip', bytes: zipSync(zippable, { mtime: MTIME }) };
        const { entries, skipped } = expandBatch([input]);
        expect(skipped).toEqual([]);
        expect(entries.map((e) => e.name)).toEqual(list.map(([name]) => name.normalize('NFC')));
        entries.forEach((e, i) => {
          expect(e.from).toBe('nop.zip');
          expect(Buffer.from(e.bytes).equals(Buffer.from(list[i]?.[1] ?? []))).toBe(true);
        });
      }),
      { numRuns: 100 },
    );
  });
});
