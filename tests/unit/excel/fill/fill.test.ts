import { describe, expect, it } from 'vitest';
import { fillWorkbook, sheetPathsByName, type SheetPatch } from '../../../../src/excel/fill';
import {
  cellXml,
  entriesRaw,
  fillFixture,
  partText,
  readBack,
  readWorkbook,
  SHEET1,
  SHEET2,
} from './helpers';

const basic = fillFixture('basic.xlsx');
const fill = (
  cells: SheetPatch['cells'],
  insertRows?: SheetPatch['insertRows'],
  template = basic,
): Uint8Array =>
  fillWorkbook(template, [{ sheetPath: SHEET1, cells, ...(insertRows ? { insertRows } : {}) }]);

describe('sheetPathsByName', () => {
  it('maps sheet names to worksheet parts through the workbook relationships', () => {
    expect([...sheetPathsByName(basic)]).toEqual([
      ['Biểu 04', SHEET1],
      ['Other', SHEET2],
    ]);
  });
});

describe('fillWorkbook: cells', () => {
  it('replaces a shared-string cell by an inline string keeping its style, and never rewrites sharedStrings.xml', () => {
    const out = fill([{ ref: 'A5', value: 'Chi bộ <Trường> & "A"' }]);
    const xml = partText(out, SHEET1);
    expect(cellXml(xml, 'A5')).toBe(
      '<c r="A5" s="2" t="inlineStr"><is><t>Chi bộ &lt;Trường&gt; &amp; "A"</t></is></c>',
    );
    expect(entriesRaw(out).get('xl/sharedStrings.xml')).toEqual(
      entriesRaw(basic).get('xl/sharedStrings.xml'),
    );
    expect(readBack(out)['A5']?.v).toBe('Chi bộ <Trường> & "A"');
  });

  it('replaces an inline string and keeps leading spaces', () => {
    const out = fill([{ ref: 'A2', value: '  Năm 2023' }]);
    expect(cellXml(partText(out, SHEET1), 'A2')).toBe(
      '<c r="A2" t="inlineStr"><is><t xml:space="preserve">  Năm 2023</t></is></c>',
    );
    expect(readBack(out)['A2']?.v).toBe('  Năm 2023');
  });

  it('fills empty styled cells keeping s, numbers as numbers', () => {
    const out = fill([
      { ref: 'D6', value: 12 },
      { ref: 'B2', value: 0.25 },
      { ref: 'D8', value: -0 },
    ]);
    const xml = partText(out, SHEET1);
    expect(cellXml(xml, 'D6')).toBe('<c r="D6" s="3"><v>12</v></c>');
    expect(cellXml(xml, 'B2')).toBe('<c r="B2" s="2"><v>0.25</v></c>');
    expect(cellXml(xml, 'D8')).toBe('<c r="D8" s="3"><v>0</v></c>');
    const ws = readBack(out);
    expect(ws['D6']).toMatchObject({ t: 'n', v: 12 });
    expect(ws['B2']).toMatchObject({ t: 'n', v: 0.25 });
  });

  it('keeps text starting with "=" as text', () => {
    const out = fill([{ ref: 'C6', value: '=SUM(A1)' }]);
    const c6 = cellXml(partText(out, SHEET1), 'C6') ?? '';
    expect(c6).toBe('<c r="C6" s="3" t="inlineStr"><is><t>=SUM(A1)</t></is></c>');
    expect(c6).not.toContain('<f>');
    expect(readBack(out)['C6']).toMatchObject({ t: 's', v: '=SUM(A1)' });
    expect(readBack(out)['C6']?.f).toBeUndefined();
  });

  it('null clears the value but keeps the styled cell', () => {
    const out = fill([
      { ref: 'C5', value: null },
      { ref: 'A5', value: null },
    ]);
    const xml = partText(out, SHEET1);
    expect(cellXml(xml, 'C5')).toBe('<c r="C5" s="3"/>');
    expect(cellXml(xml, 'A5')).toBe('<c r="A5" s="2"/>');
    expect(readBack(out)['C5']?.t).toBe('z');
  });

  it('creates missing cells in column order inside their row, with the row or column style', () => {
    const out = fill([
      { ref: 'C7', value: 4 },
      { ref: 'G7', value: 1 },
      { ref: 'B4', value: 9 },
      { ref: 'H3', value: 'x' },
    ]);
    const xml = partText(out, SHEET1);
    const row7 = xml.slice(xml.indexOf('<row r="7"'), xml.indexOf('</row>', xml.indexOf('<row r="7"')));
    expect(row7.indexOf('r="B7"')).toBeLessThan(row7.indexOf('r="C7"'));
    expect(row7.indexOf('r="C7"')).toBeLessThan(row7.indexOf('r="D7"'));
    expect(row7.indexOf('r="F7"')).toBeLessThan(row7.indexOf('r="G7"'));
    expect(row7).toContain('spans="1:7"');
    expect(cellXml(xml, 'C7')).toBe('<c r="C7"><v>4</v></c>');
    expect(cellXml(xml, 'G7')).toBe('<c r="G7" s="3"><v>1</v></c>'); // column G's style
    expect(cellXml(xml, 'B4')).toBe('<c r="B4" s="2"><v>9</v></c>'); // row 4's custom format
    expect(xml).toContain('<row r="3" spans="1:8">');
    expect(xml).toContain('<dimension ref="A1:H12"/>');
    const ws = readBack(out);
    expect([ws['C7']?.v, ws['G7']?.v, ws['B4']?.v, ws['H3']?.v]).toEqual([4, 1, 9, 'x']);
  });

  it('creates missing rows in row order', () => {
    const out = fill([
      { ref: 'B9', value: 1 },
      { ref: 'A20', value: 'cuối' },
      { ref: 'A11', value: 'giữa' },
    ]);
    const xml = partText(out, SHEET1);
    const order = [...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]));
    expect(order).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20]);
    expect(xml).toContain('<row r="9"><c r="B9"><v>1</v></c></row>');
    expect(xml).toContain('<dimension ref="A1:F20"/>');
    expect(readBack(out)['A20']?.v).toBe('cuối');
  });

  it('formula cells lose their cached value and keep <f>, shared formulas included', () => {
    const out = fill([{ ref: 'C5', value: 11 }]);
    const xml = partText(out, SHEET1);
    expect(cellXml(xml, 'E5')).toBe('<c r="E5" s="3"><f>C5+D5</f></c>');
    expect(cellXml(xml, 'F5')).toBe(
      '<c r="F5" s="4"><f t="shared" ref="F5:F8" si="0">IF(E5=0,0,C5/E5)</f></c>',
    );
    expect(cellXml(xml, 'F6')).toBe('<c r="F6" s="4"><f t="shared" si="0"/></c>');
    expect(cellXml(xml, 'C10')).toBe('<c r="C10" s="5"><f>SUM(C5:C8)</f></c>');
    expect(cellXml(xml, 'D12')).toBe('<c r="D12"><f>"Tổng: "&amp;TEXT(E10,"0")</f></c>'); // t="str" goes with <v>
    const ws = readBack(out);
    for (const ref of ['E5', 'F5', 'F6', 'F8', 'C10', 'F10']) {
      expect(ws[ref]?.f, ref).toBeTruthy();
      expect(ws[ref]?.t, ref).toBe('z'); // SheetJS: a stub, no cached value
    }
    expect(ws['F7']?.f).toBe('IF(E7=0,0,C7/E7)');
  });

  it('overwriting a shared-formula master turns the other members into their own formulas', () => {
    const out = fill([{ ref: 'F5', value: 0.5 }]);
    const xml = partText(out, SHEET1);
    expect(cellXml(xml, 'F5')).toBe('<c r="F5" s="4"><v>0.5</v></c>');
    expect(cellXml(xml, 'F6')).toBe('<c r="F6" s="4"><f>IF(E6=0,0,C6/E6)</f></c>');
    expect(cellXml(xml, 'F8')).toBe('<c r="F8" s="4"><f>IF(E8=0,0,C8/E8)</f></c>');
  });

  it('leaves the 1904 date system flag, styles and everything else as they were', () => {
    const out = fill([{ ref: 'C5', value: 1 }]);
    expect(partText(out, 'xl/workbook.xml')).toContain(
      '<workbookPr date1904="1" defaultThemeVersion="166925"/>',
    );
    expect(readWorkbook(out).Workbook?.WBProps?.date1904).toBe(true);
    const before = entriesRaw(basic);
    const after = entriesRaw(out);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, bytes] of before) {
      if (name === SHEET1 || name === 'xl/workbook.xml') continue;
      expect(after.get(name), name).toEqual(bytes);
    }
  });

  it('keeps the bytes of the sheet outside the patched cells', () => {
    const src = partText(basic, SHEET1);
    const out = partText(fill([{ ref: 'A1', value: 'X' }]), SHEET1);
    const head = src.slice(0, src.indexOf('<row r="1"'));
    expect(out.startsWith(head)).toBe(true);
    expect(out.slice(out.indexOf('</sheetData>'))).toBe(src.slice(src.indexOf('</sheetData>')));
    expect(out).toContain(src.slice(src.indexOf('<row r="2"'), src.indexOf('<row r="5"')));
  });

  it('rejects bad references and values', () => {
    expect(() => fill([{ ref: 'D0', value: 1 }])).toThrow(/not a cell reference/);
    expect(() => fill([{ ref: 'C5', value: Number.NaN }])).toThrow(/not a number/);
    expect(() => fillWorkbook(basic, [{ sheetPath: 'xl/worksheets/sheet9.xml', cells: [] }])).toThrow(
      /not a worksheet/,
    );
  });
});

