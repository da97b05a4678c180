import {
  CustomerSchema,
  fail,
  ok,
  permanent,
  OrderSchema,
  PaymentSchema,
  ProductSchema,
  RefundSchema,
} from '@ledgerbridge/canonical';
import {
  buildCatalog,
  type Catalog,
  createMemoryCaller,
  createRandom,
  type OrderPlan,
  type PlacedOrder,
  placeOrder,
  type RunningOrderCloudSandbox,
  regions,
  sandboxDefaults,
  setupCatalog,
  startOrderCloudSandbox,
} from '@ledgerbridge/ordercloud-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrderCloudClient, type OrderCloudClient } from './client/ordercloud-client.ts';
import { createOrderCloudAdapter } from './ordercloud-adapter.ts';

let running: RunningOrderCloudSandbox;
let client: OrderCloudClient;
let catalog: Catalog;
const orders: Record<string, PlacedOrder> = {};

function user(predicate: (u: Catalog['users'][number]) => boolean) {
  const found = catalog.users.find(predicate);
  if (!found) throw new Error('no such catalog user');
  return found;
}

const plan = (overrides: Partial<OrderPlan>): OrderPlan => ({
  index: 1,
  region: 'US',
  customer: { kind: 'user', user: user((u) => u.region === 'US' && !u.company) },
  lines: [
    { productId: 'P-002', quantity: 2 },
    { productId: 'P-003', quantity: 1 },
  ],
  promoCodes: ['SAVE10'],
  shipMethod: 'STANDARD',
  giftWrap: false,
  pricesIncludeTax: false,
  payment: { type: 'CreditCard', capture: 'partial' },
  after: 'none',
  ...overrides,
});

beforeAll(async () => {
  running = await startOrderCloudSandbox({ idSeed: 21 });
  catalog = buildCatalog({ random: createRandom(9), regions: ['US', 'AU'] });
  const call = createMemoryCaller(running.sandbox);
  await setupCatalog(call, catalog);
  const at = (day: number) =>
    running.sandbox.clock.set({ now: `2026-02-${String(day).padStart(2, '0')}T09:00:00.000Z`, frozen: true });
  at(1);
  orders.returned = await placeOrder(
    call,
    plan({ index: 2, after: 'return', payment: { type: 'CreditCard', capture: 'full' } }),
  );
  at(2);
  orders.partial = await placeOrder(call, plan({ index: 3 }));
  at(3);
  orders.guest = await placeOrder(
    call,
    plan({
      index: 4,
      region: 'AU',
      pricesIncludeTax: true,
      customer: {
        kind: 'guest',
        guest: {
          email: 'guest@example.com',
          address: regions.AU.addresses[0] ?? { Street1: 'x', City: 'y', Zip: '1', Country: 'AU' },
        },
      },
    }),
  );
  at(4);
  orders.trade = await placeOrder(
    call,
    plan({
      index: 5,
      customer: { kind: 'user', user: user((u) => u.region === 'US' && u.company !== undefined) },
      payment: { type: 'PurchaseOrder', capture: 'none' },
    }),
  );
  at(5);
  orders.canceled = await placeOrder(call, plan({ index: 6, after: 'cancel' }));
  await call({
    as: { kind: 'admin' },
    method: 'PATCH',
    path: '/v1/products/P-002',
    body: { DefaultPriceScheduleID: 'P-002-USD' },
  });
  client = createOrderCloudClient({
    connectionKey: 'adapter-test',
    apiUrl: running.url,
    clientId: sandboxDefaults.integrationClientId,
    clientSecret: sandboxDefaults.integrationClientSecret,
  });
});

afterAll(async () => {
  client.close();
  await running.close();
});

const adapter = () =>
  createOrderCloudAdapter({
    client,
    mapping: {
      pricesIncludeTaxDefault: false,
      anonymousUserIds: Object.values(regions).map((r) => r.guestUsername),
    },
    reconciliationPageSize: 2,
  });

