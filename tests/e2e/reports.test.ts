// The reports list and the unit list: create a report, rename, duplicate for next year, delete; add, rename and
// remove units (removing one that has figures asks first).
import { describe, expect, it } from 'vitest';
import { useAppPage } from './browser.ts';
import { cell, openSample, openTab, typeInto } from './sheet.ts';

describe('reports and units', () => {
  const app = useAppPage();

  it('creates a commune-level report for 2025 with the score columns of its period', async () => {
    const { page } = app.t;
    await page.getByTestId('new-report').click();
    await page.getByTestId('committee-name').fill('Đảng ủy xã Tân Hồng');
    await page.getByTestId('report-year').fill('2025');
    await page.getByTestId('unit-lines').fill('1. Chi bộ ấp Gò Da\n2. Chi bộ ấp Cả Sách\nĐảng bộ Công an xã');
    await page.getByRole('button', { name: 'Tạo', exact: true }).click();
    await page.waitForSelector('.sheet-grid .ag-row[row-index="2"]');
    expect(await page.getByTestId('report-name').textContent()).toBe('Đảng ủy xã Tân Hồng 2025');
    expect(await page.locator('.sheet-grid .ag-header-cell[col-id="score"]').count()).toBe(1);
    expect(
      await page.locator('.sheet-grid .ag-row:not(.ag-row-pinned) .ag-cell[col-id="rating"]').count(),
    ).toBe(3);
    expect(
      await page.locator('.sheet-grid .ag-row[row-index="2"] .ag-cell[col-id="name"]').textContent(),
    ).toBe('Đảng bộ Công an xã');
  });

  it('scores and rates a unit: a level above its score band is an error', async () => {
    const { page } = app.t;
    const unit = await page.locator('.sheet-grid .ag-row[row-index="0"]').first().getAttribute('row-id');
    expect(unit).toBeTruthy();
    await typeInto(page, unit ?? '', 'score', '85');
    await typeInto(page, unit ?? '', 'rating', 'htxsnv');
    await expect
      .poll(() => cell(page, unit ?? '', 'rating').textContent())
      .toBe('Hoàn thành xuất sắc nhiệm vụ');
    await expect.poll(() => cell(page, unit ?? '', 'rating').getAttribute('class')).toContain('cell-error');
    await typeInto(page, unit ?? '', 'score', '92,5');
    await expect
      .poll(() => cell(page, unit ?? '', 'rating').getAttribute('class'))
      .not.toContain('cell-error');
    // F2 opens the dropdown of levels; picking one writes it.
    await cell(page, unit ?? '', 'rating').click();
    await page.keyboard.press('F2');
    await page.getByRole('option', { name: 'Hoàn thành tốt nhiệm vụ' }).click();
    await expect.poll(() => cell(page, unit ?? '', 'rating').textContent()).toBe('Hoàn thành tốt nhiệm vụ');
  });

  it('edits the unit list, asking before removing a unit with figures', async () => {
    const { page } = app.t;
    await page.getByTestId('tab-units').click();
    await page.getByTestId('add-unit').click();
    expect(await page.getByTestId('unit-name').count()).toBe(4);
    await page.getByTestId('unit-name').nth(3).fill('Chi bộ ấp Rọc Sen');
    await page.getByTestId('unit-name').nth(3).press('Enter');
    await expect.poll(() => page.getByTestId('unit-name').nth(3).inputValue()).toBe('Chi bộ ấp Rọc Sen');

    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await page.getByTestId('remove-unit').first().click();
    expect(asked).toContain('Chi bộ ấp Gò Da');
    expect(await page.getByTestId('unit-name').count()).toBe(4);

    const firstId = await page
      .locator('[data-testid="units-editor"] tr[data-unit-id]')
      .first()
      .getAttribute('data-unit-id');
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('remove-unit').first().click();
    await expect.poll(() => page.getByTestId('unit-name').count()).toBe(3);
    // Undo brings the unit and its figures back.
    await page.getByTestId('undo').click();
    await expect.poll(() => page.getByTestId('unit-name').count()).toBe(4);
    await openTab(page, 'b01');
    await expect
      .poll(() => cell(page, firstId ?? '', 'rating').textContent())
      .toBe('Hoàn thành tốt nhiệm vụ');
  });

  it('renames, duplicates for next year and deletes reports', async () => {
    const { page } = app.t;
    await page.getByRole('button', { name: '← Danh sách báo cáo' }).click();
    await openSample(page);
    await page.getByRole('button', { name: '← Danh sách báo cáo' }).click();
    const sample = page.getByTestId('report-row').filter({ hasText: 'Tân Hồng 2022' });
    await sample.getByRole('button', { name: 'Đổi tên' }).click();
    await page.getByTestId('rename-input').fill('Huyện Tân Hồng 2022');
    await page.getByTestId('rename-input').press('Enter');
    await page.getByText('Huyện Tân Hồng 2022').waitFor();

    await page
      .getByTestId('report-row')
      .filter({ hasText: 'Huyện Tân Hồng 2022' })
      .getByTestId('duplicate-next-year')
      .click();
    const next = page.getByTestId('report-row').filter({ hasText: 'Huyện Tân Hồng 2023' });
    await next.waitFor();
    expect(await next.textContent()).toContain('2023–2024');
    expect(await next.textContent()).toContain('27');
    await next.getByRole('link').click();
    await openTab(page, 'b04');
    // Same units, no figures.
    expect(await cell(page, 'u01', 'total').textContent()).toBe('');
    await page.getByRole('button', { name: '← Danh sách báo cáo' }).click();

    page.once('dialog', (d) => void d.accept());
    await page
      .getByTestId('report-row')
      .filter({ hasText: 'Huyện Tân Hồng 2023' })
      .getByTestId('delete-report')
      .click();
    await expect
      .poll(() => page.getByTestId('report-row').filter({ hasText: 'Huyện Tân Hồng 2023' }).count())
      .toBe(0);
    expect(await page.getByTestId('report-row').count()).toBe(2);
    expect(app.t.errors).toEqual([]);
  });

  it('lists a damaged record apart with its reason, and the other reports still open', async () => {
    const { page } = app.t;
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('tong-hop');
          open.onerror = () => reject(new Error('cannot open the database'));
          open.onsuccess = () => {
            const tx = open.result.transaction('reports', 'readwrite');
            tx.objectStore('reports').put({
              id: 'damaged-1',
              name: 'Hỏng',
              year: 'năm ngoái',
              units: 'none',
            });
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(new Error('cannot write'));
          };
        }),
    );
    await page.reload();
    const damaged = page.getByTestId('damaged-report');
    await damaged.waitFor();
    expect(await damaged.textContent()).toContain('Báo cáo bị hỏng');
    expect(await damaged.textContent()).toMatch(/year|units|committee/);
    await page.getByTestId('report-row').filter({ hasText: 'Huyện Tân Hồng 2022' }).getByRole('link').click();
    await openTab(page, 'b04');
    expect(await cell(page, 'u01', 'total').textContent()).toBe('306');
  });
});
