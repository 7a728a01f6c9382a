// Helpers that drive the app's sheets the way a user does: click a cell, type, press Enter.
import type { Locator, Page } from 'playwright-core';

export function cell(page: Page, row: string, col: string): Locator {
  return page.locator(`.sheet-grid .ag-row[row-id="${row}"] .ag-cell[col-id="${col}"]`).first();
}

/** A pinned bottom row: the computed "Cộng" row or the reported totals. */
export function pinnedCell(page: Page, row: '#total' | '#control', col: string): Locator {
  return cell(page, row, col);
}

export async function typeInto(page: Page, row: string, col: string, text: string): Promise<void> {
  const target = cell(page, row, col);
  await target.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

export async function openSample(page: Page): Promise<void> {
  await page.getByTestId('open-sample').click();
  await page.waitForSelector('.sheet-grid .ag-row[row-id="u01"]');
}

export async function openTab(page: Page, sheet: string): Promise<void> {
  await page.getByTestId(`tab-${sheet}`).click();
  await page.waitForSelector(`.sheet-grid[data-sheet="${sheet}"] .ag-row[row-index="0"]`);
}

/**
 * Lets the page run the tasks queued so far. AG Grid calls a grid's event handlers (an edit's cellEditRequest
 * among them) in a task of its own after the event, so an edit typed just before is only made, and counted as
 * pending, once these tasks ran.
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

/** Waits until every edit so far is written to IndexedDB. */
export async function waitSaved(page: Page): Promise<void> {
  await settle(page);
  await page.waitForSelector('[data-testid="save-state"][data-pending="0"]');
}

export async function tabErrors(page: Page, sheet: string): Promise<number> {
  const badge = page.getByTestId(`tab-${sheet}`).getByTestId('tab-errors');
  return (await badge.count()) === 0 ? 0 : Number(await badge.textContent());
}

// Range and clipboard helpers (tests/e2e/clipboard.test.ts).

/** The shown texts of rows × cols, read at once; the rows must be rendered (give the page a tall viewport). */
export function cellTexts(page: Page, rows: readonly string[], cols: readonly string[]): Promise<string[][]> {
  return page.evaluate(
    ([rows, cols]) =>
      rows.map((r) =>
        cols.map(
          (c) =>
            document.querySelector(`.sheet-grid .ag-row[row-id="${r}"] .ag-cell[col-id="${c}"]`)
              ?.textContent ?? '<not rendered>',
        ),
      ),
    [rows, cols] as const,
  );
}

/** Presses the mouse on `from`, moves it over to `to` and releases it there. */
export async function dragRange(page: Page, from: [string, string], to: [string, string]): Promise<void> {
  const centre = async (row: string, col: string): Promise<[number, number]> => {
    const box = await cell(page, row, col).boundingBox();
    if (!box) throw new Error(`cell ${row}/${col} is not rendered`);
    return [box.x + box.width / 2, box.y + box.height / 2];
  };
  await page.mouse.move(...(await centre(...from)));
  await page.mouse.down();
  await page.mouse.move(...(await centre(...to)), { steps: 8 });
  await page.mouse.up();
}

/** Fires a `paste` event carrying `data` (type → text) at the focused element, as the browser would. */
export async function dispatchPaste(page: Page, data: Readonly<Record<string, string>>): Promise<void> {
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    for (const [type, text] of Object.entries(data)) transfer.setData(type, text);
    const event = new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true });
    (document.activeElement ?? document.body).dispatchEvent(event);
  }, data);
}

/** Puts `text` on the system clipboard and presses Ctrl+V (the context needs the clipboard permissions). */
export async function pasteWithKeyboard(page: Page, text: string): Promise<void> {
  await page.evaluate((text) => navigator.clipboard.writeText(text), text);
  await page.keyboard.press('Control+v');
}

/** The system clipboard: its text, and its text/html when the browser offers it (else null). */
export function readClipboard(page: Page): Promise<{ text: string; html: string | null }> {
  return page.evaluate(async () => {
    const text = await navigator.clipboard.readText();
    let html: string | null = null;
    try {
      for (const item of await navigator.clipboard.read())
        if (item.types.includes('text/html')) html = await (await item.getType('text/html')).text();
    } catch {
      html = null;
    }
    return { text, html };
  });
}

export function memberCell(page: Page, rowIndex: number, col: string): Locator {
  return page.locator(
    `[data-testid="members-grid"] .ag-row[row-index="${rowIndex}"] .ag-cell[col-id="${col}"]`,
  );
}

/**
 * Enter opens the cell's editor first: Playwright types letters outside the US layout ("Đ") as text input, which a
 * grid cell without an open editor does not take (a user's Vietnamese input method sends keys, which it does).
 */
export async function typeMember(page: Page, rowIndex: number, col: string, text: string): Promise<void> {
  await memberCell(page, rowIndex, col).click();
  await page.keyboard.press('Enter');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

export async function waitMembersSaved(page: Page): Promise<void> {
  await settle(page);
  await page.waitForSelector('[data-testid="members-save-state"][data-pending="0"]');
}
