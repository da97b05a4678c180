import {
  type CheckoutEndpoint,
  type RunningOrderCloudSandbox,
  sandboxDefaults,
  startCheckoutEndpoint,
  startOrderCloudSandbox,
} from '@ledgerbridge/ordercloud-sandbox';
import { DEMO_APP, SEEDED_TENANT_IDS, startXeroSandbox, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import type { OrderCalculatePayload } from 'ordercloud-javascript-sdk';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  addRoutingRule,
  approveTaxRates,
  createKeyring,
  createLogger,
  createMappingVersion,
  defaultMapping,
  type Infrastructure,
  loadConfig,
  MappingConfigSchema,
  openInfrastructure,
  orderCloudWebhookRoutes,
  queueNames,
  type RunningServer,
  type RunningWorker,
  startServer,
  startWorker,
} from '@ledgerbridge/xero-app';
import {
  createTestDatabase,
  fixtureReference,
  seedSyncContext,
  type TestDatabase,
} from '@ledgerbridge/xero-app/testing';
import {
  backOfficeClientId,
  cancel,
  capture,
  catalystCalculation,
  checkout,
  lineItems,
  type Marketplace,
  marketRegions,
  type PlacedOrder,
  products,
  type RegionKey,
  registerWebhook,
  returnLine,
  setUpMarketplace,
  shippingRates,
  worksheet,
} from '../support/marketplace.ts';
import { TEST_ENCRYPTION_KEY, TEST_SESSION_SECRET, waitUntil } from '../support/stack.ts';

// Issue #10's marketplace: four companies (AU, NZ, UK, US) on one OrderCloud marketplace, each order
// routed to its company's Xero organisation by the buyer's billing country; orders placed only through
// the official SDK in Headstart's sequence; tax from an OrderCheckout integration the test hosts,
// answering in OrderCloud's Catalyst shape without rates — and the same again with the sandbox's
// built-in tax engine. Tax codes live in Product.xp.Fiscal.Category, configured by path.

const tenants: Record<RegionKey, string> = {
  AU: SEEDED_TENANT_IDS.au,
  NZ: SEEDED_TENANT_IDS.nz,
  UK: SEEDED_TENANT_IDS.uk,
  US: SEEDED_TENANT_IDS.us,
};
const referenceRegion = { AU: 'au', NZ: 'nz', UK: 'uk', US: 'us' } as const;
const hashKey = 'merchant-tax-hash';
const webhookHashKey = 'real-marketplace-webhook-key';
const cents = (value: unknown) => Math.round(Number(value) * 100);

// What each company's accountant set up: where the tax code lives, and how it maps — by tax code in
// AU, by the tax's name in the UK, by the effective rate in NZ and the US.
function mappingFor(region: RegionKey) {
  const base = defaultMapping(fixtureReference(referenceRegion[region]));
  return MappingConfigSchema.parse({
    ...base,
    sources: {
      taxCode: 'product.xp.Fiscal.Category',
      sku: 'product.xp.Codes.Item',
      ...(region === 'AU' ? { pricesIncludeTax: 'order.xp.Pricing.Gross' } : {}),
    },
    tax: {
      ...base.tax,
      byClass: region === 'AU' ? { STANDARD: 'OUTPUT', ZERO: 'EXEMPTOUTPUT' } : {},
    },
    taxNames: { byName: region === 'UK' ? { 'UK VAT': 'OUTPUT2' } : {} },
    items: { useItemCodes: false, createMissing: false },
  });
}

const variants = [
  {
    name: 'tax from the merchant’s OrderCheckout endpoint (Catalyst shape)',
    tax: 'merchant',
    backend: 'postgres',
  },
  { name: 'the sandbox’s built-in tax', tax: 'builtin', backend: 'postgres' },
  { name: 'tax from the merchant’s endpoint, on PGlite', tax: 'merchant', backend: 'pglite' },
] as const;

