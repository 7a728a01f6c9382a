// SheetJS → PlainWorkbook on each fixture, read with the worker's own options.
import { describe, expect, it } from 'vitest';
import { repairUtf8, toPlainCell } from '../../../src/excel/convert';
import { DEFAULT_LIMITS } from '../../../src/excel/plain-workbook';
import { cell, readFixture, rowText, sheetOf, workbookOf } from './helpers';

describe('tan-hong-2022-bieu04.xlsx', () => {
  const wb = workbookOf('tan-hong-2022-bieu04.xlsx');
  const sheet = sheetOf('tan-hong-2022-bieu04.xlsx');

  it('keeps the file name, the format and the one sheet', () => {
    expect(wb.fileName).toBe('tan-hong-2022-bieu04.xlsx');
    expect(wb.format).toBe('xlsx');
    expect(wb.sheets.map((s) => [s.name, s.hidden, s.truncated])).toEqual([['Biểu 04', false, false]]);
    expect(wb.customProps).toEqual({});
  });

  it('reads the header block and the two-level header with its merges', () => {
    expect(cell(sheet, 'A1')?.text).toBe('HUYỆN ỦY TÂN HỒNG');
    expect(cell(sheet, 'D2')?.text).toBe('Năm 2022');
    expect(cell(sheet, 'G4')?.text).toBe('Kết quả xếp loại');
    expect(cell(sheet, 'H5')?.text).toBe('Hoàn thành tốt nhiệm vụ (gồm xuất sắc)');
    expect(cell(sheet, 'C6')?.text).toBe('(3) = (4) + (5) + (6)');
    expect(sheet.merges).toContainEqual({ s: { r: 3, c: 6 }, e: { r: 3, c: 9 } }); // G4:J4
    expect(sheet.merges).toContainEqual({ s: { r: 3, c: 0 }, e: { r: 4, c: 0 } }); // A4:A5
  });

  it('reads the 27 unit rows as numbers, and the percentages as Excel shows them', () => {
    expect(rowText(sheet, 7).slice(0, 10)).toEqual([
      '1',
      'Đảng bộ thị trấn Sa Rài',
      '306',
      '52',
      '4',
      '250',
      '35',
      '237',
      '10',
      '3',
    ]);
    expect(cell(sheet, 'L7')).toEqual({ v: 0.948, text: '94.80%' });
    expect(cell(sheet, 'B33')?.text).toBe('Chi bộ Điện lực Tân Hồng');
  });

  it('reads the "Cộng" row from the formulas\' cached values', () => {
    expect(cell(sheet, 'B34')?.v).toBe('Cộng');
    expect(['C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'].map((c) => cell(sheet, `${c}34`)?.v)).toEqual([
      3328, 470, 42, 2816, 392, 2682, 105, 29,
    ]);
    expect(cell(sheet, 'L34')?.text).toBe('95.24%');
  });

  it('ends at the footer, with no trailing empty row or cell', () => {
    expect(sheet.rows).toHaveLength(37);
    expect(cell(sheet, 'L37')?.text).toBe('TRƯỞNG BAN');
    for (const row of sheet.rows) expect(row.at(-1) ?? 'empty row').not.toBeNull();
  });
});

describe('the same workbook as .ods and .xls', () => {
  const xlsx = sheetOf('tan-hong-2022-bieu04.xlsx');

  it.each(['tan-hong.ods', 'tan-hong.xls'])('%s holds the same values and merges', (name) => {
    const other = sheetOf(name);
    expect(other.name).toBe('Biểu 04');
    expect(other.rows.map((row) => row.map((c) => c?.v ?? null))).toEqual(
      xlsx.rows.map((row) => row.map((c) => c?.v ?? null)),
    );
    expect(new Set(other.merges.map((m) => JSON.stringify(m)))).toEqual(
      new Set(xlsx.merges.map((m) => JSON.stringify(m))),
    );
  });
});

