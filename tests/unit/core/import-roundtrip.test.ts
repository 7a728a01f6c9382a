// Round trips through the workbook import: a report written out the way the app shows it (tests/fixtures/
// report-workbook.ts) and imported into the same report with its six sheets emptied gives back every value, every
// blank and every reported total, with nothing refused, unmatched, invalid or flagged. As ImportWorkbook data, as
// real .xlsx bytes through SheetJS and convertWorkbook, and for random data in both languages.
import fc from 'fast-check';
import { rowArbitrary } from '../arbitraries';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import {
  planImport,
  type ImportPlan,
  type ImportValue,
  type ImportWorkbook,
} from '../../../src/core/import-plan';
import {
  cloneData,
  CONTROL_ROW,
  getCell,
  setCell,
  type CellValue,
  type ReportMeta,
  type RowValues,
  type SheetsData,
} from '../../../src/core/model';
import type { ColumnDef } from '../../../src/core/template';
import type { CompiledTemplate } from '../../../src/core/template-loader';
import { convertWorkbook } from '../../../src/excel/convert';
import { DEFAULT_LIMITS } from '../../../src/excel/plain-workbook';
import { sheetJsOptions } from '../../../src/excel/sheetjs-read';
import {
  reportWorkbook,
  reportWorkbookXlsx,
  type ReportWorkbookOptions,
} from '../../fixtures/report-workbook';
import { readFixture } from '../excel/helpers';
import { sampleReport } from './helpers';
import { contextOf } from './import-plan.helpers';

const FIXTURE = 'tong-hop-tan-hong-2022.xlsx';

/** The report's data after applying the plan's changes, each checked against what it replaces. */
function applied(plan: ImportPlan, data: SheetsData): SheetsData {
  const out = cloneData(data);
  for (const c of plan.changes) {
    expect(c.before).toBe(getCell(out, c.sheet, c.row, c.col));
    setCell(out, c.sheet, c.row, c.col, c.after);
  }
  return out;
}

/** Every non-blank cell of the report's sheets, unit rows and reported totals: "b04|u01|total" → 250. */
function cells(template: CompiledTemplate, meta: ReportMeta, data: SheetsData): Record<string, CellValue> {
  const out: Record<string, CellValue> = {};
  for (const def of template.sheets.values()) {
    const units = def.rowsFor ? meta.units.filter((u) => u.form === def.rowsFor) : meta.units;
    const rows = [...units.map((u) => u.id), ...(def.totals ? [CONTROL_ROW] : [])];
    for (const row of rows)
      for (const col of def.columns) {
        const v = getCell(data, def.id, row, col.id);
        if (v !== null) out[`${def.id}|${row}|${col.id}`] = v;
      }
  }
  // Nothing outside the sheets' rows and columns either.
  for (const [sheet, rows] of data)
    for (const [row, values] of rows)
      for (const [col, v] of Object.entries(values))
        if (v !== null) expect(out[`${sheet}|${row}|${col}`], `${sheet}|${row}|${col}`).toBe(v);
  return out;
}

/** Imports `wb` into the report with every sheet empty and checks the plan is clean; the data after it. */
function importIntoEmpty(wb: ImportWorkbook, template: CompiledTemplate, meta: ReportMeta): SheetsData {
  const empty: SheetsData = new Map();
  const plan = planImport(wb, contextOf(template, meta, empty));
  expect(plan.refusal).toBeNull();
  expect(plan.sheets.map((s) => s.sheet)).toEqual([...template.sheets.keys()]);
  for (const s of plan.sheets) {
    expect(s.headerRow, s.fileSheet).toBe(1);
    expect(s.unmatchedNames, s.fileSheet).toEqual([]);
    expect(s.unknownColumns, s.fileSheet).toEqual([]);
    expect(s.invalid, s.fileSheet).toEqual([]);
    expect(s.notes, s.fileSheet).toEqual([]);
  }
  expect(plan.percentChecks).toEqual([]);
  expect(plan.unchanged).toBe(0);
  return applied(plan, empty);
}