describe('OrderCloud CommerceSource adapter', () => {
  it('getOrder reads the worksheet and returns a valid canonical order', async () => {
    const result = await adapter().getOrder({ orderId: orders.partial?.orderId ?? '' });
    if (!result.ok) throw new Error(result.error.message);
    expect(OrderSchema.parse(result.value)).toEqual(result.value);
    expect(result.value).toMatchObject({
      currency: 'USD',
      pricesIncludeTax: false,
      status: 'open',
      discounts: [{ code: 'SAVE10' }],
    });
    expect(result.value.lines).toHaveLength(2);
  });

  it('profiles the xp of orders, lines, products and buyers on the worksheets the sync reads', async () => {
    const ids = [orders.partial?.orderId ?? '', orders.trade?.orderId ?? ''];
    const result = await adapter().profileSourceValues?.({ orderIds: ids });
    if (!result?.ok) throw new Error(result?.error.message ?? 'no profileSourceValues');
    const category = result.value.find((p) => p.path === 'product.xp.Category');
    // Both orders have the same two products: four lines, each with a category.
    expect(category).toMatchObject({ level: 'line', present: 4, of: 4 });
    expect(category?.distinct).toBe(new Set(category?.samples).size);
    expect(result.value.every((p) => (p.level === 'line' ? p.of === 4 : p.of === 2))).toBe(true);
    // The app's own write-back namespace is never offered as a source.
    expect(result.value.some((p) => p.path.startsWith('order.xp.Ledgerbridge'))).toBe(false);
    const missing = await adapter().profileSourceValues?.({ orderIds: ['no-such-order'] });
    expect(missing?.ok).toBe(false);
  });

  it('guest orders map to a guest customer with a per-order ID (anonymous template users discovered from OrderCloud)', async () => {
    const discovering = createOrderCloudAdapter({ client, mapping: { pricesIncludeTaxDefault: false } });
    const result = await discovering.getOrder({ orderId: orders.guest?.orderId ?? '' });
    expect(result.ok && result.value.customer).toMatchObject({
      kind: 'guest',
      id: `guest-${orders.guest?.orderId}`,
      email: 'guest@example.com',
    });
    expect(result.ok && result.value.pricesIncludeTax).toBe(true);
    const blind = createOrderCloudAdapter({
      client,
      mapping: { pricesIncludeTaxDefault: false },
      discoverAnonymousShoppers: false,
    });
    const merged = await blind.getOrder({ orderId: orders.guest?.orderId ?? '' });
    expect(merged.ok && merged.value.customer).toMatchObject({
      kind: 'person',
      id: regions.AU.guestUsername,
    });
  });

  it('getPayments returns captures (partial ones add up) and leaves refund payments to getRefunds', async () => {
    const partial = await adapter().getPayments({ orderId: orders.partial?.orderId ?? '' });
    if (!partial.ok) throw new Error(partial.error.message);
    expect(partial.value).toHaveLength(1);
    const payment = PaymentSchema.parse(partial.value[0]);
    const captures = payment.transactions.filter((t) => t.type === 'Capture' && t.succeeded);
    expect(captures).toHaveLength(2);
    const returned = await adapter().getPayments({ orderId: orders.returned?.orderId ?? '' });
    expect(returned.ok && returned.value.map((p) => p.attributes.refund)).toEqual([undefined]);
  });

  it('getRefunds maps completed order returns, with the money that went back', async () => {
    const result = await adapter().getRefunds({ orderId: orders.returned?.orderId ?? '' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toHaveLength(1);
    const refund = RefundSchema.parse(result.value[0]);
    expect(refund).toMatchObject({ orderId: orders.returned?.orderId, currency: 'USD', moneyReturned: true });
    expect(refund.lines).toHaveLength(1);
    const none = await adapter().getRefunds({ orderId: orders.partial?.orderId ?? '' });
    expect(none).toEqual({ ok: true, value: [] });
  });

  it('getRefundsOf reads the returns of many orders in one list and maps the completed ones', async () => {
    const ids = [orders.returned?.orderId ?? '', orders.partial?.orderId ?? '', orders.guest?.orderId ?? ''];
    const result = await adapter().getRefundsOf?.({ orderIds: ids });
    if (!result?.ok) throw new Error('no refunds');
    expect([...result.value.keys()]).toEqual(ids);
    // The same refunds as the order's own read.
    const one = await adapter().getRefunds({ orderId: ids[0] ?? '' });
    expect(one.ok && result.value.get(ids[0] ?? '')).toEqual(one.ok && one.value);
    expect(result.value.get(ids[0] ?? '')).toHaveLength(1);
    expect(result.value.get(ids[1] ?? '')).toEqual([]);
  });

  it('getCustomer: a B2B user is a company; a user without email still maps', async () => {
    const trade = await adapter().getCustomer({
      customerId: user((u) => u.region === 'US' && u.company !== undefined).ID,
    });
    expect(trade.ok && CustomerSchema.parse(trade.value)).toMatchObject({
      kind: 'company',
      companyName: expect.any(String),
    });
    const noEmail = user((u) => u.region === 'US' && u.Email === '' && !u.company);
    const result = await adapter().getCustomer({ customerId: noEmail.ID });
    expect(result.ok && result.value).toMatchObject({ kind: 'person', firstName: noEmail.FirstName });
    expect(result.ok && result.value.email).toBeUndefined();
    const missing = await adapter().getCustomer({ customerId: 'nobody' });
    expect(!missing.ok && missing.error.kind).toBe('permanent');
  });

  it('a user group’s billing address bills its members, after a member’s own and before the company’s', async () => {
    const call = createMemoryCaller(running.sandbox);
    const as = { kind: 'admin' as const };
    const buyer = 'grp-buyer';
    await call({ as, method: 'POST', path: '/v1/buyers', body: { ID: buyer, Name: 'Group buyer' } });
    for (const id of ['grp-ana', 'grp-ben', 'grp-cai'])
      await call({
        as,
        method: 'POST',
        path: `/v1/buyers/${buyer}/users`,
        body: {
          ID: id,
          Username: id,
          FirstName: id,
          LastName: 'Member',
          Email: `${id}@example.com`,
          Active: true,
        },
      });
    const address = (id: string, street: string) =>
      call({
        as,
        method: 'POST',
        path: `/v1/buyers/${buyer}/addresses`,
        body: { ID: id, Street1: street, City: 'Sydney', State: 'NSW', Zip: '2000', Country: 'AU' },
      });
    await address('grp-office', '1 Trade St');
    await address('grp-own', '2 Own St');
    await address('grp-hq', '3 Head St');
    await call({
      as,
      method: 'POST',
      path: `/v1/buyers/${buyer}/usergroups`,
      body: { ID: 'trade', Name: 'Trade' },
    });
    for (const member of ['grp-ana', 'grp-ben'])
      await call({
        as,
        method: 'POST',
        path: `/v1/buyers/${buyer}/usergroups/assignments`,
        body: { UserGroupID: 'trade', UserID: member },
      });
    const assign = (body: Record<string, unknown>) =>
      call({ as, method: 'POST', path: `/v1/buyers/${buyer}/addresses/assignments`, body });
    await assign({ AddressID: 'grp-office', UserGroupID: 'trade', IsBilling: true });
    await assign({ AddressID: 'grp-own', UserID: 'grp-ben', IsBilling: true });
    await assign({ AddressID: 'grp-hq', IsBilling: true });
    const source = adapter();
    const billedTo = async (customerId: string) => {
      const customer = await source.getCustomer({ customerId });
      return customer.ok ? customer.value.billingAddress?.line1 : customer.error.message;
    };
    expect(await billedTo('grp-ana')).toBe('1 Trade St'); // the group's
    expect(await billedTo('grp-ben')).toBe('2 Own St'); // a member's own comes first
    expect(await billedTo('grp-cai')).toBe('3 Head St'); // not a member: the company's
    expect(await source.addressHolders?.({ companyId: buyer, addressId: 'grp-office' })).toEqual(
      ok({ customerIds: ['grp-ana', 'grp-ben'], company: false }),
    );
    expect(await source.groupMembers?.({ companyId: buyer, groupId: 'trade' })).toEqual(
      ok(['grp-ana', 'grp-ben']),
    );
  });

  it('getProduct: price from the default price schedule; no SKU when the product has none', async () => {
    const priced = await adapter().getProduct({ productId: 'P-002' });
    expect(priced.ok && ProductSchema.parse(priced.value)).toMatchObject({
      id: 'P-002',
      currency: 'USD',
      price: catalog.products.find((p) => p.ID === 'P-002')?.prices.USD,
    });
    const sample = await adapter().getProduct({ productId: 'FREE-SAMPLE' });
    expect(sample.ok && sample.value).toMatchObject({ id: 'FREE-SAMPLE', name: 'Free sample sachet' });
    expect(sample.ok && sample.value.sku).toBeUndefined();
  });

  it('listProducts: every product, each priced from its default schedule as getProduct is', async () => {
    const listed = await adapter().listProducts?.();
    if (!listed?.ok) throw new Error('listProducts failed');
    expect(listed.value.map((p) => p.id).sort()).toEqual(
      expect.arrayContaining(catalog.products.map((p) => p.ID)),
    );
    const one = await adapter().getProduct({ productId: 'P-002' });
    expect(listed.value.find((p) => p.id === 'P-002')).toEqual(one.ok && one.value);
  });

  it('setProductField: a name, a description, and the single-unit price break (other breaks kept)', async () => {
    const call = createMemoryCaller(running.sandbox);
    await call({
      as: { kind: 'admin' },
      method: 'POST',
      path: '/v1/priceschedules',
      body: {
        ID: 'field-ps',
        Name: 'Field',
        Currency: 'USD',
        PriceBreaks: [
          { Quantity: 10, Price: 8 },
          { Quantity: 1, Price: 10 },
        ],
      },
    });
    await call({
      as: { kind: 'admin' },
      method: 'POST',
      path: '/v1/products',
      body: { ID: 'field-product', Name: 'Before', DefaultPriceScheduleID: 'field-ps' },
    });
    const source = adapter();
    for (const [field, value] of [
      ['name', 'After'],
      ['description', 'Written in Xero'],
      ['price', '9.5'],
    ] as const)
      expect(await source.setProductField?.({ productId: 'field-product', field, value })).toEqual({
        ok: true,
        value: undefined,
      });
    const product = await source.getProduct({ productId: 'field-product' });
    expect(product.ok && product.value).toMatchObject({
      name: 'After',
      description: 'Written in Xero',
      price: '9.50',
    });
    const schedule = await client.getPriceSchedule({ priceScheduleId: 'field-ps' });
    expect(schedule.ok && schedule.value.PriceBreaks?.map((b) => [b.Quantity, b.Price])).toEqual([
      [1, 9.5],
      [10, 8],
    ]);
  });

  it('a variant’s stock, name and description go to the variant; its price is refused (it has none)', async () => {
    const call = createMemoryCaller(running.sandbox);
    const admin = { as: { kind: 'admin' as const } };
    await call({
      ...admin,
      method: 'POST',
      path: '/v1/specs',
      body: { ID: 'vw-size', Name: 'Size', DefinesVariant: true },
    });
    await call({
      ...admin,
      method: 'POST',
      path: '/v1/specs/vw-size/options',
      body: { ID: 'S', Value: 'S' },
    });
    await call({ ...admin, method: 'POST', path: '/v1/products', body: { ID: 'vw-boot', Name: 'Boot' } });
    await call({
      ...admin,
      method: 'POST',
      path: '/v1/specs/productassignments',
      body: { SpecID: 'vw-size', ProductID: 'vw-boot' },
    });
    await call({ ...admin, method: 'POST', path: '/v1/products/vw-boot/variants/generate', body: {} });
    const source = adapter();
    const variant = { productId: 'vw-boot', variantId: 'vw-boot-S' };
    expect(await source.setProductStock({ ...variant, quantityAvailable: 4 })).toEqual(ok(undefined));
    expect(await source.renameProduct({ ...variant, name: 'Boot, small' })).toEqual(ok(undefined));
    expect(
      await source.setProductField?.({ ...variant, field: 'description', value: 'Written in Xero' }),
    ).toEqual(ok(undefined));
    const price = await source.setProductField?.({ ...variant, field: 'price', value: '9' });
    expect(price?.ok === false && price.error.kind).toBe('permanent');
    const read = await call({ ...admin, method: 'GET', path: '/v1/products/vw-boot/variants/vw-boot-S' });
    expect(read).toMatchObject({
      Name: 'Boot, small',
      Description: 'Written in Xero',
      Inventory: { QuantityAvailable: 4 },
    });
    // The product itself is untouched.
    const product = await call({ ...admin, method: 'GET', path: '/v1/products/vw-boot' });
    expect(product).toMatchObject({ Name: 'Boot', Inventory: null });
  });

  it('lists submitted orders since a time, page by page (reconciliation)', async () => {
    const source = adapter();
    const first = await source.listSubmittedOrdersSince({ since: '2026-02-01T12:00:00Z' });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value).toMatchObject({
      orderIds: [orders.partial?.orderId, orders.guest?.orderId],
      nextPage: 2,
    });
    // Each listed order with its customer and submission time (the history import's dry run reads them).
    expect(first.value.orders?.map((o) => o.id)).toEqual(first.value.orderIds);
    expect(first.value.orders?.[0]?.submittedAt).toBe('2026-02-02T09:00:00.000Z');
    const second = await source.listSubmittedOrdersSince({
      since: '2026-02-01T12:00:00Z',
      page: first.value.nextPage,
    });
    expect(second.ok && second.value.orderIds).toEqual([orders.trade?.orderId, orders.canceled?.orderId]);
    expect(second.ok && second.value.nextPage).toBeUndefined();
  });

  it('writeBack stores integration state in order xp and completes the order when asked', async () => {
    const orderId = orders.trade?.orderId ?? '';
    const state = {
      invoiceId: 'inv-9',
      invoiceNumber: 'INV-0009',
      invoiceStatus: 'AUTHORISED',
      needsAttention: false,
      syncedAt: '2026-02-10T00:00:00.000Z',
    };
    expect(await adapter().writeBack({ orderId, state, status: 'Completed' })).toEqual({
      ok: true,
      value: undefined,
    });
    const order = await client.getOrder({ orderId });
    expect(order.ok && order.value).toMatchObject({
      Status: 'Completed',
      xp: {
        NeedsAttention: false,
        Ledgerbridge: {
          InvoiceID: 'inv-9',
          InvoiceNumber: 'INV-0009',
          AmountPaid: null,
          SyncedAt: state.syncedAt,
        },
      },
    });
    expect(
      await adapter().writeBack({ orderId, state: { ...state, amountPaid: '10.00' }, status: 'Completed' }),
    ).toEqual({ ok: true, value: undefined });
    const canceled = await adapter().writeBack({
      orderId: orders.canceled?.orderId ?? '',
      state,
      status: 'Completed',
    });
    expect(!canceled.ok && canceled.error.kind).toBe('permanent');
  });
});

describe('completing an order another writer completed meanwhile', () => {
  // Between the patch (the order is Open) and the complete, a Xero payment event or a late write-back
  // may complete it: OrderCloud then answers Order.CannotCompleteBadStatus.
  const raced = (statusAfter: string) =>
    createOrderCloudAdapter({
      client: {
        patchOrderXp: async () => ({ ok: true, value: { ID: 'O-1', Status: 'Open' } }),
        completeOrder: async () =>
          fail(permanent('ordercloud.Order.CannotCompleteBadStatus', 'Order status must be Open.')),
        getOrder: async () => ({ ok: true, value: { ID: 'O-1', Status: statusAfter } }),
      } as unknown as OrderCloudClient,
      mapping: { pricesIncludeTaxDefault: false, anonymousUserIds: [] },
    });
  const state = { invoiceId: 'inv-1', needsAttention: false, syncedAt: '2026-02-10T00:00:00.000Z' };

  it('takes an order found Completed as done', async () => {
    expect(await raced('Completed').writeBack({ orderId: 'O-1', state, status: 'Completed' })).toEqual({
      ok: true,
      value: undefined,
    });
  });

  it('keeps the refusal when the order is not Completed after all', async () => {
    const result = await raced('Canceled').writeBack({ orderId: 'O-1', state, status: 'Completed' });
    expect(!result.ok && result.error.code).toBe('ordercloud.Order.CannotCompleteBadStatus');
  });
});
