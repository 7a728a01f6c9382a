import { chromium, type Browser, type BrowserContext, type LaunchOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium';

const launchOptions: LaunchOptions = {
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: [...CHROMIUM_ARGS],
};

const PERMISSIONS = ['clipboard-read', 'clipboard-write'];

/** Debian Chromium with a fresh temporary profile. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch(launchOptions);
}

/**
 * Chromium with a persistent profile in `userDataDir`, for tests that close/kill the browser and reopen
 * the same profile (IndexedDB persistence). Clipboard permissions are granted where supported.
 */
/**
 * Tall enough that the sample's first units (the rows the tests type into and read) are in view: the sheets render
 * only the rows in view (no row buffer, for scrolling at 100,000 rows), so a row below the view is not in the DOM.
 */
const VIEWPORT = { width: 1280, height: 1100 };

export async function launchPersistent(userDataDir: string): Promise<BrowserContext> {
  try {
    return await chromium.launchPersistentContext(userDataDir, {
      ...launchOptions,
      permissions: PERMISSIONS,
      viewport: VIEWPORT,
    });
  } catch (error) {
    if (!isPermissionError(error)) throw error;
    return chromium.launchPersistentContext(userDataDir, { ...launchOptions, viewport: VIEWPORT });
  }
}

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Every request URL the page made, in order. */
  requests: string[];
  /** `console.error` messages and uncaught page errors. */
  errors: string[];
  /** Requested URLs whose origin differs from the app's origin (data: and about: URLs are ignored). */
  offOriginRequests(): string[];
  /** Closes the page, and the context if `newPage` created it. */
  close(): Promise<void>;
}

export interface NewPageOptions {
  /** Defaults to the preview server URL provided by tests/e2e/global-setup.ts. */
  baseURL?: string;
}

/**
 * Opens a page in a new context (when given a Browser) or in the given (persistent) context, recording
 * requests and errors. Navigate with `page.goto(baseURL)`.
 */
export async function newPage(
  target: Browser | BrowserContext,
  options: NewPageOptions = {},
): Promise<TestPage> {
  const baseURL = options.baseURL ?? inject('baseURL');
  const baseOrigin = new URL(baseURL).origin;

  let context: BrowserContext;
  let ownsContext: boolean;
  if (isBrowser(target)) {
    context = await newContext(target, baseURL);
    ownsContext = true;
  } else {
    context = target;
    ownsContext = false;
    await context.grantPermissions(PERMISSIONS, { origin: baseOrigin }).catch(() => undefined);
  }

  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => {
    requests.push(request.url());
  });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => {
    errors.push(`pageerror: ${error.stack ?? error.message}`);
  });

  return {
    page,
    context,
    requests,
    errors,
    offOriginRequests: () =>
      requests.filter((url) => !/^(data|about):/i.test(url) && new URL(url).origin !== baseOrigin),
    close: async () => {
      if (ownsContext) await context.close();
      else await page.close();
    },
  };
}

async function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  try {
    return await browser.newContext({ baseURL, permissions: PERMISSIONS, viewport: VIEWPORT });
  } catch (error) {
    if (!isPermissionError(error)) throw error;
    return browser.newContext({ baseURL, viewport: VIEWPORT });
  }
}

function isBrowser(target: Browser | BrowserContext): target is Browser {
  return 'newContext' in target;
}

function isPermissionError(error: unknown): boolean {
  return error instanceof Error && /permission/i.test(error.message);
}

/**
 * One browser and one page for a describe block: opened at the app (then `prepare`d) before its tests and closed
 * after them. Read the page through `.t` inside the tests.
 */
export function useAppPage(prepare?: (page: Page) => Promise<void>): { readonly t: TestPage } {
  let browser: Browser | undefined;
  let current: TestPage | undefined;
  beforeAll(async () => {
    const baseURL = inject('baseURL');
    browser = await launchBrowser();
    current = await newPage(browser, { baseURL });
    await current.page.goto(baseURL);
    await prepare?.(current.page);
  });
  afterAll(async () => {
    await current?.close();
    await browser?.close();
  });
  return {
    get t(): TestPage {
      if (!current) throw new Error('the page opens in beforeAll');
      return current;
    },
  };
}