describe('the Tân Hồng sample written out and imported into its emptied copy', () => {
  const { meta, data, template } = sampleReport();
  const expected = cells(template, meta, data);

  it('the sample fills all five of its sheets, unit rows and reported totals', () => {
    const sheets = new Set(Object.keys(expected).map((k) => k.split('|')[0]));
    expect(sheets).toEqual(new Set(['b01', 'b02', 'b03', 'b04', 'b06']));
    for (const sheet of ['b02', 'b03', 'b04', 'b06'])
      expect(Object.keys(expected).some((k) => k.startsWith(`${sheet}|${CONTROL_ROW}|`))).toBe(true);
  });

  it.each([
    { lang: 'vi', percentages: true },
    { lang: 'en', percentages: true },
    { lang: 'vi', numbersAsText: true, percentages: true },
    { lang: 'en', numbersAsText: true },
  ] satisfies ReportWorkbookOptions[])('gives back every cell (%o)', (options) => {
    const wb = reportWorkbook(template, meta, data, options);
    const plan = planImport(wb, contextOf(template, meta, new Map()));
    expect(plan.kind).toBe('tong-hop');
    expect(cells(template, meta, importIntoEmpty(wb, template, meta))).toEqual(expected);
  });

  it('every sheet is laid out like the printed form: without the marker it is a "template" import', () => {
    const wb = reportWorkbook(template, meta, data, { marker: false, percentages: true });
    expect(wb.customProps).toEqual({});
    expect(planImport(wb, contextOf(template, meta, new Map())).kind).toBe('template');
    expect(cells(template, meta, importIntoEmpty(wb, template, meta))).toEqual(expected);
  });

  it('into the full report it changes nothing: every value is there already', () => {
    const wb = reportWorkbook(template, meta, data, { percentages: true });
    const plan = planImport(wb, contextOf(template, meta, data));
    expect(plan.refusal).toBeNull();
    expect(plan.changes).toEqual([]);
    expect(plan.unchanged).toBe(Object.keys(expected).length);
    expect(plan.percentChecks).toEqual([]);
    expect(plan.findings.added).toEqual([]);
  });
});

describe('the same through real .xlsx bytes (SheetJS, then convertWorkbook)', () => {
  const { meta, data, template } = sampleReport();
  const expected = cells(template, meta, data);

  /** The bytes read as the read worker reads them. */
  function read(bytes: Uint8Array, fileName = 'report.xlsx'): ImportWorkbook {
    const wb = XLSX.read(bytes, { ...sheetJsOptions(DEFAULT_LIMITS), type: 'array' });
    const result = convertWorkbook(wb, { fileName, format: 'xlsx' }, DEFAULT_LIMITS);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail}`);
    return result.workbook;
  }

  it.each([
    { lang: 'vi', percentages: true },
    { lang: 'en', numbersAsText: true, percentages: true },
  ] satisfies ReportWorkbookOptions[])('gives back every cell (%o)', (options) => {
    const wb = read(reportWorkbookXlsx(template, meta, data, options));
    expect(wb.customProps).toEqual(reportWorkbook(template, meta, data, options).customProps);
    expect(cells(template, meta, importIntoEmpty(wb, template, meta))).toEqual(expected);
  });

  it('the file holds what the ImportWorkbook writer gives, cell for cell', () => {
    const options = { percentages: true, numbersAsText: true } satisfies ReportWorkbookOptions;
    const file = read(reportWorkbookXlsx(template, meta, data, options));
    const direct = reportWorkbook(template, meta, data, options);
    // A row of the file ends at its last cell.
    const trimmed = (row: ImportValue[]) => {
      while (row.length > 0 && row[row.length - 1] === null) row.pop();
      return row;
    };
    const values = (w: ImportWorkbook) =>
      w.sheets.map((s) => s.rows.map((r) => trimmed(r.map((c) => c?.v ?? null))));
    expect(values(file)).toEqual(values(direct));
  });

  it('writes the same bytes twice', () => {
    const a = reportWorkbookXlsx(template, meta, data, { percentages: true });
    const b = reportWorkbookXlsx(template, meta, data, { percentages: true });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it(`${FIXTURE} (scripts/make-roundtrip-fixture.ts) reads and gives back every cell`, () => {
    const result = readFixture(FIXTURE);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail}`);
    expect(cells(template, meta, importIntoEmpty(result.workbook, template, meta))).toEqual(expected);
  });
});

