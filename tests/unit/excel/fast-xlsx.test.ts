// The fast .xlsx reader (src/excel/fast-xlsx.ts) against what it replaces: SheetJS with the worker's options
// followed by convertWorkbook. Wherever it answers, the answer must be the same, deep-equal; where it declines
// (null), the read job must still give SheetJS's answer. Real files, the fixture writers' files, hand-written
// package XML for the shapes no writer here produces, and random workbooks written by SheetJS and by ExcelJS.
import { readdirSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { b04Workbook } from '../../../bench/browser-fixtures';
import { CONTROL_ROW, getCell } from '../../../src/core/model';
import { Validator } from '../../../src/core/validator';
import { convertWorkbook } from '../../../src/excel/convert';
import { exportWorkbook } from '../../../src/excel/export';
import { readFastXlsx } from '../../../src/excel/fast-xlsx';
import { DEFAULT_LIMITS, type ReadLimits, type ReadResult } from '../../../src/excel/plain-workbook';
import { runReadJob } from '../../../src/excel/read-job';
import { formatValue as format, readWithSheetJS } from '../../../src/excel/sheetjs-read';
import { bindingFor } from '../../../src/templates/bindings';
import type { WorkerMessage } from '../../../src/excel/worker-protocol';
import { reportWorkbookXlsx } from '../../fixtures/report-workbook';
import { asOnThePage } from './helpers';
import { sampleReport } from '../core/helpers';

/** SheetJS + convertWorkbook, or 'throws'. */
function bySheetJS(bytes: Uint8Array, limits: ReadLimits): ReadResult | 'throws' {
  try {
    const wb = readWithSheetJS(bytes, 'xlsx', limits);
    return convertWorkbook(wb, { fileName: 'f.xlsx', format: 'xlsx' }, limits);
  } catch {
    return 'throws';
  }
}

/** The fast reader's answer, checked against SheetJS's: null, or the same. Returns whether it answered. */
async function expectSameOrNull(bytes: Uint8Array, limits: ReadLimits = DEFAULT_LIMITS): Promise<boolean> {
  const fast = await readFastXlsx(bytes, 'f.xlsx', limits, format);
  const expected = bySheetJS(bytes, limits);
  if (expected === 'throws') expect(fast).toBeNull();
  else if (fast !== null) {
    if (process.env.FAST_DIFF && JSON.stringify(fast) !== JSON.stringify(expected)) {
      const a = JSON.stringify(fast),
        b = JSON.stringify(expected);
      let i = 0;
      while (a[i] === b[i]) i++;
      console.log('DIFF fast:', a.slice(i - 150, i + 80), ' xlsx:', b.slice(i - 150, i + 80));
    }
    expect(fast).toEqual(expected);
  }
  return fast !== null;
}

async function expectSame(bytes: Uint8Array, limits: ReadLimits = DEFAULT_LIMITS): Promise<void> {
  expect(await expectSameOrNull(bytes, limits), 'the fast reader declined').toBe(true);
}

const filesIn = (dir: URL) => {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.xlsx'))
      .map((f) => new URL(f, dir));
  } catch {
    return [];
  }
};
const fixtureDir = new URL('../../fixtures/import/', import.meta.url);
const realFiles = [
  ...filesIn(fixtureDir),
  ...filesIn(new URL('../../fixtures/fill/', import.meta.url)),
  ...filesIn(new URL('../../../public/templates/', import.meta.url)),
  ...filesIn(new URL('file:///work/shared/data/')),
];

