import {
  createKeyring,
  createLogger,
  ensureOperation,
  loadConfig,
  openInfrastructure,
  queueNames,
} from '@ledgerbridge/xero-app';
import { seedSyncContext } from '@ledgerbridge/xero-app/testing';
import { DEMO_APP, startXeroSandbox } from '@ledgerbridge/xero-sandbox';
import { sql } from 'kysely';
import { TEST_ENCRYPTION_KEY, TEST_SESSION_SECRET } from '../support/stack.ts';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-processes.ts';
import { withBenchDatabase } from './bench-database.ts';
import { fairCompletions, jainByRounds, jainWhileAllBacklogged } from './fair-share.ts';

/**
 * Many tenants, one app: `tenants` Xero organisations, each with a backlog of `minBacklog`… calls (one
 * document a call), flushed by `workers` worker processes (one flush slot each) on one PostgreSQL,
 * against the sandbox's app-wide limit on a compressed minute. The app's limit binds (every tenant
 * could use 60 a minute); what is measured is how fully and how fairly the shared minute is used:
 * - appLimitUtilisation: calls Xero accepted per minute over the whole minutes of the run ÷ the app limit;
 * - jainFairness: Jain's index over tenants with backlog, round by round (a round is as many calls as
 *   tenants with calls left; under a fair share each gets one), weighted by calls (decision 0140);
 *   `jainUntilFirstCleared`, the index up to the first tenant that cleared its backlog, is printed beside
 *   it: it was the measure until a backlog of one call made its window a single call;
 * - maxWaitOverFairShare: the worst tenant's time to clear its backlog ÷ the time it takes under an
 *   exact fair share of the app limit (processor sharing, each tenant capped at its own 60 a minute).
 */