describe.each(variants)('a real marketplace: $name', (variant) => {
  let xero: XeroSandbox;
  let database: TestDatabase | undefined;
  let endpoint: CheckoutEndpoint | undefined;
  let orderCloud: RunningOrderCloudSandbox;
  let infra: Infrastructure;
  let server: RunningServer;
  let worker: RunningWorker;
  let market: Marketplace;
  let seeded: Awaited<ReturnType<typeof seedSyncContext>>;
  const placed: PlacedOrder[] = [];

  const db = () => infra.database.db;
  const docs = (region: RegionKey) => xero.admin.documents(tenants[region]);
  const invoiceOf = async (order: PlacedOrder) =>
    (await docs(order.region)).invoices.filter((i) => i.Reference === order.id && i.Status !== 'DELETED');
  const waitForInvoice = (order: PlacedOrder, status?: string) =>
    waitUntil(
      async () => {
        const [invoice] = await invoiceOf(order);
        return invoice && (!status || invoice.Status === status) ? invoice : undefined;
      },
      {
        timeoutMs: 90_000,
        what: `the invoice of ${order.region} order ${order.id}${status ? ` (${status})` : ''}`,
      },
    );
  const paymentsOf = async (order: PlacedOrder) => {
    const [invoice] = await invoiceOf(order);
    return (await docs(order.region)).payments.filter(
      (p) => (p.Invoice as { InvoiceID?: string } | undefined)?.InvoiceID === invoice?.InvoiceID,
    );
  };

  beforeAll(async () => {
    xero = await startXeroSandbox({ contractCheck: true } as never);
    if (variant.backend === 'postgres')
      database = await createTestDatabase('postgres', inject('postgresUrl'));
    const config = loadConfig({
      NODE_ENV: 'test',
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
      DATA_DIR: 'memory://',
      PORT: '0',
      LOG_LEVEL: 'silent',
      // The sandboxes listen on loopback over http: allowed as the outbound guard's exception.
      ALLOWED_HTTP_HOSTS: '127.0.0.1',
      ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      SESSION_SECRET: TEST_SESSION_SECRET,
      XERO_CLIENT_ID: DEMO_APP.clientId,
      XERO_CLIENT_SECRET: DEMO_APP.clientSecret,
      XERO_WEBHOOK_KEY: DEMO_APP.webhookKey ?? 'unused',
      XERO_API_URL: xero.url,
      XERO_IDENTITY_URL: xero.identityUrl,
      XERO_LOGIN_URL: xero.loginUrl,
      SHUTDOWN_GRACE_MS: '2000',
    });
    infra = await openInfrastructure(config, createLogger({ level: 'silent' }));
    if (variant.tax === 'merchant')
      endpoint = await startCheckoutEndpoint({
        hashKey,
        handlers: {
          shippingrates: (payload) => shippingRates(payload as OrderCalculatePayload),
          ordercalculate: (payload) => catalystCalculation(payload as OrderCalculatePayload),
        },
      });
    orderCloud = await startOrderCloudSandbox();
    const tokens = await xero.admin.issueTokens({ tenantIds: Object.values(tenants) });
    const keyring = createKeyring({ current: TEST_ENCRYPTION_KEY });
    seeded = await seedSyncContext(db(), keyring, {
      tenantId: tenants.AU,
      tenantName: 'AU company',
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? '',
      orderCloud: {
        apiUrl: orderCloud.url,
        clientId: sandboxDefaults.integrationClientId,
        clientSecret: sandboxDefaults.integrationClientSecret,
        hashKey: webhookHashKey,
      },
    });
    const tokenSet = await db()
      .selectFrom('xero_connections')
      .select('token_set_id')
      .where('id', '=', seeded.xeroConnectionId)
      .executeTakeFirstOrThrow();
    for (const region of ['AU', 'NZ', 'UK', 'US'] as const) {
      const xeroConnectionId =
        region === 'AU'
          ? seeded.xeroConnectionId
          : (
              await db()
                .insertInto('xero_connections')
                .values({
                  workspace_id: seeded.workspaceId,
                  token_set_id: tokenSet.token_set_id,
                  xero_connection_id: `conn-${region}`,
                  tenant_id: tenants[region],
                  tenant_name: `${region} company`,
                  status: 'active',
                })
                .returning('id')
                .executeTakeFirstOrThrow()
            ).id;
      const version = await createMappingVersion(db(), {
        workspaceId: seeded.workspaceId,
        config: mappingFor(region),
        note: `${region} company`,
      });
      await addRoutingRule(db(), {
        workspaceId: seeded.workspaceId,
        actor: 'test',
        environmentId: seeded.environmentId,
        name: `${region} customers`,
        kind: 'billing-country',
        value: marketRegions[region].country,
        xeroConnectionId,
        mappingVersionId: version.id,
      });
    }
    worker = await startWorker(infra, { fillWaitMs: 0, reconcileCron: '0 0 1 1 *' });
    server = await startServer(infra, { port: 0, hostname: '127.0.0.1' });
    const storefrontClientId =
      variant.tax === 'merchant' ? 'storefront-merchant-tax' : 'storefront-builtin-tax';
    market = await setUpMarketplace({
      apiUrl: orderCloud.url,
      adminClientId: sandboxDefaults.integrationClientId,
      adminSecret: sandboxDefaults.integrationClientSecret,
      storefrontClientId,
      checkoutEventId: variant.tax === 'merchant' ? 'merchant-tax' : 'sandbox-checkout',
      ...(endpoint ? { checkoutEvent: { url: endpoint.url, hashKey } } : {}),
    });
    await registerWebhook(market.admin, {
      url: `${server.url}/webhooks/ordercloud/${seeded.connectionId}`,
      hashKey: webhookHashKey,
      clientIds: [storefrontClientId, backOfficeClientId, sandboxDefaults.integrationClientId],
      routes: orderCloudWebhookRoutes,
    });
  }, 120_000);

  afterAll(async () => {
    await orderCloud?.close();
    await server?.close();
    await worker?.stop();
    await infra?.close();
    await database?.drop();
    await endpoint?.close();
    await xero?.close();
  });

  // One flow, in order (the suite shuffles tests): each phase builds on the orders the previous placed.
  it('routes, invoices, pays, credits, voids and reconciles every order to the cent', async () => {
    await routesAndInvoices();
    await capturesBecomePayments();
    await returnsAndCancels();
    await lostWebhookFoundByReconciler();
  }, 600_000);

  /** Each order in its company's Xero org, invoiced to the cent, with each line's tax type. */
  async function routesAndInvoices() {
    const orders = {
      AU: await checkout(market, {
        region: 'AU',
        lines: [
          { productId: 'mug', quantity: 2 },
          { productId: 'tea', quantity: 1 },
        ],
        xp: { Pricing: { Gross: true } },
      }),
      NZ: await checkout(market, {
        region: 'NZ',
        lines: [
          { productId: 'lamp', quantity: 1 },
          { productId: 'tea', quantity: 2 },
        ],
      }),
      UK: await checkout(market, {
        region: 'UK',
        lines: [
          { productId: 'mug', quantity: 1 },
          { productId: 'lamp', quantity: 1 },
        ],
      }),
      US: await checkout(market, {
        region: 'US',
        lines: [
          { productId: 'mug', quantity: 2 },
          { productId: 'tea', quantity: 1 },
        ],
      }),
    };
    placed.push(...Object.values(orders));

    // The US company has no sales tax rate yet: the order waits, with the rates it needs proposed.
    const held = await waitUntil(
      async () => {
        const row = await db()
          .selectFrom('order_syncs')
          .select(['id', 'status', 'message'])
          .where('order_id', '=', orders.US.id)
          .executeTakeFirst();
        return row?.status === 'needs-attention' ? row : undefined;
      },
      { timeoutMs: 90_000, what: 'the US order to wait for tax rates' },
    );
    expect(held.message).toMatch(
      /No active sales tax rate in Xero fits .*% (effective|given by the tax calculation)/,
    );
    expect(await invoiceOf(orders.US)).toEqual([]);
    // The merchant approves in the console (the same use case the button calls): audited, then created.
    const approved = await approveTaxRates(
      {
        db: db(),
        enqueue: async (job) => {
          await infra.queue.enqueue({ queue: queueNames.taxRates, data: job });
        },
      },
      { workspaceId: seeded.workspaceId, actor: 'owner@example.com', orderSyncId: held.id },
    );
    expect(approved.ok).toBe(true);

    for (const order of Object.values(orders)) await waitForInvoice(order);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('action', '=', 'xero.tax-rates-approved')
      .execute();
    expect(audit).toEqual([{ action: 'xero.tax-rates-approved', actor: 'owner@example.com' }]);

    for (const order of Object.values(orders)) {
      const region = marketRegions[order.region];
      const [invoice] = await invoiceOf(order);
      const sheet = await worksheet(market, order.id);
      const calc = sheet.OrderCalculateResponse?.xp?.TaxCalculation as { TotalTax: number } | undefined;
      expect(cents(invoice?.Total), `total of ${order.region} ${order.id}`).toBe(cents(sheet.Order?.Total));
      expect(cents(invoice?.TotalTax), `tax of ${order.region} ${order.id}`).toBe(cents(calc?.TotalTax));
      // The built-in engine prices GST/VAT regions tax-inclusive; the merchant's service sells the UK net.
      const inclusive = variant.tax === 'builtin' ? region.key !== 'US' : region.inclusive;
      expect(invoice?.LineAmountTypes).toBe(inclusive ? 'Inclusive' : 'Exclusive');
      const mapping = mappingFor(order.region);
      const lines = (invoice?.LineItems ?? []) as Array<{
        Description: string;
        TaxType: string;
        TaxAmount: number;
      }>;
      const taxed =
        order.region === 'AU'
          ? 'OUTPUT'
          : order.region === 'US'
            ? lines.find((l) => l.Description.startsWith('Stoneware mug'))?.TaxType
            : 'OUTPUT2';
      if (order.region === 'US') expect(taxed).toMatch(/^TAX\d{3}$/);
      for (const line of await lineItems(market, order.id)) {
        const product = products.find((p) => p.id === line.ProductID);
        const invoiceLine = lines.find((l) => l.Description.startsWith(product?.name ?? '?'));
        expect(invoiceLine?.TaxType, `${product?.name} in ${order.region}`).toBe(
          product?.category === 'ZERO'
            ? order.region === 'AU'
              ? 'EXEMPTOUTPUT'
              : mapping.tax.exempt
            : taxed,
        );
      }
      const shipping = lines.find((l) => !products.some((p) => l.Description.startsWith(p.name)));
      // Shipping keeps its own tax (ShipEstimateID); the built-in engine does not tax US shipping.
      const shippingTax = (
        (calc as { OrderLevelTaxes?: Array<{ Tax: number; ShipEstimateID?: string }> } | undefined)
          ?.OrderLevelTaxes ?? []
      )
        .filter((t) => t.ShipEstimateID)
        .reduce((sum, t) => sum + cents(t.Tax), 0);
      if (variant.tax === 'merchant') expect(shippingTax).toBeGreaterThan(0);
      expect(cents(shipping?.TaxAmount), `shipping tax in ${order.region}`).toBe(shippingTax);
      expect(shipping?.TaxType, `shipping in ${order.region}`).toBe(
        shippingTax > 0 ? taxed : mapping.tax.exempt,
      );
    }

    // Why each tax type, on the timeline.
    const notes = await db()
      .selectFrom('timeline')
      .select(['subject_id', 'message'])
      .where('step', 'in', ['tax', 'route'])
      .execute();
    const about = (order: PlacedOrder) =>
      notes.filter((n) => n.subject_id.endsWith(`:${order.id}`)).map((n) => n.message);
    expect(about(orders.AU)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/tax code STANDARD mapped to .*\(OUTPUT\)/),
        expect.stringMatching(
          /Read .*tax code from product\.xp\.Fiscal\.Category; SKU from product\.xp\.Codes\.Item/,
        ),
        'Routed to AU company by rule “AU customers”.',
      ]),
    );
    if (variant.tax === 'merchant')
      expect(about(orders.AU)).toContain(
        'Prices include tax: from the configured path (order.xp.Pricing.Gross).',
      );
    // The merchant's service sends no rate (matched by the effective rate); the built-in engine sends one.
    const nzRate =
      variant.tax === 'merchant' ? /15 % effective .*matched/ : /15 % given by the tax calculation, matched/;
    expect(about(orders.NZ)).toEqual(expect.arrayContaining([expect.stringMatching(nzRate)]));
    if (variant.tax === 'merchant')
      expect(about(orders.UK)).toEqual(
        expect.arrayContaining([expect.stringMatching(/TaxDescription “UK VAT” mapped to .*\(OUTPUT2\)/)]),
      );
    expect(about(orders.US)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/approved creating Sales Tax .* in Xero/),
        expect.stringMatching(/Created tax rate Sales Tax .* \(TAX\d{3}, [\d.]+ %\) in Xero/),
      ]),
    );
  }

  /** One Xero payment per successful capture: partial, failed then retried, the rest. */
  async function capturesBecomePayments() {
    const [au, nz, uk, us] = placed as [PlacedOrder, PlacedOrder, PlacedOrder, PlacedOrder];
    const first = Math.floor(au.total * 40) / 100;
    const rest = Math.round((au.total - first) * 100) / 100;
    await capture(market, au, first);
    await capture(market, au, rest, false);
    await capture(market, au, rest);
    for (const order of [nz, uk, us]) await capture(market, order, order.total);
    for (const order of placed) await waitForInvoice(order, 'PAID');
    expect((await paymentsOf(au)).map((p) => cents(p.Amount)).sort((a, b) => a - b)).toEqual(
      [cents(first), cents(rest)].sort((a, b) => a - b),
    );
    for (const order of [nz, uk, us])
      expect((await paymentsOf(order)).map((p) => cents(p.Amount))).toEqual([cents(order.total)]);
    const failed = await db()
      .selectFrom('timeline')
      .select('message')
      .where('subject_id', '=', `${seeded.connectionId}:${au.id}`)
      .where('step', '=', 'payment')
      .where('outcome', '=', 'error')
      .execute();
    expect(failed.map((f) => f.message)).toEqual([expect.stringMatching(/failed: Do not honour/)]);
  }

  /** A refunded return becomes a credit note paid back; a cancelled order's invoice is voided. */
  async function returnsAndCancels() {
    const uk = placed[2] as PlacedOrder;
    const lamp = (await lineItems(market, uk.id)).find((l) => l.ProductID === 'lamp');
    const refund = lamp?.LineTotal ?? 0;
    const returnId = await returnLine(market, uk, { lineItemId: lamp?.ID ?? '', quantity: 1, refund });
    const note = await waitUntil(
      async () => {
        const found = (await docs('UK')).creditNotes.find(
          (n) => n.Reference === uk.id && n.Status === 'PAID',
        );
        return found;
      },
      { timeoutMs: 90_000, what: `the credit note for return ${returnId}` },
    );
    // UK prices exclude VAT: the return refunds the lamp as OrderCloud's RefundAmount says.
    expect(cents(note.Total)).toBe(cents(refund));
    expect((note.Payments as unknown[] | undefined)?.length).toBe(1);

    const au = await checkout(market, {
      region: 'AU',
      lines: [{ productId: 'lamp', quantity: 1 }],
      xp: { Pricing: { Gross: true } },
    });
    await waitForInvoice(au);
    await cancel(market, au);
    await waitForInvoice(au, 'VOIDED');
    expect(await paymentsOf(au)).toEqual([]);
  }

  /** An order whose webhooks were all lost, captured before it was ever invoiced: the reconciler finds it. */
  async function lostWebhookFoundByReconciler() {
    await orderCloud.admin.setFaults({ webhooks: { drop: 10_000 } });
    const nz = await checkout(market, { region: 'NZ', lines: [{ productId: 'mug', quantity: 3 }] });
    await capture(market, nz, nz.total);
    await orderCloud.admin.clearFaults();
    expect(
      await db().selectFrom('order_syncs').select('id').where('order_id', '=', nz.id).executeTakeFirst(),
    ).toBeUndefined();
    await infra.queue.enqueue({ queue: queueNames.reconcile, data: {} });
    const invoice = await waitForInvoice(nz, 'PAID');
    expect(cents(invoice.Total)).toBe(cents(nz.total));
    expect((await paymentsOf(nz)).map((p) => cents(p.Amount))).toEqual([cents(nz.total)]);
    expect(await xero.admin.contractViolations()).toEqual([]);
    expect(await infra.queue.deadLetters(queueNames.sync)).toEqual([]);
  }
});
