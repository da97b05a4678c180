import {
  buildCatalog,
  createMemoryCaller,
  createRandom,
  placeOrder,
  planOrders,
  profileRegions,
} from '@ledgerbridge/ordercloud-sandbox';
import type { Stack } from '../support/stack.ts';

/**
 * Places the generator's orders for the AU profile (those it would cancel left out) one every `gapMs`,
 * open loop: the next does not wait for the last. Returns their IDs in the order placed.
 */
export async function placeOpenLoopOrders(
  stack: Stack,
  input: { seed: number; count: number; gapMs: number },
): Promise<string[]> {
  const random = createRandom(input.seed);
  const catalog = buildCatalog({ random, regions: profileRegions('au') });
  const plans = planOrders({ random, catalog, count: input.count, profile: 'au' }).filter(
    (p) => p.after !== 'cancel',
  );
  const call = createMemoryCaller(stack.orderCloud.sandbox);
  const started = Date.now();
  const orderIds: string[] = [];
  for (const [index, plan] of plans.entries()) {
    const wait = started + index * input.gapMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    orderIds.push((await placeOrder(call, plan)).orderId);
  }
  return orderIds;
}

/** Milliseconds from the stored submit webhook of an order to `invoicedAt`, or undefined without one. */
export async function latencyFromSubmit(
  stack: Stack,
  orderId: string,
  invoicedAt: Date | string,
): Promise<number | undefined> {
  const received = await stack.infra.database.db
    .selectFrom('inbound_events')
    .select('received_at')
    .where('event_type', '=', 'order.submitted')
    .where('payload', '@>', JSON.stringify({ ResponseID: orderId }) as never)
    .executeTakeFirst();
  return received ? new Date(invoicedAt).getTime() - new Date(received.received_at).getTime() : undefined;
}
