import {
  changeBackfill,
  createCommerceSources,
  createKeyring,
  dayLimitOf,
  planBackfill,
  queueNames,
} from '@ledgerbridge/xero-app';
import {
  createMemoryCaller,
  buildCatalog,
  createRandom,
  placeOrder,
  planOrders,
  profileRegions,
} from '@ledgerbridge/ordercloud-sandbox';
import { SEEDED_TENANT_IDS, startXeroSandbox } from '@ledgerbridge/xero-sandbox';
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import { placeOrders, type Stack, startStack, TEST_ENCRYPTION_KEY, waitUntil } from '../support/stack.ts';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-processes.ts';
import { withBenchDatabase } from './bench-database.ts';
import { percentile } from './percentile.ts';

export type BackfillResult = {
  readonly orders: number;
  readonly estimatedCalls: number;
  readonly actualCalls: number;
  /** The import's calls: all calls since it started less the batches that carried live documents only. */
  readonly importCalls: number;
  readonly backfillDaysPredicted: number;
  readonly backfillDaysActual: number;
  readonly dayLimitExceeded: boolean;
  readonly maxCallsInAnyDay: number;
  readonly dayLimit: number;
  readonly skipped: number;
  readonly duplicates: number;
  readonly missing: number;
  readonly killedAtFed: number;
  readonly liveOrders: number;
  readonly liveP95BeforeMs: number | null;
  readonly liveP95DuringMs: number | null;
  /** The compressed minute, and the pace it asks of the stack against what the stack managed. */
  readonly minuteMs: number;
  readonly paceOrdersPerSecond: number;
  readonly achievedOrdersPerSecond: number;
  /** Real seconds from the import's start to its end. */
  readonly wallSeconds: number;
  /** The machine's 1-minute load average, averaged over samples taken while the import ran. */
  readonly loadAverage: number;
};

const tenantId = SEEDED_TENANT_IDS.au;

/** Webhook-to-invoice time of live orders: the order's first record to its invoice in Xero. */
async function liveLatencies(stack: Stack, orderIds: readonly string[]): Promise<number[]> {
  if (orderIds.length === 0) return [];
  const rows = await sql<{ ms: number }>`
    select extract(epoch from (min(t.at) - s.created_at)) * 1000 as ms
    from order_syncs s join timeline t
      on t.subject_id = s.ordercloud_connection_id::text || ':' || s.order_id and t.step = 'invoice' and t.outcome = 'ok'
    where s.order_id in (${sql.join([...orderIds])}) group by s.id, s.created_at`.execute(
    stack.infra.database.db,
  );
  return rows.rows.map((r) => Number(r.ms));
}

/**
 * `pnpm bench backfill`: history placed in OrderCloud before the marketplace was connected, imported into
 * an org on Xero's Starter tier (1,000 calls a day) on the sandbox's compressed clock, with live orders
 * placed meanwhile and the worker killed (SIGKILL) part-way through.
 */
