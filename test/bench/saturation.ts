import {
  buildCatalog,
  createMemoryCaller,
  createRandom,
  placeOrder,
  planOrders,
  profileRegions,
} from '@ledgerbridge/ordercloud-sandbox';
import { SEEDED_TENANT_IDS, startXeroSandbox } from '@ledgerbridge/xero-sandbox';
import { sql } from 'kysely';
import { startWorker } from '../../apps/xero-app/src/worker.ts';
import { type Stack, startStack, waitUntil } from '../support/stack.ts';
import { withBenchDatabase } from './bench-database.ts';

export type SaturationResult = {
  readonly batchSize: number;
  readonly orders: number;
  readonly calls: number;
  readonly callsPerOrder: number;
  readonly repeatOrders: number;
  readonly repeatCalls: number;
  readonly repeatCallsPerOrder: number;
  readonly documentsPerOrder: number;
  readonly ordersPerXeroMinute: number;
  readonly ceilingOrdersPerXeroMinute: number;
  readonly ceilingFraction: number;
  readonly rateLimited: number;
  readonly maxInFlight: number;
  readonly planningOrdersPerSec: number;
  /** Credit-note allocations go one per call (Xero has no batch for them): shown apart. */
  readonly allocationCalls: number;
  /** Calls by method and path (IDs elided): where the calls go. */
  readonly callsByEndpoint: Record<string, number>;
};

const tenantId = SEEDED_TENANT_IDS.au;

