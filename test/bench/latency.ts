import { SEEDED_TENANT_IDS, startXeroSandbox } from '@ledgerbridge/xero-sandbox';
import { startStack, waitUntil } from '../support/stack.ts';
import { withBenchDatabase } from './bench-database.ts';
import { latencyFromSubmit, placeOpenLoopOrders } from './open-loop-orders.ts';
import { percentile } from './percentile.ts';

/**
 * Light load: orders arriving on a fixed schedule (open loop: the next does not wait for the last), far
 * enough apart in Xero time that neither the tenant's minute nor its day is the constraint (so the day's
 * pace holds nothing back to fill batches). Latency runs from the moment the submit webhook is stored to the
 * moment the invoice exists in Xero (both read from our own records).
 */
export async function measureLatency(input: {
  orders: number;
  gapMs: number;
  seed: number;
  minuteMs: number;
}) {
  const xero = await startXeroSandbox({ minuteMs: input.minuteMs });
  try {
    return await withBenchDatabase(async (url) => {
      const stack = await startStack({
        xero,
        tenantId: SEEDED_TENANT_IDS.au,
        databaseUrl: url,
        catalog: { seed: input.seed, profile: 'au' },
        worker: { limits: { minuteMs: input.minuteMs } },
      });
      try {
        const db = stack.infra.database.db;
        const orderIds = await placeOpenLoopOrders(stack, {
          seed: input.seed,
          count: input.orders,
          gapMs: input.gapMs,
        });
        const latencies: number[] = [];
        for (const orderId of orderIds) {
          const invoiced = await waitUntil(
            async () =>
              db
                .selectFrom('timeline')
                .select('at')
                .where('subject_id', '=', `${stack.connectionId}:${orderId}`)
                .where('step', '=', 'invoice')
                .where('outcome', '=', 'ok')
                .executeTakeFirst(),
            { timeoutMs: 60_000, what: `order ${orderId} to be invoiced` },
          ).catch(async (error: unknown) => {
            const steps = await db
              .selectFrom('timeline')
              .select(['step', 'outcome', 'message'])
              .where('subject_id', '=', `${stack.connectionId}:${orderId}`)
              .execute();
            const ops = await db
              .selectFrom('xero_operations')
              .select(['kind', 'status', 'error', 'batch_id'])
              .where('order_id', '=', orderId)
              .execute();
            const budget = await db.selectFrom('rate_budgets').selectAll().execute();
            throw new Error(`${(error as Error).message}: ${JSON.stringify({ steps, ops, budget })}`);
          });
          const latency = await latencyFromSubmit(stack, orderId, invoiced.at);
          if (latency !== undefined) latencies.push(latency);
        }
        const requests = await xero.admin.requests({ tenantId: SEEDED_TENANT_IDS.au, kind: 'accounting' });
        return {
          samples: latencies.length,
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          max: Math.max(...latencies),
          all: latencies,
          xeroCalls: requests.length,
          rateLimited: requests.filter((r) => r.status === 429).length,
        };
      } finally {
        await stack.close();
      }
    });
  } finally {
    await xero.close();
  }
}
