import {
  buildCatalog,
  createMemoryCaller,
  createRandom,
  type OrderPlan,
  placeOrder,
  planOrders,
  type RunningOrderCloudSandbox,
  sandboxDefaults,
  setupCatalog,
  startOrderCloudSandbox,
} from '@ledgerbridge/ordercloud-sandbox';
import { Auth, Configuration, Orders } from 'ordercloud-javascript-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrderCloudClient, type OrderCloudClientConfig } from './ordercloud-client.ts';

let sandbox: RunningOrderCloudSandbox;
let other: RunningOrderCloudSandbox;
const placed: { orderId: string; lines: number; at: string }[] = [];
let keySeq = 0;

function client(overrides: Partial<OrderCloudClientConfig> = {}, target = () => sandbox) {
  keySeq += 1;
  return createOrderCloudClient({
    connectionKey: `client-test-${keySeq}`,
    apiUrl: target().url,
    clientId: sandboxDefaults.integrationClientId,
    clientSecret: sandboxDefaults.integrationClientSecret,
    retry: { sleep: async () => undefined },
    ...overrides,
  });
}

async function populate(running: RunningOrderCloudSandbox, seed: number, count: number, huge: boolean) {
  const random = createRandom(seed);
  const catalog = buildCatalog({ random, regions: ['AU', 'US'] });
  const plans = planOrders({ random, catalog, count, profile: 'mixed' });
  const call = createMemoryCaller(running.sandbox);
  await setupCatalog(call, catalog);
  const result: { orderId: string; lines: number; at: string }[] = [];
  for (const [i, plan] of plans.entries()) {
    const withLines: OrderPlan =
      huge && i === 0
        ? {
            ...plan,
            lines: Array.from({ length: 230 }, (_, n) => ({ productId: `P-00${(n % 9) + 1}`, quantity: 1 })),
            promoCodes: [],
          }
        : plan;
    running.sandbox.clock.set({
      now: `2026-01-${String(10 + i).padStart(2, '0')}T10:00:00.000Z`,
      frozen: true,
    });
    const order = await placeOrder(call, { ...withLines, after: 'none' });
    result.push({
      orderId: order.orderId,
      lines: withLines.lines.length,
      at: running.sandbox.clock.nowIso(),
    });
  }
  return result;
}

beforeAll(async () => {
  sandbox = await startOrderCloudSandbox({ idSeed: 11 });
  other = await startOrderCloudSandbox({ idSeed: 12 });
  placed.push(...(await populate(sandbox, 4, 6, true)));
  await populate(other, 5, 2, false);
});

afterAll(async () => {
  await sandbox.close();
  await other.close();
});

