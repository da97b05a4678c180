import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildCatalog,
  createHttpCaller,
  createRandom,
  placeOrder,
  planOrders,
  profileRegions,
  regions,
  type RunningOrderCloudSandbox,
  sandboxDefaults,
  setupCatalog,
  startOrderCloudSandbox,
} from '@ledgerbridge/ordercloud-sandbox';
import { DEMO_APP, SEEDED_TENANT_IDS, startXeroSandbox, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyring, migrateToLatest, openDatabase } from '@ledgerbridge/xero-app';
import { seedSyncContext } from '@ledgerbridge/xero-app/testing';
import { type AppProcess, startAppProcess } from '../support/app-process.ts';
import {
  registerWebhook,
  TEST_ENCRYPTION_KEY,
  TEST_SESSION_SECRET,
  TEST_WEBHOOK_HASH_KEY,
} from '../support/stack.ts';

// `pnpm start` on the embedded database (the README's default) once stopped answering within a minute
// of orders flowing: the flusher queried through the database handle inside its own transaction, and
// PGlite's one session waited for itself. This runs the real entry point, configured only by its
// environment as `pnpm start` is, for three minutes of orders, and fails on any request slower than 10 s.
// It runs beside the other suites (CI's 25 minutes would not hold it after them): alone its slowest answer
// was under 1 s, and a wedged app does not answer at all, so 10 s on a busy machine still tells them apart.
const flowMs = 180_000;
const slowMs = 10_000;
const seed = 31;
const tenantId = SEEDED_TENANT_IDS.au;

type Probe = { name: string; method?: 'GET' | 'POST'; path: string; body?: string; expect: number[] };

