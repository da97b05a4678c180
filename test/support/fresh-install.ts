import {
  createLogger,
  type Infrastructure,
  loadConfig,
  openInfrastructure,
  type RunningServer,
  type RunningWorker,
  startServer,
  startWorker,
} from '@ledgerbridge/xero-app';
import { createTestDatabase, type TestDatabase } from '@ledgerbridge/xero-app/testing';
import {
  buildCatalog,
  createHttpCaller,
  createRandom,
  profileRegions,
  type RunningOrderCloudSandbox,
  setupCatalog,
  startOrderCloudSandbox,
} from '@ledgerbridge/ordercloud-sandbox';
import { DEMO_APP, startXeroSandbox, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import { freePort } from './app-process.ts';
import { launchPersistentChromium } from './browser.ts';

export type FreshInstall = {
  readonly xero: XeroSandbox;
  readonly orderCloud: RunningOrderCloudSandbox;
  readonly database: TestDatabase;
  readonly infra: Infrastructure;
  readonly server: RunningServer;
  readonly worker: RunningWorker;
  readonly browser: Awaited<ReturnType<typeof launchPersistentChromium>>;
  readonly page: Page;
  readonly appUrl: string;
  /** Closes the browser, the app, the sandboxes and drops the database. */
  close(): Promise<void>;
};

/**
 * The app before a merchant installs it, for the browser tests that sign up with Xero: server and worker
 * on a fresh PostgreSQL database, a Xero sandbox whose demo app posts its webhooks to the app, an
 * OrderCloud marketplace already holding the generator's catalog for `seed` (buyers, storefront API
 * clients, products), and chromium 1280 × 900 in a fresh profile.
 */
export async function startFreshInstall(input: { seed: number }): Promise<FreshInstall> {
  const started: {
    xero?: XeroSandbox;
    orderCloud?: RunningOrderCloudSandbox;
    database?: TestDatabase;
    infra?: Infrastructure;
    worker?: RunningWorker;
    server?: RunningServer;
    browser?: FreshInstall['browser'];
  } = {};
  const close = async () => {
    await started.browser?.close();
    await started.server?.close();
    await started.worker?.stop();
    await started.infra?.close();
    await started.orderCloud?.close();
    await started.xero?.close();
    await started.database?.drop();
  };
  try {
    const port = await freePort();
    const appUrl = `http://127.0.0.1:${port}`;
    // A compressed minute (both sides agree on it) keeps rate-limit waits short; the rules stay the same.
    const xero = await startXeroSandbox({
      minuteMs: 5_000,
      apps: [{ ...DEMO_APP, webhookUrl: `${appUrl}/webhooks/xero` }],
    });
    started.xero = xero;
    const orderCloud = await startOrderCloudSandbox();
    started.orderCloud = orderCloud;
    // The marketplace as a merchant has it: catalog, buyers and storefront API clients exist before the install.
    await setupCatalog(
      createHttpCaller({ baseUrl: orderCloud.url }),
      buildCatalog({ random: createRandom(input.seed), regions: profileRegions('au') }),
    );
    const database = await createTestDatabase('postgres', inject('postgresUrl'));
    started.database = database;
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      PORT: String(port),
      PUBLIC_URL: appUrl,
      LOG_LEVEL: 'silent',
      ENCRYPTION_KEY: 'browser-test-key-browser-test-key-browser',
      SESSION_SECRET: 'browser-test-session-secret-browser-test',
      XERO_CLIENT_ID: DEMO_APP.clientId,
      XERO_CLIENT_SECRET: DEMO_APP.clientSecret,
      XERO_WEBHOOK_KEY: DEMO_APP.webhookKey,
      XERO_API_URL: xero.url,
      XERO_IDENTITY_URL: xero.identityUrl,
      XERO_LOGIN_URL: xero.loginUrl,
      ORDERCLOUD_API_URL: orderCloud.url,
      // The sandboxes listen on loopback over http: allowed as the outbound guard's exception.
      ALLOWED_HTTP_HOSTS: '127.0.0.1',
      SHUTDOWN_GRACE_MS: '2000',
    });
    const infra = await openInfrastructure(config, createLogger({ level: 'silent' }));
    started.infra = infra;
    const worker = await startWorker(infra, { fillWaitMs: 0, limits: { minuteMs: 5_000 } });
    started.worker = worker;
    const server = await startServer(infra, { port, hostname: '127.0.0.1' });
    started.server = server;
    const browser = await launchPersistentChromium({ viewport: { width: 1280, height: 900 } });
    started.browser = browser;
    return { xero, orderCloud, database, infra, server, worker, browser, page: browser.page, appUrl, close };
  } catch (error) {
    await close();
    throw error;
  }
}
