// Consolidation in Chromium: the committee makes the unit forms from the sample, the units send them back (most
// as made, some changed with the project's fixture writer: two with errors, one for a unit that does not exist,
// a second file for one unit, one from another year), the staff drop them all at once (a zip and loose files),
// check the board, its findings and the missing list, combine, see the totals, and undo the batch.
// Then a base organization opens its own form as a one-unit report and exports it back in the same form; and
// last year's report is attached to flag a jump.
import { readFileSync } from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { formatNumber } from '../../src/core/format';
import { type ReportMeta, type RowValues, type SheetsData, type Unit } from '../../src/core/model';
import { templateById } from '../../src/templates';
import { buildSampleReport } from '../../src/templates/sample';
import { reportWorkbookXlsx } from '../fixtures/report-workbook';
import { useAppPage } from './browser.ts';
import { cell, openSample, openTab, pinnedCell, typeInto, waitSaved } from './sheet.ts';

const sample = buildSampleReport('sample', 1);
const compiled = templateById(sample.meta.templateId);
if (!compiled.ok) throw new Error(compiled.error);
const template = compiled.template;
const unitOf = (id: string): Unit => {
  const u = sample.meta.units.find((x) => x.id === id);
  if (!u) throw new Error(`no unit ${id}`);
  return u;
};
const b04 = (id: string): RowValues => sample.data.get('b04')?.get(id) ?? {};

/** A unit's file written with the fixture writer: its rows of the sample, Biểu 04 changed; found by its name. */
function returnedFile(unit: Unit, b04Change: RowValues, over: Partial<ReportMeta> = {}): Buffer {
  const data: SheetsData = new Map();
  for (const [sheet, rows] of sample.data) {
    const row = rows.get(unit.id);
    if (row) data.set(sheet, new Map([[unit.id, sheet === 'b04' ? { ...row, ...b04Change } : row]]));
  }
  const meta: ReportMeta = { ...sample.meta, units: [unit], ...over };
  return Buffer.from(reportWorkbookXlsx(template, meta, data));
}

async function dropFiles(page: Page, files: readonly { name: string; bytes: Uint8Array }[]): Promise<void> {
  await page.evaluate(
    (list) => {
      const dt = new DataTransfer();
      for (const f of list)
        dt.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name));
      const board = document.querySelector('[data-testid="submission-board"]');
      if (!board) throw new Error('no board');
      board.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      board.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    files.map((f) => ({ name: f.name, base64: Buffer.from(f.bytes).toString('base64') })),
  );
}

/** The board's tab; its view loads on first use. */
async function openBoard(page: Page): Promise<void> {
  await page.getByTestId('tab-submissions').click();
  await page.getByTestId('submission-board').waitFor();
}

/** The board as [unit, status, state] rows, in the order listed. */
function board(page: Page): Promise<string[][]> {
  return page
    .getByTestId('submission')
    .evaluateAll((rows) =>
      rows.map((r) => [
        r.getAttribute('data-unit') ?? '',
        r.getAttribute('data-status') ?? '',
        r.getAttribute('data-state') ?? '',
      ]),
    );
}

