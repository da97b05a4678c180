import { createSandboxCore, type Sandbox } from '../core.ts';
import { createRandom } from '../prng.ts';
import { buildCatalog, type Catalog } from './catalog.ts';
import { createHttpCaller, createMemoryCaller, type ScenarioCaller } from './callers.ts';
import { type GeneratorProfile, type OrderPlan, planOrders, profileRegions } from './plans.ts';
import { type PlacedOrder, placeOrder, setupCatalog } from './scenario.ts';

export type Json = Record<string, unknown>;

/** One generated order as OrderCloud's API returns it (JSON numbers and all). */
export type GeneratedOrder = {
  plan: OrderPlan;
  placed: PlacedOrder;
  worksheet: Json;
  payments: Json[];
  orderReturns: Json[];
  user: Json | undefined;
};

export type GenerateOrdersInput = {
  seed: number;
  count: number;
  profile?: GeneratorProfile;
  startAt?: string;
};

async function listAll(
  call: ScenarioCaller,
  path: string,
  query: Record<string, string> = {},
): Promise<Json[]> {
  const items: Json[] = [];
  for (let page = 1; ; page += 1) {
    const result = (await call({
      as: { kind: 'admin' },
      method: 'GET',
      path,
      query: { ...query, page: String(page), pageSize: '100' },
    })) as {
      Items: Json[];
      Meta: { TotalPages: number };
    };
    items.push(...result.Items);
    if (page >= result.Meta.TotalPages) return items;
  }
}

/** Plans and places orders through an in-process sandbox (same router, handlers, totals and tax
 * engine as the HTTP server), then reads them back as OrderCloud JSON. Deterministic per seed. */
export async function generateOrders(
  input: GenerateOrdersInput,
): Promise<{ orders: GeneratedOrder[]; catalog: Catalog; sandbox: Sandbox }> {
  const profile = input.profile ?? 'mixed';
  const sandbox = createSandboxCore({
    idSeed: input.seed,
    clock: { now: input.startAt ?? '2026-01-05T09:00:00.000Z', frozen: true },
  });
  const random = createRandom(input.seed);
  const catalog = buildCatalog({ random, regions: profileRegions(profile) });
  const plans = planOrders({ random, catalog, count: input.count, profile });
  const call = createMemoryCaller(sandbox);
  await setupCatalog(call, catalog);
  const orders: GeneratedOrder[] = [];
  for (const plan of plans) {
    sandbox.clock.advance(7 * 60_000);
    const placed = await placeOrder(call, plan);
    const worksheet = (await call({
      as: { kind: 'admin' },
      method: 'GET',
      path: `/v1/orders/Incoming/${placed.orderId}/worksheet`,
    })) as Json;
    const payments = await listAll(call, `/v1/orders/Incoming/${placed.orderId}/payments`);
    const orderReturns = await listAll(call, '/v1/orderreturns', { OrderID: placed.orderId });
    const user =
      plan.customer.kind === 'user'
        ? ((await call({
            as: { kind: 'admin' },
            method: 'GET',
            path: `/v1/buyers/${plan.customer.user.BuyerID}/users/${plan.customer.user.ID}`,
          })) as Json)
        : undefined;
    orders.push({ plan, placed, worksheet, payments, orderReturns, user });
  }
  return { orders, catalog, sandbox };
}

/** Drives a whole scenario against a running sandbox over HTTP: catalog, buyer users, orders
 * (registered and guest), payments and captures, cancellations and returns. Webhooks fire. */
export async function runOrderScenario(
  input: GenerateOrdersInput & { baseUrl: string; clientId?: string; clientSecret?: string },
): Promise<{
  catalog: Catalog;
  orders: PlacedOrder[];
}> {
  const profile = input.profile ?? 'mixed';
  const random = createRandom(input.seed);
  const catalog = buildCatalog({ random, regions: profileRegions(profile) });
  const plans = planOrders({ random, catalog, count: input.count, profile });
  const call = createHttpCaller(input);
  await setupCatalog(call, catalog);
  const orders: PlacedOrder[] = [];
  for (const plan of plans) orders.push(await placeOrder(call, plan));
  return { catalog, orders };
}
