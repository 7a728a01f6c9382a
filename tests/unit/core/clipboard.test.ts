// The clipboard flavours as Excel, LibreOffice and Google Sheets write them: tab-separated text with Excel's
// quoting, and the HTML table beside it. Reading is total; writing reads back to the same block.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeEntities,
  parseClipboardText,
  parseHtmlTable,
  toClipboardHtml,
  toClipboardText,
} from '../../../src/core/clipboard';

const TSV = readFileSync(
  new URL('../../fixtures/clipboard/tan-hong-2022-dang-vien.tsv', import.meta.url),
  'utf8',
);

describe('parseClipboardText', () => {
  it.each<[string, string, string[][]]>([
    [
      'CRLF',
      'a\tb\r\nc\td\r\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'LF',
      'a\tb\nc\td\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'lone CR',
      'a\tb\rc\td',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'no trailing break',
      'a\tb\r\nc\td',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    ['one cell', '306', [['306']]],
    ['one empty cell (Excel writes a line break)', '\r\n', [['']]],
    ['nothing', '', []],
    [
      'empty cells',
      '\t\r\n\t\r\n',
      [
        ['', ''],
        ['', ''],
      ],
    ],
    ['trailing tab opens a last empty cell', 'a\t', [['a', '']]],
    ['an empty line inside', 'a\r\n\r\nb\r\n', [['a'], [''], ['b']]],
    [
      'ragged rows padded',
      'a\r\nb\tc\td\r\n',
      [
        ['a', '', ''],
        ['b', 'c', 'd'],
      ],
    ],
  ])('%s', (_, text, rows) => {
    expect(parseClipboardText(text)).toEqual(rows);
  });

  it.each<[string, string, string[][]]>([
    ['a line break in a cell', '"Tân Hồng\nSa Rài"\t1\r\n', [['Tân Hồng\nSa Rài', '1']]],
    ['a CRLF in a cell', '"a\r\nb"\r\n', [['a\r\nb']]],
    ['a tab in a cell', 'x\t"a\tb"\r\n', [['x', 'a\tb']]],
    ['doubled quotes', '"Chi bộ ""Ấp 1"""\r\n', [['Chi bộ "Ấp 1"']]],
    ['a quoted empty cell', '""\t1\r\n', [['', '1']]],
    ['only a quote, quoted', '""""\r\n', [['"']]],
    ['a quote inside an unquoted cell is literal', 'Chi bộ "Ấp 1"\t2\r\n', [['Chi bộ "Ấp 1"', '2']]],
    ['text after the closing quote: the cell is literal', '"abc"def\tx\r\n', [['"abc"def', 'x']]],
    [
      'no closing quote: the cell is literal',
      '"abc\tx\r\ny\r\n',
      [
        ['"abc', 'x'],
        ['y', ''],
      ],
    ],
  ])('quoting: %s', (_, text, rows) => {
    expect(parseClipboardText(text)).toEqual(rows);
  });

  it('reads Biểu 04 as copied out of Excel: header and 27 unit rows of 10 cells', () => {
    const rows = parseClipboardText(TSV);
    expect(rows).toHaveLength(28);
    expect(rows.every((r) => r.length === 10)).toBe(true);
    expect(rows[0]?.slice(0, 3)).toEqual(['STT', 'Tên tổ chức cơ sở đảng', 'Tổng số đảng viên']);
    expect(rows[5]).toEqual(['5', 'Đảng bộ xã Tân Hộ Cơ', '275', '47', '4', '224', '31', '212', '9', '3']);
  });
});

describe('toClipboardText', () => {
  it('writes tabs and CRLF after every row, as Excel does', () => {
    expect(
      toClipboardText([
        ['a', 'b'],
        ['1', ''],
      ]),
    ).toBe('a\tb\r\n1\t\r\n');
  });

  it.each<[string, string]>([
    ['plain', 'plain'],
    ['with "quotes" inside', 'with "quotes" inside'],
    ['"leading quote', '"""leading quote"'],
    ['line\nbreak', '"line\nbreak"'],
    ['tab\there', '"tab\there"'],
    ['cr\rhere', '"cr\rhere"'],
    ['both "q"\nand break', '"both ""q""\nand break"'],
  ])('quotes only where needed: %j', (cell, written) => {
    expect(toClipboardText([[cell]])).toBe(`${written}\r\n`);
  });

  it('writes nothing for no rows, and a line break for one empty cell', () => {
    expect(toClipboardText([])).toBe('');
    expect(toClipboardText([['']])).toBe('\r\n');
  });

  // Includes the all-empty single row [['']]: written '\r\n', read back as one empty cell (not as no rows),
  // because only a line break *after* the last row is dropped.
  it('reads back any rectangular block of at least one cell', () => {
    const cell = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'Đ', ' ', '"', '\t', '\r', '\n', '1', ',') }),
      fc.string(),
    );
    const block = fc
      .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 }))
      .chain(([w, h]) =>
        fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: h, maxLength: h }),
      );
    fc.assert(
      fc.property(block, (rows) => {
        expect(parseClipboardText(toClipboardText(rows))).toEqual(rows);
      }),
    );
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '"', '\t', '\r', '\n', ' ') }), (text) => {
        const rows = parseClipboardText(text);
        expect(new Set(rows.map((r) => r.length)).size).toBeLessThanOrEqual(1);
      }),
    );
  });
});

