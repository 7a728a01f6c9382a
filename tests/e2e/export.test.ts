// Downloading the filled district templates in Chromium: the whole workbook and one sheet, the file names, the
// question asked when the report still has errors, and the values where the template's binding puts them.
import { readFileSync } from 'node:fs';
import type { Download } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { bindingFor } from '../../src/templates/bindings';
import { useAppPage } from './browser.ts';
import { openSample, openTab, typeInto } from './sheet.ts';

async function saved(download: Download): Promise<XLSX.WorkBook> {
  const path = await download.path();
  return XLSX.read(readFileSync(path), { type: 'buffer', cellFormula: true, sheetStubs: true });
}

/** A sheet's cell by its address ("D12"); SheetJS types a sheet's keys loosely. */
function cellOf(sheet: XLSX.WorkSheet | undefined, ref: string): XLSX.CellObject | undefined {
  const cell: unknown = sheet?.[ref];
  return typeof cell === 'object' && cell !== null && 't' in cell ? (cell as XLSX.CellObject) : undefined;
}

describe('downloading the filled templates', () => {
  const app = useAppPage(async (page) => {
    await openSample(page);
  });
  const binding = bindingFor('tcd-2019');
  const b04 = binding?.sheets.find((s) => s.sheet === 'b04');

  it('downloads the whole report as TanHong_2022.xlsx with the figures in place and live formulas', async () => {
    const { page } = app.t;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-all').click(),
    ]);
    expect(download.suggestedFilename()).toBe('TanHong_2022.xlsx');
    const wb = await saved(download);
    if (!b04) throw new Error('no binding for Biểu 04');
    const sheet = wb.Sheets[b04.sheetName];
    expect(sheet, `sheet ${b04.sheetName}`).toBeDefined();
    const first = b04.firstUnitRow;
    const at = (col: string, row: number) => cellOf(sheet, `${col}${row}`);
    expect(at(b04.unit.name, first)?.v).toBe('Đảng bộ thị trấn Sa Rài');
    expect(at(b04.columns.total ?? '', first)?.v).toBe(306);
    expect(at(b04.columns.g ?? '', first + 1)?.v).toBe(210);
    // The Cộng row and the percentages are formulas that Excel recalculates.
    expect(at(b04.columns.total ?? '', b04.totalRow ?? 0)?.f).toMatch(/^SUM\(/);
    expect(at(b04.columns['pct-g'] ?? '', first)?.f).toBeTruthy();
    expect(String(cellOf(sheet, b04.header.committee.cell)?.v)).toContain('TÂN HỒNG');
  });

  it('asks before downloading a sheet with errors, and names the count', async () => {
    const { page } = app.t;
    await openTab(page, 'b04');
    await typeInto(page, 'u02', 'g', '200');
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await page.getByTestId('export-sheet').click();
    await expect.poll(() => asked).toBe('Biểu 04 còn 2 lỗi. Vẫn tải xuống?');

    page.once('dialog', (d) => void d.accept());
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-sheet').click(),
    ]);
    expect(download.suggestedFilename()).toBe('TanHong_2022_Bieu04.xlsx');
    const wb = await saved(download);
    if (!b04) throw new Error('no binding for Biểu 04');
    expect(cellOf(wb.Sheets[b04.sheetName], `${b04.columns.g}${b04.firstUnitRow + 1}`)?.v).toBe(200);
    expect(wb.Custprops).toMatchObject({ 'TongHop.OpenFindings': '2' });
  });

  it('made no request beyond its own files and logged no error', () => {
    expect(app.t.offOriginRequests()).toEqual([]);
    expect(app.t.errors).toEqual([]);
  });
});
