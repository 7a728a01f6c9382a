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

/** Waits until every edit so far is written to IndexedDB. */
export async function waitSaved(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="save-state"][data-pending="0"]');
}

export async function tabErrors(page: Page, sheet: string): Promise<number> {
  const badge = page.getByTestId(`tab-${sheet}`).getByTestId('tab-errors');
  return (await badge.count()) === 0 ? 0 : Number(await badge.textContent());
}