// A trimmed version of what Excel 2016 (vi-VN) puts on the clipboard for A1:D4 of Biểu 04, with a merged cell.
const EXCEL_HTML = `<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:x="urn:schemas-microsoft-com:office:excel"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Excel.Sheet>
<meta name=Generator content="Microsoft Excel 15">
<link id=Main-File rel=Main-File
href="file:///C:/Users/BTC/AppData/Local/Temp/msohtmlclip1/01/clip.htm">
<style>
<!--table
	{mso-displayed-decimal-separator:"\\,";
	mso-displayed-thousand-separator:"\\.";}
td
	{padding-top:1px;
	mso-number-format:General;
	white-space:nowrap;}
.xl65
	{mso-number-format:"\\#\\,\\#\\#0";}
.xl66
	{mso-number-format:"0\\.00%";}
-->
</style>
</head>

<body link="#0563C1" vlink="#954F72">

<table border=0 cellpadding=0 cellspacing=0 width=520 style='border-collapse:
 collapse;width:390pt'>
<!--StartFragment-->
 <col width=64 style='width:48pt'>
 <col width=264 style='mso-width-source:userset;width:198pt'>
 <tr height=40 style='height:30.0pt'>
  <td height=40 class=xl67 width=64 style='height:30.0pt;width:48pt'>STT</td>
  <td class=xl67 width=264 style='width:198pt'>Tên tổ chức<br>
    cơ sở đảng</td>
  <td colspan=2 class=xl67 style='border-left:none'>Số đảng viên &amp; tỷ lệ</td>
 </tr>
 <tr height=20 style='height:15.0pt'>
  <td height=20 align=right style='height:15.0pt' x:num>1</td>
  <td>Đảng bộ thị trấn Sa&nbsp;Rài</td>
  <td class=xl65 align=right x:num="3328">3.328</td>
  <td class=xl66 align=right x:num="0.96294000000000002">96,29%</td>
 </tr>
 <tr height=20 style='height:15.0pt'>
  <td height=20 align=right style='height:15.0pt' x:num>2</td>
  <td>Chi bộ &quot;Ấp 1&quot; &lt;mới&gt;</td>
  <td class=xl65></td>
  <td class=xl66 x:num="0">0,00%</td>
 </tr>
 <![if supportMisalignedColumns]>
 <tr height=0 style='display:none'>
  <td width=64 style='width:48pt'></td>
 </tr>
 <![endif]>
<!--EndFragment-->
</table>

</body>

</html>`;

