import { startWorker } from '@ledgerbridge/xero-app';
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
  readonly writeCalls: number;
  /** The fewest write calls that carry the same documents (50 a call where Xero batches). */
  readonly idealWriteCalls: number;
  /** idealWriteCalls ÷ writeCalls: how full the batches were. */
  readonly packing: number;
  readonly callsPerXeroMinute: number;
  /** Write calls per Xero-minute in steady state ÷ 60: how much of the budget was used. */
  readonly utilisation: number;
  readonly ordersPerXeroMinute: number;
  /** 60 calls a minute carrying the documents in the fewest calls Xero allows. */
  readonly ceilingOrdersPerXeroMinute: number;
  /** ordersPerXeroMinute ÷ ceiling = packing × utilisation. */
  readonly ceilingFraction: number;
  /** Against 60 × 50 ÷ documents per order, as if every document (allocations too) went 50 a call. */
  readonly ceilingFractionAllBatchable: number;
  readonly documentsByKind: Record<string, number>;
  readonly rateLimited: number;
  readonly maxInFlight: number;
  readonly planningOrdersPerSec: number;
  /** Credit-note allocations go one per call (Xero has no batch for them): shown apart. */
  readonly allocationCalls: number;
  /** Calls by method and path (IDs elided): where the calls go. */
  readonly callsByEndpoint: Record<string, number>;
};

const tenantId = SEEDED_TENANT_IDS.au;
/** Operations Xero takes one document per call. */
const singleKinds = new Set(['allocation']);

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

async function fillMinute(stack: Stack, minuteMs: number): Promise<void> {
  const now = Date.now();
  await stack.infra.database.db
    .insertInto('rate_calls')
    .values(
      Array.from({ length: 60 }, (_, i) => ({
        tenant_id: tenantId,
        at: new Date(now - minuteMs + ((i + 1) * minuteMs) / 60),
      })),
    )
    .execute();
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
        // At saturation the tenant's minute is already full when the backlog meets it: a minute's calls,
        // evenly spread over the last minute, are written into its budget. A fresh budget would admit a
        // minute's worth at once and flatter the rate of a run only a few minutes long.
        await fillMinute(stack, input.minuteMs);
        const worker = await startWorker(stack.infra, options);
        await stack.infra.queue.enqueue({ queue: 'flush', data: { tenantId }, singletonKey: tenantId });
        await settled(stack, first, 30 * 60_000);
        const firstRun = await xero.admin.requests({ tenantId, kind: 'accounting' });
        const db = stack.infra.database.db;
        const batches = await db
          .selectFrom('xero_batches')
          .select(['kind', sql<number>`sum(jsonb_array_length(operation_ids))::int`.as('documents')])
          .where('status', '=', 'done')
          .groupBy('kind')
          .execute();

        // The same customers order again, their contacts known; this backlog too is planned while the
        // tenant is held (as if its budget were spent), then sent.
        await db
          .updateTable('rate_budgets')
          .set({ paused_until: new Date(Date.now() + 3_600_000) })
          .execute();
        await xero.admin.clearRequests();
        const again = await placeBacklog(stack, input.seed, Math.min(input.orders, 300));
        await planned(stack);
        await db.updateTable('rate_budgets').set({ paused_until: null }).execute();
        // The flush that found the tenant held was put off for the hour; it is brought forward.
        await sql`delete from pgboss.job where name = 'flush' and state = 'created'`.execute(db);
        await stack.infra.queue.enqueue({ queue: 'flush', data: { tenantId }, singletonKey: tenantId });
        await settled(stack, [...first, ...again], 30 * 60_000);
        const secondRun = await xero.admin.requests({ tenantId, kind: 'accounting' });
        await worker.stop();

        // Documents sent, and the fewest calls that could carry them: 50 to a call where Xero takes a
        // batch, one call each where it does not (credit-note allocations, voids).
        const documents = batches.reduce((acc, b) => acc + b.documents, 0);
        const idealCalls = batches.reduce(
          (acc, b) => acc + (singleKinds.has(b.kind) ? b.documents : Math.ceil(b.documents / 50)),
          0,
        );
        const writes = firstRun
          .filter((r) => r.method === 'PUT' || r.method === 'POST')
          .sort((a, b) => a.startedAt - b.startedAt);
        const started = writes[0]?.startedAt ?? 0;
        const finished = Math.max(...writes.map((r) => r.finishedAt ?? r.startedAt));
        const xeroMinutes = Math.max(1e-9, (finished - started) / input.minuteMs);
        const callsPerXeroMinute = writes.length / xeroMinutes;
        const ordersPerXeroMinute = callsPerXeroMinute * (first.length / writes.length);
        const ceiling = (60 * first.length) / idealCalls;
        const ceilingAllBatchable = (60 * 50 * first.length) / documents;
        return {
          batchSize: input.batchSize,
          orders: first.length,
          calls: firstRun.length,
          callsPerOrder: firstRun.length / first.length,
          repeatOrders: again.length,
          repeatCalls: secondRun.length,
          repeatCallsPerOrder: secondRun.length / again.length,
          documentsPerOrder: documents / first.length,
          writeCalls: writes.length,
          idealWriteCalls: idealCalls,
          packing: idealCalls / writes.length,
          callsPerXeroMinute,
          utilisation: callsPerXeroMinute / 60,
          ordersPerXeroMinute,
          ceilingOrdersPerXeroMinute: ceiling,
          ceilingFraction: ordersPerXeroMinute / ceiling,
          ceilingFractionAllBatchable: ordersPerXeroMinute / ceilingAllBatchable,
          rateLimited: firstRun.filter((r) => r.status === 429).length,
          maxInFlight: Math.max(0, ...firstRun.map((r) => r.inFlight ?? 0)),
          planningOrdersPerSec: first.length / planSeconds,
          allocationCalls: firstRun.filter((r) => r.path.includes('/Allocations')).length,
          callsByEndpoint: byEndpoint(firstRun),
          documentsByKind: Object.fromEntries(batches.map((b) => [b.kind, b.documents])),
        };
      } finally {
        await stack.close();
      }
    });
  } finally {
    await xero.close();
  }
}