describe('OrderCloud API client (over the real SDK, against the sandbox)', () => {
  it('reads an order and its worksheet with one cached client-credentials token', async () => {
    await sandbox.admin.setClock({ now: '2026-01-20T00:00:00Z' });
    const before = (await sandbox.admin.stats()).tokenRequests;
    const oc = client();
    const target = placed[1];
    if (!target) throw new Error('no order');
    const [order, worksheet, payments] = await Promise.all([
      oc.getOrder({ orderId: target.orderId }),
      oc.getWorksheet({ orderId: target.orderId }),
      oc.listPayments({ orderId: target.orderId }),
    ]);
    expect(order.ok && order.value.ID).toBe(target.orderId);
    expect(worksheet.ok && worksheet.value.OrderCalculateResponse?.xp?.TaxCalculation?.TotalTax).toBeTypeOf(
      'number',
    );
    expect(payments.ok).toBe(true);
    expect((await sandbox.admin.stats()).tokenRequests - before).toBe(1);
    oc.close();
  });

  it('refreshes the token shortly before it expires', async () => {
    await sandbox.admin.seed({
      apiClients: [
        {
          ID: 'short-lived',
          ClientSecret: 's3cret',
          AppName: 'short',
          AccessTokenDuration: 1,
          DefaultContextUserName: sandboxDefaults.integrationUsername,
          AllowSeller: true,
        },
      ],
    });
    let now = Date.now();
    const oc = client({ clientId: 'short-lived', clientSecret: 's3cret', now: () => now });
    const before = (await sandbox.admin.stats()).tokenRequests;
    await oc.getOrder({ orderId: placed[0]?.orderId ?? '' });
    now += 50_000;
    await oc.getOrder({ orderId: placed[0]?.orderId ?? '' });
    expect((await sandbox.admin.stats()).tokenRequests - before).toBe(1);
    now += 5_000; // within the last tenth of a 60 s token
    await oc.getOrder({ orderId: placed[0]?.orderId ?? '' });
    expect((await sandbox.admin.stats()).tokenRequests - before).toBe(2);
    oc.close();
  });

  it('pages through all line items of a 230-line order', async () => {
    const big = placed[0];
    if (!big) throw new Error('no order');
    const before =
      (await sandbox.admin.stats()).apiRequestsByRoute['GET v1/orders/{direction}/{orderID}/lineitems'] ?? 0;
    const oc = client();
    const lines = await oc.listLineItems({ orderId: big.orderId });
    expect(lines.ok && lines.value.length).toBe(230);
    expect(new Set(lines.ok ? lines.value.map((l) => l.ID) : []).size).toBe(230);
    expect(
      (await sandbox.admin.stats()).apiRequestsByRoute['GET v1/orders/{direction}/{orderID}/lineitems'],
    ).toBe(before + 3);
    oc.close();
  });

  it('lists submitted orders since a time, page by page, oldest first (the reconciliation lister)', async () => {
    const oc = client();
    const since = placed[2]?.at ?? '';
    const first = await oc.listSubmittedOrders({ since, pageSize: 2 });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.page).toMatchObject({ page: 1, totalCount: 3, totalPages: 2 });
    const second = await oc.listSubmittedOrders({ since, page: 2, pageSize: 2 });
    const ids = [...first.value.orders, ...(second.ok ? second.value.orders : [])].map((o) => o.ID);
    expect(ids).toEqual(placed.slice(3).map((p) => p.orderId));
    oc.close();
  });

  it('merges integration state into order xp and completes the order', async () => {
    const oc = client();
    const orderId = placed[3]?.orderId ?? '';
    const patched = await oc.patchOrderXp({
      orderId,
      xp: { Ledgerbridge: { InvoiceID: 'inv-1', Nested: { a: 1 } } },
    });
    const again = await oc.patchOrderXp({
      orderId,
      xp: { Ledgerbridge: { Nested: { b: 2 } }, NeedsAttention: false },
    });
    expect(patched.ok).toBe(true);
    expect(again.ok && again.value.xp).toMatchObject({
      PricesIncludeTax: expect.any(Boolean),
      NeedsAttention: false,
      Ledgerbridge: { InvoiceID: 'inv-1', Nested: { a: 1, b: 2 } },
    });
    const completed = await oc.completeOrder({ orderId });
    expect(completed.ok && completed.value.Status).toBe('Completed');
    const twice = await oc.completeOrder({ orderId });
    expect(!twice.ok && twice.error).toMatchObject({
      kind: 'permanent',
      code: 'ordercloud.Order.CannotCompleteBadStatus',
    });
    oc.close();
  });

  it('maps a missing order to a permanent not_found error', async () => {
    const oc = client();
    const result = await oc.getOrder({ orderId: 'does-not-exist' });
    expect(!result.ok && result.error).toMatchObject({ kind: 'permanent', code: 'ordercloud.not_found' });
    expect(!result.ok && result.error.message).toContain('does-not-exist');
    oc.close();
  });

  it('wrong client credentials need a reconnect (no retries)', async () => {
    const before = (await sandbox.admin.stats()).tokenRequests;
    const oc = client({ clientSecret: 'wrong' });
    const result = await oc.getOrder({ orderId: placed[0]?.orderId ?? '' });
    expect(!result.ok && result.error.kind).toBe('needs-reconnect');
    expect((await sandbox.admin.stats()).tokenRequests - before).toBe(1);
    oc.close();
  });

  it('a revoked token is replaced transparently (one refresh on 401)', async () => {
    const oc = client();
    const orderId = placed[0]?.orderId ?? '';
    expect((await oc.getOrder({ orderId })).ok).toBe(true);
    await sandbox.admin.revokeTokens();
    const before = (await sandbox.admin.stats()).tokenRequests;
    expect((await oc.getOrder({ orderId })).ok).toBe(true);
    expect((await sandbox.admin.stats()).tokenRequests - before).toBe(1);
    oc.close();
  });

  it('a token that stops working is refreshed once; a deleted API client then needs a reconnect', async () => {
    await sandbox.admin.seed({
      apiClients: [
        {
          ID: 'to-delete',
          ClientSecret: 'x',
          AppName: 'doomed',
          DefaultContextUserName: sandboxDefaults.integrationUsername,
          AllowSeller: true,
        },
      ],
    });
    const oc = client({ clientId: 'to-delete', clientSecret: 'x' });
    expect((await oc.getOrder({ orderId: placed[0]?.orderId ?? '' })).ok).toBe(true);
    sandbox.sandbox.state.apiClients.delete('to-delete');
    const result = await oc.getOrder({ orderId: placed[0]?.orderId ?? '' });
    expect(!result.ok && result.error.kind).toBe('needs-reconnect');
    oc.close();
  });

  it('retries 429 honouring Retry-After, and 5xx with backoff, within bounded attempts', async () => {
    const sleeps: number[] = [];
    const oc = client({
      retry: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, maxAttempts: 4 },
    });
    const orderId = placed[1]?.orderId ?? '';
    await oc.getOrder({ orderId }); // token first, so faults hit the API call
    await sandbox.admin.setFaults({
      api: [
        { status: 429, times: 1, retryAfterSeconds: 2, path: '/worksheet' },
        { status: 503, times: 1, path: '/worksheet' },
      ],
    });
    const result = await oc.getWorksheet({ orderId });
    expect(result.ok).toBe(true);
    expect(sleeps).toEqual([2000, 250]);

    await sandbox.admin.setFaults({ api: [{ status: 500, times: 10, path: '/worksheet' }] });
    const gaveUp = await oc.getWorksheet({ orderId });
    expect(!gaveUp.ok && gaveUp.error.kind).toBe('retryable');
    await sandbox.admin.clearFaults();
    oc.close();
  });

  it('an unreachable API is a retryable network error', async () => {
    const oc = createOrderCloudClient({
      connectionKey: 'unreachable',
      apiUrl: 'http://127.0.0.1:9',
      clientId: 'x',
      clientSecret: 'y',
      retry: { maxAttempts: 2, sleep: async () => undefined },
    });
    const result = await oc.getOrder({ orderId: 'o' });
    expect(!result.ok && result.error).toMatchObject({ kind: 'retryable', code: 'ordercloud.network' });
    oc.close();
  });

  it('serves two marketplaces at once, whatever the SDK global Configuration says', async () => {
    const a = client();
    const b = client({}, () => other);
    // Someone else in the process points the SDK's global configuration at marketplace B.
    Configuration.Set({ baseApiUrl: other.url });
    const before = {
      a: (await sandbox.admin.stats()).apiRequests,
      b: (await other.admin.stats()).apiRequests,
    };
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0
          ? a.listSubmittedOrders({ since: '2020-01-01T00:00:00Z' })
          : b.listSubmittedOrders({ since: '2020-01-01T00:00:00Z' }),
      ),
    );
    const counts = results.map((r) => (r.ok ? r.value.page.totalCount : -1));
    expect(counts.filter((_, i) => i % 2 === 0)).toEqual(Array(5).fill(6));
    expect(counts.filter((_, i) => i % 2 === 1)).toEqual(Array(5).fill(2));
    expect((await sandbox.admin.stats()).apiRequests - before.a).toBe(5);
    expect((await other.admin.stats()).apiRequests - before.b).toBe(5);
    // ...and untagged SDK calls of that someone still go where they asked.
    const token = await Auth.ClientCredentials(
      sandboxDefaults.integrationClientSecret,
      sandboxDefaults.integrationClientId,
    );
    const listed = await Orders.List('Incoming', {}, { accessToken: token.access_token });
    expect(listed.Meta?.TotalCount).toBe(2);
    a.close();
    b.close();
  });
});