describe('collecting the units’ files into the committee’s report', () => {
  const app = useAppPage(async (page) => {
    await openSample(page);
  });
  let forms: Record<string, Uint8Array> = {};

  it('makes one form per base organization, as one zip', async () => {
    const { page } = app.t;
    await openBoard(page);
    expect(await page.getByTestId('missing-unit').count()).toBe(27);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('make-unit-forms').click(),
    ]);
    expect(download.suggestedFilename()).toBe('TanHong_2022_CoSo.zip');
    forms = unzipSync(readFileSync(await download.path()));
    const names = Object.keys(forms);
    expect(names).toHaveLength(27);
    expect(names).toContain('TanHong_2022_XaTanHoCo.xlsx');
    // Each form holds its unit's row only, with the unit marker.
    const wb = XLSX.read(forms['TanHong_2022_XaTanHoCo.xlsx'], { type: 'array' });
    const text = JSON.stringify(wb.Sheets);
    expect(text).toContain('Đảng bộ xã Tân Hộ Cơ');
    expect(text).not.toContain('Đảng bộ xã Tân Phước');
    expect((wb.Custprops as Record<string, unknown>)['TongHop.UnitId']).toBe('u05');
  });

  it('lists every returned file with its status, findings and the units missing; combines; undoes the batch', async () => {
    const { page } = app.t;
    // The committee's Biểu 04 is empty until the units answer.
    await openTab(page, 'b04');
    await cell(page, 'u01', 'total').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await waitSaved(page);
    await expect.poll(() => cell(page, 'u01', 'total').textContent()).toBe('');

    // The forms from 22 units come back as made, in one zip; u26 and u27 send nothing.
    const made = Object.entries(forms);
    const byUnit = (name: string) => made.find(([n]) => n === name)?.[1];
    const changed = new Set(['u03', 'u04', 'u06', 'u26', 'u27']);
    const unitFileName = new Map(
      sample.meta.units.map((u) => [u.id, made.find(([, bytes]) => unitIdOf(bytes) === u.id)?.[0] ?? '']),
    );
    const zipped: Record<string, Uint8Array> = {};
    for (const u of sample.meta.units) {
      if (changed.has(u.id)) continue;
      const name = unitFileName.get(u.id) ?? '';
      zipped[`Nop/${name}`] = byUnit(name) ?? new Uint8Array();
    }
    const u03 = b04('u03');
    const files = [
      { name: 'BaoCao_CoSo.zip', bytes: zipSync(zipped, { level: 0 }) },
      // Two with errors: more good members than rated; more not-completed than members.
      { name: 'BinhPhu.xlsx', bytes: returnedFile(unitOf('u03'), { g: (u03.rated as number) + 5 }) },
      { name: 'TanCongChi.xlsx', bytes: returnedFile(unitOf('u04'), { k: 9999 }) },
      // A unit that is not in the report.
      {
        name: 'ApMoi.xlsx',
        bytes: returnedFile({ id: 'zz', name: 'Chi bộ Ấp Mới Lập', form: 'chi_bo_co_so', bloc: 'khac' }, {}),
      },
      // A second file for Tân Hộ Cơ, one figure changed.
      { name: 'TanHoCo_lan2.xlsx', bytes: returnedFile(unitOf('u05'), { k: (b04('u05').k as number) + 1 }) },
      // Tân Phước sends last year's figures.
      { name: 'TanPhuoc_2021.xlsx', bytes: returnedFile(unitOf('u06'), {}, { year: 2021 }) },
    ];
    await openBoard(page);
    await dropFiles(page, files);
    await page.getByTestId('collect-summary').waitFor();

    const rows = await board(page);
    expect(rows).toHaveLength(27);
    const status = (unit: string) => rows.filter((r) => r[0] === unit).map((r) => r[1]);
    for (const u of sample.meta.units)
      if (!changed.has(u.id) && u.id !== 'u05') expect(status(u.id), u.id).toEqual(['ok']);
    expect(status('u03')).toEqual(['errors']);
    expect(status('u04')).toEqual(['errors']);
    expect(status('u05')).toEqual(['ok', 'duplicate']);
    expect(rows.filter((r) => r[0] === '' && r[1] === 'unrecognised')).toHaveLength(2);
    expect(await page.getByTestId('collect-summary').textContent()).toContain('27 tệp');

    // The missing: the two that sent nothing and the one whose file is for another year.
    const missing = await page
      .getByTestId('missing-unit')
      .evaluateAll((li) => li.map((l) => l.getAttribute('data-unit')));
    expect(missing).toEqual(['u06', 'u26', 'u27']);

    // Findings of a file with errors, with the rule's source.
    const u03row = page.locator('[data-testid="submission"][data-unit="u03"]');
    expect(await u03row.getByTestId('submission-counts').getAttribute('data-errors')).not.toBe('0');
    await u03row.getByTestId('submission-toggle').click();
    const finding = page.getByTestId('submission-finding').first();
    expect(await finding.textContent()).toMatch(/Căn cứ/);
    await u03row.getByTestId('submission-toggle').click();

    // Why the unknown and the other-year files were not taken.
    const reasons: string[] = [];
    for (const row of await page.locator('[data-testid="submission"][data-status="unrecognised"]').all()) {
      await row.getByTestId('submission-toggle').click();
      reasons.push((await page.getByTestId('submission-reason').textContent()) ?? '');
      await row.getByTestId('submission-toggle').click();
    }
    expect(reasons.join('\n')).toContain('Chi bộ Ấp Mới Lập');
    expect(reasons.join('\n')).toContain('2021');

    // The second file of Tân Hộ Cơ shows what replacing the first would change.
    const dup = page.locator('[data-testid="submission"][data-status="duplicate"]');
    await dup.getByTestId('submission-toggle').click();
    expect(await page.getByTestId('duplicate-change').allTextContents()).toEqual([
      expect.stringContaining(
        `${formatNumber(b04('u05').k as number, 'vi')} → ${formatNumber((b04('u05').k as number) + 1, 'vi')}`,
      ),
    ]);
    await dup.getByTestId('submission-toggle').click();

    // Combine: every accepted file, as one step.
    expect(await page.getByTestId('combine').textContent()).toContain('24');
    await page.getByTestId('combine').click();
    await page.getByTestId('combine-preview').waitFor();
    await page.getByTestId('combine-confirm').click();
    await expect.poll(async () => (await board(page)).filter((r) => r[2] === 'combined').length).toBe(24);
    await waitSaved(page);

    // Biểu 04's Cộng is the sum over the units that were combined (with the two changed files as sent).
    await openTab(page, 'b04');
    const combined = sample.meta.units.filter((u) => !['u06', 'u26', 'u27'].includes(u.id));
    const sum = (col: string, changes: Record<string, RowValues>) =>
      combined.reduce(
        (n, u) => n + (({ ...b04(u.id), ...changes[u.id] }[col] as number | undefined) ?? 0),
        0,
      );
    const changes = { u03: { g: (u03.rated as number) + 5 }, u04: { k: 9999 } };
    await expect
      .poll(() => pinnedCell(page, '#total', 'total').textContent())
      .toBe(formatNumber(sum('total', changes), 'vi'));
    expect(await pinnedCell(page, '#total', 'k').textContent()).toBe(formatNumber(sum('k', changes), 'vi'));
    expect(await cell(page, 'u06', 'total').textContent()).toBe('');

    // Undo: the batch goes, and the board says the files wait again.
    await page.getByTestId('undo').click();
    await expect.poll(() => cell(page, 'u01', 'total').textContent()).toBe('');
    await openBoard(page);
    await expect.poll(async () => (await board(page)).filter((r) => r[2] === 'combined').length).toBe(0);
    expect(await page.getByTestId('combine').textContent()).toContain('24');
  });

  it('keeps the board across a reload', async () => {
    const { page } = app.t;
    const before = await board(page);
    await page.reload();
    await openBoard(page);
    await expect.poll(() => board(page)).toEqual(before);
  });

  it('shows a board change made in another tab', async () => {
    const { page, context } = app.t;
    const other = await context.newPage();
    try {
      await other.goto(page.url());
      await openBoard(other);
      await expect.poll(async () => (await board(other)).length).toBe(27);
      const u02 = page.locator('[data-testid="submission"][data-unit="u02"]');
      await u02.getByTestId('submission-toggle').click();
      await page.getByTestId('dismiss').click();
      await expect
        .poll(() => other.locator('[data-testid="submission"][data-unit="u02"]').getAttribute('data-state'))
        .toBe('dismissed');
      expect(await other.locator('[data-testid="missing-unit"][data-unit="u02"]').count()).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('a base organization opens its form as its own report and exports it back in the same form', async () => {
    const { page } = app.t;
    await page.getByTestId('undo').waitFor();
    await page.goto(page.url().replace(/#.*$/, ''));
    await page.getByTestId('unit-form-input').setInputFiles({
      name: 'TanHong_2022_XaTanHoCo.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(forms['TanHong_2022_XaTanHoCo.xlsx'] ?? new Uint8Array()),
    });
    await page.getByTestId('unit-report-note').waitFor();
    expect(await page.getByTestId('unit-report-note').textContent()).toContain('Đảng bộ xã Tân Hộ Cơ');
    expect(await page.getByTestId('tab-submissions').count()).toBe(0);
    await openTab(page, 'b04');
    expect(await cell(page, 'u05', 'total').textContent()).toBe(
      formatNumber(b04('u05').total as number, 'vi'),
    );
    await typeInto(page, 'u05', 'k', String((b04('u05').k as number) + 2));
    await waitSaved(page);
    // The changed figure breaks a rule: the app asks before downloading a file with errors.
    page.once('dialog', (d) => void d.accept());
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-all').click(),
    ]);
    expect(download.suggestedFilename()).toBe('TanHong_2022_XaTanHoCo.xlsx');
    const back = readFileSync(await download.path());
    expect(unitIdOf(back)).toBe('u05');
  });
});

describe('comparing with last year', () => {
  const app = useAppPage(async (page) => {
    await openSample(page);
  });

  it('attaches last year’s report, shows the change per unit and level, and flags a jump', async () => {
    const { page } = app.t;
    // Next year's report of the same committee, with one figure that jumps.
    await page.getByTestId('tab-compare').click();
    await page.goto(page.url().replace(/#.*$/, ''));
    await page.getByRole('button', { name: 'Nhân bản cho năm sau' }).first().click();
    const copy = page.locator('tr', { hasText: 'Tân Hồng 2023' });
    await copy.waitFor();
    await copy.getByRole('button', { name: 'Mở', exact: true }).click();
    await page.waitForSelector('.sheet-grid .ag-row[row-id="u01"]');
    expect(await page.getByTestId('report-name').textContent()).toContain('2023');
    await openTab(page, 'b04');
    const u02 = b04('u02');
    for (const [col, v] of Object.entries(u02)) if (col !== 'g') await typeInto(page, 'u02', col, String(v));
    const drop = Math.ceil((u02.g as number) * 0.4);
    await typeInto(page, 'u02', 'g', String((u02.g as number) - drop));
    await waitSaved(page);
    const warningsBefore = await page.locator('[data-rule="b04-year-change"]').count();
    expect(warningsBefore).toBe(0);

    await page.getByTestId('tab-compare').click();
    await page.getByTestId('year-compare').waitFor();
    const options = await page.getByTestId('previous-report').locator('option').allTextContents();
    expect(options.some((o) => o.includes('2022'))).toBe(true);
    await page.getByTestId('previous-report').selectOption({ index: 1 });
    await page.getByTestId('compare-table').waitFor();
    const jump = page.locator('[data-unit="u02"] [data-col="g"]');
    expect(await jump.getAttribute('data-testid')).toBe('compare-jump');
    expect(await jump.textContent()).toContain(`-${formatNumber(drop, 'vi')}`);
    await expect.poll(() => page.locator('[data-rule="b04-year-change"]').count()).toBe(1);

    // A higher threshold: no jump.
    await page.getByTestId('jump-min').fill(String(drop + 1));
    await page.getByTestId('jump-min').dispatchEvent('change');
    await expect.poll(() => page.locator('[data-rule="b04-year-change"]').count()).toBe(0);
    // Kept across a reload.
    await page.reload();
    await page.getByTestId('tab-compare').click();
    await page.getByTestId('compare-table').waitFor();
    expect(await page.getByTestId('jump-min').inputValue()).toBe(String(drop + 1));
  });
});

/** The unit id a form's marker names, read with SheetJS. */
function unitIdOf(bytes: Uint8Array): string | undefined {
  const wb = XLSX.read(bytes, { type: 'array' });
  const v = (wb.Custprops as Record<string, unknown> | undefined)?.['TongHop.UnitId'];
  return typeof v === 'string' ? v : undefined;
}