describe('readFastXlsx on real files', () => {
  it.each(realFiles.map((u) => [u.pathname.split('/').slice(-2).join('/'), u] as const))(
    '%s: the same as SheetJS, or declined',
    async (_name, url) => {
      await expectSameOrNull(new Uint8Array(readFileSync(url)));
    },
  );

  it.each([
    'tan-hong-2022-bieu04.xlsx',
    'bieu03-wrong-percent.xlsx',
    'numbers-as-text.xlsx',
    'hidden-rows.xlsx',
    'hidden-sheet.xlsx',
    'merged-header.xlsx',
    'formula-without-cached-value.xlsx',
    'empty-workbook.xlsx',
    'other-year.xlsx',
    'tong-hop-tan-hong-2022.xlsx',
  ])('reads %s itself', async (name) => {
    await expectSame(new Uint8Array(readFileSync(new URL(name, fixtureDir))));
  });

  it.each(['members.xlsx', 'tcd-2019.xlsx', 'tcd-2023.xlsx', 'tcd-2025.xlsx'])(
    'reads the template %s itself',
    async (name) => {
      await expectSame(
        new Uint8Array(readFileSync(new URL(`../../../public/templates/${name}`, import.meta.url))),
      );
    },
  );

  it('declines what it does not reproduce: a 1904 workbook, a PNG, a cut-off zip, an OLE file', async () => {
    for (const name of ['not-a-spreadsheet.xlsx', 'truncated.xlsx', 'password-protected.xlsx'])
      expect(
        await readFastXlsx(
          new Uint8Array(readFileSync(new URL(name, fixtureDir))),
          name,
          DEFAULT_LIMITS,
          format,
        ),
      ).toBeNull();
    const date1904 = new Uint8Array(readFileSync(new URL('../../fixtures/fill/basic.xlsx', import.meta.url)));
    expect(await readFastXlsx(date1904, 'basic.xlsx', DEFAULT_LIMITS, format)).toBeNull();
  });

  it('reads the fixture files at tight limits as SheetJS does (too long, too wide, truncated)', async () => {
    for (const name of ['tan-hong-2022-bieu04.xlsx', 'merged-header.xlsx', 'hidden-sheet.xlsx'])
      for (const [maxRows, maxColumns] of [
        [3, 200],
        [30, 4],
        [1, 1],
        [40, 12],
      ] as const)
        await expectSame(new Uint8Array(readFileSync(new URL(name, fixtureDir))), {
          ...DEFAULT_LIMITS,
          maxRows,
          maxColumns,
        });
  });
});

describe('readFastXlsx on what the fixture writers and the export write', () => {
  it('the report workbook, with numbers, as text, with percentages, without the marker', async () => {
    const { meta, data, template } = sampleReport();
    for (const options of [
      {},
      { numbersAsText: true },
      { percentages: true },
      { marker: false, lang: 'en' as const },
    ])
      await expectSame(reportWorkbookXlsx(template, meta, data, options));
  });

  it("the app's own export of the sample into its template", async () => {
    const { meta, data, template } = sampleReport();
    const binding = bindingFor(meta.templateId);
    if (!binding) throw new Error('no binding');
    const bytes = new Uint8Array(readFileSync(new URL(`../../../public/${binding.file}`, import.meta.url)));
    const validator = new Validator(template, data, meta.settings, meta.units);
    const file = exportWorkbook(
      { template, meta, data, unitsOf: (s) => validator.unitsOf(s), openFindings: 2 },
      bytes,
    );
    await expectSame(file);
    expect(getCell(data, 'b04', CONTROL_ROW, 'total')).not.toBeUndefined();
  });

  it("the benchmark's Biểu 04, and the same cut at the row limit", async () => {
    const bytes = b04Workbook('.', 300);
    await expectSame(bytes);
    await expectSame(bytes, { ...DEFAULT_LIMITS, maxRows: 300 });
    await expectSame(bytes, { ...DEFAULT_LIMITS, maxRows: 299 });
    await expectSame(bytes, { ...DEFAULT_LIMITS, maxRows: 150 });
  });
});

// --- Hand-written packages ----------------------------------------------------------------------------

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A minimal package around sheet XML bodies (<sheetData> and after), shared strings and styles. */
function handWritten(
  sheets: readonly string[],
  parts: { sst?: string; styles?: string; workbookPr?: string; custom?: string } = {},
): Uint8Array {
  const overrides = [
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`,
    ...sheets.map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    ),
    parts.sst
      ? `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
      : '',
    parts.styles
      ? `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`
      : '',
    parts.custom
      ? `<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>`
      : '',
  ];
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>${overrides.join('')}</Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}">${parts.workbookPr ?? ''}<sheets>${sheets
        .map((_, i) => `<sheet name="Trang ${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('')}</Relationships>`,
    ),
  };
  sheets.forEach((body, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}" xmlns:r="${REL}">${body}</worksheet>`,
    );
  });
  if (parts.sst)
    files['xl/sharedStrings.xml'] = strToU8(`<?xml version="1.0"?><sst xmlns="${NS}">${parts.sst}</sst>`);
  if (parts.styles)
    files['xl/styles.xml'] = strToU8(
      `<?xml version="1.0"?><styleSheet xmlns="${NS}">${parts.styles}</styleSheet>`,
    );
  if (parts.custom) files['docProps/custom.xml'] = strToU8(parts.custom);
  return zipSync(files);
}