describe('fillWorkbook: calcPr and custom properties', () => {
  it('adds fullCalcOnLoad to an existing calcPr', () => {
    const out = fill([]);
    expect(partText(out, 'xl/workbook.xml')).toContain(
      '<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>',
    );
  });

  it('updates fullCalcOnLoad="0" without disturbing other attributes', () => {
    const out = fill([], undefined, fillFixture('custom-props.xlsx'));
    expect(partText(out, 'xl/workbook.xml')).toContain(
      '<calcPr calcId="191029" fullCalcOnLoad="1" iterateCount="50"/>',
    );
  });

  it('adds a calcPr after definedNames when there is none', () => {
    const out = fill([], undefined, fillFixture('cross-sheet.xlsx'));
    expect(partText(out, 'xl/workbook.xml')).toContain(
      '</definedNames><calcPr fullCalcOnLoad="1"/></workbook>',
    );
  });

  const marker = {
    'TongHop.Template': 'bieu-huyen',
    'TongHop.TemplateVersion': '3',
    'TongHop.Year': '2022',
    'TongHop.Committee': 'Huyện ủy Tân Hồng',
    'TongHop.OpenFindings': '0',
  };

  it('creates docProps/custom.xml, its content type and its relationship', () => {
    const out = fillWorkbook(basic, [], { customProps: marker });
    const custom = partText(out, 'docProps/custom.xml');
    expect(custom).toContain('pid="2" name="TongHop.Template"><vt:lpwstr>bieu-huyen</vt:lpwstr>');
    expect(custom).toContain('pid="6" name="TongHop.OpenFindings"><vt:lpwstr>0</vt:lpwstr>');
    expect(partText(out, '[Content_Types].xml')).toContain(
      '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
    );
    expect(partText(out, '_rels/.rels')).toContain(
      '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>',
    );
    // SheetJS CE reads custom properties as Latin-1 (convert.ts repairs that on import): compare the ASCII ones.
    const ascii = Object.fromEntries(Object.entries(marker).filter(([k]) => k !== 'TongHop.Committee'));
    expect(XLSXProps(out)).toMatchObject(ascii);
    expect(custom).toContain('name="TongHop.Committee"><vt:lpwstr>Huyện ủy Tân Hồng</vt:lpwstr>');
  });

  it('replaces values of existing names and appends the others, leaving content types and rels alone', () => {
    const template = fillFixture('custom-props.xlsx');
    const out = fillWorkbook(template, [], { customProps: marker });
    const custom = partText(out, 'docProps/custom.xml');
    expect(custom).toContain('pid="3" name="TongHop.Year"><vt:lpwstr>2022</vt:lpwstr>');
    expect(custom).toContain('name="Owner"><vt:lpwstr>Huyện ủy</vt:lpwstr>');
    expect(custom.match(/TongHop\.Year/g)).toHaveLength(1);
    expect(custom).toContain('pid="4" name="TongHop.Template"');
    const before = entriesRaw(template);
    const after = entriesRaw(out);
    for (const name of ['[Content_Types].xml', '_rels/.rels', 'xl/styles.xml', SHEET2]) {
      expect(after.get(name), name).toEqual(before.get(name));
    }
    expect(XLSXProps(out)).toMatchObject({ 'TongHop.Year': '2022', 'TongHop.OpenFindings': '0' });
  });
});

