import {
  applyInvoiceChange,
  createKeyring,
  createRateBudget,
  flushTenant,
  getOrderSync,
  migrateToLatest,
  syncOrder,
  xeroLimits,
} from '@ledgerbridge/xero-app';
import {
  type TestDatabase,
  createTestDatabase,
  seedSyncContext,
  testBackends,
} from '@ledgerbridge/xero-app/testing';
import { type CommerceSource, ok, type Order, OrderSchema, type Payment } from '@ledgerbridge/canonical';
import { createXeroAccountingAdapter, createXeroApiClient } from '@ledgerbridge/xero';
import { SEEDED_TENANT_IDS, startXeroSandbox, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

// The race behind a reconciliation scenario's flake: a captured payment still on its way to Xero (held
// by the day's pace) when a bookkeeper voids its invoice there. Xero refuses the payment; the order must
// stay as the bookkeeper left it (voided, flagged), not be told it was paid, nor lose the void's message.

const tenantId = SEEDED_TENANT_IDS.au;

const order: Order = OrderSchema.parse({
  id: 'O-VOID',
  status: 'submitted',
  currency: 'AUD',
  placedAt: '2026-11-26T23:00:00Z',
  customer: { id: 'u-vera', kind: 'person', firstName: 'Vera', lastName: 'Void', email: 'vera@example.com' },
  pricesIncludeTax: true,
  lines: [
    {
      id: 'O-VOID-0',
      sku: 'SKU-0',
      name: 'Lamp',
      quantity: '1',
      unitPrice: '55.00',
      lineSubtotal: '55.00',
      taxes: [{ ratePercent: '10', amount: '5.00' }],
    },
  ],
  taxTotal: '5.00',
  total: '55.00',
});

const captured: Payment = {
  id: 'P-VOID',
  orderId: 'O-VOID',
  method: 'credit-card',
  currency: 'AUD',
  amount: '55.00',
  accepted: true,
  createdAt: '2026-11-26T23:00:00Z',
  transactions: [
    { id: 'T-VOID', type: 'capture', amount: '55.00', succeeded: true, executedAt: '2026-11-26T23:01:00Z' },
  ],
  attributes: {},
};

describe.each(testBackends)('a payment of ours reaching an invoice voided in Xero (%s)', (backend) => {
  let sandbox: XeroSandbox;
  let database: TestDatabase;

  beforeAll(async () => {
    sandbox = await startXeroSandbox({});
    database = await createTestDatabase(backend, inject('postgresUrl'));
    await migrateToLatest(database.handle.db);
  });
  afterAll(async () => {
    await database?.drop();
    await sandbox?.close();
  });

  it('is refused and noted; the order stays voided with the bookkeeper’s message', async () => {
    const db = database.handle.db;
    const keyring = createKeyring({ current: 'test-key-test-key-test-key-test-key-1234' });
    const tokens = await sandbox.admin.issueTokens({ tenantIds: [tenantId] });
    const ctx = await seedSyncContext(db, keyring, {
      tenantId,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? 'unused',
      orderCloud: { apiUrl: 'http://127.0.0.1:1', clientId: 'c', clientSecret: 's', hashKey: 'h' },
    });
    const accounting = createXeroAccountingAdapter({
      client: createXeroApiClient({ basePath: sandbox.apiBasePath }),
      gate: createRateBudget({ db, limits: async () => xeroLimits(5000) }),
      tokens: { getAccessToken: async () => ok({ accessToken: tokens.access_token }) },
    });
    let payments: Payment[] = [];
    const commerce = {
      getOrder: async () => ok(order),
      getPayments: async () => ok(payments),
      getRefunds: async () => ok([]),
      writeBack: async () => ok(undefined),
    } as unknown as CommerceSource;
    const deps = {
      db,
      commerceFor: async () => commerce,
      accountingFor: () => accounting,
      requestFlush: async () => {},
      requestWriteBack: async () => {},
    };
    const flush = () =>
      flushTenant(
        {
          db,
          accountingFor: () => accounting,
          requestWriteBack: async () => {},
          budgetScarce: async () => false,
        },
        { tenantId },
      );
    const ref = { connectionId: ctx.connectionId, orderId: order.id };

    // The invoice goes; its payment is not captured yet.
    await syncOrder(deps, ref);
    await flush();
    const invoiced = await getOrderSync(db, ref);
    expect(invoiced?.status).toBe('invoiced');
    const invoiceId = invoiced?.invoice_id ?? '';

    // A second later the bookkeeper voids it in Xero, and the change comes back (a webhook, or a
    // reconciliation's heal), dated when Xero recorded it. Voided in the same few milliseconds as our write,
    // it would be taken for our own write coming back (own-writes.ts), which no bookkeeper is that fast for.
    const voidedAt = await sandbox.admin.advance(1_000);
    await sandbox.admin.voidInvoice(tenantId, invoiceId);
    const applied = await applyInvoiceChange(
      {
        db,
        invoices: {
          getInvoice: ({ tenantId: t, invoiceId: id }) =>
            accounting.getInvoice({ tenantId: t, invoiceId: id }),
        },
        orders: { writeBack: async () => ok(undefined) },
      },
      { workspaceId: ctx.workspaceId, tenantId, invoiceId, eventDateUtc: new Date(voidedAt).toISOString() },
    );
    expect(applied).toEqual({ ok: true, value: 'voided' });

    // Then the capture arrives and its payment is sent to the voided invoice.
    payments = [captured];
    await syncOrder(deps, ref);
    await flush();

    const docs = await sandbox.admin.documents(tenantId);
    expect(docs.payments.filter((p) => JSON.stringify(p).includes(invoiceId))).toEqual([]);
    const payment = await db
      .selectFrom('xero_operations')
      .select(['status', 'error'])
      .where('order_id', '=', order.id)
      .where('kind', '=', 'payment')
      .executeTakeFirstOrThrow();
    expect(payment.status).toBe('failed');
    expect(payment.error).toMatch(/Authorised/i);
    const after = await getOrderSync(db, ref);
    expect(after).toMatchObject({ status: 'voided', amount_paid: '0.00' });
    expect(after?.message).toMatch(/voided in Xero/);
    const steps = await db
      .selectFrom('timeline')
      .select(['step', 'outcome', 'message'])
      .where('subject_id', '=', `${ctx.connectionId}:${order.id}`)
      .execute();
    expect(steps).toContainEqual(
      expect.objectContaining({
        step: 'payment',
        outcome: 'error',
        message: expect.stringMatching(/refused the payment/),
      }),
    );
  }, 120_000);
});
