import { createTestDatabase, type TestDatabase } from '@ledgerbridge/xero-app/testing';
import { startXeroSandbox, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { consoleSessionToken } from './console-session.ts';
import { type Stack, startStack, waitUntil } from './stack.ts';

// The browser tests drive Debian's chromium (never a downloaded build), headless, with a fresh profile.
export const CHROMIUM = '/usr/bin/chromium';
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Whether Debian's chromium is here; a browser test file says once why it is skipped without it. */
export function chromiumAvailable(testName: string): boolean {
  const present = existsSync(CHROMIUM);
  if (!present) console.warn(`${testName}: skipped, ${CHROMIUM} is absent (apt-get install -y chromium).`);
  return present;
}

/** A browser whose tests each open their own context (playwright gives it a throwaway profile). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: chromiumArgs });
}

/**
 * A page in a context of its own (cookies, storage, viewport), so that shuffled tests see nothing another
 * left behind; its waits are 60 s, as CI's two cores run two files at once beside the app and the head.
 */
export async function pageInNewContext(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<Page> {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(60_000);
  return context.newPage();
}

/** One context in a fresh `--user-data-dir`, removed again by `close`. */
export async function launchPersistentChromium(input: {
  viewport?: { width: number; height: number };
}): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }> {
  const profileDir = await mkdtemp(join(tmpdir(), 'ledgerbridge-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: chromiumArgs,
    viewport: input.viewport ?? { width: 1280, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}

/** The folder a test's screenshots go to (test-artifacts/browser/<folder>), created when first asked. */
export async function artifactsFolder(folder: string): Promise<string> {
  const path = new URL(`../../test-artifacts/browser/${folder}`, import.meta.url).pathname;
  await mkdir(path, { recursive: true });
  return path;
}

/** Polls until `probe` gives a value (browser tests wait on the app, the sandboxes and the page). */
export function eventually<T>(
  probe: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 120_000,
): Promise<T> {
  return waitUntil(probe, { timeoutMs, what });
}

/** A merchant signed in to the stack's console (a user and a session cookie) in a fresh chromium profile. */
export async function signedInConsoleBrowser(
  stack: Stack,
  user: { xeroUserId: string; email: string; name: string },
): Promise<Awaited<ReturnType<typeof launchPersistentChromium>>> {
  const token = await consoleSessionToken(stack, user);
  const browser = await launchPersistentChromium({ viewport: { width: 1280, height: 900 } });
  await browser.context.addCookies([{ name: 'lb_session', value: token, url: stack.server.url }]);
  return browser;
}

/** A full-page screenshot at the page's width and again 390 px wide (a phone), `name.png` and `name-390.png`. */
export async function screenshotsAtTwoWidths(page: Page, folder: string, name: string): Promise<void> {
  await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(folder, `${name}-390.png`), fullPage: true });
  if (size) await page.setViewportSize(size);
}

export type SignedInConsole = {
  readonly xero: XeroSandbox;
  readonly database: TestDatabase;
  readonly stack: Stack;
  readonly browser: Awaited<ReturnType<typeof launchPersistentChromium>>;
  readonly page: Page;
  /** Closes the browser, the stack, the sandbox and drops the database. */
  close(): Promise<void>;
};

/**
 * A stack on a fresh PostgreSQL database with its own Xero sandbox, and `user` signed in to its console in
 * a fresh chromium profile. `stack` gives the stack's options once the sandbox runs (a tour needs its admin).
 */
export async function startSignedInConsole(input: {
  stack: (xero: XeroSandbox) => Omit<Parameters<typeof startStack>[0], 'xero' | 'databaseUrl'>;
  user: { xeroUserId: string; email: string; name: string };
}): Promise<SignedInConsole> {
  const started: {
    xero?: XeroSandbox;
    database?: TestDatabase;
    stack?: Stack;
    browser?: SignedInConsole['browser'];
  } = {};
  const close = async () => {
    await started.browser?.close();
    await started.stack?.close();
    await started.xero?.close();
    await started.database?.drop();
  };
  try {
    const xero = await startXeroSandbox({});
    started.xero = xero;
    const database = await createTestDatabase('postgres', inject('postgresUrl'));
    started.database = database;
    const stack = await startStack({ ...input.stack(xero), xero, databaseUrl: database.url });
    started.stack = stack;
    const browser = await signedInConsoleBrowser(stack, input.user);
    started.browser = browser;
    return { xero, database, stack, browser, page: browser.page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
