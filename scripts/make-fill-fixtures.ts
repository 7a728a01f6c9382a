// Writes the small hand-made workbooks of the template patcher's tests (tests/fixtures/fill/*.xlsx). Every part is
// written here as literal XML so each edge case is exact: shared strings, inline strings, empty styled cells, gaps
// between rows and cells, shared and plain formulas with cached values, merges, conditional formatting, print area
// and titles, the 1904 date system, custom properties. Deterministic (fixed zip dates): running it again changes
// no byte.
//   npx tsx scripts/make-fill-fixtures.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync, type Zippable } from 'fflate';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures', 'fill');

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface Variant {
  readonly file: string;
  /** Formula of Other!B2. */
  readonly otherFormula: string;
  /** An existing docProps/custom.xml. */
  readonly custom?: string;
  /** The <calcPr> element of xl/workbook.xml ('' for none). */
  readonly calcPr: string;
  /** Store (no compression) every entry. */
  readonly stored?: boolean;
}

const contentTypes = (custom: boolean): string =>
  XML +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
  (custom
    ? '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
    : '') +
  '</Types>';

const rootRels = (custom: boolean): string =>
  XML +
  `<Relationships xmlns="${PKG_REL}">` +
  `<Relationship Id="rId3" Type="${DOC_REL}/extended-properties" Target="docProps/app.xml"/>` +
  `<Relationship Id="rId2" Type="${PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>` +
  `<Relationship Id="rId1" Type="${DOC_REL}/officeDocument" Target="xl/workbook.xml"/>` +
  (custom
    ? `<Relationship Id="rId4" Type="${DOC_REL}/custom-properties" Target="docProps/custom.xml"/>`
    : '') +
  '</Relationships>';

const workbook = (calcPr: string): string =>
  XML +
  `<workbook xmlns="${NS}" xmlns:r="${R_NS}">` +
  '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="22228"/>' +
  '<workbookPr date1904="1" defaultThemeVersion="166925"/>' +
  '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews>' +
  '<sheets><sheet name="Biểu 04" sheetId="1" r:id="rId1"/><sheet name="Other" sheetId="2" r:id="rId2"/></sheets>' +
  '<definedNames>' +
  `<definedName name="_xlnm.Print_Area" localSheetId="0">'Biểu 04'!$A$1:$F$12</definedName>` +
  `<definedName name="_xlnm.Print_Titles" localSheetId="0">'Biểu 04'!$3:$4</definedName>` +
  `<definedName name="Tong">'Biểu 04'!$C$10</definedName>` +
  '</definedNames>' +
  calcPr +
  '</workbook>';

