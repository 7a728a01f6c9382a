// The member list in Chromium: members typed into their own sheet (unit by name, rating by name), the member
// rules marking cells with their source, the disagreement with a typed Biểu 04 named with both numbers, sorting,
// a reload keeping the list, and Biểu 04 filled from the list as one undo step.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { useAppPage } from './browser.ts';
import {
  cell,
  memberCell,
  openSample,
  openTab,
  pasteWithKeyboard,
  typeMember,
  waitMembersSaved,
  waitSaved,
} from './sheet.ts';

/** A cell's value by address; SheetJS types a sheet's keys loosely. */
function valueAt(ws: XLSX.WorkSheet | undefined, ref: string): unknown {
  const cell: unknown = ws?.[ref];
  return typeof cell === 'object' && cell !== null && 'v' in cell ? (cell as XLSX.CellObject).v : undefined;
}

describe('the member list', () => {
  const app = useAppPage(async (page) => {
    await openSample(page);
  });

  it('takes members typed in, checks them by the member rules, and names where Biểu 04 disagrees', async () => {
    const { page } = app.t;
    await page.getByTestId('tab-members').click();
    await page.getByTestId('members-grid').waitFor();
    expect(await page.getByTestId('member-count').textContent()).toBe('0 đảng viên');

    await page.getByTestId('add-member').click();
    await typeMember(page, 0, 'name', 'Nguyễn Văn An');
    await typeMember(page, 0, 'birthYear', '1980');
    await typeMember(page, 0, 'unit', 'DB xa Tan Ho Co');
    await typeMember(page, 0, 'rating', 'HTXSNV');
    await page.getByTestId('add-member').click();
    await typeMember(page, 1, 'name', 'Trần Thị Bình');
    await typeMember(page, 1, 'unit', 'Đảng bộ xã Tân Hộ Cơ');
    await typeMember(page, 1, 'sickMonths', '4');
    await typeMember(page, 1, 'rating', 'tốt');
    await waitMembersSaved(page);

    expect(await page.getByTestId('member-count').textContent()).toBe('2 đảng viên');
    expect(await memberCell(page, 0, 'unit').textContent()).toBe('Đảng bộ xã Tân Hộ Cơ');
    expect(await memberCell(page, 1, 'unit').textContent()).toBe('Đảng bộ xã Tân Hộ Cơ');
    expect(await memberCell(page, 1, 'rating').textContent()).toBe('Hoàn thành tốt nhiệm vụ');
    // Four months of sick leave and "good": refused by the sick-leave rule, the cell marked, the source named.
    const sick = page.locator('[data-testid="member-problem"][data-rule="members-sick-leave"]');
    await sick.waitFor();
    expect(await sick.textContent()).toContain('Trần Thị Bình');
    expect(await sick.textContent()).toContain('Căn cứ');
    expect(await memberCell(page, 1, 'rating').getAttribute('class')).toContain('cell-error');
    // Biểu 04 says Tân Hộ Cơ has hundreds of members; the list has two: both numbers named.
    const disagree = await page.getByTestId('member-disagree').allTextContents();
    expect(disagree.some((t) => t.includes('Tân Hộ Cơ') && t.includes('2'))).toBe(true);

    // A value that cannot be read is refused with what was received and expected.
    await typeMember(page, 0, 'birthYear', 'năm tám mươi');
    expect(await page.getByTestId('sheet-message').textContent()).toContain('năm tám mươi');
    expect(await memberCell(page, 0, 'birthYear').textContent()).toBe('1980');
  });

  it('sorts by a column and keeps the list, and its tab, across a reload', async () => {
    const { page } = app.t;
    await page.locator('[data-testid="members-grid"] .ag-header-cell[col-id="name"]').click();
    await expect.poll(() => memberCell(page, 0, 'name').textContent()).toBe('Nguyễn Văn An');
    await page.locator('[data-testid="members-grid"] .ag-header-cell[col-id="name"]').click();
    await expect.poll(() => memberCell(page, 0, 'name').textContent()).toBe('Trần Thị Bình');
    expect(new URL(page.url()).hash).toMatch(/^#\/r\/[\w-]+\/members$/);
    await page.reload();
    // The address names the tab: the report opens on its member list. Its findings follow the first rows: the
    // panel is checked, and Trần Thị Bình's rating is marked again (the list is in its own order after a reload).
    await expect.poll(() => page.getByTestId('tab-members').getAttribute('aria-selected')).toBe('true');
    await page.waitForSelector('[data-testid="member-problems"][data-checked="true"]');
    expect(await page.getByTestId('members-checking').count()).toBe(0);
    // The report's own check, left until the list is shown, follows it: the problems panel stops saying it is
    // checking, and says what it found.
    await page.getByTestId('problems-checking').waitFor({ state: 'detached' });
    const said = page.locator(
      '[data-testid="problems"] :is([data-testid="no-problems"], section[data-sheet])',
    );
    expect(await said.count()).toBeGreaterThan(0);
    await page.locator('[data-testid="member-problem"][data-rule="members-sick-leave"]').waitFor();
    expect(await memberCell(page, 1, 'name').textContent()).toBe('Trần Thị Bình');
    await expect.poll(() => memberCell(page, 1, 'rating').getAttribute('class')).toContain('cell-error');
    expect(await memberCell(page, 0, 'rating').getAttribute('class')).not.toContain('cell-error');
    await page.getByTestId('tab-b01').click();
    expect(new URL(page.url()).hash).toMatch(/^#\/r\/[\w-]+$/);
    await page.getByTestId('tab-members').click();
    await expect.poll(() => page.getByTestId('member-count').textContent()).toBe('2 đảng viên');
  });

  it('filters by what a column shows, and shows every member again when the filter is cleared', async () => {
    const { page } = app.t;
    await page.getByTestId('tab-members').click();
    const header = '[data-testid="members-grid"] .ag-header-cell';
    await page.locator(`${header}[col-id="name"] .ag-header-cell-filter-button`).click();
    const input = page.locator('.ag-filter .ag-filter-from input').first();
    // The filter speaks the user's language: "Chứa" (contains), "Lọc..." in its box.
    await input.waitFor();
    expect(await page.locator('.ag-filter').first().textContent()).toContain('Chứa');
    expect(await input.getAttribute('placeholder')).toBe('Lọc...');
    await input.fill('bình'); // not case-sensitive: "Bình"
    await expect.poll(() => memberCell(page, 0, 'name').textContent()).toBe('Trần Thị Bình');
    await expect
      .poll(() => page.locator('[data-testid="members-grid"] .ag-row[row-index="1"]').count())
      .toBe(0);
    await input.fill('');
    await expect.poll(() => memberCell(page, 1, 'name').count()).toBe(1);
    // The unit column filters by the unit's name, not its id.
    await page.keyboard.press('Escape');
    await page.locator(`${header}[col-id="unit"] .ag-header-cell-filter-button`).click();
    await input.fill('tân hộ');
    await expect
      .poll(() => page.locator('[data-testid="members-grid"] .ag-row[row-index="1"]').count())
      .toBe(1);
    await input.fill('u05');
    await expect
      .poll(() => page.locator('[data-testid="members-grid"] .ag-row[row-index="0"]').count())
      .toBe(0);
    await input.fill('');
    await page.keyboard.press('Escape');
    await expect.poll(() => memberCell(page, 1, 'name').count()).toBe(1);
    // In English, a filter opened afterwards is in English.
    await page.getByTestId('lang').selectOption('en');
    await page.locator(`${header}[col-id="birthYear"] .ag-header-cell-filter-button`).click();
    await input.waitFor();
    expect(await page.locator('.ag-filter').first().textContent()).toContain('Equals');
    await page.keyboard.press('Escape');
    await page.getByTestId('lang').selectOption('vi');
  });

  it('takes a list pasted from Excel with its header: new members, one undo step, unreadable cells named', async () => {
    const { page } = app.t;
    await page.getByTestId('tab-members').click();
    await memberCell(page, 0, 'name').click();
    const tsv = [
      ['STT', 'Họ và tên', 'Năm sinh', 'Đơn vị', 'Xếp loại'],
      ['1', 'Lê Văn Cường', '1970', 'DB xa Tan Ho Co', 'HTNV'],
      ['2', 'Phạm Thị Dung', 'bảy mươi', 'Đảng bộ xã Tân Hộ Cơ', 'KHTNV'],
    ]
      .map((r) => r.join('\t'))
      .join('\r\n');
    await pasteWithKeyboard(page, tsv);
    await expect.poll(() => page.getByTestId('member-count').textContent()).toBe('4 đảng viên');
    const message = (await page.getByTestId('sheet-message').textContent()) ?? '';
    expect(message).toContain('thêm 2 đảng viên');
    expect(message).toContain('Dòng 3');
    expect(message).toContain('bảy mươi');
    await waitMembersSaved(page);
    await page.getByTestId('members-undo').click();
    await expect.poll(() => page.getByTestId('member-count').textContent()).toBe('2 đảng viên');
    await page.keyboard.press('Control+y');
    await expect.poll(() => page.getByTestId('member-count').textContent()).toBe('4 đảng viên');
    await waitMembersSaved(page);
  });

  it('imports a member list from a workbook below its title rows', async () => {
    const { page } = app.t;
    const wb = XLSX.utils.book_new();
    const rows = [
      ['DANH SÁCH ĐẢNG VIÊN ĐẢNG BỘ XÃ TÂN HỘ CƠ'],
      [],
      ['STT', 'Họ và tên', 'Năm sinh', 'Đơn vị', 'Nghỉ ốm (tháng)', 'Xếp loại'],
      [1, 'Võ Văn Em', 1988, 'Đảng bộ xã Tân Hộ Cơ', 0, 'Hoàn thành tốt nhiệm vụ'],
      [2, 'Đỗ Thị Giang', 1992, 'Đảng bộ xã Tân Hộ Cơ', 5, 'HTXSNV'],
    ];
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'DanhSach');
    const bytes = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    await page.getByTestId('import-members-input').setInputFiles({
      name: 'DanhSach_TanHoCo.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: bytes,
    });
    await expect.poll(() => page.getByTestId('member-count').textContent()).toBe('6 đảng viên');
    expect(await page.getByTestId('sheet-message').textContent()).toContain('Đã nhập 2 đảng viên');
    // Five months of sick leave and "excellent": the sick-leave rule names her.
    await expect
      .poll(async () =>
        (await page.locator('[data-rule="members-sick-leave"]').allTextContents()).some((t) =>
          t.includes('Đỗ Thị Giang'),
        ),
      )
      .toBe(true);
    await waitMembersSaved(page);
  });

  it('downloads the list as an Excel file in its own template', async () => {
    const { page } = app.t;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-members').click(),
    ]);
    expect(download.suggestedFilename()).toBe('TanHong_2022_DanhSachDangVien.xlsx');
    const wb = XLSX.read(readFileSync(await download.path()), { type: 'buffer' });
    const ws = wb.Sheets['Danh sách đảng viên'];
    const names = [5, 6, 7, 8, 9, 10].map((r) => valueAt(ws, `B${r}`));
    expect(names.sort()).toEqual(
      ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung', 'Võ Văn Em', 'Đỗ Thị Giang'].sort(),
    );
    expect(valueAt(ws, 'B11')).toBeUndefined();
  });

  it('fills Biểu 04 from the list as one undo step of the report', async () => {
    const { page } = app.t;
    await page.getByTestId('fill-b04').click();
    await openTab(page, 'b04');
    await expect.poll(() => cell(page, 'u05', 'total').textContent()).toBe('6');
    expect(await cell(page, 'u05', 'x').textContent()).toBe('2');
    expect(await cell(page, 'u05', 'k').textContent()).toBe('1');
    await waitSaved(page);
    await page.getByTestId('undo').click();
    await expect.poll(() => cell(page, 'u05', 'total').textContent()).not.toBe('6');
  });

  it('opens a list longer than its first screen: the first members, then the whole list, every member editable', async () => {
    const { page } = app.t;
    await page.getByTestId('tab-members').click();
    // 700 more members: the list is read in two parts when it opens (its first 512 members, then all of it).
    const wb = XLSX.utils.book_new();
    const rows = [
      ['STT', 'Họ và tên', 'Năm sinh', 'Đơn vị'],
      ...Array.from({ length: 700 }, (_, i) => [i + 1, `Thành viên ${i + 1}`, 1980, 'Đảng bộ xã Tân Hộ Cơ']),
    ];
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'DanhSach');
    await page.getByTestId('import-members-input').setInputFiles({
      name: 'DanhSach_700.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer,
    });
    await expect.poll(() => page.getByTestId('member-count').textContent()).toBe('706 đảng viên');
    await waitMembersSaved(page);

    // AG Grid scrolls its rows in .ag-grid-viewport.
    const last = async () => {
      await page
        .locator('[data-testid="members-grid"] .ag-grid-viewport')
        .evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      return memberCell(page, 705, 'name').textContent();
    };
    await page.reload();
    await expect.poll(() => page.getByTestId('member-count').textContent()).toBe('706 đảng viên');
    expect(await memberCell(page, 0, 'name').isVisible()).toBe(true);
    // The last member is in the list, and can be edited: the whole list was read.
    await expect.poll(last).toBe('Thành viên 700');
    await typeMember(page, 705, 'birthYear', '1991');
    await waitMembersSaved(page);
    await page.reload();
    await expect.poll(() => page.getByTestId('member-count').textContent()).toBe('706 đảng viên');
    await expect.poll(last).toBe('Thành viên 700');
    expect(await memberCell(page, 705, 'birthYear').textContent()).toBe('1991');
  });

  it('tells why a cell does not open while the list is read, and opens it once it is read', async () => {
    const { page } = app.t;
    // The whole list's read (by its reportId index) hands its result on only when the test lets it.
    await page.context().addInitScript(() => {
      type GetAll = (this: IDBIndex, ...args: unknown[]) => IDBRequest;
      const native = Reflect.get(IDBIndex.prototype, 'getAll') as GetAll;
      const held: GetAll = function (...args) {
        const request = native.apply(this, args);
        if (this.objectStore.name !== 'members' || this.name !== 'reportId') return request;
        let handler: ((this: IDBRequest, ev: Event) => unknown) | null = null;
        Object.defineProperty(request, 'onsuccess', {
          configurable: true,
          get: () => handler,
          set: (h: typeof handler) => (handler = h),
        });
        request.addEventListener('success', (event) => {
          Object.assign(globalThis, { __releaseMembers: () => handler?.call(request, event) });
        });
        return request;
      };
      Reflect.set(IDBIndex.prototype, 'getAll', held);
    });
    await page.reload();
    await page.getByTestId('members-reading').waitFor();
    await page.waitForFunction(() => '__releaseMembers' in globalThis);
    expect(await page.getByTestId('members-reading').textContent()).toBe('Đang đọc danh sách đảng viên…');

    // A key that would type into a cell, then a double-click: nothing opens, and the message says why (the grid
    // hands the key on a task later).
    const before = await memberCell(page, 0, 'name').textContent();
    await memberCell(page, 0, 'name').click();
    await page.keyboard.press('x');
    await expect.poll(() => page.getByTestId('sheet-message').textContent()).toContain('đang được đọc');
    expect(await page.locator('[data-testid="members-grid"] .ag-cell-inline-editing').count()).toBe(0);
    await page.getByTestId('sheet-message').getByRole('button').click();
    await memberCell(page, 1, 'birthYear').dblclick();
    await expect.poll(() => page.getByTestId('sheet-message').textContent()).toContain('đang được đọc');
    expect(await page.locator('[data-testid="members-grid"] .ag-cell-inline-editing').count()).toBe(0);
    expect(await memberCell(page, 0, 'name').textContent()).toBe(before);

    await page.evaluate(() => (globalThis as unknown as { __releaseMembers: () => void }).__releaseMembers());
    await expect.poll(() => page.getByTestId('member-count').textContent()).toBe('706 đảng viên');
    await typeMember(page, 0, 'birthYear', '1979');
    await waitMembersSaved(page);
    expect(await memberCell(page, 0, 'birthYear').textContent()).toBe('1979');
  });
});
