import { createKeyring, openDatabase, migrateToLatest } from '@ledgerbridge/xero-app';
import { seedSyncContext, createTestDatabase } from '@ledgerbridge/xero-app/testing';
import { mkdtempSync, rmSync } from 'node:fs';
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
  sandboxDefaults,
  setupCatalog,
  startOrderCloudSandbox,
} from '@ledgerbridge/ordercloud-sandbox';
import { DEMO_APP, startXeroSandbox } from '@ledgerbridge/xero-sandbox';
import {
  type AppProcess,
  isRunning,
  killHard,
  startAppProcess,
  stopGently,
} from '../support/app-processes.ts';
import { startFailoverProxy } from '../support/failover-proxy.ts';
import { faultFreeBaseline, type ScenarioSpec, tenantFor } from '../support/fault-scenario.ts';
import {
  registerWebhook,
  TEST_ENCRYPTION_KEY,
  TEST_SESSION_SECRET,
  TEST_WEBHOOK_HASH_KEY,
} from '../support/stack.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres.ts';
import { readFinalState, type ScenarioOrder } from '../support/xero-final-state.ts';
import { type ChaosDiagnosis, diagnose } from './chaos-diagnostics.ts';
import { compareDocuments, sameState } from './compare-documents.ts';

// SIGKILLs of app processes (`pnpm start`: server + worker) and worker processes at random moments of
// a live order flow, optionally a PostgreSQL restart and a burst of Xero 5xx; then the Xero documents
// are compared with the fault-free run of the same orders. A supervisor restarts whatever died, as an
// orchestrator would; a load balancer in front retries deliveries a dying process dropped.