// What LibreOffice Calc 7 writes: empty cells hold <br>, numbers carry sdval, a vertical merge uses rowspan.
const LIBREOFFICE_HTML = `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN">
<html>
<head>
	<meta http-equiv="content-type" content="text/html; charset=utf-8"/>
	<title></title>
	<meta name="generator" content="LibreOffice 7.3.7.2 (Linux)"/>
	<style type="text/css">
		body,div,table,thead,tbody,tfoot,tr,th,td,p { font-family:"Liberation Sans"; font-size:x-small }
		a.comment-indicator:hover + comment { background:#ffd; position:absolute; display:block; border:1px solid black; padding:0.5em;  }
	</style>
</head>
<body>
<table cellspacing="0" border="0">
	<colgroup width="85"></colgroup>
	<colgroup width="233"></colgroup>
	<colgroup span="2" width="85"></colgroup>
	<tr>
		<td height="34" align="left" rowspan="2" valign=middle><b>Khối</b></td>
		<td align="left">Đảng bộ xã An Phước</td>
		<td align="right" sdval="272" sdnum="1066;">272</td>
		<td align="left"><br></td>
	</tr>
	<tr>
		<td align="left">Chi bộ Điện   lực
			Tân Hồng</td>
		<td align="right" sdval="9" sdnum="1066;">9</td>
		<td align="left"><font color="#FF0000">chưa&#160;rõ &#x2013; xem lại</font></td>
	</tr>
</table>
<!-- ************************************************************************** -->
</body>
</html>`;

// Google Sheets: one line, tbody, data-sheets-value attributes holding JSON with quotes as entities.
const SHEETS_HTML =
  '<meta charset="utf-8"><google-sheets-html-origin><style type="text/css"><!--td {border: 1px solid #cccccc;}br {mso-data-placement:same-cell;}--></style>' +
  '<table xmlns="http://www.w3.org/1999/xhtml" cellspacing="0" cellpadding="0" dir="ltr" border="1" data-sheets-root="1"><colgroup><col width="100"/><col width="100"/></colgroup><tbody>' +
  '<tr style="height:21px;"><td style="overflow:hidden;" data-sheets-value="{&quot;1&quot;:2,&quot;2&quot;:&quot;Tân Thành A&quot;}">Tân Thành A</td><td style="text-align:right;" data-sheets-value="{&quot;1&quot;:3,&quot;3&quot;:241}">241</td></tr>' +
  '<tr style="height:21px;"><td>Tân Thành B</td><td style="text-align:right;">304</td></tr>' +
  '</tbody></table></google-sheets-html-origin>';

