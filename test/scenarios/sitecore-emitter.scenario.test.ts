import { SEEDED_TENANT_IDS, startXeroSandbox, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../apps/xero-app/src/testing/test-databases.ts';
import { createTestSite, emit, type TestSite } from '../support/sitecore-site.ts';
import { type Stack, startStack, waitUntil } from '../support/stack.ts';

// A storefront that is not on OrderCloud (a Sitecore head with its own checkout) sends canonical orders,
// payments and customers through the emitter; the same sync turns them into Xero documents.

const occurredAt = () => new Date().toISOString();

const order = (id: string, customer: object) => ({
  id,
  status: 'submitted',
  currency: 'AUD',
  placedAt: '2026-12-05T14:59:00Z',
  customer,
  pricesIncludeTax: true,
  lines: [
    {
      id: 'l1',
      sku: 'SC-MUG',
      name: 'Stoneware mug',
      quantity: '2',
      unitPrice: '11.00',
      lineSubtotal: '22.00',
      taxes: [{ amount: '2.00', ratePercent: '10' }],
    },
  ],
  charges: [
    {
      kind: 'shipping',
      description: 'Shipping',
      amount: '5.50',
      taxes: [{ amount: '0.50', ratePercent: '10' }],
    },
  ],
  taxTotal: '2.50',
  total: '27.50',
});

describe('Sitecore emitter → Xero', () => {
  let xero: XeroSandbox;
  let database: TestDatabase;
  let stack: Stack;
  let site: TestSite;
  const tenantId = SEEDED_TENANT_IDS.au;

  beforeAll(async () => {
    xero = await startXeroSandbox();
    database = await createTestDatabase('postgres', inject('postgresUrl'));
    stack = await startStack({
      xero,
      tenantId,
      ...(database.url ? { databaseUrl: database.url } : {}),
      worker: { fillWaitMs: 0 },
      catalog: { seed: 3, profile: 'au' },
    });
    site = await createTestSite(stack);
  }, 90_000);

  afterAll(async () => {
    await stack?.close();
    await database?.drop();
    await xero?.close();
  });

  it('invoices an emitted order, pays it on the emitted capture, and saves a signed-up customer as a contact', async () => {
    const customer = {
      id: 'sc-cust-1',
      kind: 'person',
      email: 'mia@example.com',
      firstName: 'Mia',
      lastName: 'Chen',
    };
    const sent = await emit(stack, site, {
      schemaVersion: 1,
      id: 'sc-evt-order-1',
      occurredAt: occurredAt(),
      type: 'order.submitted',
      order: order('SC-ORDER-1', customer),
    });
    expect(sent.status).toBe(202);
    const db = stack.infra.database.db;
    const invoiced = await waitUntil(
      async () => {
        const row = await db
          .selectFrom('order_syncs')
          .select(['status', 'invoice_id', 'invoice_number', 'message'])
          .where('order_id', '=', 'SC-ORDER-1')
          .executeTakeFirst();
        return row?.invoice_id ? row : undefined;
      },
      { timeoutMs: 60_000, what: 'the emitted order to be invoiced' },
    );
    const docs = await xero.admin.documents(tenantId);
    const invoice = docs.invoices.find((i) => i.Reference === 'SC-ORDER-1');
    expect(invoice?.Total).toBe(27.5);
    expect(invoiced.invoice_number).toBe(invoice?.InvoiceNumber);

    const captured = await emit(stack, site, {
      schemaVersion: 1,
      id: 'sc-evt-pay-1',
      occurredAt: occurredAt(),
      type: 'payment.captured',
      payment: {
        id: 'SC-PAY-1',
        orderId: 'SC-ORDER-1',
        method: 'credit-card',
        currency: 'AUD',
        amount: '27.50',
        accepted: true,
        createdAt: occurredAt(),
        transactions: [
          { id: 't1', type: 'capture', amount: '27.50', succeeded: true, executedAt: occurredAt() },
        ],
      },
    });
    expect(captured.status).toBe(202);
    await waitUntil(
      async () => {
        const row = await db
          .selectFrom('order_syncs')
          .select('status')
          .where('order_id', '=', 'SC-ORDER-1')
          .executeTakeFirst();
        return row?.status === 'paid';
      },
      { timeoutMs: 60_000, what: 'the emitted order to be paid' },
    );
    const paid = (await xero.admin.documents(tenantId)).invoices.find((i) => i.Reference === 'SC-ORDER-1');
    expect(paid?.Status).toBe('PAID');

    const signUp = await emit(stack, site, {
      schemaVersion: 1,
      id: 'sc-evt-cust-2',
      occurredAt: occurredAt(),
      type: 'customer.updated',
      customer: {
        id: 'sc-cust-2',
        kind: 'person',
        email: 'noah@example.com',
        firstName: 'Noah',
        lastName: 'Ward',
      },
    });
    expect(signUp.status).toBe(202);
    const contact = await waitUntil(
      async () =>
        (await xero.admin.documents(tenantId)).contacts?.find(
          (c: { EmailAddress?: string }) => c.EmailAddress === 'noah@example.com',
        ),
      { timeoutMs: 60_000, what: 'the signed-up customer to be a Xero contact' },
    );
    expect(contact).toMatchObject({ FirstName: 'Noah', LastName: 'Ward' });
  });
});
