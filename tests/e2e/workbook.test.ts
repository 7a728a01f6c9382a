// The first whole path: open the sample, break a cell by typing, see the red cell, its tooltip and the counts,
// fix it, reload and find everything as it was; undo and redo; a refused value; the language choice.
import { describe, expect, it } from 'vitest';
import { useAppPage } from './browser.ts';
import { cell, openSample, openTab, pinnedCell, tabErrors, typeInto, waitSaved } from './sheet.ts';

describe('the annual evaluation workbook', () => {
  const app = useAppPage();

  it('shows an empty list and the sample button on a first visit', async () => {
    await app.t.page.getByTestId('no-reports').waitFor();
    expect(await app.t.page.getByTestId('open-sample').textContent()).toContain('Mở dữ liệu mẫu');
  });

  it('opens the sample with no errors and its published totals', async () => {
    await openSample(app.t.page);
    for (const sheet of ['b01', 'b02', 'b03', 'b04', 'b05', 'b06'])
      expect(await tabErrors(app.t.page, sheet)).toBe(0);
    await openTab(app.t.page, 'b04');
    expect(await pinnedCell(app.t.page, '#total', 'total').textContent()).toBe('3.328');
    expect(await pinnedCell(app.t.page, '#total', 'g').textContent()).toBe('2.682');
  });

  it('marks a broken cell red with a tooltip, counts it, and clears it when fixed', async () => {
    const { page } = app.t;
    await expect.poll(() => cell(page, 'u02', 'g').textContent()).toBe('210');
    await typeInto(page, 'u02', 'g', '200');
    await expect.poll(() => cell(page, 'u02', 'g').getAttribute('class')).toContain('cell-error');
    // The partition on the row, and the reported total 2.682 that no longer matches the sum 2.672.
    expect(await tabErrors(page, 'b04')).toBe(2);
    await cell(page, 'u02', 'g').hover();
    const tooltip = page.getByTestId('cell-note');
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toContain('Tổng các mức (212) phải bằng số được đánh giá (222)');
    expect(await page.getByTestId('problems').locator('li.error').count()).toBe(2);

    await typeInto(page, 'u02', 'g', '210');
    await expect.poll(() => tabErrors(page, 'b04')).toBe(0);
    expect(await cell(page, 'u02', 'g').getAttribute('class')).not.toContain('cell-error');
  });

  it('refuses a value it cannot read, says why, and keeps the old value', async () => {
    const { page } = app.t;
    await typeInto(page, 'u03', 'x', 'abc');
    const refused = page.getByTestId('sheet-message');
    await refused.waitFor();
    await expect.poll(() => refused.textContent()).toContain('Đã nhập "abc"');
    await expect.poll(() => cell(page, 'u03', 'x').textContent()).toBe('33');
    await typeInto(page, 'u03', 'x', '-4');
    await expect.poll(() => refused.textContent()).toContain('số âm');
    await expect.poll(() => cell(page, 'u03', 'x').textContent()).toBe('33');
  });

  it('reads "2.682" in a count as 2682', async () => {
    const { page } = app.t;
    await typeInto(page, '#control', 'exempt', '4.7');
    await expect.poll(() => app.t.page.getByTestId('sheet-message').textContent()).toContain('số lẻ');
    await typeInto(page, '#control', 'exempt', '470');
    await typeInto(page, 'u09', 'total', '2.340');
    await expect.poll(() => cell(page, 'u09', 'total').textContent()).toBe('2.340');
    await typeInto(page, 'u09', 'total', '340');
    await expect.poll(() => cell(page, 'u09', 'total').textContent()).toBe('340');
  });

  it('undoes and redoes with the keyboard and the buttons', async () => {
    const { page } = app.t;
    await typeInto(page, 'u05', 'h', '8');
    await expect.poll(() => tabErrors(page, 'b04')).toBeGreaterThan(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => cell(page, 'u05', 'h').textContent()).toBe('9');
    await expect.poll(() => tabErrors(page, 'b04')).toBe(0);
    await page.keyboard.press('Control+y');
    await expect.poll(() => cell(page, 'u05', 'h').textContent()).toBe('8');
    await page.getByTestId('undo').click();
    await expect.poll(() => cell(page, 'u05', 'h').textContent()).toBe('9');
    await page.getByTestId('redo').click();
    await expect.poll(() => cell(page, 'u05', 'h').textContent()).toBe('8');
    await page.keyboard.press('Control+Shift+z');
    await page.getByTestId('undo').click();
    await expect.poll(() => cell(page, 'u05', 'h').textContent()).toBe('9');
  });

  it('keeps values and counts across a reload', async () => {
    const { page } = app.t;
    await typeInto(page, 'u07', 'k', '5');
    await waitSaved(page);
    const before = await tabErrors(page, 'b04');
    expect(before).toBeGreaterThan(0);
    await page.reload();
    await openTab(page, 'b04');
    await expect.poll(() => cell(page, 'u07', 'k').textContent()).toBe('5');
    expect(await tabErrors(page, 'b04')).toBe(before);
    await typeInto(page, 'u07', 'k', '2');
    await expect.poll(() => tabErrors(page, 'b04')).toBe(0);
  });

  it('changes the counting convention and revalidates at once', async () => {
    const { page } = app.t;
    await page.getByTestId('convention').selectOption('exclusive');
    // Under the exclusive convention X + G + H + K no longer adds up to R on any unit row.
    await expect.poll(() => tabErrors(page, 'b04')).toBeGreaterThan(20);
    await page.getByTestId('convention').selectOption('inclusive');
    await expect.poll(() => tabErrors(page, 'b04')).toBe(0);
  });

  it('focuses a cell from the problems panel', async () => {
    const { page } = app.t;
    await openTab(page, 'b06');
    await typeInto(page, 'u04', 'members-end', '300');
    await page.getByTestId('problems').locator('[data-rule="b06-consistency"]').first().click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('col-id')))
      .toBe('members-end');
    await typeInto(page, 'u04', 'members-end', '307');
    await expect.poll(() => tabErrors(page, 'b06')).toBe(0);
  });

  it('switches to English and remembers the choice', async () => {
    const { page } = app.t;
    await page.getByTestId('lang').selectOption('en');
    await page.getByText('Problems', { exact: true }).waitFor();
    await page.reload();
    await page.getByTestId('tab-b01').waitFor();
    expect(await page.getByTestId('tab-b01').textContent()).toContain('Form 01');
    await page.getByTestId('lang').selectOption('vi');
    expect(await page.getByTestId('tab-b01').textContent()).toContain('Biểu 01');
  });

  it('made no request beyond its own files and logged no error', () => {
    expect(app.t.offOriginRequests()).toEqual([]);
    expect(app.t.errors).toEqual([]);
  });
});