describe('parseHtmlTable', () => {
  it('reads Excel: style and conditional comments ignored, <br>, &nbsp;, entities, colspan, displayed numbers', () => {
    expect(parseHtmlTable(EXCEL_HTML)).toEqual([
      ['STT', 'Tên tổ chức\ncơ sở đảng', 'Số đảng viên & tỷ lệ', ''],
      ['1', 'Đảng bộ thị trấn Sa\u00a0Rài', '3.328', '96,29%'],
      ['2', 'Chi bộ "Ấp 1" <mới>', '', '0,00%'],
      ['', '', '', ''],
    ]);
  });

  it('reads LibreOffice: <br> alone is an empty cell, rowspan, whitespace collapsed, numeric entities', () => {
    expect(parseHtmlTable(LIBREOFFICE_HTML)).toEqual([
      ['Khối', 'Đảng bộ xã An Phước', '272', ''],
      ['', 'Chi bộ Điện lực Tân Hồng', '9', 'chưa\u00a0rõ \u2013 xem lại'],
    ]);
  });

  it('reads Google Sheets', () => {
    expect(parseHtmlTable(SHEETS_HTML)).toEqual([
      ['Tân Thành A', '241'],
      ['Tân Thành B', '304'],
    ]);
  });

  it('is null without a table, and reads only the first table', () => {
    expect(parseHtmlTable('<html><body><p>Tân Hồng</p></body></html>')).toBeNull();
    expect(parseHtmlTable('')).toBeNull();
    expect(parseHtmlTable('<!-- <table><tr><td>1</td></tr></table> -->')).toBeNull();
    expect(parseHtmlTable('<table><tr><td>1</td></tr></table><table><tr><td>2</td></tr></table>')).toEqual([
      ['1'],
    ]);
  });

  it('keeps a nested table as text of its cell, and script text out', () => {
    const html =
      '<table><tr><td>a<table><tr><td>b</td><td>c</td></tr></table></td><td><script>var x = "<td>";</script>d</td></tr></table>';
    expect(parseHtmlTable(html)).toEqual([['a\nb c', 'd']]);
  });

  it('closes cells and rows that are never closed, and treats stray "<" as text', () => {
    expect(parseHtmlTable('<TABLE><TR><TD>1 < 2<TD>x<TR><TH>y')).toEqual([
      ['1 < 2', 'x'],
      ['y', ''],
    ]);
  });

  it('expands colspan and rowspan together', () => {
    const html =
      '<table><tr><td rowspan="2" colspan="2">A</td><td>B</td></tr><tr><td>C</td></tr><tr><td>D</td><td>E</td><td>F</td></tr></table>';
    expect(parseHtmlTable(html)).toEqual([
      ['A', '', 'B'],
      ['', '', 'C'],
      ['D', 'E', 'F'],
    ]);
  });

  it('never throws on any text', () => {
    const piece = fc.constantFrom(
      '<table>',
      '<tr>',
      '<td colspan=3>',
      '</td>',
      '<br>',
      '&amp;',
      '&#x1F600;',
      '<!--',
      '<',
      '"',
      ' ',
      'a',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const rows = parseHtmlTable(pieces.join(''));
        if (rows) expect(new Set(rows.map((r) => r.length)).size).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('decodeEntities', () => {
  it.each<[string, string]>([
    ['&amp;&lt;&gt;&quot;&apos;&nbsp;', '&<>"\'\u00a0'],
    ['&#272;&#x1EA3;&#X1ea3;', 'Đảả'],
    ['&#0;&#xD800;&#x110000;', '\ufffd\ufffd\ufffd'],
    ['&unknown; & &amp', '&unknown; & &amp'],
  ])('%s', (html, text) => {
    expect(decodeEntities(html)).toBe(text);
  });
});

describe('toClipboardHtml', () => {
  const html = toClipboardHtml(
    [
      ['Đảng bộ xã Tân Hộ Cơ', 2682, 96.3, null],
      ['a < b & "c"', 92.5, 19.23, '001'],
    ],
    new Set([2]),
  );

  it('is a minimal UTF-8 document with one table', () => {
    expect(html).toMatch(/^<html[^>]*><head><meta charset="utf-8">/);
    expect(html).toContain('<body><table>');
    expect(html).toMatch(/<\/table><\/body><\/html>$/);
  });

  it('writes numbers plain, integers formatted 0, percentages as fractions formatted 0.00%', () => {
    expect(html).toContain(`<td style="mso-number-format:'0'" x:num="2682">2682</td>`);
    expect(html).toContain(`<td style="mso-number-format:'0.00%'" x:num="0.963">0.963</td>`);
    expect(html).toContain(`<td style="mso-number-format:'0.00%'" x:num="0.1923">0.1923</td>`);
    expect(html).toContain(`<td style="mso-number-format:'General'" x:num="92.5">92.5</td>`);
  });

  it('escapes text and keeps it text', () => {
    expect(html).toContain(`<td style="mso-number-format:'\\@'">a &lt; b &amp; &quot;c&quot;</td>`);
    expect(parseHtmlTable(html)).toEqual([
      ['Đảng bộ xã Tân Hộ Cơ', '2682', '0.963', ''],
      ['a < b & "c"', '92.5', '0.1923', '001'],
    ]);
  });

  /** The text a browser shows: HTML whitespace collapsed within each line, lines trimmed, outer blank lines dropped. */
  const shown = (text: string) =>
    text
      .split(/\r\n|\r|\n/)
      .map((line) => line.replace(/[ \t\f]+/g, ' ').replace(/^ | $/g, ''))
      .join('\n')
      .replace(/^\n+|\n+$/g, '');

  it('reads back the texts of text cells (as a browser shows them) and the numbers of number cells', () => {
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom('a', 'ệ', ' ', '\n', '\t', '<', '&', '"', "'", '>', ';', '#') }),
    );
    const cell = fc.oneof(text, fc.integer(), fc.constant(null));
    const block = fc
      .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
      .chain(([w, h]) =>
        fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: h, maxLength: h }),
      );
    fc.assert(
      fc.property(block, (rows) => {
        const expected = rows.map((r) =>
          r.map((v) => (v === null ? '' : typeof v === 'number' ? String(v) : shown(v))),
        );
        expect(parseHtmlTable(toClipboardHtml(rows))).toEqual(expected);
      }),
    );
  });
});