function XLSXProps(zip: Uint8Array): Record<string, unknown> {
  return (readWorkbook(zip).Custprops ?? {}) as Record<string, unknown>;
}

describe('fillWorkbook: insertRows', () => {
  const insert = { after: 6, count: 3, styleFrom: 6 };

  it('inserts styled rows, shifts later rows and extends SUM ranges, merges, dimension, cf, names', () => {
    const out = fill([{ ref: 'C7', value: 2 }], insert);
    const xml = partText(out, SHEET1);
    const order = [...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]));
    expect(order).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15]);
    expect(xml).toContain(
      '<row r="8" spans="1:6" ht="18" customHeight="1"><c r="A8" s="2"/><c r="B8" s="2"/><c r="C8" s="3"/><c r="D8" s="3"/><c r="E8" s="3"/><c r="F8" s="4"/></row>',
    );
    expect(cellXml(xml, 'C7')).toBe('<c r="C7" s="3"><v>2</v></c>');
    expect(cellXml(xml, 'C13')).toBe('<c r="C13" s="5"><f>SUM(C5:C11)</f></c>');
    expect(cellXml(xml, 'F13')).toBe('<c r="F13" s="4"><f>IF(E13=0,0,C13/E13)</f></c>');
    expect(cellXml(xml, 'E10')).toBe('<c r="E10" s="3"><f>C10+D10</f></c>');
    // The shared formula F5:F8 spans the insertion; its members still derive from the master, so it stays shared.
    expect(cellXml(xml, 'F5')).toBe(
      '<c r="F5" s="4"><f t="shared" ref="F5:F11" si="0">IF(E5=0,0,C5/E5)</f></c>',
    );
    expect(cellXml(xml, 'F11')).toBe('<c r="F11" s="4"><f t="shared" si="0"/></c>');
    expect(cellXml(xml, 'F8')).toBe('<c r="F8" s="4"/>');
    expect(xml).toContain('<dimension ref="A1:F15"/>');
    expect(xml).toContain(
      '<mergeCells count="9"><mergeCell ref="A1:F1"/><mergeCell ref="A5:B5"/><mergeCell ref="A6:B6"/><mergeCell ref="A10:B10"/><mergeCell ref="A11:B11"/><mergeCell ref="A13:B13"/><mergeCell ref="A7:B7"/><mergeCell ref="A8:B8"/><mergeCell ref="A9:B9"/></mergeCells>',
    );
    expect(xml).toContain('<conditionalFormatting sqref="C5:D11 F5:F11">');
    expect(xml).toContain('<formula>C5&gt;$C$13</formula>');
    expect(xml).toContain('<brk id="13" max="16383" man="1"/>');
    const wbXml = partText(out, 'xl/workbook.xml');
    expect(wbXml).toContain(
      `<definedName name="_xlnm.Print_Area" localSheetId="0">'Biểu 04'!$A$1:$F$15</definedName>`,
    );
    expect(wbXml).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="0">'Biểu 04'!$3:$4</definedName>`,
    );
    expect(wbXml).toContain(`<definedName name="Tong">'Biểu 04'!$C$13</definedName>`);
    const ws = readBack(out);
    expect(ws['!ref']).toBe('A1:F15');
    expect(ws['C13']?.f).toBe('SUM(C5:C11)');
    expect(ws['A13']?.v).toBe('Cộng');
    expect(ws['!merges']).toHaveLength(9);
  });

  it('extends print titles that span the insertion point and keeps a shared formula shared when it can', () => {
    const out = fill([], { after: 3, count: 1, styleFrom: 3 });
    const xml = partText(out, SHEET1);
    expect(partText(out, 'xl/workbook.xml')).toContain(`'Biểu 04'!$3:$5</definedName>`);
    expect(cellXml(xml, 'F6')).toBe(
      '<c r="F6" s="4"><f t="shared" ref="F6:F9" si="0">IF(E6=0,0,C6/E6)</f></c>',
    );
    expect(cellXml(xml, 'F7')).toBe('<c r="F7" s="4"><f t="shared" si="0"/></c>');
    expect(readBack(out)['F9']?.f).toBe('IF(E9=0,0,C9/E9)');
  });

  it('does not grow a range that ends at the insertion point (insert inside the block)', () => {
    const xml = partText(fill([], { after: 8, count: 1, styleFrom: 8 }), SHEET1);
    expect(cellXml(xml, 'C11')).toBe('<c r="C11" s="5"><f>SUM(C5:C8)</f></c>');
  });

  it('refuses when a formula on another sheet refers to rows that would move', () => {
    const template = fillFixture('cross-sheet.xlsx');
    expect(() => fill([], insert, template)).toThrow(
      /Cannot insert rows in 'Biểu 04' after row 6: xl\/worksheets\/sheet2\.xml \('Other'\) has a cell formula "=SUM\('Biểu 04'!C5:C8\)"/,
    );
    expect(() => fill([], { after: 0, count: 1, styleFrom: 1 })).toThrow(/"='Biểu 04'!A1&"""/);
    // Below everything the other sheet refers to: allowed.
    expect(() => fill([], { after: 10, count: 1, styleFrom: 10 }, template)).not.toThrow();
  });

  it('count 0 changes nothing but the cached values', () => {
    const out = fill([], { after: 6, count: 0, styleFrom: 6 });
    expect(partText(out, SHEET1)).toContain('<row r="12"');
  });
});