const workbookRels =
  XML +
  `<Relationships xmlns="${PKG_REL}">` +
  `<Relationship Id="rId3" Type="${DOC_REL}/theme" Target="theme/theme1.xml"/>` +
  `<Relationship Id="rId2" Type="${DOC_REL}/worksheet" Target="worksheets/sheet2.xml"/>` +
  `<Relationship Id="rId1" Type="${DOC_REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
  `<Relationship Id="rId5" Type="${DOC_REL}/sharedStrings" Target="sharedStrings.xml"/>` +
  `<Relationship Id="rId4" Type="${DOC_REL}/styles" Target="styles.xml"/>` +
  '</Relationships>';

const styles =
  XML +
  `<styleSheet xmlns="${NS}">` +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Times New Roman"/></font>' +
  '<font><b/><sz val="11"/><name val="Times New Roman"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
  '<border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="6">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>' +
  '<xf numFmtId="10" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>' +
  '<xf numFmtId="164" fontId="1" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

const sharedStrings =
  XML +
  `<sst xmlns="${NS}" count="5" uniqueCount="5">` +
  '<si><t>BIỂU 04 — ĐẢNG VIÊN</t></si>' +
  '<si><t>Tên TCCSĐ</t></si>' +
  '<si><t>Cộng</t></si>' +
  '<si><t>Đảng bộ xã A</t></si>' +
  '<si><r><rPr><b/></rPr><t>Rich</t></r><r><t xml:space="preserve"> text</t></r></si>' +
  '</sst>';

// Sheet 1: header block, units in rows 5–8 (row 7 has a missing cell, row 9 is missing), "Cộng" in row 10 with
// SUM formulas, a percentage column F as a shared formula (master F5, members F6–F8), a footer in row 12.
const unitRow = (r: number, name: string, c: number | null, d: number | null): string => {
  const nameCell = name === '' ? `<c r="A${r}" s="2"/>` : `<c r="A${r}" s="2" t="s"><v>${name}</v></c>`;
  const cCell = c === null ? '' : `<c r="C${r}" s="3"><v>${c}</v></c>`;
  const dCell = d === null ? `<c r="D${r}" s="3"/>` : `<c r="D${r}" s="3"><v>${d}</v></c>`;
  const e = (c ?? 0) + (d ?? 0);
  const f =
    r === 5
      ? `<c r="F${r}" s="4"><f t="shared" ref="F5:F8" si="0">IF(E5=0,0,C5/E5)</f><v>${e === 0 ? 0 : (c ?? 0) / e}</v></c>`
      : `<c r="F${r}" s="4"><f t="shared" si="0"/><v>${e === 0 ? 0 : (c ?? 0) / e}</v></c>`;
  return (
    `<row r="${r}" spans="1:6" ht="18" customHeight="1">${nameCell}<c r="B${r}" s="2"/>${cCell}${dCell}` +
    `<c r="E${r}" s="3"><f>C${r}+D${r}</f><v>${e}</v></c>${f}</row>`
  );
};

const sheet1 =
  XML +
  `<worksheet xmlns="${NS}" xmlns:r="${R_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
  'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac">' +
  '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
  '<dimension ref="A1:F12"/>' +
  '<sheetViews><sheetView tabSelected="1" workbookViewId="0"><selection activeCell="C6" sqref="C6"/></sheetView></sheetViews>' +
  '<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>' +
  '<cols><col min="1" max="1" width="30" customWidth="1"/><col min="2" max="5" width="12" customWidth="1"/>' +
  '<col min="7" max="7" width="9" style="3" customWidth="1"/></cols>' +
  '<sheetData>\n' +
  '<row r="1" spans="1:6" x14ac:dyDescent="0.25"><c r="A1" s="1" t="s"><v>0</v></c></row>\n' +
  '<row r="2" spans="1:6"><c r="A2" t="inlineStr"><is><t>Năm 2022</t></is></c><c r="B2" s="2"/></row>\n' +
  '<row r="3" spans="1:6"><c r="A3" s="1" t="s"><v>1</v></c><c r="C3" s="1" t="inlineStr"><is><t>Đảng viên</t></is></c></row>\n' +
  '<row r="4" spans="1:6" s="2" customFormat="1"><c r="A4" s="2"><v>1</v></c><c r="C4" s="2"><v>3</v></c></row>\n' +
  unitRow(5, '3', 10, 5) +
  '\n' +
  unitRow(6, '', 7, null) +
  '\n' +
  unitRow(7, '4', null, 2) +
  '\n' +
  unitRow(8, '', 1, 1) +
  '\n' +
  '<row r="10" spans="1:6" ht="20" customHeight="1"><c r="A10" s="1" t="s"><v>2</v></c><c r="B10" s="2"/>' +
  '<c r="C10" s="5"><f>SUM(C5:C8)</f><v>18</v></c><c r="D10" s="5"><f>SUM(D5:D8)</f><v>8</v></c>' +
  '<c r="E10" s="5"><f>SUM(E5:E8)</f><v>26</v></c><c r="F10" s="4"><f>IF(E10=0,0,C10/E10)</f><v>0.6923</v></c></row>\n' +
  '<row r="12" spans="1:6"><c r="A12" t="s"><v>4</v></c><c r="D12" t="str"><f>"Tổng: "&amp;TEXT(E10,"0")</f><v>Tổng: 26</v></c></row>\n' +
  '</sheetData>' +
  '<mergeCells count="6"><mergeCell ref="A1:F1"/><mergeCell ref="A5:B5"/><mergeCell ref="A6:B6"/>' +
  '<mergeCell ref="A7:B7"/><mergeCell ref="A8:B8"/><mergeCell ref="A10:B10"/></mergeCells>' +
  '<conditionalFormatting sqref="C5:D8 F5:F8"><cfRule type="expression" dxfId="0" priority="1"><formula>C5&gt;$C$10</formula></cfRule></conditionalFormatting>' +
  '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
  '<pageSetup paperSize="9" orientation="landscape" fitToHeight="0"/>' +
  '<headerFooter><oddFooter>&amp;CTrang &amp;P</oddFooter></headerFooter>' +
  '<rowBreaks count="1" manualBreakCount="1"><brk id="10" max="16383" man="1"/></rowBreaks>' +
  '</worksheet>';