describe('edge cases', () => {
  it('bieu03-wrong-percent.xlsx: the typed 2,47 % reaches the import as it is', () => {
    const sheet = sheetOf('bieu03-wrong-percent.xlsx');
    expect(rowText(sheet, 33).slice(1, 8)).toEqual(['Cộng', '89', '89', '14', '73', '2', '0']);
    expect(cell(sheet, 'K33')).toEqual({ v: 0.0247, text: '2.47%' });
    expect(cell(sheet, 'K23')).toEqual({ v: 0.3333, text: '33.33%' }); // Kho bạc: 1 of 3
  });

  it('numbers-as-text.xlsx: text stays text, numbers stay numbers', () => {
    const sheet = sheetOf('numbers-as-text.xlsx');
    expect(cell(sheet, 'C5')).toEqual({ v: '3.328', text: '3.328' });
    expect(cell(sheet, 'F5')).toEqual({ v: '2 682', text: '2 682' });
    expect(cell(sheet, 'G2')).toEqual({ v: '94,80%', text: '94,80%' });
    expect(cell(sheet, 'E6')).toEqual({ v: ' 392 ', text: ' 392 ' });
    expect(cell(sheet, 'C4')).toEqual({ v: 293, text: '293' });
  });

  it('hidden-rows.xlsx: hidden rows are read like the others', () => {
    const sheet = sheetOf('hidden-rows.xlsx');
    expect(sheet.rows).toHaveLength(7);
    expect(cell(sheet, 'B4')?.text).toBe('Đảng bộ xã Bình Phú');
    expect(cell(sheet, 'B5')?.text).toBe('Đảng bộ xã Tân Công Chí');
  });

  it('hidden-sheet.xlsx: hidden and very hidden sheets are flagged', () => {
    const sheets = workbookOf('hidden-sheet.xlsx').sheets;
    expect(sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['Biểu 04', false],
      ['Biểu 04 (2021)', true],
      ['Danh mục', true],
    ]);
  });

  it('merged-header.xlsx: every merge of the three-level header', () => {
    const sheet = sheetOf('merged-header.xlsx');
    expect(sheet.merges).toEqual([
      { s: { r: 0, c: 0 }, e: { r: 2, c: 0 } },
      { s: { r: 0, c: 1 }, e: { r: 2, c: 1 } },
      { s: { r: 0, c: 2 }, e: { r: 0, c: 11 } },
      { s: { r: 1, c: 2 }, e: { r: 2, c: 2 } },
      { s: { r: 1, c: 3 }, e: { r: 2, c: 3 } },
      { s: { r: 1, c: 4 }, e: { r: 1, c: 7 } },
      { s: { r: 1, c: 8 }, e: { r: 1, c: 11 } },
    ]);
    expect(cell(sheet, 'C1')?.text).toBe('Chi bộ trực thuộc');
    expect(cell(sheet, 'D1')).toBeNull(); // inside the merge: empty, as in Excel
  });

  it('formula-without-cached-value.xlsx: formulas without a value are flagged, "" is a value', () => {
    const sheet = sheetOf('formula-without-cached-value.xlsx');
    const missing = { v: null, text: '', formulaWithoutValue: true };
    expect(cell(sheet, 'E2')).toEqual(missing); // no <v>
    expect(cell(sheet, 'E3')).toEqual(missing); // empty <v/>
    expect(cell(sheet, 'E4')).toEqual({ v: 100, text: '100' });
    expect(cell(sheet, 'E5')).toEqual({ v: '', text: '' });
    expect(['C6', 'D6', 'E6'].map((a) => cell(sheet, a))).toEqual([missing, missing, missing]);
  });

  it('empty-workbook.xlsx: empty', () => {
    expect(readFixture('empty-workbook.xlsx')).toMatchObject({ ok: false, error: { code: 'empty' } });
  });

  it('other-year.xlsx: the custom properties, Vietnamese intact', () => {
    expect(workbookOf('other-year.xlsx').customProps).toEqual({
      'TongHop.Template': 'tcd-2019',
      'TongHop.TemplateVersion': '1',
      'TongHop.Year': '2021',
      'TongHop.Committee': 'Huyện ủy Hồng Ngự',
    });
  });

  it('.xls: the standard properties SheetJS mixes into Custprops are left out', () => {
    expect(workbookOf('tan-hong.xls').customProps).toEqual({});
  });
});

