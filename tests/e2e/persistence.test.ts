// Never lose work: an edit survives a killed browser, and two tabs on the same report see each other's edits, of
// its sheets and of its member list, without overwriting what the other saved.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { launchPersistent, newPage } from './browser.ts';
import {
  cell,
  memberCell,
  openSample,
  openTab,
  tabErrors,
  typeInto,
  typeMember,
  waitMembersSaved,
  waitSaved,
} from './sheet.ts';

const baseURL = inject('baseURL');
const profile = mkdtempSync(join(tmpdir(), 'tong-hop-e2e-'));

afterAll(() => rmSync(profile, { recursive: true, force: true }));

/** SIGKILL every Chromium process of this profile: no unload handler, no graceful shutdown. */
function killChromium(): void {
  try {
    // '--' ends pkill's options: the pattern itself starts with dashes.
    execFileSync('pkill', ['-9', '-f', '--', `--user-data-dir=${profile}`]);
  } catch (e) {
    // pkill exits 1 when nothing matched (the browser is already gone); anything else is a failure to kill.
    if ((e as { status?: number }).status !== 1) throw e;
  }
}

/** Two tabs of the browser on the profile: the first on the first report listed, the second still blank. */
async function twoTabs() {
  const context = await launchPersistent(profile);
  const a = await newPage(context, { baseURL });
  const b = await newPage(context, { baseURL });
  await a.page.goto(baseURL);
  await a.page.getByTestId('report-row').first().getByRole('link').click();
  return { context, a, b };
}

/** twoTabs, both on the member list. */
async function twoMemberTabs() {
  const tabs = await twoTabs();
  await tabs.a.page.getByTestId('tab-members').click();
  await tabs.a.page.getByTestId('members-grid').waitFor();
  await tabs.b.page.goto(tabs.a.page.url());
  await tabs.b.page.getByTestId('members-grid').waitFor();
  return tabs;
}