const STYLES =
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="0.00%"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy"/></numFmts>' +
  '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165"/><xf numFmtId="3"/><xf numFmtId="49"/></cellXfs>';

describe('readFastXlsx on hand-written sheet XML', () => {
  it('rich text, phonetic runs, entities and _xHHHH_ escapes in shared strings; inline strings', async () => {
    const sst =
      '<si><t>Hồng Ngự</t></si>' +
      '<si><r><rPr><b/></rPr><t>Đảng bộ </t></r><r><t xml:space="preserve">xã &amp; thị trấn</t></r><rPh sb="0" eb="1"><t>フリ</t></rPh><phoneticPr fontId="1"/></si>' +
      '<si><t>A&#233;&#x1EA1;_x000D_B &lt;&gt;&quot;&apos;</t></si>' +
      '<si><t/></si><si></si>';
    const sheet =
      '<dimension ref="A1:D3"/><sheetData>' +
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>4</v></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>Tân Hồng &amp; co</t></is></c><c r="B2" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c><c r="C2" t="inlineStr"/></row>' +
      '<row r="3" spans="1:4" x14ac:dyDescent="0.25"><c r="A3" t="str"><v xml:space="preserve"> 392 </v></c><c r="B3" t="str"><v>x &amp; y_x0041_</v></c><c r="C3" t="str"/></row>' +
      '</sheetData>';
    await expectSame(handWritten([sheet], { sst }));
  });

  it('numbers in General and in formats, booleans, errors, empty and self-closed cells', async () => {
    const sheet =
      '<sheetData><row r="1"><c r="A1"><v>2682</v></c><c r="B1"><v>-0.000012345678</v></c><c r="C1"><v>123456789012.5</v></c>' +
      '<c r="D1" s="1"><v>0.9456</v></c><c r="E1" s="2"><v>45000</v></c><c r="F1" s="3"><v>1234567</v></c><c r="G1" s="4"><v>12</v></c>' +
      '<c r="H1" t="b"><v>1</v></c><c r="I1" t="b"><v>0</v></c><c r="J1" t="b" s="1"><v>1</v></c><c r="K1" t="b"/></row>' +
      '<row r="2"><c r="A2" t="e"><v>#DIV/0!</v></c><c r="B2" t="e"><v>#N/A</v></c><c r="C2" t="e"><v>#SPILL!</v></c><c r="D2" t="e"/>' +
      '<c r="E2" s="1"/><c r="F2" t="n"><v></v></c><c r="G2"><v>1e21</v></c><c r="H2"><v>-0</v></c><c r="I2"><v>+5</v></c><c r="J2" s="4" t="s"><v>0</v></c></row>' +
      '<row r="4"/><row r="5"><c r="B5"><v>3</v></c><c><v>4</v></c><c r="E5"><v>5</v></c><c><v>6</v></c></row></sheetData>';
    await expectSame(handWritten([sheet], { styles: STYLES, sst: '<si><t>chữ</t></si>' }));
  });

  it('formulas: cached values, none, empty <v/>, text results, shared formulas before and after their first cell', async () => {
    const sheet =
      '<sheetData><row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1"><f>A1*2</f></c><c r="C1" t="n"><f>A1</f><v/></c>' +
      '<c r="D1" t="str"><f>"x"</f><v></v></c><c r="E1" t="str"><f>"y"</f></c><c r="F1" t="s"><f>A1</f></c><c r="G1" t="e"><f>1/0</f></c>' +
      '<c r="H1"><f t="shared" si="0"/></c></row>' +
      '<row r="2"><c r="A2"><f t="shared" ref="A2:B4" si="0">A1+1</f></c><c r="B2"><f t="shared" si="0"/></c></row>' +
      '<row r="3"><c r="A3"><f t="shared" si="0"/></c><c r="B3"><f t="shared" si="0"/><v>7</v></c><c r="C3"><f t="shared" si="1"/></c><c r="D3"><f></f></c><c r="E3"><f>_xlfn.</f></c></row>' +
      '</sheetData>';
    await expectSame(handWritten([sheet]));
  });

  it('merges, the dimension and rows past the limit, with and without an empty first row past it', async () => {
    const rows = (from: number, to: number) =>
      Array.from(
        { length: to - from + 1 },
        (_, i) => `<row r="${from + i}"><c r="A${from + i}"><v>${from + i}</v></c></row>`,
      ).join('');
    const merges = '<mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="C9:D9"/></mergeCells>';
    const long = handWritten([`<dimension ref="A1:B12"/><sheetData>${rows(1, 12)}</sheetData>${merges}`]);
    const gap = handWritten([
      `<dimension ref="A1:B12"/><sheetData>${rows(1, 5)}${rows(7, 12)}</sheetData>${merges}`,
    ]);
    const wide = handWritten([
      `<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="H1"><v>8</v></c></row></sheetData>`,
    ]);
    for (const maxRows of [4, 5, 6, 10, 11, 12, 13])
      for (const bytes of [long, gap, wide])
        await expectSame(bytes, { ...DEFAULT_LIMITS, maxRows, maxColumns: 7 });
  });

  it('custom properties with Vietnamese text, numbers, booleans, entities', async () => {
    const custom =
      '<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
      '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="TongHop.Committee"><vt:lpwstr>Huyện ủy Hồng Ngự &amp; co</vt:lpwstr></property>' +
      '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="Năm"><vt:i4>2022</vt:i4></property>' +
      '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="4" name="Xong"><vt:bool>true</vt:bool></property>' +
      '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="5" name="Tỷ lệ"><vt:r8>0.25</vt:r8></property></Properties>';
    const sheet = '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>';
    await expectSame(handWritten([sheet], { custom }));
  });

  it('declines array formulas, date cells, prefixed elements, unknown elements and dates in 1904', async () => {
    const declined = [
      handWritten([
        '<sheetData><row r="1"><c r="A1"><f t="array" ref="A1:A2">1</f><v>1</v></c></row></sheetData>',
      ]),
      handWritten(['<sheetData><row r="1"><c r="A1" t="d"><v>2022-01-01</v></c></row></sheetData>']),
      handWritten(['<x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData>']),
      handWritten(['<sheetData><row r="1"><c r="A1"><v>1</v><extLst/></c></row></sheetData>']),
      handWritten(['<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>'], {
        workbookPr: '<workbookPr date1904="1"/>',
      }),
    ];
    for (const bytes of declined) {
      expect(await readFastXlsx(bytes, 'f.xlsx', DEFAULT_LIMITS, format)).toBeNull();
      expect(bySheetJS(bytes, DEFAULT_LIMITS)).not.toBe('throws');
    }
  });
});