export type ChaosFigures = {
  backend: 'postgres' | 'pglite';
  kills: number;
  killed: Record<string, number>;
  pgRestarts: number;
  /** Calls the Xero incident answered 5xx (503 for its length, then two 500s). */
  xero5xx: number;
  lost: number;
  duplicates: number;
  differences: string[];
  problems: string[];
  settledMs: number;
  /** Milliseconds from the call to each phase's end: where a slow run spent its time. */
  phases: Record<string, number>;
  proxyRetries: number;
  starts: Record<string, number>;
  /** The end of each process's output when the run did not match the fault-free one. */
  logs?: Record<string, string>;
  /** What an unsettled run was waiting for (chaos-diagnostics.ts). */
  diagnosis?: ChaosDiagnosis;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runChaos(input: {
  backend: 'postgres' | 'pglite';
  kills: number;
  seed: number;
  runUrl: string;
  spec: ScenarioSpec;
  pgRestart?: boolean;
  xeroBurst?: boolean;
}): Promise<ChaosFigures> {
  const random = createRandom(input.seed);
  const tenantId = tenantFor(input.spec);
  const begun = Date.now();
  const phases: Record<string, number> = {};
  const phase = (name: string) => {
    phases[name] = Date.now() - begun;
  };
  const baseline = await faultFreeBaseline(input.runUrl, input.spec);
  phase('baseline');
  const xero = await startXeroSandbox({ contractCheck: true });
  const orderCloud = await startOrderCloudSandbox();
  const cleanups: Array<() => Promise<void>> = [async () => xero.close(), async () => orderCloud.close()];
  const procs: AppProcess[] = [];
  let stopping = false;
  try {
    await setupCatalog(
      createHttpCaller({ baseUrl: orderCloud.url }),
      buildCatalog({ random: createRandom(input.spec.seed), regions: profileRegions(input.spec.profile) }),
    );
    // Where the data lives.
    let databaseUrl = '';
    let dataDir = '';
    let cluster: ThrowawayPostgres | undefined;
    if (input.backend === 'postgres') {
      if (input.pgRestart) {
        cluster = await startThrowawayPostgres();
        databaseUrl = cluster.url;
        const owned = cluster;
        cleanups.push(() => owned.close());
      } else {
        const database = await createTestDatabase('postgres', input.runUrl);
        databaseUrl = database.url ?? '';
        cleanups.push(() => database.drop());
      }
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'lb-chaos-pglite-'));
      cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    }
    // The workspace, its Xero organisation and marketplace, seeded before any process starts.
    const handle = await openDatabase(databaseUrl ? { url: databaseUrl, dataDir: '' } : { dataDir });
    await migrateToLatest(handle.db);
    const tokens = await xero.admin.issueTokens({ tenantIds: [tenantId] });
    const seeded = await seedSyncContext(handle.db, createKeyring({ current: TEST_ENCRYPTION_KEY }), {
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
    await handle.close();

    const appPorts = input.backend === 'postgres' ? [await freePort(), await freePort()] : [await freePort()];
    const proxy = await startFailoverProxy({ upstreams: () => appPorts.map((p) => `http://127.0.0.1:${p}`) });
    cleanups.push(() => proxy.close());
    const environment = (port: number): Record<string, string> => ({
      NODE_ENV: 'test',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir }),
      PORT: String(port),
      PUBLIC_URL: proxy.url,
      LOG_LEVEL: 'info',
      ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      SESSION_SECRET: TEST_SESSION_SECRET,
      XERO_CLIENT_ID: DEMO_APP.clientId,
      XERO_CLIENT_SECRET: DEMO_APP.clientSecret ?? '',
      XERO_WEBHOOK_KEY: DEMO_APP.webhookKey ?? 'unused',
      XERO_API_URL: xero.url,
      XERO_IDENTITY_URL: xero.identityUrl,
      XERO_LOGIN_URL: xero.loginUrl,
      ALLOWED_HTTP_HOSTS: '127.0.0.1',
      SHUTDOWN_GRACE_MS: '2000',
    });
    appPorts.forEach((port, i) => {
      procs.push({ name: `app-${i + 1}`, role: 'app', child: undefined, output: '', starts: 0 });
      void port;
    });
    if (input.backend === 'postgres')
      procs.push({ name: 'worker-1', role: 'worker', child: undefined, output: '', starts: 0 });
    const envOf = (proc: AppProcess) =>
      environment(proc.role === 'app' ? (appPorts[Number(proc.name.split('-')[1]) - 1] ?? 0) : 0);
    cleanups.push(async () => {
      stopping = true;
      await Promise.all(procs.map((proc) => stopGently(proc, 5_000)));
    });
    // All at once, as an orchestrator starts replicas (the database is migrated already).
    await Promise.all(procs.map((proc) => startAppProcess(proc, envOf(proc))));
    // The supervisor: whatever exits is started again (the chaos below kills, this heals).
    const starting = new Set<AppProcess>();
    const supervise = async () => {
      while (!stopping) {
        for (const proc of procs) {
          if (isRunning(proc) || starting.has(proc) || stopping) continue;
          starting.add(proc);
          startAppProcess(proc, envOf(proc))
            .catch(() => undefined)
            .finally(() => starting.delete(proc));
        }
        await sleep(300);
      }
    };
    const supervisor = supervise();

    await registerWebhook(orderCloud.url, {
      url: `${proxy.url}/webhooks/ordercloud/${seeded.connectionId}`,
      hashKey: TEST_WEBHOOK_HASH_KEY,
      clientIds: profileRegions(input.spec.profile).map((r) => regions[r].storefrontClientId),
    });

    phase('processesUp');
    const started = Date.now();
    // The orders, placed one after another with pauses, while the kills go on.
    const plans = (() => {
      const r = createRandom(input.spec.seed);
      const catalog = buildCatalog({ random: r, regions: profileRegions(input.spec.profile) });
      return planOrders({ random: r, catalog, count: input.spec.count, profile: input.spec.profile });
    })();
    const shopper = createHttpCaller({ baseUrl: orderCloud.url });
    const orders: ScenarioOrder[] = [];
    const placing = (async () => {
      for (const plan of plans) {
        const order = await placeOrder(shopper, plan);
        orders.push({ index: plan.index, orderId: order.orderId, status: order.status });
        await sleep(200 + random.int(0, 1_500));
      }
    })();
    const killed: Record<string, number> = {};
    let kills = 0;
    let pgRestarts = 0;
    const chaos = (async () => {
      let burstDone = !input.xeroBurst;
      let restartDone = !cluster;
      while (kills < input.kills) {
        await sleep(800 + random.int(0, 2_500));
        if (!burstDone && kills >= Math.floor(input.kills / 3)) {
          burstDone = true;
          // An incident: Xero unavailable for 8 s, then two internal errors (Xero keeps those for the
          // request's key). A count of 503s would last as long as the flush keeps backing off.
          await xero.admin.injectFault({ kind: 'status', status: 503, forMs: 8_000, tenantId });
          await xero.admin.injectFault({ kind: 'status', status: 500, count: 2, tenantId });
        }
        if (!restartDone && cluster && kills >= Math.floor(input.kills / 2)) {
          restartDone = true;
          await cluster.restart();
          pgRestarts += 1;
        }
        // Only processes that are up: a kill during a restart would not be a new fault.
        const alive = procs.filter((p) => isRunning(p) && !starting.has(p));
        const victim = alive.length > 0 ? random.pick(alive) : undefined;
        if (!victim) continue;
        await killHard(victim);
        kills += 1;
        killed[victim.name] = (killed[victim.name] ?? 0) + 1;
      }
    })();
    await Promise.all([placing, chaos]);
    phase('placedAndKilled');
    await orderCloud.admin.flushDeliveries();
    // Settled: Xero holds what the fault-free run left, and still does a little later (no late duplicate).
    const deadline = Date.now() + 300_000;
    let reading = await readFinalState(xero, tenantId, orders);
    while (Date.now() < deadline) {
      reading = await readFinalState(xero, tenantId, orders);
      const { lost, duplicates } = compareDocuments(reading, baseline);
      if (lost === 0 && duplicates === 0 && sameState(reading, baseline)) break;
      await sleep(2_000);
    }
    const settledMs = Date.now() - started;
    phase('settled');
    await sleep(8_000);
    reading = await readFinalState(xero, tenantId, orders);
    stopping = true;
    await supervisor;
    const requests = await xero.admin.requests({ tenantId });
    const xero5xx = requests.filter((r) => r.fault === 'status').length;
    const compared = compareDocuments(reading, baseline);
    const settled = compared.lost + compared.duplicates === 0 && sameState(reading, baseline);
    let diagnosis: ChaosDiagnosis | undefined;
    if (!settled) {
      await Promise.all(procs.map((proc) => stopGently(proc, 5_000)));
      diagnosis = await diagnose({
        where: { url: databaseUrl, dataDir },
        tenantId,
        requests,
      }).catch((error: unknown) => ({ error: String(error) }) as never);
    }
    return {
      backend: input.backend,
      kills,
      killed,
      pgRestarts,
      xero5xx,
      lost: compared.lost,
      duplicates: compared.duplicates,
      differences: compared.differences,
      problems: reading.problems,
      settledMs,
      phases,
      proxyRetries: proxy.retried(),
      starts: Object.fromEntries(procs.map((p) => [p.name, p.starts])),
      ...(settled ? {} : { logs: Object.fromEntries(procs.map((p) => [p.name, p.output.slice(-4_000)])) }),
      ...(diagnosis ? { diagnosis } : {}),
    };
  } finally {
    stopping = true;
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}