describe('random data of the sample units', () => {
  const { meta, template } = sampleReport();
  const NOTES = ['Sáp nhập từ ngày 01/7', 'Thành lập mới', 'Chưa đủ 6 tháng'];

  const rowOf = (cols: readonly ColumnDef[]) => rowArbitrary(cols, NOTES);
  const sheetData = [...template.sheets.values()].map((def) => {
    const units = def.rowsFor ? meta.units.filter((u) => u.form === def.rowsFor) : meta.units;
    const unitRows = fc.tuple(...units.map(() => rowOf(def.columns)));
    // The reported totals take counts only.
    const control = def.totals
      ? rowOf(def.columns.filter((c) => c.kind === 'count'))
      : fc.constant<RowValues>({});
    return fc.tuple(unitRows, control).map(([rows, totals]) => {
      const out = new Map<string, RowValues>(units.map((u, i) => [u.id, rows[i] ?? {}]));
      if (def.totals) out.set(CONTROL_ROW, totals);
      return [def.id, out] as const;
    });
  });
  const data: fc.Arbitrary<SheetsData> = fc.tuple(...sheetData).map((sheets) => {
    // Blank cells are not stored, as setCell leaves them.
    const out: SheetsData = new Map();
    for (const [sheet, rows] of sheets)
      for (const [row, values] of rows)
        for (const [col, v] of Object.entries(values)) if (v !== null) setCell(out, sheet, row, col, v);
    return out;
  });
  const options: fc.Arbitrary<ReportWorkbookOptions> = fc.record({
    lang: fc.constantFrom('vi' as const, 'en' as const),
    numbersAsText: fc.boolean(),
  });

  it('write → plan → apply gives back the data, blanks staying blank', () => {
    fc.assert(
      fc.property(data, options, (d, opts) => {
        const wb = reportWorkbook(template, meta, d, opts);
        expect(cells(template, meta, importIntoEmpty(wb, template, meta))).toEqual(cells(template, meta, d));
      }),
      { numRuns: 40 },
    );
  }, 20_000);
});

describe('percentages of 1000 % and more', () => {
  const { meta, template } = sampleReport();
  const unit = meta.units[0]?.id ?? '';

  // Biểu 06's "% đạt chỉ tiêu" has no decimals, so 10 admitted for a target of 1 is shown "1.000%" (vi) or
  // "1,000%" (en). FAILS today: planSheet (src/core/import/sheet.ts) reads the text with parseCell, whose
  // parseNumber(…, 'decimal') takes the one separator before three digits for the decimal mark, so the file's
  // 1000 % is read as 1 % and reported as a wrong percentage ({ received: 1, expected: 1000 }).
  it.each(['vi', 'en'] as const)(
    '%s: 10 admitted for a target of 1, written as the app shows it, is not flagged',
    (lang) => {
      const data: SheetsData = new Map([['b06', new Map([[unit, { target: 1, admitted: 10 }]])]]);
      const wb = reportWorkbook(template, meta, data, { lang, percentages: true });
      const b06 = wb.sheets.find((s) => s.name === template.sheets.get('b06')?.code[lang]);
      expect(b06?.rows[2]?.map((c) => c?.text ?? null).slice(2, 5)).toEqual([
        '1',
        '10',
        lang === 'vi' ? '1.000%' : '1,000%',
      ]);
      const plan = planImport(wb, contextOf(template, meta, new Map()));
      expect(plan.changes.map((c) => [c.col, c.after])).toEqual([
        ['target', 1],
        ['admitted', 10],
      ]);
      expect(plan.percentChecks).toEqual([]);
    },
  );
});

describe('the marker', () => {
  const { meta, data, template } = sampleReport();

  it('a workbook written for 2022 is refused by a report of 2023, naming both years', () => {
    const wb = reportWorkbook(template, meta, data);
    expect(wb.customProps).toMatchObject({ 'TongHop.Year': '2022', 'TongHop.Template': meta.templateId });
    const report2023: ReportMeta = { ...meta, year: 2023 };
    const plan = planImport(wb, contextOf(template, report2023, new Map()));
    expect(plan.kind).toBe('tong-hop');
    expect(plan.refusal).toEqual({ code: 'other-year', expected: '2023', received: '2022' });
    expect(plan.changes).toEqual([]);
  });
});