export async function measureTenants(input: {
  tenants: number;
  workers: number;
  /** Flush slots per worker process. */
  slots: number;
  appMinute: number;
  /** Calls of the app's minute each worker takes at once (XERO_APP_BLOCK_CALLS); unset, the default. */
  blockCalls?: number;
  minuteMs: number;
  minBacklog: number;
  maxBacklog: number;
  log?: (line: string) => void;
}) {
  const log = input.log ?? (() => {});
  const xero = await startXeroSandbox({
    minuteMs: input.minuteMs,
    limits: { appMinute: input.appMinute },
    requestLogLimit: 200_000,
  });
  const workers: WorkerProcess[] = [];
  try {
    return await withBenchDatabase(async (url) => {
      const config = loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: url,
        PORT: '0',
        LOG_LEVEL: 'warn',
        ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
        SESSION_SECRET: TEST_SESSION_SECRET,
        XERO_CLIENT_ID: DEMO_APP.clientId,
        XERO_CLIENT_SECRET: DEMO_APP.clientSecret,
        XERO_API_URL: xero.url,
        XERO_IDENTITY_URL: xero.identityUrl,
        XERO_LOGIN_URL: xero.loginUrl,
        ALLOWED_HTTP_HOSTS: '127.0.0.1',
      });
      const infra = await openInfrastructure(config, createLogger({ level: 'warn' }));
      try {
        const db = infra.database.db;
        const tenantIds: string[] = [];
        for (let i = 0; i < input.tenants; i += 1)
          tenantIds.push(
            (await xero.admin.addOrg({ key: `bench-${i}`, region: 'AU', name: `Bench ${i}` })).tenantId,
          );
        const tokens = await xero.admin.issueTokens({ tenantIds });
        const keyring = createKeyring({ current: TEST_ENCRYPTION_KEY });
        const span = input.maxBacklog - input.minBacklog + 1;
        const backlog = new Map<string, number>();
        for (const [i, tenantId] of tenantIds.entries()) {
          const ctx = await seedSyncContext(db, keyring, {
            tenantId,
            tenantName: `Bench ${i}`,
            accessToken: tokens.access_token,
            refreshToken: tokens.refresh_token ?? '',
            orderCloud: { apiUrl: 'http://127.0.0.1:1', clientId: 'c', clientSecret: 's', hashKey: 'h' },
          });
          const calls = input.minBacklog + ((i * 7) % span);
          backlog.set(tenantId, calls);
          for (let n = 0; n < calls; n += 1)
            await ensureOperation(db, {
              workspaceId: ctx.workspaceId,
              tenantId,
              connectionId: ctx.connectionId,
              orderId: null,
              kind: 'item',
              key: `${tenantId}:item:B${n}`,
              payload: { code: `B${n}`, name: `Bench item ${n}` },
              dependsOn: null,
            });
        }
        log(`  ${input.tenants} tenants seeded, ${[...backlog.values()].reduce((a, b) => a + b, 0)} calls`);
        const settings = {
          databaseUrl: url,
          xero,
          batchSize: 1,
          minuteMs: input.minuteMs,
          appMinuteLimit: input.appMinute,
          ...(input.blockCalls !== undefined ? { appBlockCalls: input.blockCalls } : {}),
          flushConcurrency: input.slots,
          // These workers only flush: one slot for the (idle) sync queue, fewer polls.
          concurrency: 1,
        };
        workers.push(
          ...(await Promise.all(
            Array.from({ length: input.workers }, (_, i) =>
              startWorkerProcess(`w${i}`, settings, { readyTimeoutMs: 180_000 }),
            ),
          )),
        );
        await xero.admin.clearRequests();
        // Every tenant's flush is due at once, in an order unrelated to the size of its backlog.
        for (const tenantId of tenantIds)
          await infra.queue.enqueue({
            queue: queueNames.flush,
            data: { tenantId },
            singletonKey: tenantId,
          });
        const started = Date.now();
        for (;;) {
          const open = await db
            .selectFrom('xero_operations')
            .select(sql<number>`count(*)::int`.as('n'))
            .where('status', 'in', ['ready', 'sending'])
            .executeTakeFirstOrThrow();
          if (open.n === 0) break;
          if (Date.now() - started > 20 * 60_000) throw new Error(`${open.n} operations never sent`);
          await new Promise((r) => setTimeout(r, 1_000));
        }
        const turns = await sql<{ n: number; avg: number; p50: number; p90: number }>`
          select count(*)::int as n, avg(extract(epoch from completed_on - started_on) * 1000)::float as avg,
            percentile_cont(0.5) within group (order by extract(epoch from completed_on - started_on) * 1000)::float as p50,
            percentile_cont(0.9) within group (order by extract(epoch from completed_on - started_on) * 1000)::float as p90
          from pgboss.job where name = 'flush' and completed_on is not null`.execute(db);
        log(`  flush turns ${JSON.stringify(turns.rows[0])}`);
        // How late a flush was taken from the queue after it was due.
        const pickup = await sql<{ p50: number; p90: number }>`
          select percentile_cont(0.5) within group (order by extract(epoch from started_on - start_after) * 1000)::float as p50,
            percentile_cont(0.9) within group (order by extract(epoch from started_on - start_after) * 1000)::float as p90
          from pgboss.job where name = 'flush' and started_on is not null`.execute(db);
        log(`  flush pickup after due (ms) ${JSON.stringify(pickup.rows[0])}`);
        const requests = (await xero.admin.requests({ kind: 'accounting' })).filter((r) =>
          r.path.includes('/Items'),
        );
        const accepted = requests.filter((r) => (r.status ?? 0) < 400);
        const t0 = Math.min(...accepted.map((r) => r.startedAt));
        const end = Math.max(...accepted.map((r) => r.finishedAt ?? r.startedAt));
        const wholeMinutes = Math.floor((end - t0) / input.minuteMs);
        const inWhole = accepted.filter((r) => r.startedAt < t0 + wholeMinutes * input.minuteMs).length;
        const appLimitUtilisation = wholeMinutes > 0 ? inWhole / (wholeMinutes * input.appMinute) : 0;
        // Saturated, each call goes a window after the one `appMinute` calls before it; the excess over
        // the minute is how late the freed room was taken (the window itself adds 3 %).
        const starts = accepted.map((r) => r.startedAt).sort((a, b) => a - b);
        const reuse = starts
          .slice(input.appMinute)
          .map((t, i) => t - (starts[i] ?? t) - input.minuteMs)
          .sort((a, b) => a - b);
        log(
          `  room reused after the minute (ms) p50 ${reuse[Math.floor(reuse.length / 2)]} p90 ${reuse[Math.floor(reuse.length * 0.9)]}`,
        );
        const perMinute = Array.from(
          { length: wholeMinutes },
          (_, m) =>
            starts.filter((t) => t >= t0 + m * input.minuteMs && t < t0 + (m + 1) * input.minuteMs).length,
        );
        log(`  calls in each whole minute ${JSON.stringify(perMinute)}`);

        const fair = fairCompletions({
          demands: tenantIds.map((t) => backlog.get(t) ?? 0),
          ratePerMs: input.appMinute / input.minuteMs,
          capPerMs: 60 / input.minuteMs,
        });
        const byTenant = new Map<string, number[]>();
        for (const r of accepted) {
          const key = (r.tenantId ?? '').toLowerCase();
          byTenant.set(key, [...(byTenant.get(key) ?? []), r.finishedAt ?? r.startedAt]);
        }
        const ratios = tenantIds.map((t, i) => {
          const done = Math.max(...(byTenant.get(t.toLowerCase()) ?? [Number.POSITIVE_INFINITY]));
          return (done - t0) / (fair[i] ?? 1);
        });
        return {
          tenants: input.tenants,
          workers: input.workers,
          slots: input.slots,
          appMinute: input.appMinute,
          blockCalls: input.blockCalls ?? null,
          minuteMs: input.minuteMs,
          calls: accepted.length,
          rateLimited: requests.filter((r) => r.status === 429).length,
          xeroMinutes: (end - t0) / input.minuteMs,
          appLimitUtilisation,
          jainFairness: jainByRounds(
            tenantIds.map((t) => byTenant.get(t.toLowerCase()) ?? []),
            tenantIds.map((t) => backlog.get(t) ?? 0),
          ),
          jainUntilFirstCleared: jainWhileAllBacklogged(
            tenantIds.map((t) => byTenant.get(t.toLowerCase()) ?? []),
          ),
          maxWaitOverFairShare: Math.max(...ratios),
          medianWaitOverFairShare: [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)] ?? 0,
        };
      } finally {
        await Promise.all(workers.map((w) => w.stop(5_000)));
        await infra.close();
      }
    });
  } finally {
    await xero.close();
  }
}