// --- Random workbooks -----------------------------------------------------------------------------------

const WORDS = [
  'Hồng Ngự',
  'Tân Hồng',
  'Đảng bộ xã',
  'Chi bộ',
  'Cộng',
  'HTXSNV',
  'ủy ban',
  'Ấp 3',
  ' lề ',
  'a&b<c>"d\'',
  'x_x0041_y',
];
const textArb = fc.oneof(fc.constantFrom(...WORDS), fc.string({ unit: 'grapheme', maxLength: 8 }));
const numberArb = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0.1, 1 / 3, 2.47, 0.9456, 1e-7, -1e-9, 123456789012, 1e15 + 0.5, 2 ** 31, -(2 ** 31) - 1),
);
const FORMATS = [
  'General',
  '0',
  '0.00',
  '#,##0',
  '0%',
  '0.00%',
  'dd/mm/yyyy',
  'm/d/yy h:mm',
  '@',
  '#,##0.00 "đ"',
];

type GenCell =
  | null
  | { kind: 'text'; v: string }
  | { kind: 'number'; v: number; z: string }
  | { kind: 'bool'; v: boolean }
  | { kind: 'error'; v: number }
  | { kind: 'formula'; v: number | undefined };

const cellArb: fc.Arbitrary<GenCell> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: textArb.map((v) => ({ kind: 'text' as const, v })) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('number' as const),
      v: numberArb,
      z: fc.constantFrom(...FORMATS),
    }),
  },
  { weight: 1, arbitrary: fc.boolean().map((v) => ({ kind: 'bool' as const, v })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(0x07, 0x2a, 0x0f, 0x17).map((v) => ({ kind: 'error' as const, v })),
  },
  {
    weight: 1,
    arbitrary: fc
      .option(fc.integer({ min: -50, max: 50 }), { nil: undefined })
      .map((v) => ({ kind: 'formula' as const, v })),
  },
);
const sheetArb = fc.record({
  rows: fc.array(fc.array(cellArb, { maxLength: 7 }), { maxLength: 9 }),
  hidden: fc.constantFrom(0, 0, 1, 2),
  merges: fc.array(fc.tuple(fc.nat(6), fc.nat(5), fc.nat(2), fc.nat(2)), { maxLength: 2 }),
});
const workbookArb = fc.record({
  sheets: fc.array(sheetArb, { minLength: 1, maxLength: 3 }),
  sst: fc.boolean(),
  props: fc.dictionary(fc.constantFrom('TongHop.Year', 'Đơn vị', 'Ghi chú'), textArb, { maxKeys: 2 }),
  maxRows: fc.integer({ min: 1, max: 10 }),
  maxColumns: fc.integer({ min: 1, max: 8 }),
});
type GenWorkbook = typeof workbookArb extends fc.Arbitrary<infer T> ? T : never;

