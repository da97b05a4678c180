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
import { startStack, waitUntil } from '../support/stack.ts';
import { withBenchDatabase } from './bench-database.ts';
import { percentile } from './percentile.ts';

/**
 * Light load: one order at a time, a little apart. Latency runs from the moment the submit webhook is
 * stored to the moment the invoice exists in Xero (both read from our own records).
 */
export async function measureLatency(input: { orders: number; gapMs: number; seed: number }) {
  const xero = await startXeroSandbox();
  try {
    return await withBenchDatabase(async (url) => {
      const stack = await startStack({
        xero,
        tenantId: SEEDED_TENANT_IDS.au,
        databaseUrl: url,
        catalog: { seed: input.seed, profile: 'au' },
      });
      try {
        const random = createRandom(input.seed);
        const catalog = buildCatalog({ random, regions: profileRegions('au') });
        const plans = planOrders({ random, catalog, count: input.orders, profile: 'au' }).filter(
          (p) => p.after !== 'cancel',
        );
        const call = createMemoryCaller(stack.orderCloud.sandbox);
        const db = stack.infra.database.db;
        const latencies: number[] = [];
        for (const plan of plans) {
          const { orderId } = await placeOrder(call, plan);
          const invoiced = await waitUntil(
            async () =>
              db
                .selectFrom('timeline')
                .select('at')
                .where('subject_id', '=', `${stack.connectionId}:${orderId}`)
                .where('step', '=', 'invoice')
                .where('outcome', '=', 'ok')
                .executeTakeFirst(),
            { timeoutMs: 30_000, what: `order ${orderId} to be invoiced` },
          ).catch(async (error: unknown) => {
            const steps = await db
              .selectFrom('timeline')
              .select(['step', 'outcome', 'message'])
              .where('subject_id', '=', `${stack.connectionId}:${orderId}`)
              .execute();
            const sync = await db
              .selectFrom('order_syncs')
              .selectAll()
              .where('order_id', '=', orderId)
              .executeTakeFirst();
            const ops = await db
              .selectFrom('xero_operations')
              .select(['kind', 'status', 'error', 'batch_id'])
              .where('order_id', '=', orderId)
              .execute();
            const flushes = await db
              .selectFrom(sql`pgboss.job`.as('j'))
              .select([sql<string>`state`.as('state'), sql<string>`left(output::text, 300)`.as('out')])
              .where(sql.ref('j.name'), '=', 'flush')
              .execute();
            throw new Error(
              `${(error as Error).message}: ${JSON.stringify({ sync, steps, ops, flushes: flushes.slice(-5) })}`,
            );
          });
          const received = await db
            .selectFrom('inbound_events')
            .select('received_at')
            .where('event_type', '=', 'order.submitted')
            .where('payload', '@>', JSON.stringify({ Response: { Body: { ID: orderId } } }) as never)
            .executeTakeFirst();
          if (received)
            latencies.push(new Date(invoiced.at).getTime() - new Date(received.received_at).getTime());
          await new Promise((r) => setTimeout(r, input.gapMs));
        }
        return { samples: latencies.length, p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
      } finally {
        await stack.close();
      }
    });
  } finally {
    await xero.close();
  }
}