function byEndpoint(requests: ReadonlyArray<{ method: string; path: string }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of requests) {
    const key = `${r.method} ${r.path.split('?')[0]?.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, '{id}')}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

async function placeBacklog(stack: Stack, seed: number, count: number): Promise<string[]> {
  const random = createRandom(seed);
  const catalog = buildCatalog({ random, regions: profileRegions('au') });
  const plans = planOrders({ random, catalog, count, profile: 'au' });
  const call = createMemoryCaller(stack.orderCloud.sandbox);
  const ids: string[] = [];
  for (const plan of plans) ids.push((await placeOrder(call, plan)).orderId);
  // Every order's submit delivery stored by the intake (the OrderCloud sandbox delivers in the background).
  await waitUntil(
    async () => {
      const row = await stack.infra.database.db
        .selectFrom('inbound_events')
        .select(sql<number>`count(distinct payload->'Response'->'Body'->>'ID')::int`.as('n'))
        .where('event_type', '=', 'order.submitted')
        .where(sql<string>`payload->'Response'->'Body'->>'ID'`, 'in', ids)
        .executeTakeFirstOrThrow();
      return row.n >= ids.length ? true : undefined;
    },
    { timeoutMs: 10 * 60_000, what: 'the submit deliveries to be stored' },
  );
  return ids;
}

async function planned(stack: Stack): Promise<void> {
  await waitUntil(
    async () => {
      const pending = await stack.infra.database.db
        .selectFrom(sql`pgboss.job`.as('j'))
        .select(sql<number>`count(*)::int`.as('n'))
        .where(sql.ref('j.name'), '=', 'sync')
        .where(sql.ref('j.state'), 'in', ['created', 'retry', 'active'])
        .executeTakeFirstOrThrow();
      return pending.n === 0 ? true : undefined;
    },
    { timeoutMs: 30 * 60_000, what: 'the backlog to be planned' },
  );
}

async function settled(stack: Stack, orderIds: readonly string[], timeoutMs: number): Promise<void> {
  const db = stack.infra.database.db;
  await waitUntil(
    async () => {
      const open = await db
        .selectFrom('xero_operations')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('status', 'in', ['waiting', 'ready', 'sending'])
        .executeTakeFirstOrThrow();
      const seen = await db
        .selectFrom('order_syncs')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('order_id', 'in', [...orderIds])
        .where('status', 'not in', ['received', 'queued'])
        .executeTakeFirstOrThrow();
      const pending = await db
        .selectFrom(sql`pgboss.job`.as('j'))
        .select(sql<number>`count(*)::int`.as('n'))
        .where(sql.ref('j.name'), '=', 'sync')
        .where(sql.ref('j.state'), 'in', ['created', 'retry', 'active'])
        .executeTakeFirstOrThrow();
      return open.n === 0 && pending.n === 0 && seen.n >= orderIds.length * 0.8 ? true : undefined;
    },
    { timeoutMs, what: 'the backlog to drain' },
  );
}

/**
 * A backlog of orders waiting in the queue, then the worker started against a Xero sandbox running
 * Xero's real limits on a compressed minute: what it takes per order, and how close to the ceiling it runs.
 */
export async function measureSaturation(input: {
  orders: number;
  batchSize: number;
  minuteMs: number;
  seed: number;
}): Promise<SaturationResult> {
  const xero = await startXeroSandbox({ minuteMs: input.minuteMs, requestLogLimit: 200_000 });
  try {
    return await withBenchDatabase(async (url) => {
      const stack = await startStack({
        xero,
        tenantId,
        databaseUrl: url,
        withWorker: false,
        catalog: { seed: input.seed, profile: 'au' },
      });
      try {
        const first = await placeBacklog(stack, input.seed, input.orders);
        await xero.admin.clearRequests();
        // Planning first (reading OrderCloud, mapping, validating), then sending: the Xero-facing part
        // is measured on its own against a full backlog of planned documents, which is what saturation is.
        const options = {
          batchSize: input.batchSize,
          limits: { minuteMs: input.minuteMs },
          concurrency: 6,
          reconcileCron: '0 0 1 1 *',
        };
        const planStarted = Date.now();
        const planner = await startWorker(stack.infra, { ...options, flush: false });
        await planned(stack);
        const planSeconds = (Date.now() - planStarted) / 1000;
        void planner; // keeps planning the later backlog alongside the sending worker
        const worker = await startWorker(stack.infra, options);
        await stack.infra.queue.enqueue({ queue: 'flush', data: { tenantId }, singletonKey: tenantId });
        await settled(stack, first, 30 * 60_000);
        const firstRun = await xero.admin.requests({ tenantId, kind: 'accounting' });
        await xero.admin.clearRequests();
        // The same customers order again: their contacts are known.
        const again = await placeBacklog(stack, input.seed, Math.min(input.orders, 300));
        await settled(stack, [...first, ...again], 30 * 60_000);
        const secondRun = await xero.admin.requests({ tenantId, kind: 'accounting' });
        await worker.stop();
        const db = stack.infra.database.db;
        const documents = await db
          .selectFrom('xero_operations')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('order_id', 'in', first)
          .where('kind', 'in', ['contact', 'invoice', 'payment', 'item'])
          .executeTakeFirstOrThrow();
        const contacts = await db
          .selectFrom('xero_operations')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('kind', '=', 'contact')
          .executeTakeFirstOrThrow();
        const docsPerOrder = (documents.n + 0) / first.length;
        // The sending window: from the first document write to the last (reads for reference data come
        // during planning).
        const writes = firstRun.filter((r) => r.method === 'PUT' || r.method === 'POST');
        const started = Math.min(...writes.map((r) => r.startedAt));
        const finished = Math.max(...writes.map((r) => r.finishedAt ?? r.startedAt));
        const xeroMinutes = Math.max(1e-9, (finished - started) / input.minuteMs);
        const ordersPerXeroMinute = first.length / xeroMinutes;
        const ceiling = (60 * 50) / docsPerOrder;
        void contacts;
        return {
          batchSize: input.batchSize,
          orders: first.length,
          calls: firstRun.length,
          callsPerOrder: firstRun.length / first.length,
          repeatOrders: again.length,
          repeatCalls: secondRun.length,
          repeatCallsPerOrder: secondRun.length / again.length,
          documentsPerOrder: docsPerOrder,
          ordersPerXeroMinute,
          ceilingOrdersPerXeroMinute: ceiling,
          ceilingFraction: ordersPerXeroMinute / ceiling,
          rateLimited: firstRun.filter((r) => r.status === 429).length,
          maxInFlight: Math.max(0, ...firstRun.map((r) => r.inFlight ?? 0)),
          planningOrdersPerSec: first.length / planSeconds,
          allocationCalls: firstRun.filter((r) => r.path.includes('/Allocations')).length,
          callsByEndpoint: byEndpoint(firstRun),
        };
      } finally {
        await stack.close();
      }
    });
  } finally {
    await xero.close();
  }
}