describe('persistence', () => {
  it('keeps the last edit after the browser is killed', async () => {
    const first = await launchPersistent(profile);
    const t = await newPage(first, { baseURL });
    await t.page.goto(baseURL);
    await openSample(t.page);
    await openTab(t.page, 'b04');
    await typeInto(t.page, 'u08', 'h', '7');
    await waitSaved(t.page);
    const url = t.page.url();
    killChromium();
    await first.close().catch(() => undefined);

    const second = await launchPersistent(profile);
    const again = await newPage(second, { baseURL });
    await again.page.goto(url);
    await openTab(again.page, 'b04');
    await expect.poll(() => cell(again.page, 'u08', 'h').textContent()).toBe('7');
    expect(await tabErrors(again.page, 'b04')).toBeGreaterThan(0);
    await second.close();
  });

  it('shows an edit made in one tab in the other, and neither overwrites the other', async () => {
    const { context, a, b } = await twoTabs();
    await openTab(a.page, 'b04');
    await b.page.goto(a.page.url());
    await openTab(b.page, 'b04');

    // Two different cells of the same row, one in each tab.
    await typeInto(a.page, 'u10', 'h', '2');
    await typeInto(b.page, 'u10', 'k', '1');
    await waitSaved(a.page);
    await waitSaved(b.page);
    await expect.poll(() => cell(b.page, 'u10', 'h').textContent()).toBe('2');
    await expect.poll(() => cell(a.page, 'u10', 'k').textContent()).toBe('1');

    // What is stored is both edits: a third tab reads them from IndexedDB.
    const c = await newPage(context, { baseURL });
    await c.page.goto(a.page.url());
    await openTab(c.page, 'b04');
    await expect.poll(() => cell(c.page, 'u10', 'h').textContent()).toBe('2');
    await expect.poll(() => cell(c.page, 'u10', 'k').textContent()).toBe('1');

    // B types over A's cell; A's undo then leaves B's value, and says so.
    await typeInto(b.page, 'u10', 'h', '3');
    await waitSaved(b.page);
    await expect.poll(() => cell(a.page, 'u10', 'h').textContent()).toBe('3');
    await a.page.getByTestId('undo').click();
    await expect.poll(() => a.page.getByTestId('sheet-message').textContent()).toContain('1 ô đã được sửa');
    await waitSaved(a.page);
    expect(await cell(a.page, 'u10', 'h').textContent()).toBe('3');
    expect(await cell(b.page, 'u10', 'h').textContent()).toBe('3');
    for (const t of [a, b, c]) expect(t.errors).toEqual([]);
    await context.close();
  });

  it('shows a member typed in one tab in the other, and keeps both tabs’ cells of one member', async () => {
    const { context, a, b } = await twoMemberTabs();
    const count = (page: typeof a.page) => page.getByTestId('member-count').textContent();
    const before = await count(b.page);

    // A member added in one tab appears in the other, checked by the member rules there too.
    const row = Number((before ?? '').replace(/\D/g, '')); // the new member's place: after those listed
    await a.page.getByTestId('add-member').click();
    await typeMember(a.page, row, 'name', 'Nguyen Van Hai');
    await typeMember(a.page, row, 'unit', 'DB xa Tan Ho Co');
    await typeMember(a.page, row, 'sickMonths', '4');
    await typeMember(a.page, row, 'rating', 'HTTNV');
    await waitMembersSaved(a.page);
    await expect.poll(() => count(b.page)).not.toBe(before);
    await expect.poll(() => memberCell(b.page, row, 'name').textContent()).toBe('Nguyen Van Hai');
    await expect.poll(() => memberCell(b.page, row, 'rating').getAttribute('class')).toContain('cell-error');

    // Two cells of that member, one typed in each tab: each tab shows both, and both are stored.
    await typeMember(b.page, row, 'birthYear', '1975');
    await typeMember(a.page, row, 'note', 'Nghi om');
    await waitMembersSaved(a.page);
    await waitMembersSaved(b.page);
    await expect.poll(() => memberCell(a.page, row, 'birthYear').textContent()).toBe('1975');
    await expect.poll(() => memberCell(b.page, row, 'note').textContent()).toBe('Nghi om');
    // Undo in the tab that received the note leaves it: only this tab's own edits are its undo steps.
    await b.page.getByTestId('members-undo').click();
    await waitMembersSaved(b.page);
    await expect.poll(() => memberCell(b.page, row, 'birthYear').textContent()).toBe('');
    expect(await memberCell(b.page, row, 'note').textContent()).toBe('Nghi om');
    await expect.poll(() => memberCell(a.page, row, 'birthYear').textContent()).toBe('');

    const c = await newPage(context, { baseURL });
    await c.page.goto(a.page.url());
    await expect.poll(() => memberCell(c.page, row, 'name').textContent()).toBe('Nguyen Van Hai');
    expect(await memberCell(c.page, row, 'note').textContent()).toBe('Nghi om');
    expect(await memberCell(c.page, row, 'birthYear').textContent()).toBe('');
    for (const t of [a, b, c]) expect(t.errors).toEqual([]);
    await context.close();
  });

  it('keeps two members added at once in two tabs apart', async () => {
    const { context, a, b } = await twoMemberTabs();
    const listed = Number(
      ((await b.page.getByTestId('member-count').textContent()) ?? '').replace(/\D/g, ''),
    );

    // Both tabs add a row before either has stored one: each makes the next id of the list it read.
    await a.page.getByTestId('add-member').click();
    await b.page.getByTestId('add-member').click();
    await typeMember(a.page, listed, 'name', 'Nguyen Van Hai');
    await waitMembersSaved(a.page);
    await typeMember(b.page, listed, 'name', 'Tran Thi Ba');
    await waitMembersSaved(b.page);

    const c = await newPage(context, { baseURL });
    await c.page.goto(a.page.url());
    const names = (page: typeof a.page) =>
      Promise.all([listed, listed + 1].map((row) => memberCell(page, row, 'name').textContent()));
    await expect.poll(async () => (await names(c.page)).sort()).toEqual(['Nguyen Van Hai', 'Tran Thi Ba']);
    // Each of the first two tabs shows both members as well.
    for (const t of [a, b])
      await expect.poll(async () => (await names(t.page)).sort()).toEqual(['Nguyen Van Hai', 'Tran Thi Ba']);
    for (const t of [a, b, c]) expect(t.errors).toEqual([]);
    await context.close();
  });
});