describe('CSV', () => {
  const utf8 = sheetOf('tan-hong-utf8-bom.csv');

  it('keeps every field as text ("2.682" is not 2.682)', () => {
    expect(workbookOf('tan-hong-utf8-bom.csv').format).toBe('csv');
    expect(rowText(utf8, 29)).toEqual([
      '',
      'Cộng',
      '3.328',
      '470',
      '42',
      '2.816',
      '392',
      '2.682',
      '105',
      '29',
      '95,24%',
    ]);
    expect(cell(utf8, 'H29')).toEqual({ v: '2.682', text: '2.682' });
    expect(cell(utf8, 'A2')).toEqual({ v: '1', text: '1' });
    expect(utf8.rows).toHaveLength(29);
  });

  it.each(['tan-hong-utf16le.csv', 'tan-hong-windows-1258.csv'])('%s gives the same sheet', (name) => {
    expect(sheetOf(name).rows).toEqual(utf8.rows);
  });
});

describe('limits', () => {
  it('refuses a value past the column limit', () => {
    const limits = { ...DEFAULT_LIMITS, maxColumns: 10 };
    const result = readFixture('tan-hong-2022-bieu04.xlsx', limits);
    expect(result).toMatchObject({ ok: false, error: { code: 'too-many-columns' } });
  });

  it('refuses a value past the row limit', () => {
    const limits = { ...DEFAULT_LIMITS, maxRows: 30 };
    const result = readFixture('tan-hong-2022-bieu04.xlsx', limits);
    expect(result).toMatchObject({ ok: false, error: { code: 'too-many-rows' } });
    expect(!result.ok && result.error.detail).toContain('Biểu 04');
  });

  it('marks a sheet truncated when the rows after an empty one at the limit were not read', () => {
    // Rows 35–37 (empty, date, signatures): with a limit of 34 rows, the 35th row read is empty.
    const limits = { ...DEFAULT_LIMITS, maxRows: 34 };
    const result = readFixture('tan-hong-2022-bieu04.xlsx', limits);
    expect(result.ok && result.workbook.sheets[0]).toMatchObject({ truncated: true });
    expect(result.ok && result.workbook.sheets[0]?.rows).toHaveLength(34);
    // The footer's merge (K36:O36) lies in the rows not read.
    expect(result.ok && result.workbook.sheets[0]?.merges.every((m) => m.s.r < 34)).toBe(true);
  });
});

describe('toPlainCell', () => {
  it.each([
    [
      { t: 'n' as const, v: 3328, w: '3,328' },
      { v: 3328, text: '3,328' },
    ],
    [
      { t: 'n' as const, v: 5 },
      { v: 5, text: '5' },
    ],
    [
      { t: 's' as const, v: 'Cộng' },
      { v: 'Cộng', text: 'Cộng' },
    ],
    [
      { t: 'b' as const, v: true },
      { v: true, text: 'TRUE' },
    ],
    [
      { t: 'e' as const, v: 7, w: '#DIV/0!' },
      { v: '#DIV/0!', text: '#DIV/0!' },
    ],
    [{ t: 'z' as const }, null],
    [
      { t: 'z' as const, f: 'SUM(A1:A3)' },
      { v: null, text: '', formulaWithoutValue: true },
    ],
    [
      { t: 'd' as const, v: new Date(Date.UTC(2023, 0, 10)) },
      { v: '2023-01-10T00:00:00.000Z', text: '2023-01-10T00:00:00.000Z' },
    ],
    [
      { t: 'n' as const, v: NaN, w: '#NUM!' },
      { v: 'NaN', text: '#NUM!' },
    ],
  ])('%j → %j', (input, expected) => {
    expect(toPlainCell(input)).toEqual(expected);
  });
});

describe('repairUtf8', () => {
  it('re-decodes UTF-8 read as one character per byte, and leaves real text alone', () => {
    const mangled = String.fromCharCode(...new TextEncoder().encode('Huyện ủy Hồng Ngự'));
    expect(repairUtf8(mangled)).toBe('Huyện ủy Hồng Ngự');
    expect(repairUtf8('Huyện ủy Hồng Ngự')).toBe('Huyện ủy Hồng Ngự');
    expect(repairUtf8('Tân Hồng')).toBe('Tân Hồng');
    expect(repairUtf8('Tân')).toBe('Tân'); // Latin-1 only, not valid UTF-8 as bytes
    expect(repairUtf8('2021')).toBe('2021');
  });
});