const mergesOf = (merges: readonly [number, number, number, number][]) =>
  merges.map(([r, c, h, w]) => ({ s: { r, c }, e: { r: r + h, c: c + w } }));

function writeWithSheetJS(gen: GenWorkbook): Uint8Array {
  const wb = XLSX.utils.book_new();
  gen.sheets.forEach((s, i) => {
    const ws = XLSX.utils.aoa_to_sheet(
      s.rows.map((row) =>
        row.map((cell): XLSX.CellObject | null => {
          if (cell === null) return null;
          switch (cell.kind) {
            case 'text':
              return { t: 's', v: cell.v };
            case 'number':
              return { t: 'n', v: cell.v, z: cell.z };
            case 'bool':
              return { t: 'b', v: cell.v };
            case 'error':
              return { t: 'e', v: cell.v };
            case 'formula':
              return cell.v === undefined ? { t: 'n', f: 'A1+1' } : { t: 'n', v: cell.v, f: 'A1+1' };
          }
        }),
      ),
    );
    if (s.merges.length > 0) ws['!merges'] = mergesOf(s.merges);
    XLSX.utils.book_append_sheet(wb, ws, `Biểu ${i + 1}`);
  });
  wb.Workbook = { Sheets: gen.sheets.map((s) => ({ Hidden: s.hidden })) };
  wb.Custprops = gen.props;
  const out: unknown = XLSX.write(wb, {
    type: 'buffer',
    bookType: 'xlsx',
    bookSST: gen.sst,
    compression: true,
  });
  return new Uint8Array(out as Uint8Array);
}

