import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newPage } from './browser.ts';

describe('smoke', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('loads the built app offline with no errors', async () => {
    const baseURL = inject('baseURL');
    const t = await newPage(browser, { baseURL });
    try {
      await t.page.goto(baseURL, { waitUntil: 'load' });
      await t.page.waitForSelector('#app > *');

      expect(await t.page.title()).toBe('Tổng hợp');
      expect(t.errors).toEqual([]);
      expect(t.offOriginRequests()).toEqual([]);
      expect(t.requests.length).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});