export async function measureBackfill(input: {
  orders: number;
  minuteMs: number;
  seed: number;
  killAt?: number;
  /** Order jobs a worker plans at once: planning an order mostly waits on OrderCloud and the database. */
  concurrency?: number;
  log?: (line: string) => void;
}): Promise<BackfillResult> {
  const log = input.log ?? (() => {});
  const dayMs = input.minuteMs * 1440;
  const xero = await startXeroSandbox({ minuteMs: input.minuteMs, requestLogLimit: 10 });
  await xero.admin.updateOrg(tenantId, { class: 'STARTER' });
  try {
    return await withBenchDatabase(async (url) => {
      const history: string[] = [];
      const placedAt = Date.now();
      const stack = await startStack({
        xero,
        tenantId,
        databaseUrl: url,
        withWorker: false,
        catalog: { seed: input.seed, profile: 'au' },
        beforeConnect: async (orderCloud) => {
          const random = createRandom(input.seed);
          const catalog = buildCatalog({ random, regions: profileRegions('au') });
          const call = createMemoryCaller(orderCloud.sandbox);
          for (const plan of planOrders({ random, catalog, count: input.orders, profile: 'au' }))
            history.push((await placeOrder(call, plan)).orderId);
          // Placing thousands of orders kept the event loop busy past the sandboxes' keep-alive time: idle
          // connections are closed now, not raced by the next request (ECONNRESET).
          await new Promise((r) => setTimeout(r, 6_000));
        },
      });
      log(`  ${history.length} historical orders placed in ${Math.round((Date.now() - placedAt) / 1000)} s`);
      const db = stack.infra.database.db;
      const settings = {
        databaseUrl: url,
        xero,
        minuteMs: input.minuteMs,
        concurrency: input.concurrency ?? 12,
      };
      const workers: WorkerProcess[] = [
        await startWorkerProcess('backfill-1', settings, { readyTimeoutMs: 120_000 }),
      ];
      try {
        // Live orders before the import: the latency they usually get.
        // One at a time, as a shop's orders come: a burst would measure the burst.
        const before: string[] = [];
        for (let i = 0; i < 12; i += 1) {
          before.push(
            ...(await placeOrders(stack, { seed: input.seed + 1 + i * 1000, count: 1, profile: 'au' })).map(
              (p) => p.placed.orderId,
            ),
          );
          await new Promise((r) => setTimeout(r, 500));
        }
        await waitUntil(
          async () => {
            const rows = await db
              .selectFrom('order_syncs')
              .select('status')
              .where('order_id', 'in', before)
              .execute();
            return (rows.length === before.length && rows.every((r) => r.status !== 'queued')) || undefined;
          },
          {
            timeoutMs: 180_000,
            what: 'the live orders before the import',
          },
        );
        const today = new Date().toISOString().slice(0, 10);
        const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
        const keyring = createKeyring({ current: TEST_ENCRYPTION_KEY });
        const planned = await planBackfill(
          {
            db,
            commerceFor: createCommerceSources({ db, keyring }),
            dayLimitOf: (t) => dayLimitOf(db, { tenantId: t, configured: 5000 }),
          },
          { workspaceId: stack.workspaceId, from: yesterday, to: today, actor: 'bench' },
        );
        if (!planned.ok) throw new Error(planned.error.message);
        const estimate = planned.value.estimate;
        log(`  dry run: ${JSON.stringify(estimate)}`);
        const callsBefore = await db
          .selectFrom('rate_calls')
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow();
        const started = await changeBackfill(
          {
            db,
            kick: async (backfillId) => {
              await stack.infra.queue.enqueue({
                queue: queueNames.backfill,
                data: { backfillId },
                singletonKey: backfillId,
              });
            },
          },
          { workspaceId: stack.workspaceId, actor: 'bench', id: planned.value.id, action: 'start' },
        );
        if (!started.ok) throw new Error(started.error.message);

        // Live orders keep coming while the import runs; the worker is killed part-way and replaced.
        const live: string[] = [];
        const killAt = Math.floor(estimate.orders * (input.killAt ?? 0.4));
        let killedAtFed = -1;
        const expectedMs = estimate.days * dayMs;
        // About twenty live orders over the import (one every 3 s at least).
        const liveEvery = Math.max(3_000, expectedMs / 20);
        let nextLive = Date.now() + liveEvery / 2;
        let seed = input.seed + 100;
        let lastLog = 0;
        const loads: number[] = [];
        await waitUntil(
          async () => {
            const b = await db
              .selectFrom('backfills')
              .selectAll()
              .where('id', '=', planned.value.id)
              .executeTakeFirstOrThrow();
            if (killedAtFed < 0 && b.fed_orders + b.skipped_orders >= killAt) {
              killedAtFed = b.fed_orders + b.skipped_orders;
              log(`  kill -9 the worker at ${killedAtFed} of ${b.total_orders} orders`);
              await workers[0]?.kill();
              workers.push(await startWorkerProcess('backfill-2', settings, { readyTimeoutMs: 120_000 }));
            }
            if (b.status === 'running' && Date.now() >= nextLive) {
              nextLive += liveEvery;
              seed += 1;
              live.push(
                ...(await placeOrders(stack, { seed, count: 1, profile: 'au' })).map((p) => p.placed.orderId),
              );
            }
            if (Date.now() - lastLog > 30_000) {
              lastLog = Date.now();
              loads.push(loadavg()[0] ?? 0);
              log(
                `  ${b.fed_orders + b.skipped_orders}/${b.total_orders} fed, ${Math.round((Date.now() - new Date(b.started_at ?? Date.now()).getTime()) / 1000)} s`,
              );
            }
            return b.status === 'done' ? b : undefined;
          },
          { timeoutMs: Math.max(30 * 60_000, expectedMs * 3), what: 'the import to finish' },
        );
        const b = await db
          .selectFrom('backfills')
          .selectAll()
          .where('id', '=', planned.value.id)
          .executeTakeFirstOrThrow();
        const actualDays =
          (new Date(b.finished_at ?? 0).getTime() - new Date(b.started_at ?? 0).getTime()) / dayMs;
        // Live orders settle (an order awaiting approval or canceled is never invoiced; it has no latency).
        await waitUntil(
          async () => {
            const busy = await db
              .selectFrom('order_syncs')
              .select('order_id')
              .where('order_id', 'in', live.length ? live : [''])
              .where('status', '=', 'queued')
              .execute();
            return busy.length === 0 || undefined;
          },
          { timeoutMs: 120_000, what: 'the live orders placed during the import' },
        );
        // Calls in any window of one (compressed) day, from the app's own record of every call.
        const calls = (
          await db
            .selectFrom('rate_calls')
            .select('at')
            .where('tenant_id', '=', tenantId)
            .orderBy('at')
            .execute()
        ).map((r) => new Date(r.at).getTime());
        let maxInDay = 0;
        for (let i = 0, j = 0; i < calls.length; i += 1) {
          while ((calls[i] ?? 0) - (calls[j] ?? 0) >= dayMs) j += 1;
          maxInDay = Math.max(maxInDay, i - j + 1);
        }
        // Batches since the import started, by kind: documents per call, and the calls of live orders only.
        const batches = await sql<{ kind: string; calls: number; docs: number; live_only: number }>`
          select b.kind, count(*)::int as calls, sum(jsonb_array_length(b.operation_ids))::int as docs,
            count(*) filter (where not exists (
              select 1 from xero_operations o
              where o.id::text in (select jsonb_array_elements_text(b.operation_ids)) and o.background))::int as live_only
          from xero_batches b where b.started_at >= ${b.started_at} group by b.kind order by b.kind`.execute(
          db,
        );
        for (const r of batches.rows)
          log(
            `  ${r.kind}: ${r.calls} calls, ${r.docs} documents, ${r.live_only} calls for live orders only`,
          );
        const liveOnlyCalls = batches.rows.reduce((a, r) => a + Number(r.live_only), 0);
        const stats = (await xero.admin.stats()).filter(
          (s) => s.tenantId.toLowerCase() === tenantId.toLowerCase(),
        );
        const rejectedForDay = stats.reduce((a, s) => a + s.rejected.day, 0);
        const docs = await xero.admin.documents(tenantId);
        const references = docs.invoices.map((i) => String(i.Reference));
        const byRef = new Map<string, number>();
        for (const r of references) byRef.set(r, (byRef.get(r) ?? 0) + 1);
        const imported = await db
          .selectFrom('backfill_orders')
          .select('order_id')
          .where('backfill_id', '=', planned.value.id)
          .where('status', '=', 'fed')
          .execute();
        const invoicedStates = await db
          .selectFrom('order_syncs')
          .select(['order_id', 'status'])
          .where('order_id', 'in', imported.length ? imported.map((r) => r.order_id) : [''])
          .execute();
        const missing =
          invoicedStates.filter((r) => r.status === 'received' || r.status === 'queued').length +
          (imported.length - invoicedStates.length);
        // The slowest live order during the import, step by step: where its time went.
        const slowest = await sql<{ order_id: string; steps: string }>`
          select s.order_id, string_agg(t.step || ':' || t.outcome || '@' ||
            round(extract(epoch from (t.at - s.created_at)) * 1000)::text, ' ' order by t.at) as steps
          from order_syncs s join timeline t
            on t.subject_id = s.ordercloud_connection_id::text || ':' || s.order_id
          where s.order_id in (${sql.join(live.length ? live : [''])})
          group by s.order_id, s.created_at
          order by max(t.at) filter (where t.step = 'invoice' and t.outcome = 'ok') - s.created_at desc nulls last
          limit 2`.execute(db);
        for (const r of slowest.rows) log(`  slow live order ${r.order_id}: ${r.steps}`);
        const before95 = percentile(await liveLatencies(stack, before), 95);
        const during95 = percentile(await liveLatencies(stack, live), 95);
        return {
          orders: estimate.orders,
          estimatedCalls: estimate.calls,
          actualCalls: calls.length - Number(callsBefore.n),
          importCalls: calls.length - Number(callsBefore.n) - liveOnlyCalls,
          backfillDaysPredicted: estimate.days,
          backfillDaysActual: Math.round(actualDays * 1000) / 1000,
          dayLimitExceeded: rejectedForDay > 0 || maxInDay > estimate.dayLimit,
          maxCallsInAnyDay: maxInDay,
          dayLimit: estimate.dayLimit,
          skipped: b.skipped_orders,
          duplicates: [...byRef.values()].filter((n) => n > 1).length,
          missing,
          killedAtFed,
          liveOrders: live.length,
          liveP95BeforeMs: Number.isNaN(before95) ? null : Math.round(before95),
          liveP95DuringMs: Number.isNaN(during95) ? null : Math.round(during95),
          minuteMs: input.minuteMs,
          // When the stack cannot plan and send as fast as the pace asks, the import takes longer than the
          // prediction for a reason that is the machine's, not the estimate's: these two say which.
          paceOrdersPerSecond: Math.round((estimate.ordersPerDay / dayMs) * 1000 * 100) / 100,
          achievedOrdersPerSecond:
            Math.round((estimate.orders / Math.max(0.001, actualDays * dayMs)) * 1000 * 100) / 100,
          wallSeconds: Math.round((actualDays * dayMs) / 1000),
          loadAverage: Math.round((loads.reduce((a, l) => a + l, 0) / Math.max(1, loads.length)) * 10) / 10,
        };
      } finally {
        for (const w of workers) await w.stop(2_000);
        await stack.close();
      }
    });
  } finally {
    await xero.close();
  }
}