async function writeWithExcelJS(gen: GenWorkbook): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  gen.sheets.forEach((s, i) => {
    const ws = wb.addWorksheet(`Biểu ${i + 1}`, {
      state: s.hidden === 1 ? 'hidden' : s.hidden === 2 ? 'veryHidden' : 'visible',
    });
    s.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell === null) return;
        const target = ws.getCell(r + 1, c + 1);
        switch (cell.kind) {
          case 'text':
            target.value =
              gen.sst && cell.v.length > 2
                ? {
                    richText: [{ text: cell.v.slice(0, 2), font: { bold: true } }, { text: cell.v.slice(2) }],
                  }
                : cell.v;
            return;
          case 'number':
            target.value =
              cell.z === 'dd/mm/yyyy'
                ? new Date(Date.UTC(2020, 0, 1) + (Math.abs(Math.round(cell.v)) % 1e9) * 1000)
                : cell.v;
            if (cell.z !== 'General') target.numFmt = cell.z;
            return;
          case 'bool':
            target.value = cell.v;
            return;
          case 'error':
            target.value = { error: '#DIV/0!' };
            return;
          case 'formula':
            target.value =
              cell.v === undefined
                ? { formula: 'A1+1', date1904: false }
                : { formula: 'A1+1', result: cell.v, date1904: false };
        }
      }),
    );
    for (const m of mergesOf(s.merges)) {
      // ExcelJS refuses overlapping merges; the generator may draw them.
      try {
        ws.mergeCells(m.s.r + 1, m.s.c + 1, m.e.r + 1, m.e.c + 1);
      } catch {
        // skipped
      }
    }
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('readFastXlsx on random workbooks', () => {
  it('written by SheetJS: the same as SheetJS reads them, at random row and column limits', async () => {
    await fc.assert(
      fc.asyncProperty(workbookArb, async (gen) => {
        const bytes = writeWithSheetJS(gen);
        await expectSame(bytes);
        await expectSame(bytes, { ...DEFAULT_LIMITS, maxRows: gen.maxRows, maxColumns: gen.maxColumns });
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('written by ExcelJS: the same as SheetJS reads them, at random row and column limits', async () => {
    await fc.assert(
      fc.asyncProperty(workbookArb, async (gen) => {
        const bytes = await writeWithExcelJS(gen);
        await expectSame(bytes);
        await expectSame(bytes, { ...DEFAULT_LIMITS, maxRows: gen.maxRows, maxColumns: gen.maxColumns });
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});

// --- The read job ----------------------------------------------------------------------------------------

async function job(bytes: Uint8Array, limits = DEFAULT_LIMITS): Promise<WorkerMessage[]> {
  const messages: WorkerMessage[] = [];
  await runReadJob({ bytes: bytes.slice().buffer, fileName: 'f.xlsx', format: 'xlsx', limits }, (m) =>
    messages.push(asOnThePage(m)),
  );
  return messages;
}

describe('runReadJob with the fast reader', () => {
  it("gives SheetJS's result for a file the fast reader declines", async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../fixtures/fill/basic.xlsx', import.meta.url)));
    expect(await readFastXlsx(bytes, 'f.xlsx', DEFAULT_LIMITS, format)).toBeNull();
    const expected = bySheetJS(bytes, DEFAULT_LIMITS);
    expect(expected).toMatchObject({ ok: true });
    const last = (await job(bytes)).at(-1);
    expect(last).toEqual(
      expected !== 'throws' && expected.ok
        ? { type: 'done', workbook: { ...expected.workbook, fileName: 'f.xlsx' } }
        : null,
    );
  });

  it('reports the limits errors the way SheetJS + convert do', async () => {
    const bytes = b04Workbook('.', 30);
    expect((await job(bytes, { ...DEFAULT_LIMITS, maxRows: 10 })).at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'too-many-rows' },
    });
    expect((await job(bytes, { ...DEFAULT_LIMITS, maxColumns: 3 })).at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'too-many-columns' },
    });
  });

  it('never throws on junk or cut-off zips, and answers with an error', async () => {
    const good = new Uint8Array(readFileSync(new URL('tan-hong-2022-bieu04.xlsx', fixtureDir)));
    for (const bytes of [new Uint8Array(0), strToU8('PK\u0003\u0004 not a zip at all'), good.slice(0, 1000)])
      expect((await job(bytes)).at(-1)?.type).toBe('error');
  });

  it('the fast reader itself answers or declines on damaged zips, never throws', async () => {
    // Not through runReadJob: SheetJS, where it falls back, can loop for ever on some damaged zips (the page
    // stops such a worker at its time limit).
    const good = new Uint8Array(readFileSync(new URL('tan-hong-2022-bieu04.xlsx', fixtureDir)));
    const bases = [
      good,
      good.slice(0, good.length - 30),
      zipSync({ '[Content_Types].xml': strToU8('<Types/>') }),
    ];
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...bases), fc.nat(), fc.nat(255), async (base, at, byte) => {
        const bytes = base.slice();
        bytes[at % bytes.length] = byte;
        const result = await readFastXlsx(bytes, 'f.xlsx', DEFAULT_LIMITS, format);
        if (result !== null) answered++;
      }),
      { numRuns: 200 },
    );
    // Most single-byte changes land in compressed data or names the reader does not need.
    expect(answered).toBeGreaterThan(0);
  });
});
