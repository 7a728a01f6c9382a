// Importing workbooks in Chromium: by the file input and by dropping, the preview and its confirmation as one
// undo step, cancelling, the percentage check, and every broken fixture: its message, and the report unchanged.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useAppPage } from './browser.ts';
import { cell, openSample, openTab, tabErrors } from './sheet.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/import/', import.meta.url));
const fixture = (name: string) => ({
  name,
  mimeType: 'application/octet-stream',
  buffer: readFileSync(FIXTURES + name),
});

async function importByInput(
  page: Page,
  file: { name: string; mimeType: string; buffer: Buffer },
): Promise<void> {
  await page.getByTestId('import-input').setInputFiles(file);
}

async function dropFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.evaluate(
    ({ name, base64 }) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([data], name));
      window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    { name, base64: bytes.toString('base64') },
  );
}

const COUNTS = ['total', 'exempt', 'pending', 'rated', 'x', 'g', 'h', 'k'];

/** The counts of Biểu 04's first eight units and its reported totals, to prove a refused file changed nothing. */
async function b04Snapshot(page: Page): Promise<string[]> {
  // Opening the tab again builds the grid afresh, scrolled to the top.
  await openTab(page, 'b03');
  await openTab(page, 'b04');
  const rows = ['u01', 'u02', 'u03', 'u04', 'u05', 'u06', 'u07', 'u08', '#control'];
  const texts: string[] = [];
  for (const row of rows)
    for (const col of COUNTS) texts.push((await cell(page, row, col).textContent()) ?? '');
  return texts;
}

describe('importing workbooks', () => {
  const app = useAppPage(async (page) => {
    await openSample(page);
    await openTab(page, 'b04');
  });

  it('imports the district form of Biểu 04 into an emptied sheet, as one undo step', async () => {
    const { page } = app.t;
    await cell(page, 'u01', 'total').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await expect.poll(() => cell(page, 'u05', 'g').textContent()).toBe('');

    await importByInput(page, fixture('tan-hong-2022-bieu04.xlsx'));
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    expect(await preview.getByTestId('import-sheet').first().textContent()).toContain('Biểu 04');
    expect(await page.getByTestId('import-changes').locator('tr').count()).toBeGreaterThanOrEqual(216);
    await page.getByTestId('confirm-import').click();
    await expect.poll(() => cell(page, 'u05', 'g').textContent()).toBe('212');
    expect(await cell(page, 'u09', 'k').textContent()).toBe('3');
    expect(await page.getByTestId('sheet-message').textContent()).toContain('Đã nhập');
    expect(await tabErrors(page, 'b04')).toBe(0);

    await page.getByTestId('undo').click();
    await expect.poll(() => cell(page, 'u05', 'g').textContent()).toBe('');
    await page.getByTestId('redo').click();
    await expect.poll(() => cell(page, 'u05', 'g').textContent()).toBe('212');
  });

  it('imports by dropping a file, and a file that changes nothing says so', async () => {
    const { page } = app.t;
    await dropFile(page, 'tan-hong.ods', readFileSync(FIXTURES + 'tan-hong.ods'));
    await page.getByTestId('import-preview').waitFor();
    await page.getByTestId('confirm-import').click();
    await expect.poll(() => page.getByTestId('sheet-message').textContent()).toContain('không làm thay đổi');
  });

  it('cancels a preview and changes nothing', async () => {
    const { page } = app.t;
    const before = await b04Snapshot(page);
    await importByInput(page, fixture('numbers-as-text.xlsx'));
    await page.getByTestId('import-preview').waitFor();
    await page.getByTestId('cancel-import-preview').click();
    await expect.poll(() => page.getByTestId('sheet-message').textContent()).toContain('Đã hủy');
    expect(await b04Snapshot(page)).toEqual(before);
  });

  it('cancels a long read: the worker stops and nothing changes', async () => {
    const { page } = app.t;
    const before = await b04Snapshot(page);
    const rows = [
      'STT\tTên tổ chức cơ sở đảng\tTổng số đảng viên\tMiễn đánh giá\tChưa đánh giá\tĐược đánh giá',
    ];
    for (let i = 0; i < 150_000; i++)
      rows.push(`${i + 1}\tChi bộ số ${i + 1} ở một nơi rất xa\t${i}\t1\t2\t${i}`);
    await importByInput(page, {
      name: 'big.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(rows.join('\r\n')),
    });
    await page.getByTestId('import-progress').waitFor();
    await page.getByTestId('cancel-import').click();
    await expect.poll(() => page.getByTestId('sheet-message').textContent()).toMatch(/hủy/);
    expect(await page.getByTestId('import-progress').count()).toBe(0);
    expect(await b04Snapshot(page)).toEqual(before);
  });

  it('checks the percentages in the file: 2/89 is 2,25 %, not 2,47 %', async () => {
    const { page } = app.t;
    await importByInput(page, fixture('bieu03-wrong-percent.xlsx'));
    await page.getByTestId('import-preview').waitFor();
    const checks = page.getByTestId('percent-checks');
    expect(await checks.textContent()).toContain('2/89 = 2,25%');
    expect(await checks.textContent()).toContain('2,47%');
    await page.getByTestId('cancel-import-preview').click();
  });

  it.each([
    ['not-a-spreadsheet.xlsx', 'không phải là bảng tính'],
    ['truncated.xlsx', 'bị hỏng'],
    ['password-protected.xlsx', 'mật khẩu'],
    ['empty-workbook.xlsx', 'không có dữ liệu'],
    ['zip-bomb.xlsx', 'giải nén quá lớn'],
    ['other-year.xlsx', 'năm 2021'],
  ])('%s gives its message and changes nothing', async (name, message) => {
    const { page } = app.t;
    const before = await b04Snapshot(page);
    await importByInput(page, fixture(name));
    await expect.poll(() => page.getByTestId('sheet-message').textContent()).toContain(message);
    expect(await page.getByTestId('import-preview').count()).toBe(0);
    expect(await b04Snapshot(page)).toEqual(before);
  });

  it('refuses a sheet of 1,000,000 rows with a message', async () => {
    const { page } = app.t;
    const before = await b04Snapshot(page);
    const buffer = Buffer.from('a;b\r\n' + '1;2\r\n'.repeat(1_000_000));
    await importByInput(page, { name: 'million-rows.csv', mimeType: 'text/csv', buffer });
    await expect
      .poll(() => page.getByTestId('sheet-message').textContent(), { timeout: 30_000 })
      .toContain('quá nhiều dòng');
    expect(await b04Snapshot(page)).toEqual(before);
  });

  it('made no request beyond its own files and logged no error', () => {
    expect(app.t.offOriginRequests()).toEqual([]);
    expect(app.t.errors).toEqual([]);
  });
});
