import { DEMO_APP, SEEDED_TENANT_IDS, startXeroSandbox } from '@ledgerbridge/xero-sandbox';
import { startStack, waitUntil } from '../support/stack.ts';
import { withBenchDatabase } from './bench-database.ts';
import { latencyFromSubmit, placeOpenLoopOrders } from './open-loop-orders.ts';
import { percentile } from './percentile.ts';
import { ratePolicy } from '@ledgerbridge/xero-app';

/**
 * A running shop, not a backlog: orders arrive open-loop as in the demo (one every 4 Xero seconds) with
 * Xero's webhooks on, for `xeroMinutes` compressed minutes. Counts every Xero call per order, the reads
 * of single documents Xero's webhooks caused for our own writes (echo reads), whether the day's limit
 * was met, and the forecast the flusher paced by; latency from the stored submit to the invoice in Xero.
 */
export async function measureRealistic(input: {
  xeroMinutes: number;
  minuteMs: number;
  /** Xero seconds between orders. */
  everyXeroSeconds: number;
  seed: number;
  /** What a contact made from an invoice keeps (the sandbox's default when absent). */
  inlineContactDetails?: 'kept' | 'name-only';
}) {
  const xero = await startXeroSandbox({
    minuteMs: input.minuteMs,
    ...(input.inlineContactDetails ? { inlineContactDetails: input.inlineContactDetails } : {}),
  });
  const tenantId = SEEDED_TENANT_IDS.au;
  try {
    return await withBenchDatabase(async (url) => {
      const stack = await startStack({
        xero,
        tenantId,
        databaseUrl: url,
        catalog: { seed: input.seed, profile: 'au' },
        worker: { limits: { minuteMs: input.minuteMs } },
      });
      await xero.admin.upsertApp({
        clientId: DEMO_APP.clientId,
        webhookUrl: `${stack.server.url}/webhooks/xero`,
      });
      try {
        const gapMs = (input.everyXeroSeconds * input.minuteMs) / 60;
        const count = Math.floor((input.xeroMinutes * 60) / input.everyXeroSeconds);
        const db = stack.infra.database.db;
        const placedFrom = Date.now();
        const orderIds = await placeOpenLoopOrders(stack, { seed: input.seed, count, gapMs });
        const latencies: number[] = [];
        for (const orderId of orderIds) {
          const invoiced = await waitUntil(
            async () =>
              db
                .selectFrom('timeline')
                .select('at')
                .where('subject_id', '=', `${stack.connectionId}:${orderId}`)
                .where('step', 'in', ['invoice', 'validate'])
                .executeTakeFirst(),
            { timeoutMs: 10 * 60_000, what: `order ${orderId} to be invoiced` },
          );
          const latency = await latencyFromSubmit(stack, orderId, invoiced.at);
          if (latency !== undefined) latencies.push(latency);
        }
        // Everything settled (payments after their invoices), and the webhooks of it all delivered and handled.
        await waitUntil(
          async () => {
            const open = await db
              .selectFrom('xero_operations')
              .select('id')
              .where('status', 'in', ['ready', 'waiting', 'sending'])
              .executeTakeFirst();
            return open ? undefined : true;
          },
          { timeoutMs: 10 * 60_000, what: 'every operation to be settled' },
        );
        await xero.admin.flushWebhooks();
        await waitUntil(
          async () => {
            const due = await db
              .selectFrom('inbound_events')
              .select('id')
              .where('source', '=', 'xero')
              .where('status', '=', 'queued')
              .executeTakeFirst();
            return due ? undefined : true;
          },
          { timeoutMs: 5 * 60_000, what: 'the Xero events to be handled' },
        ).catch(() => true);
        const requests = await xero.admin.requests({ tenantId, kind: 'accounting' });
        const singleReads = requests.filter(
          (r) => r.method === 'GET' && /\/(Invoices|Contacts)\/[0-9a-f-]{36}$/i.test(r.path),
        );
        const xeroEvents = await db
          .selectFrom('inbound_events')
          .select(['status'])
          .where('source', '=', 'xero')
          .execute();
        const budget = await db
          .selectFrom('rate_budgets')
          .select(['forecast'])
          .where('tenant_id', '=', tenantId)
          .executeTakeFirst();
        const stats = (await xero.admin.stats()).find(
          (s) => s.tenantId.toLowerCase() === tenantId.toLowerCase(),
        );
        // Operations and the batches that carried them, by kind: how full a running shop's batches are.
        const opsByKind = await db
          .selectFrom('xero_operations')
          .select(['kind', (eb) => eb.fn.countAll<string>().as('n')])
          .groupBy('kind')
          .execute();
        const batchesByKind = await db
          .selectFrom('xero_batches')
          .select(['kind', (eb) => eb.fn.countAll<string>().as('n')])
          .groupBy('kind')
          .execute();
        // When each batch went and how full it was, by kind ("Xero minute:size"): where the calls went.
        const batches = await db
          .selectFrom('xero_batches')
          .select(['kind', 'started_at', 'operation_ids'])
          .orderBy('started_at')
          .execute();
        const t0 = Math.min(...batches.map((b) => new Date(b.started_at).getTime()));
        const batchTimeline: Record<string, string> = {};
        for (const b of batches) {
          const at = ((new Date(b.started_at).getTime() - t0) / input.minuteMs).toFixed(1);
          const size = (typeof b.operation_ids === 'string' ? JSON.parse(b.operation_ids) : b.operation_ids)
            .length;
          batchTimeline[b.kind] = `${batchTimeline[b.kind] ?? ''} ${at}:${size}`.trim();
        }
        const orders = orderIds.length;
        // Past the first arrival window (five Xero minutes, in which the day's pace is not yet known and
        // orders go as they come): the calls of a shop already running, per order placed since.
        const warmUntil = placedFrom + ratePolicy.arrivalWindowMinutes * input.minuteMs;
        const warmOrders = Math.min(orders, Math.ceil((warmUntil - placedFrom) / gapMs));
        const steadyCalls = requests.filter((r) => r.startedAt >= warmUntil).length;
        return {
          orders,
          xeroMinutes: input.xeroMinutes,
          calls: requests.length,
          callsPerOrder: requests.length / orders,
          steadyCallsPerOrder: orders > warmOrders ? steadyCalls / (orders - warmOrders) : null,
          echoReads: singleReads.length,
          xeroEvents: xeroEvents.length,
          dayLimitReached: (stats?.rejected.day ?? 0) > 0,
          rateLimited: requests.filter((r) => r.status === 429).length,
          forecast: budget?.forecast ?? null,
          p50LatencyMs: percentile(latencies, 50),
          p95LatencyMs: percentile(latencies, 95),
          /** The merchant's ceiling (60 Xero seconds) on this clock. */
          ceilingMs: input.minuteMs,
          p95XeroSeconds: (percentile(latencies, 95) * 60) / input.minuteMs,
          operationsByKind: Object.fromEntries(opsByKind.map((r) => [r.kind, Number(r.n)])),
          batchesByKind: Object.fromEntries(batchesByKind.map((r) => [r.kind, Number(r.n)])),
          batchTimeline,
          callsByEndpoint: requests.reduce<Record<string, number>>((acc, r) => {
            const key = `${r.method} ${r.path.replace(/[0-9a-f-]{36}/gi, '{id}')}`;
            acc[key] = (acc[key] ?? 0) + 1;
            return acc;
          }, {}),
        };
      } finally {
        await stack.close();
      }
    });
  } finally {
    await xero.close();
  }
}
