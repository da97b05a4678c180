import { createTestDatabase, type TestDatabase } from '@ledgerbridge/xero-app/testing';
import { join } from 'node:path';
import { SEEDED_TENANT_IDS, startXeroSandbox, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { sandboxDefaults } from '@ledgerbridge/ordercloud-sandbox';
import { Auth, Configuration, PriceSchedules, Products } from 'ordercloud-javascript-sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { artifactsFolder, chromiumAvailable, launchChromium, pageInNewContext } from '../support/browser.ts';
import { type MarketplaceHost, startMarketplaceHost } from '../support/marketplace-host.ts';
import { type RunningHead, startHead } from '../support/sitecore-head.ts';
import { createTestSite, emit, siteHeadEnv, type TestSite } from '../support/sitecore-site.ts';
import { type Stack, startStack, waitUntil } from '../support/stack.ts';

const haveChromium = chromiumAvailable('sitecore-xmc-panel.browser.test');
const tenantId = SEEDED_TENANT_IDS.au;
const PANEL_KEY = 'xmc-panel-key-for-tests';

const order = (id: string, total: string) => ({
  id,
  status: 'submitted',
  currency: 'AUD',
  placedAt: new Date().toISOString(),
  customer: {
    id: `shopper:${id}`,
    kind: 'person',
    email: `${id.toLowerCase()}@example.com`,
    firstName: 'Ana',
  },
  pricesIncludeTax: true,
  lines: [
    {
      id: '1',
      sku: 'SC-MUG',
      name: 'Stoneware mug',
      quantity: '1',
      unitPrice: total,
      lineSubtotal: total,
      taxes: [],
    },
  ],
  taxTotal: '0.00',
  total,
});

describe.skipIf(!haveChromium)('XM Cloud panel and dashboard block inside a Marketplace host', () => {
  let xero: XeroSandbox;
  let database: TestDatabase;
  let stack: Stack;
  let site: TestSite;
  let host: MarketplaceHost;
  let head: RunningHead;
  let browser: Browser;
  let page: Page;
  let artifacts: string;
  const shot = (name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    artifacts = await artifactsFolder('sitecore/');
    xero = await startXeroSandbox();
    database = await createTestDatabase('postgres', inject('postgresUrl'));
    stack = await startStack({
      xero,
      tenantId,
      ...(database.url ? { databaseUrl: database.url } : {}),
      worker: { fillWaitMs: 0 },
      catalog: { seed: 6, profile: 'au' },
    });
    site = await createTestSite(stack, 'XM Cloud site');
    host = await startMarketplaceHost();
    head = await startHead({
      ...siteHeadEnv(stack, site),
      LEDGERBRIDGE_XMC_HOST_ORIGIN: host.origin,
      LEDGERBRIDGE_XMC_PANEL_KEY: PANEL_KEY,
    });
    for (const [id, total] of [
      ['SC-PANEL-1', '30.00'],
      ['SC-PANEL-2', '45.50'],
    ] as const) {
      const sent = await emit(stack, site, {
        schemaVersion: 1,
        id: `order-${id}`,
        occurredAt: new Date().toISOString(),
        type: 'order.submitted',
        order: order(id, total),
      });
      expect(sent.status).toBe(202);
    }
    await waitUntil(
      async () => {
        const rows = await stack.infra.database.db
          .selectFrom('order_syncs')
          .select('invoice_number')
          .where('order_id', 'in', ['SC-PANEL-1', 'SC-PANEL-2'])
          .execute();
        return rows.length === 2 && rows.every((r) => r.invoice_number);
      },
      { timeoutMs: 60_000, what: 'both orders to be invoiced' },
    );
    browser = await launchChromium();
  }, 600_000);

  // Tests run shuffled: each gets its own browser context.
  beforeEach(async () => {
    page = await pageInNewContext(browser, { width: 900, height: 700 });
  });
  afterEach(async () => {
    await page?.context().close();
  });

  afterAll(async () => {
    await browser?.close();
    await head?.close();
    await host?.close();
    await stack?.close();
    await database?.drop();
    await xero?.close();
  });

  it("shows the page's order after the SDK handshake and follows pages.context to the next page", async () => {
    const invoiceOf = async (orderId: string) =>
      (await xero.admin.documents(tenantId)).invoices.find((i) => i.Reference === orderId)?.InvoiceNumber;
    const contexts = [
      { siteInfo: { name: 'shop' }, pageInfo: { id: 'p1', name: 'SC-PANEL-1', route: '/orders/SC-PANEL-1' } },
      { siteInfo: { name: 'shop' }, pageInfo: { id: 'p2', name: 'SC-PANEL-2', route: '/orders/SC-PANEL-2' } },
      {
        siteInfo: { name: 'shop' },
        pageInfo: { id: 'p3', name: 'About us', displayName: 'About us', route: '/about' },
      },
    ];
    await page.goto(host.pageFor(`${head.url}/xmc/context-panel?k=${PANEL_KEY}`, contexts));
    const panel = page.frameLocator('iframe');
    await panel.locator('dl[data-order="SC-PANEL-1"]').waitFor({ timeout: 60_000 });
    expect(await panel.locator('[data-field="invoice-number"]').textContent()).toBe(
      await invoiceOf('SC-PANEL-1'),
    );
    expect(await panel.locator('[data-field="status"]').textContent()).toBe('Awaiting payment');
    // The panel spoke the SDK's protocol: handshake first, then the pages.context query.
    const received = (await page.evaluate(
      () => (window as unknown as { received: unknown[] }).received,
    )) as Array<{
      type: string;
      action?: string;
      sdkType?: string;
    }>;
    expect(received[0]).toMatchObject({ type: 'handshake', sdkType: 'client' });
    expect(received.some((m) => m.type === 'request' && m.action === 'pages.context:query')).toBe(true);
    await shot('xmc-panel-order-1');

    await page.evaluate(() => (window as unknown as { switchPage(i: number): void }).switchPage(1));
    await panel.locator('dl[data-order="SC-PANEL-2"]').waitFor({ timeout: 30_000 });
    expect(await panel.locator('[data-field="invoice-number"]').textContent()).toBe(
      await invoiceOf('SC-PANEL-2'),
    );
    await shot('xmc-panel-order-2');

    await page.evaluate(() => (window as unknown as { switchPage(i: number): void }).switchPage(2));
    await panel.locator('[data-view="not-a-subject"]').waitFor({ timeout: 30_000 });
    expect(await panel.locator('main').textContent()).toContain('About us is not an order or product page');
  }, 180_000);

  it("shows a product page's Xero item (code, both prices, last sync) and says when a product never reached Xero", async () => {
    // The merchant creates a priced product in OrderCloud; its webhook makes the catalog sync upsert the item.
    Configuration.Set({ baseApiUrl: stack.orderCloud.url });
    const token = await Auth.ClientCredentials(
      sandboxDefaults.integrationClientSecret,
      sandboxDefaults.integrationClientId,
    );
    const oc = { accessToken: token.access_token ?? '' };
    await PriceSchedules.Create(
      {
        ID: 'panel-mug-price',
        Name: 'Panel mug',
        Currency: 'AUD',
        PriceBreaks: [{ Quantity: 1, Price: 24.5 }],
      },
      oc,
    );
    await Products.Create(
      {
        ID: 'panel-mug',
        Name: 'Stoneware mug, speckled',
        DefaultPriceScheduleID: 'panel-mug-price',
        Active: true,
        xp: { SKU: 'SC-MUG-SPECKLED' },
      },
      oc,
    );
    await waitUntil(
      async () =>
        (
          await stack.infra.database.db
            .selectFrom('xero_operations')
            .select('status')
            .where('kind', '=', 'item-upsert')
            .where('status', '=', 'done')
            .where('op_key', 'like', '%SC-MUG-SPECKLED%')
            .executeTakeFirst()
        )?.status === 'done',
      { timeoutMs: 60_000, what: 'the product to be a Xero item' },
    );
    const contexts = [
      {
        siteInfo: { name: 'shop' },
        pageInfo: { id: 'p4', name: 'Speckled mug', route: '/products/panel-mug' },
      },
      {
        siteInfo: { name: 'shop' },
        pageInfo: { id: 'p5', name: 'Glass vase', fields: { productId: { value: 'panel-vase' } } },
      },
    ];
    await page.goto(host.pageFor(`${head.url}/xmc/context-panel?k=${PANEL_KEY}`, contexts));
    const panel = page.frameLocator('iframe');
    const item = panel.locator('dl[data-product="panel-mug"]');
    await item.waitFor({ timeout: 60_000 });
    expect(await item.getAttribute('data-state')).toBe('synced');
    expect(await item.locator('[data-field="item-code"]').textContent()).toBe('SC-MUG-SPECKLED');
    expect(await item.locator('[data-field="item-state"]').textContent()).toBe('In Xero, up to date');
    expect(await item.locator('[data-field="price-ordercloud"]').textContent()).toBe('24.50');
    expect(await item.locator('[data-field="price-xero"]').textContent()).toBe('24.50');
    expect(await item.locator('[data-field="last-sync"]').textContent()).not.toBe('Never');
    expect(await item.locator('[data-field="problem"]').textContent()).toBe('None');
    // The item the panel describes is the one in Xero.
    const tokens = await xero.admin.issueTokens({ tenantIds: [tenantId] });
    const read = await fetch(`${xero.apiBasePath}/Items/SC-MUG-SPECKLED`, {
      headers: {
        authorization: `Bearer ${tokens.access_token}`,
        'xero-tenant-id': tenantId,
        accept: 'application/json',
      },
    });
    const { Items } = (await read.json()) as { Items: Array<Record<string, unknown>> };
    expect(Items[0]).toMatchObject({ Code: 'SC-MUG-SPECKLED', SalesDetails: { UnitPrice: 24.5 } });
    await shot('xmc-panel-product');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot('xmc-panel-product-390');
    await page.setViewportSize({ width: 900, height: 700 });

    await page.evaluate(() => (window as unknown as { switchPage(i: number): void }).switchPage(1));
    await panel.locator('[data-view="unknown"]').waitFor({ timeout: 30_000 });
    expect(await panel.locator('main').textContent()).toContain(
      'Product panel-vase is not in Xero: Ledgerbridge has not seen it yet.',
    );
    await shot('xmc-panel-product-unknown');

    // The merchant raises the price in OrderCloud; Xero answers the item write slowly, so while the editor
    // looks the change is on its way: OrderCloud's price is new, Xero's the old one, and the panel says so.
    const op = () =>
      stack.infra.database.db
        .selectFrom('xero_operations')
        .select(['status', 'payload'])
        .where('kind', '=', 'item-upsert')
        .where('op_key', 'like', '%SC-MUG-SPECKLED%')
        .executeTakeFirstOrThrow();
    await xero.admin.injectFault({ kind: 'slow', delayMs: 20_000, count: 1, tenantId });
    try {
      await PriceSchedules.Patch('panel-mug-price', { PriceBreaks: [{ Quantity: 1, Price: 26 }] }, oc);
      // A price schedule has no webhook of its own (docs/catalog-sync.md): the product's change carries it.
      await Products.Patch('panel-mug', { Description: 'Speckled glaze, now dishwasher safe' }, oc);
      await waitUntil(
        async () => {
          const row = await op();
          return (
            row.status === 'sending' &&
            (row.payload as { salesUnitPrice?: string }).salesUnitPrice === '26.00'
          );
        },
        { timeoutMs: 30_000, what: 'the price change to be on its way to Xero' },
      );
      await page.evaluate(() => (window as unknown as { switchPage(i: number): void }).switchPage(0));
      await item.waitFor({ timeout: 30_000 });
      expect(await item.getAttribute('data-state')).toBe('pending');
      expect(await item.locator('[data-field="price-ordercloud"]').textContent()).toBe('26.00');
      expect(await item.locator('[data-field="price-xero"]').textContent()).toBe(
        '24.50 differs from OrderCloud',
      );
      expect(await item.locator('[data-field="problem"]').textContent()).toBe(
        'A change is waiting to be sent to Xero (items travel in batches of up to 50).',
      );
      await shot('xmc-panel-product-price-change');
      await page.setViewportSize({ width: 390, height: 844 });
      await shot('xmc-panel-product-price-change-390');
      await page.setViewportSize({ width: 900, height: 700 });
    } finally {
      await xero.admin.clearFaults(tenantId);
    }
    // Once Xero has taken it, both prices agree again.
    await waitUntil(async () => (await op()).status === 'done', {
      timeoutMs: 60_000,
      what: 'the price change to reach Xero',
    });
    await page.evaluate(() => (window as unknown as { switchPage(i: number): void }).switchPage(1));
    await panel.locator('[data-view="unknown"]').waitFor({ timeout: 30_000 });
    await page.evaluate(() => (window as unknown as { switchPage(i: number): void }).switchPage(0));
    await panel.locator('dl[data-product="panel-mug"][data-state="synced"]').waitFor({ timeout: 30_000 });
    expect(await item.locator('[data-field="price-xero"]').textContent()).toBe('26.00');
  }, 240_000);

  it('the dashboard block shows sync health; the panel routes refuse a wrong key', async () => {
    await page.goto(host.pageFor(`${head.url}/xmc/dashboard-block?k=${PANEL_KEY}`, [{}]));
    const block = page.frameLocator('iframe');
    await block.locator('[data-field="orders"]').waitFor({ timeout: 60_000 });
    expect(Number(await block.locator('[data-field="orders"]').textContent())).toBeGreaterThanOrEqual(2);
    expect(await block.locator('[data-field="failures"]').textContent()).toBe('0');
    expect(await block.locator('main').textContent()).toMatch(/Xero calls left today/);
    await shot('xmc-dashboard-block');
    expect((await fetch(`${head.url}/api/xmc/order?id=SC-PANEL-1&k=wrong`)).status).toBe(403);
    expect((await fetch(`${head.url}/api/xmc/health`)).status).toBe(403);
    // Only the Marketplace host may frame the panel.
    const framing = (await fetch(`${head.url}/xmc/context-panel`)).headers.get('content-security-policy');
    expect(framing).toBe(`frame-ancestors ${host.origin}`);
  }, 120_000);
});
