import { queueNames } from '@ledgerbridge/xero-app';
import { fixtureReference, pinDefaultMapping } from '@ledgerbridge/xero-app/testing';
import { SEEDED_TENANT_IDS, startXeroSandbox, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { Auth, Configuration, PriceSchedules, Products, Specs } from 'ordercloud-javascript-sdk';
import { sandboxDefaults } from '@ledgerbridge/ordercloud-sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Item, XeroClient } from 'xero-node';
import { createStackDatabase, type StackDatabase, testBackends } from '../support/backends.ts';
import { describeProgress, type Stack, startStack, waitUntil } from '../support/stack.ts';

// A catalog of 500 priced products reaches an empty Xero org as items, in batches of 50, through the
// real SDKs on both sides: OrderCloud's SDK writes products, its webhooks reach the app, the app
// upserts items with xero-node, and the test reads Xero back with xero-node.
const productCount = 500;
const longSku = 'ACME-OUTDOOR-TENT-4P-GREEN-XL-2026-EDITION-01'; // 45 characters
// Ten of the products are sold in two sizes (variants, XL with a markup): 490 + 20 items. A variant's
// SKU is in its own xp (the source-path convention `variant.xp.SKU`); one is 45 characters long.
const variantProducts = new Set([1, 51, 101, 151, 201, 251, 301, 351, 401, 451]);
const itemCount = productCount + variantProducts.size;
const longVariantSku = 'ACME-OUTDOOR-JACKET-WATERPROOF-BLUE-XL-2026-1'; // 45 characters

describe.each(testBackends)('catalog → Xero items (%s)', (backend) => {
  let xero: XeroSandbox;
  let database: StackDatabase;
  let stack: Stack;
  let xeroApi: XeroClient;
  let oc: { accessToken: string };
  const tenantId = SEEDED_TENANT_IDS.au;

  beforeAll(async () => {
    xero = await startXeroSandbox();
    database = await createStackDatabase(backend, inject('postgresUrl'));
    stack = await startStack({
      xero,
      tenantId,
      databaseUrl: database.url,
      catalog: { seed: 16, profile: 'au' },
      // The Items poll runs when a test asks for it (its schedule would land in the call counts).
      worker: { catalogFillWaitMs: 3_000, itemPollCron: '0 0 1 1 *' },
    });
    // The merchant's mapping is set before the catalog is synced (the console's setup does it); Xero
    // owns stock.
    await pinDefaultMapping(stack.infra.database.db, {
      connectionId: stack.connectionId,
      reference: fixtureReference('au'),
      adjust: (config) => ({ ...config, items: { ...config.items, stockFromXero: true } }),
    });
    const tokens = await xero.admin.issueTokens({ tenantIds: [tenantId] });
    xeroApi = new XeroClient();
    xeroApi.setTokenSet({ access_token: tokens.access_token, token_type: 'Bearer' });
    xeroApi.accountingApi.basePath = xero.apiBasePath;
    Configuration.Set({ baseApiUrl: stack.orderCloud.url });
    const token = await Auth.ClientCredentials(
      sandboxDefaults.integrationClientSecret,
      sandboxDefaults.integrationClientId,
    );
    oc = { accessToken: token.access_token ?? '' };
    // The catalog's first sync reads the organisation's items once (decision 0126): a product synced
    // here spends that read, so each test's call counts hold only the calls it causes.
    await PriceSchedules.Create(
      { ID: 'warm-up-ps', Name: 'Warm-up', Currency: 'AUD', PriceBreaks: [{ Quantity: 1, Price: 1 }] },
      oc,
    );
    await Products.Create(
      {
        ID: 'warm-up',
        Name: 'Warm-up product',
        DefaultPriceScheduleID: 'warm-up-ps',
        xp: { SKU: 'WARM-UP' },
      },
      oc,
    );
    await waitUntil(async () => doneItemOf('WARM-UP'), {
      timeoutMs: 60_000,
      what: 'the first product synced',
      explain: () => describeProgress(stack),
    });
  }, 180_000);
  afterAll(async () => {
    await stack?.close();
    await database?.drop();
    await xero?.close();
  });

  // Prices from their decimal text (10.00 … 14.99), never float arithmetic.
  const priceOf = (i: number) => Number(`${10 + Math.floor(i / 100)}.${String(i % 100).padStart(2, '0')}`);
  const skuOf = (i: number) => (i === 0 ? longSku : `CAT-${String(i).padStart(4, '0')}`);
  const xeroCalls = async (since: number) =>
    (await xero.admin.requests({ tenantId, kind: 'accounting', since })).length;
  /**
   * The moment a quiet check counts from: a millisecond after the test's own last read of Xero, which the
   * sandbox can log in the very millisecond the read came back.
   */
  const quietMark = async () => {
    await new Promise((r) => setTimeout(r, 2));
    return Date.now();
  };
  /** The app's Xero calls since a moment, and the item operations it touched since then (for a failure's message). */
  const callsSince = async (since: number) => {
    const calls = await xero.admin.requests({ tenantId, kind: 'accounting', since });
    const touched = await stack.infra.database.db
      .selectFrom('xero_operations')
      .select(['op_key', 'status', 'source_read_at', 'created_at', 'updated_at', 'payload'])
      .where('updated_at', '>=', new Date(since - 2_000))
      .execute();
    return {
      calls: calls.map((c) => `${c.method} ${c.path}`),
      why: `calls: ${JSON.stringify(calls.map((c) => ({ m: c.method, p: c.path, s: c.status, at: c.startedAt - since })))}\noperations touched: ${JSON.stringify(
        touched.map((t) => ({
          ...t,
          created_at: new Date(t.created_at).getTime() - since,
          updated_at: new Date(t.updated_at).getTime() - since,
        })),
      )}`,
    };
  };
  const itemsInXero = async (): Promise<Item[]> =>
    (await xeroApi.accountingApi.getItems(tenantId)).body.items ?? [];
  /**
   * One poll of Xero's items, run to its end (polls never pile up behind a test's loop), at most one
   * every 2 s so a wait loop leaves the app most of its Xero minute.
   */
  let lastPoll = 0;
  const pollItems = async () => {
    const pause = lastPoll + 2_000 - Date.now();
    if (pause > 0) await new Promise((r) => setTimeout(r, pause));
    lastPoll = Date.now();
    const polledAt = async () => {
      const row = await stack.infra.database.db
        .selectFrom('item_poll_watermarks')
        .select('polled_at')
        .where('connection_id', '=', stack.connectionId)
        .executeTakeFirst();
      return row ? new Date(row.polled_at).getTime() : 0;
    };
    // A poll that began reading before this request (one an earlier loop queued) saw Xero as it was then:
    // the wait is for a poll that started after it.
    const requestedAt = Date.now();
    await stack.infra.queue.enqueue({
      queue: queueNames.itemPoll,
      data: { connectionId: stack.connectionId },
    });
    stack.infra.queue.wake(queueNames.itemPoll);
    await waitUntil(async () => (await polledAt()) >= requestedAt, {
      timeoutMs: 30_000,
      what: 'the items poll',
      explain: () => describeProgress(stack),
    });
  };
  const quantityInOrderCloud = async (productId: string) =>
    (await Products.Get(productId, oc)).Inventory?.QuantityAvailable ?? null;
  const agreedWithXero = async (code: string) =>
    stack.infra.database.db
      .selectFrom('catalog_item_states')
      .select('fields')
      .where('connection_id', '=', stack.connectionId)
      .where('item_code', '=', code)
      .executeTakeFirst();
  const conflictsOf = async (code: string) =>
    stack.infra.database.db
      .selectFrom('catalog_conflicts')
      .select(['field', 'ordercloud_value', 'xero_value', 'winner'])
      .where('item_code', '=', code)
      .execute();
  /**
   * An item as the merchant sees it in Xero, read through the sandbox's admin API (an edit with no
   * fields): a test's wait loops must not spend the organisation's API minute the app is measured on.
   */
  const seenInXero = async (code: string) => {
    try {
      return (await xero.admin.editItem(tenantId, code, {})) as {
        Name?: string;
        SalesDetails?: { UnitPrice?: number };
      };
    } catch {
      return undefined;
    }
  };
  const itemOf = async (code: string) =>
    (await xeroApi.accountingApi.getItem(tenantId, code)).body.items?.[0];
  /** A product priced and synced to Xero, then polled once: both sides agree on it. */
  const syncedProduct = async (id: string, sku: string, name: string, price: number) => {
    await PriceSchedules.Create(
      { ID: `${id}-ps`, Name: id, Currency: 'AUD', PriceBreaks: [{ Quantity: 1, Price: price }] },
      oc,
    );
    await Products.Create({ ID: id, Name: name, DefaultPriceScheduleID: `${id}-ps`, xp: { SKU: sku } }, oc);
    await waitUntil(
      async () => {
        if (!(await doneItemOf(sku))) return false;
        await pollItems();
        return agreedWithXero(sku);
      },
      {
        timeoutMs: 60_000,
        what: `${sku} to be agreed with Xero`,
        explain: () => describeProgress(stack),
      },
    );
  };
  /** Polls until OrderCloud, Xero and the recorded agreement hold one name, with nothing left to send. */
  const convergedName = (productId: string, code: string) =>
    waitUntil(
      async () => {
        await pollItems();
        const name = (await Products.Get(productId, oc)).Name;
        const agreed = (await agreedWithXero(code))?.fields as { name?: string } | undefined;
        return (
          (await doneItemOf(code)) && (await seenInXero(code))?.Name === name && agreed?.name === name && name
        );
      },
      {
        timeoutMs: 60_000,
        what: `one name for ${code} on both sides`,
        explain: () => describeProgress(stack),
      },
    );
  const doneItemOf = async (code: string) =>
    (
      await stack.infra.database.db
        .selectFrom('xero_operations')
        .select('status')
        .where('kind', '=', 'item-upsert')
        .where('op_key', 'like', `%:item-upsert:${code}`)
        .executeTakeFirst()
    )?.status === 'done';
  const doneItems = async () =>
    Number(
      (
        await stack.infra.database.db
          .selectFrom('xero_operations')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('kind', '=', 'item-upsert')
          .where('status', '=', 'done')
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** Sizes S (no markup) and XL (+2.50 a unit) as variants of a product, each with its SKU in xp. */
  const sellInSizes = async (productId: string, skuOfSize: (size: 'S' | 'XL') => string) => {
    await Specs.SaveProductAssignment({ SpecID: 'cat-size', ProductID: productId }, oc);
    await Products.GenerateVariants(productId, {}, {}, oc);
    const variants = (await Products.ListVariants(productId, {}, oc)).Items;
    for (const variant of variants) {
      const size = variant.Specs.find((spec) => spec.SpecID === 'cat-size')?.OptionID as 'S' | 'XL';
      await Products.PatchVariant(productId, variant.ID, { xp: { SKU: skuOfSize(size) } }, oc);
    }
  };
  const sizeSpec = async () => {
    if ((await Specs.List({ filters: { ID: 'cat-size' } }, oc)).Items.length > 0) return;
    await Specs.Create({ ID: 'cat-size', Name: 'Size', Required: true, DefinesVariant: true }, oc);
    await Specs.CreateOption('cat-size', { ID: 'S', Value: 'S', PriceMarkupType: 'NoMarkup' }, oc);
    await Specs.CreateOption(
      'cat-size',
      { ID: 'XL', Value: 'XL', PriceMarkupType: 'AmountPerQuantity', PriceMarkup: 2.5 },
      oc,
    );
  };

  it('puts 500 priced products, some with variants, into Xero as items in at most 12 calls; 45-character SKUs round-trip', async () => {
    const before = (await itemsInXero()).length;
    const doneBefore = await doneItems();
    await sizeSpec();
    const since = Date.now();
    const ids = Array.from({ length: productCount }, (_, i) => i);
    for (let start = 0; start < ids.length; start += 20) {
      await Promise.all(
        ids.slice(start, start + 20).map(async (i) => {
          await PriceSchedules.Create(
            {
              ID: `cat-ps-${i}`,
              Name: `Price ${i}`,
              Currency: 'AUD',
              PriceBreaks: [{ Quantity: 1, Price: priceOf(i) }],
            },
            oc,
          );
          await Products.Create(
            {
              ID: `cat-${i}`,
              Name: i === 0 ? 'Four-person tent, green, extra large, 2026 edition' : `Catalog product ${i}`,
              DefaultPriceScheduleID: `cat-ps-${i}`,
              Active: true,
              xp: { SKU: skuOf(i) },
            },
            oc,
          );
          if (variantProducts.has(i))
            await sellInSizes(`cat-${i}`, (size) =>
              i === 1 && size === 'XL' ? longVariantSku : `${skuOf(i)}-${size}`,
            );
        }),
      );
    }
    await waitUntil(async () => (await doneItems()) >= doneBefore + itemCount, {
      timeoutMs: 120_000,
      what: `${itemCount} items upserted`,
      explain: () => describeProgress(stack),
    });
    // The app's calls only: counted before the test reads Xero itself.
    const calls = await xeroCalls(since);
    expect(calls).toBeLessThanOrEqual(12);
    const posts = await xero.admin.requests({ tenantId, method: 'POST', path: '/api.xro/2.0/Items', since });
    expect(posts.length).toBe(calls);
    const items = await itemsInXero();
    expect(items.length - before).toBe(itemCount);
    const byCode = new Map(items.map((i) => [i.code, i]));
    expect(byCode.get('CAT-0123')).toMatchObject({
      name: 'Catalog product 123',
      salesDetails: { unitPrice: 11.23, accountCode: '200' },
    });
    // A product sold in sizes is its variants, priced with their markups; the product itself is no item.
    expect(byCode.has('CAT-0051')).toBe(false);
    expect(byCode.get('CAT-0051-S')).toMatchObject({
      name: 'Catalog product 51 S',
      salesDetails: { unitPrice: 10.51, accountCode: '200' },
    });
    expect(byCode.get('CAT-0051-XL')?.salesDetails?.unitPrice).toBe(13.01);
    const longVariant = items.find((i) => i.description?.includes(longVariantSku));
    expect(longVariant?.code).toHaveLength(30);
    expect(longVariant?.code?.startsWith(longVariantSku.slice(0, 21))).toBe(true);
    expect(longVariant?.description).toBe(`SKU ${longVariantSku}`);
    expect(longVariant?.salesDetails?.unitPrice).toBe(12.51);
    const variantLink = await stack.infra.database.db
      .selectFrom('links')
      .select(['source_id', 'target_id'])
      .where('source_type', '=', 'product')
      .where('target_id', '=', longVariant?.itemID ?? '')
      .executeTakeFirst();
    expect(variantLink?.source_id).toBe('cat-1/cat-1-XL');
    // The long SKU: a stable 30-character code, the full SKU in the description, nothing cut silently.
    const long = items.find((i) => i.description?.includes(longSku));
    expect(long?.code).toHaveLength(30);
    expect(long?.code?.startsWith(longSku.slice(0, 21))).toBe(true);
    expect(long?.description).toBe(`SKU ${longSku}`);
    expect(long?.name?.length).toBeLessThanOrEqual(50);
    const link = await stack.infra.database.db
      .selectFrom('links')
      .select(['source_id', 'target_id'])
      .where('source_type', '=', 'product')
      .where('source_id', '=', 'cat-0')
      .executeTakeFirst();
    expect(link?.target_id).toBe(long?.itemID);
    // Settled: no more calls.
    const mark = await quietMark();
    await new Promise((r) => setTimeout(r, 4_000));
    const quiet = await callsSince(mark);
    expect(quiet.calls, quiet.why).toEqual([]);
  }, 240_000);

  it('carries a price change in OrderCloud to the Xero item, once', async () => {
    // Its own product: the tests of this file run in any order.
    await PriceSchedules.Create(
      { ID: 'reprice-ps', Name: 'Reprice', Currency: 'AUD', PriceBreaks: [{ Quantity: 1, Price: 9.95 }] },
      oc,
    );
    await Products.Create(
      {
        ID: 'reprice',
        Name: 'Repriced product',
        DefaultPriceScheduleID: 'reprice-ps',
        Active: true,
        xp: { SKU: 'REPRICE-1' },
      },
      oc,
    );
    await waitUntil(async () => (await seenInXero('REPRICE-1'))?.SalesDetails?.UnitPrice === 9.95, {
      timeoutMs: 60_000,
      what: 'the product to be an item',
      explain: () => describeProgress(stack),
    });
    // The merchant reprices it: a new price schedule assigned to the product.
    await PriceSchedules.Create(
      { ID: 'reprice-ps-sale', Name: 'Sale', Currency: 'AUD', PriceBreaks: [{ Quantity: 1, Price: 8.5 }] },
      oc,
    );
    const since = Date.now();
    await Products.Patch('reprice', { DefaultPriceScheduleID: 'reprice-ps-sale' }, oc);
    await waitUntil(
      async () => {
        const posts = await xero.admin.requests({
          tenantId,
          method: 'POST',
          path: '/api.xro/2.0/Items',
          since,
        });
        return posts.length > 0;
      },
      { timeoutMs: 60_000, what: 'the new price to be sent', explain: () => describeProgress(stack) },
    );
    const item = (await xeroApi.accountingApi.getItem(tenantId, 'REPRICE-1')).body.items?.[0];
    expect(item?.salesDetails?.unitPrice).toBe(8.5);
    // The same product saved again unchanged sends nothing.
    const mark = await quietMark();
    await Products.Patch('reprice', { Active: true }, oc);
    await new Promise((r) => setTimeout(r, 4_000));
    const quiet = await callsSince(mark);
    expect(quiet.calls, quiet.why).toEqual([]);
  }, 120_000);

  it('carries a stock change in Xero to OrderCloud’s inventory once, with no write loop', async () => {
    await PriceSchedules.Create(
      { ID: 'stock-ps', Name: 'Stock', Currency: 'AUD', PriceBreaks: [{ Quantity: 1, Price: 149 }] },
      oc,
    );
    await Products.Create(
      {
        ID: 'stock-tent',
        Name: 'Stocked tent',
        DefaultPriceScheduleID: 'stock-ps',
        xp: { SKU: 'STOCK-TENT' },
      },
      oc,
    );
    await waitUntil(async () => (await seenInXero('STOCK-TENT')) !== undefined, {
      timeoutMs: 60_000,
      what: 'the product to be an item',
      explain: () => describeProgress(stack),
    });
    // The bookkeeper tracks the item in Xero and counts 7 on hand.
    await xero.admin.editItem(tenantId, 'STOCK-TENT', {
      InventoryAssetAccountCode: '630',
      PurchaseDetails: { COGSAccountCode: '310' },
      QuantityOnHand: 7,
    });
    await pollItems();
    await waitUntil(async () => (await quantityInOrderCloud('stock-tent')) === 7, {
      timeoutMs: 30_000,
      what: 'the stock to reach OrderCloud',
      explain: () => describeProgress(stack),
    });
    // A sale in Xero leaves 3.
    await xero.admin.editItem(tenantId, 'STOCK-TENT', { QuantityOnHand: 3 });
    await pollItems();
    await waitUntil(async () => (await quantityInOrderCloud('stock-tent')) === 3, {
      timeoutMs: 30_000,
      what: 'the new stock to reach OrderCloud',
      explain: () => describeProgress(stack),
    });
    // Settled: the inventory write's own webhook plans nothing for Xero, and a poll that reads the
    // same quantity writes nothing — one read, no item written.
    const mark = await quietMark();
    const productBefore = await Products.Get('stock-tent', oc);
    await pollItems();
    await new Promise((r) => setTimeout(r, 4_000));
    const quiet = await callsSince(mark);
    expect(quiet.calls, quiet.why).toEqual(['GET /api.xro/2.0/Items']);
    const productAfter = await Products.Get('stock-tent', oc);
    expect(productAfter.Inventory?.LastUpdated).toBe(productBefore.Inventory?.LastUpdated);
    expect(productAfter.Inventory?.QuantityAvailable).toBe(3);
  }, 120_000);

  it('settles an item edited in Xero by field ownership: OrderCloud’s price back, Xero’s name taken, then quiet', async () => {
    await syncedProduct('edit-lamp', 'EDIT-LAMP', 'Desk lamp', 20);
    const edited = Date.now();
    // The bookkeeper renames the item and cuts its price in Xero.
    await xero.admin.editItem(tenantId, 'EDIT-LAMP', {
      Name: 'Desk lamp, brass',
      SalesDetails: { UnitPrice: 15 },
    });
    await pollItems();
    await waitUntil(
      async () =>
        (await Products.Get('edit-lamp', oc)).Name === 'Desk lamp, brass' &&
        (await seenInXero('EDIT-LAMP'))?.SalesDetails?.UnitPrice === 20,
      {
        timeoutMs: 60_000,
        what: 'the name in OrderCloud and the price back in Xero',
        explain: async () => `${(await callsSince(edited)).why}\n${await describeProgress(stack)}`,
      },
    );
    // The overwritten price is listed; the name was edited on one side only, so it is no conflict.
    expect(await conflictsOf('EDIT-LAMP')).toEqual([
      { field: 'price', ordercloud_value: '20', xero_value: '15', winner: 'ordercloud' },
    ]);
    expect(await convergedName('edit-lamp', 'EDIT-LAMP')).toBe('Desk lamp, brass');
    expect((await itemOf('EDIT-LAMP'))?.name).toBe('Desk lamp, brass');
    // Converged: a poll reads the items and writes nothing on either side.
    const mark = await quietMark();
    await pollItems();
    await new Promise((r) => setTimeout(r, 4_000));
    const quiet = await callsSince(mark);
    expect(quiet.calls, quiet.why).toEqual(['GET /api.xro/2.0/Items']);
    expect(await conflictsOf('EDIT-LAMP')).toHaveLength(1);
  }, 120_000);

  it('converges a name edited on both sides to one of them, lists the other, and goes quiet', async () => {
    await syncedProduct('both-mug', 'BOTH-MUG', 'Mug', 9);
    await xero.admin.editItem(tenantId, 'BOTH-MUG', { Name: 'Mug (named in Xero)' });
    await Products.Patch('both-mug', { Name: 'Mug (named in OrderCloud)' }, oc);
    const settled = await convergedName('both-mug', 'BOTH-MUG');
    expect(['Mug (named in Xero)', 'Mug (named in OrderCloud)']).toContain(settled);
    // Seen by a poll while both edits stood, the losing name is listed (a poll that ran before
    // OrderCloud's edit arrived saw Xero's edit only).
    for (const conflict of await conflictsOf('BOTH-MUG'))
      expect(conflict).toMatchObject({
        field: 'name',
        [conflict.winner === 'xero' ? 'xero_value' : 'ordercloud_value']: settled,
      });
    // Quiet: call counts flat, names unchanged.
    const mark = await quietMark();
    await pollItems();
    await new Promise((r) => setTimeout(r, 4_000));
    const quiet = await callsSince(mark);
    expect(quiet.calls, quiet.why).toEqual(['GET /api.xro/2.0/Items']);
    expect((await Products.Get('both-mug', oc)).Name).toBe(settled);
    expect((await itemOf('BOTH-MUG'))?.name).toBe(settled);
  }, 120_000);

  it('carries Xero’s stock and name of a variant’s item to that variant in OrderCloud, once, then quiet', async () => {
    await sizeSpec();
    await PriceSchedules.Create(
      { ID: 'vstock-ps', Name: 'Boots', Currency: 'AUD', PriceBreaks: [{ Quantity: 1, Price: 30 }] },
      oc,
    );
    await Products.Create(
      {
        ID: 'vstock',
        Name: 'Boot',
        DefaultPriceScheduleID: 'vstock-ps',
        Active: true,
        xp: { SKU: 'VSTOCK' },
      },
      oc,
    );
    await sellInSizes('vstock', (size) => `VSTOCK-${size}`);
    await waitUntil(
      async () => {
        if (!(await doneItemOf('VSTOCK-S')) || !(await doneItemOf('VSTOCK-XL'))) return false;
        await pollItems();
        return agreedWithXero('VSTOCK-S');
      },
      {
        timeoutMs: 60_000,
        what: 'the variants’ items agreed with Xero',
        explain: () => describeProgress(stack),
      },
    );
    // The bookkeeper tracks the small size in Xero, counts 6 on hand and renames it.
    await xero.admin.editItem(tenantId, 'VSTOCK-S', {
      Name: 'Boot S, leather',
      InventoryAssetAccountCode: '630',
      PurchaseDetails: { COGSAccountCode: '310' },
      QuantityOnHand: 6,
    });
    const variantS = () => Products.GetVariant('vstock', 'vstock-S', oc);
    await waitUntil(
      async () => {
        await pollItems();
        const variant = await variantS();
        return variant.Inventory?.QuantityAvailable === 6 && variant.Name === 'Boot S, leather';
      },
      {
        timeoutMs: 60_000,
        what: 'the stock and name on the variant',
        explain: () => describeProgress(stack),
      },
    );
    // The product and the other size are left as they were.
    const product = await Products.Get('vstock', oc);
    expect(product.Name).toBe('Boot');
    expect(product.Inventory?.QuantityAvailable ?? null).toBeNull();
    expect(
      (await Products.GetVariant('vstock', 'vstock-XL', oc)).Inventory?.QuantityAvailable ?? null,
    ).toBeNull();
    // The name was edited in Xero only: no conflict; the variant's item keeps its price.
    expect(await conflictsOf('VSTOCK-S')).toEqual([]);
    expect((await seenInXero('VSTOCK-S'))?.SalesDetails?.UnitPrice).toBe(30);
    // Quiet: the variant writes' own webhooks plan nothing, and a poll reading the same item writes nothing.
    await waitUntil(async () => doneItemOf('VSTOCK-S'), { timeoutMs: 30_000, what: 'nothing left to send' });
    await new Promise((r) => setTimeout(r, 4_000));
    const before = await variantS();
    const mark = await quietMark();
    await pollItems();
    await new Promise((r) => setTimeout(r, 4_000));
    const quiet = await callsSince(mark);
    expect(quiet.calls, quiet.why).toEqual(['GET /api.xro/2.0/Items']);
    const after = await variantS();
    expect(after.Inventory?.LastUpdated).toBe(before.Inventory?.LastUpdated);
    expect(after).toMatchObject({ Name: 'Boot S, leather', Inventory: { QuantityAvailable: 6 } });
    expect((await seenInXero('VSTOCK-S'))?.Name).toBe('Boot S, leather');
  }, 120_000);

  it('carries a price change to every variant’s item, once, and goes quiet', async () => {
    await sizeSpec();
    await PriceSchedules.Create(
      { ID: 'var-ps', Name: 'Variants', Currency: 'AUD', PriceBreaks: [{ Quantity: 1, Price: 20 }] },
      oc,
    );
    await Products.Create(
      { ID: 'var-tee', Name: 'Tee', DefaultPriceScheduleID: 'var-ps', Active: true, xp: { SKU: 'VAR-TEE' } },
      oc,
    );
    await sellInSizes('var-tee', (size) => `VAR-TEE-${size}`);
    await waitUntil(async () => (await seenInXero('VAR-TEE-XL'))?.SalesDetails?.UnitPrice === 22.5, {
      timeoutMs: 60_000,
      what: 'the variants to be items',
      explain: () => describeProgress(stack),
    });
    expect((await seenInXero('VAR-TEE-S'))?.SalesDetails?.UnitPrice).toBe(20);
    expect(await seenInXero('VAR-TEE')).toBeUndefined();
    // Repriced: a new schedule for the product; both variants follow with their markups, in one call.
    await PriceSchedules.Create(
      { ID: 'var-ps-2', Name: 'Variants 2', Currency: 'AUD', PriceBreaks: [{ Quantity: 1, Price: 24.99 }] },
      oc,
    );
    const since = Date.now();
    await Products.Patch('var-tee', { DefaultPriceScheduleID: 'var-ps-2' }, oc);
    await waitUntil(
      async () =>
        (await seenInXero('VAR-TEE-S'))?.SalesDetails?.UnitPrice === 24.99 &&
        (await seenInXero('VAR-TEE-XL'))?.SalesDetails?.UnitPrice === 27.49,
      { timeoutMs: 60_000, what: 'the new prices on both variants', explain: () => describeProgress(stack) },
    );
    // Both are planned from one read and usually share a batch; a flush already waiting may take the
    // first alone. Never more than one call per variant.
    const posts = await xero.admin.requests({ tenantId, method: 'POST', path: '/api.xro/2.0/Items', since });
    expect(posts.length).toBeGreaterThanOrEqual(1);
    expect(posts.length).toBeLessThanOrEqual(2);
    // The XL option's markup goes up: the XL items of every product sold in sizes follow.
    await Specs.PatchOption('cat-size', 'XL', { PriceMarkup: 3 }, oc);
    await waitUntil(async () => (await seenInXero('VAR-TEE-XL'))?.SalesDetails?.UnitPrice === 27.99, {
      timeoutMs: 60_000,
      what: 'the new markup on the XL item',
      explain: () => describeProgress(stack),
    });
    expect((await seenInXero('VAR-TEE-S'))?.SalesDetails?.UnitPrice).toBe(24.99);
    await Specs.PatchOption('cat-size', 'XL', { PriceMarkup: 2.5 }, oc);
    await waitUntil(async () => (await seenInXero('VAR-TEE-XL'))?.SalesDetails?.UnitPrice === 27.49, {
      timeoutMs: 60_000,
      what: 'the markup back on the XL item',
    });
    await new Promise((r) => setTimeout(r, 4_000));
    // A variant saved again unchanged sends nothing.
    const mark = await quietMark();
    await Products.PatchVariant('var-tee', 'var-tee-S', { Active: true }, oc);
    await new Promise((r) => setTimeout(r, 4_000));
    const quiet = await callsSince(mark);
    expect(quiet.calls, quiet.why).toEqual([]);
  }, 120_000);
});