describe('pnpm start on the embedded database, orders flowing for three minutes', () => {
  let xero: XeroSandbox;
  let orderCloud: RunningOrderCloudSandbox;
  let app: AppProcess | undefined;
  let dataDir: string;
  let connectionId: string;

  beforeAll(async () => {
    xero = await startXeroSandbox();
    orderCloud = await startOrderCloudSandbox();
    const catalog = buildCatalog({ random: createRandom(seed), regions: profileRegions('au') });
    await setupCatalog(createHttpCaller({ baseUrl: orderCloud.url }), catalog);
    dataDir = await mkdtemp(join(tmpdir(), 'lb-start-'));
    // The workspace, its Xero organisation and its marketplace, written where `pnpm start` will read them.
    const seeding = await openDatabase({ dataDir });
    await migrateToLatest(seeding.db);
    const tokens = await xero.admin.issueTokens({ tenantIds: [tenantId] });
    const seeded = await seedSyncContext(seeding.db, createKeyring({ current: TEST_ENCRYPTION_KEY }), {
      tenantId,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? '',
      orderCloud: {
        apiUrl: orderCloud.url,
        clientId: sandboxDefaults.integrationClientId,
        clientSecret: sandboxDefaults.integrationClientSecret,
        hashKey: TEST_WEBHOOK_HASH_KEY,
      },
    });
    await seeding.close();
    connectionId = seeded.connectionId;
    app = await startAppProcess({
      env: {
        NODE_ENV: 'development',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
        SESSION_SECRET: TEST_SESSION_SECRET,
        XERO_CLIENT_ID: DEMO_APP.clientId,
        XERO_CLIENT_SECRET: DEMO_APP.clientSecret ?? '',
        XERO_API_URL: xero.url,
        XERO_IDENTITY_URL: xero.identityUrl,
        XERO_LOGIN_URL: xero.loginUrl,
        // The OrderCloud sandbox is plain http on 127.0.0.1 (outbound guard, decision 0070).
        ALLOWED_HTTP_HOSTS: '127.0.0.1',
      },
    });
    await registerWebhook(orderCloud.url, {
      url: `${app.url}/webhooks/ordercloud/${connectionId}`,
      hashKey: TEST_WEBHOOK_HASH_KEY,
      clientIds: profileRegions('au').map((r) => regions[r].storefrontClientId),
    });
  }, 240_000);

  afterAll(async () => {
    await app?.stop(5_000);
    await orderCloud?.close();
    await xero?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it(
    'answers every request within 5 s and turns the orders into invoices',
    async () => {
      const base = app?.url ?? '';
      const probes: Probe[] = [
        { name: 'liveness', path: '/healthz', expect: [200] },
        { name: 'readiness', path: '/readyz', expect: [200] },
        { name: 'sign-in page', path: '/', expect: [200] },
        // Without a session the console refuses (401) and shows the way to sign in.
        { name: 'console', path: '/console', expect: [401] },
        { name: 'OAuth start', path: '/auth/xero/signin', expect: [302] },
        {
          name: 'webhook intake (forged)',
          method: 'POST',
          path: `/webhooks/ordercloud/${connectionId}`,
          body: '{"Route":"v1/orders/{direction}/{orderID}/submit"}',
          expect: [401],
        },
      ];
      const slowest = new Map<string, number>();
      const problems: string[] = [];
      const until = Date.now() + flowMs;

      const probing = (async () => {
        let round = 0;
        while (Date.now() < until) {
          for (const probe of probes) {
            const started = Date.now();
            try {
              const response = await fetch(`${base}${probe.path}`, {
                method: probe.method ?? 'GET',
                redirect: 'manual',
                signal: AbortSignal.timeout(slowMs),
                ...(probe.body ? { body: probe.body, headers: { 'content-type': 'application/json' } } : {}),
              });
              await response.arrayBuffer();
              // A rate limit (429 with Retry-After) is a prompt answer too: sign-in and intake are limited per address.
              if (!probe.expect.includes(response.status) && response.status !== 429)
                problems.push(`${probe.name} answered ${response.status} in round ${round}`);
            } catch (error) {
              problems.push(
                `${probe.name} did not answer within ${slowMs} ms in round ${round}: ${(error as Error).message}`,
              );
            }
            const took = Date.now() - started;
            slowest.set(probe.name, Math.max(slowest.get(probe.name) ?? 0, took));
            if (took > slowMs) problems.push(`${probe.name} took ${took} ms in round ${round}`);
          }
          round += 1;
          await new Promise((r) => setTimeout(r, 250));
        }
      })();

      const random = createRandom(seed);
      const catalog = buildCatalog({ random, regions: profileRegions('au') });
      const plans = planOrders({ random, catalog, count: 400, profile: 'au' });
      const call = createHttpCaller({ baseUrl: orderCloud.url });
      const placed: { orderId: string; status: string }[] = [];
      for (const plan of plans) {
        if (Date.now() >= until) break;
        placed.push(await placeOrder(call, plan));
        await new Promise((r) => setTimeout(r, 500));
      }
      await probing;

      // The app's own event-loop lag tells a wedged or blocked app from a starved machine.
      const metrics = await (await fetch(`${base}/metrics`)).text();
      const lagMax = /^ledgerbridge_nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(metrics)?.[1];
      const figures = `slowest per route (ms): ${JSON.stringify(Object.fromEntries(slowest))}; app event-loop lag max: ${lagMax} s; orders placed: ${placed.length}`;
      console.info(figures);
      expect(problems, figures).toEqual([]);
      expect(placed.length).toBeGreaterThan(20);

      // Every order OrderCloud kept submitted ends as one invoice in Xero: the worker kept flowing too.
      const invoiced = async () => {
        const docs = await xero.admin.documents(tenantId);
        return placed
          .filter((o) => o.status !== 'Canceled')
          .every((o) => docs.invoices.some((i) => i.Reference === o.orderId && i.Status !== 'DELETED'));
      };
      const deadline = Date.now() + 120_000;
      while (!(await invoiced()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1_000));
      const docs = await xero.admin.documents(tenantId);
      const missing = placed
        .filter((o) => o.status !== 'Canceled')
        .filter((o) => !docs.invoices.some((i) => i.Reference === o.orderId && i.Status !== 'DELETED'))
        .map((o) => o.orderId);
      expect(missing, app?.output().slice(-4_000)).toEqual([]);
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
    },
    flowMs + 240_000,
  );
});