const sheet2 = (formula: string): string =>
  XML +
  `<worksheet xmlns="${NS}"><dimension ref="A1:B2"/><sheetData>` +
  '<row r="1"><c r="A1" t="inlineStr"><is><t>Tham chiếu</t></is></c></row>' +
  `<row r="2"><c r="B2"><f>${formula}</f><v>1</v></c></row>` +
  '</sheetData></worksheet>';

const core =
  XML +
  '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
  'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Ban Tổ chức</dc:creator>' +
  '<dcterms:created xsi:type="dcterms:W3CDTF">2022-01-01T00:00:00Z</dcterms:created></cp:coreProperties>';

const app =
  XML +
  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">' +
  '<Application>Microsoft Excel</Application></Properties>';

const theme =
  XML +
  '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme"><a:themeElements/></a:theme>';

const EXISTING_CUSTOM =
  XML +
  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" ' +
  'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
  '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Owner"><vt:lpwstr>Huyện ủy</vt:lpwstr></property>' +
  '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="TongHop.Year"><vt:lpwstr>2021</vt:lpwstr></property>' +
  '</Properties>';

const VARIANTS: readonly Variant[] = [
  {
    file: 'basic.xlsx',
    otherFormula: '\'Biểu 04\'!A1&amp;""',
    calcPr: '<calcPr calcId="191029"/>',
  },
  {
    file: 'custom-props.xlsx',
    otherFormula: 'A1',
    custom: EXISTING_CUSTOM,
    calcPr: '<calcPr calcId="191029" fullCalcOnLoad="0" iterateCount="50"/>',
    stored: true,
  },
  {
    file: 'cross-sheet.xlsx',
    otherFormula: "SUM('Biểu 04'!C5:C8)",
    calcPr: '',
  },
];

function build(v: Variant): Uint8Array {
  const custom = v.custom !== undefined;
  const files: Zippable = {
    '[Content_Types].xml': strToU8(contentTypes(custom)),
    '_rels/.rels': strToU8(rootRels(custom)),
    'docProps/app.xml': strToU8(app),
    'docProps/core.xml': strToU8(core),
    ...(custom ? { 'docProps/custom.xml': strToU8(v.custom ?? '') } : {}),
    'xl/workbook.xml': strToU8(workbook(v.calcPr)),
    'xl/_rels/workbook.xml.rels': strToU8(workbookRels),
    'xl/worksheets/sheet1.xml': strToU8(sheet1),
    'xl/worksheets/sheet2.xml': strToU8(sheet2(v.otherFormula)),
    'xl/theme/theme1.xml': strToU8(theme),
    'xl/styles.xml': strToU8(styles),
    'xl/sharedStrings.xml': strToU8(sharedStrings),
  };
  return zipSync(files, { level: v.stored ? 0 : 6, mtime: new Date(2022, 0, 1, 12, 0, 0) });
}

mkdirSync(OUT, { recursive: true });
for (const v of VARIANTS) {
  const bytes = build(v);
  writeFileSync(join(OUT, v.file), bytes);
  console.log(`${join(OUT, v.file)}: ${bytes.length} bytes`);
}
