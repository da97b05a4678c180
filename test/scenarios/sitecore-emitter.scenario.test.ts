import { createTestDatabase, type TestDatabase } from '@ledgerbridge/xero-app/testing';
import { SEEDED_TENANT_IDS, startXeroSandbox, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestSite, emit, type TestSite } from '../support/sitecore-site.ts';
import { describeProgress, type Stack, startStack, waitUntil } from '../support/stack.ts';

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

  // The lock date test locks the shared org: a failure half-way must not lock the tests after it.
  afterEach(async () => {
    await xero.admin.updateOrg(tenantId, { periodLockDate: null });
  });

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
      { timeoutMs: 20_000, what: 'the emitted order to be invoiced', explain: () => describeProgress(stack) },
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
  }, 150_000);

  it('lists a failed order with its reason through the extension API, scoped to the key, and its retry invoices it', async () => {
    const api = (path: string, init: RequestInit = {}, key = site.apiKey) =>
      fetch(`${stack.server.url}${path}`, { ...init, headers: { authorization: `Bearer ${key}` } });
    // Xero refuses invoices dated in a locked period: the order fails for a reason the merchant can fix.
    await xero.admin.updateOrg(tenantId, { periodLockDate: '2027-12-31' });
    const sent = await emit(stack, site, {
      schemaVersion: 1,
      id: 'sc-evt-order-locked',
      occurredAt: occurredAt(),
      type: 'order.submitted',
      order: order('SC-ORDER-LOCKED', {
        id: 'sc-cust-3',
        kind: 'person',
        email: 'lee@example.com',
        firstName: 'Lee',
      }),
    });
    expect(sent.status).toBe(202);
    type Listed = { orderId: string; problem: string | null; retryable: boolean; status: string };
    const failed = await waitUntil(
      async () => {
        const body = (await (await api('/api/v1/orders?problems=1')).json()) as { orders: Listed[] };
        return body.orders.find((o) => o.orderId === 'SC-ORDER-LOCKED');
      },
      { timeoutMs: 60_000, what: 'the locked-period order to be listed with a problem' },
    );
    expect(failed.retryable).toBe(true);
    expect(failed.problem).toMatch(/lock/i);

    // Another workspace's key sees nothing of it and cannot retry it.
    expect((await api('/api/v1/orders', {}, 'lbk_someone-else')).status).toBe(401);

    await xero.admin.updateOrg(tenantId, { periodLockDate: null });
    const retried = await api('/api/v1/orders/SC-ORDER-LOCKED/retry', { method: 'POST' });
    expect(retried.status).toBe(202);
    const invoiced = await waitUntil(
      async () => {
        const body = (await (await api('/api/v1/orders')).json()) as { orders: Listed[] };
        const row = body.orders.find((o) => o.orderId === 'SC-ORDER-LOCKED');
        return row && row.status === 'Invoiced' && row.problem === null ? row : undefined;
      },
      {
        timeoutMs: 20_000,
        what: 'the retried order to be invoiced',
        explain: async () =>
          `${await describeProgress(stack)}\n${JSON.stringify(await (await api('/api/v1/orders')).json())}`,
      },
    );
    expect(invoiced.retryable).toBe(false);
    const docs = await xero.admin.documents(tenantId);
    expect(
      docs.invoices.filter((i) => i.Reference === 'SC-ORDER-LOCKED' && i.Status !== 'DELETED'),
    ).toHaveLength(1);
    expect((await api('/api/v1/orders/SC-ORDER-LOCKED/retry', { method: 'POST' })).status).toBe(409);
    expect((await api('/api/v1/orders/NOPE/retry', { method: 'POST' })).status).toBe(404);

    const health = (await (await api('/api/v1/health')).json()) as {
      ordersToday: number;
      failures: number;
      budgets: Array<{ left: number; limit: number }>;
    };
    // The other test may not have run yet (tests run shuffled): this one sent one order.
    expect(health.ordersToday).toBeGreaterThanOrEqual(1);
    expect(health.failures).toBe(0);
    expect(health.budgets[0]?.left).toBeLessThan(health.budgets[0]?.limit ?? 0);
  }, 150_000);

  it('credits an emitted refund exactly once: a paid order gets its money back, an unpaid one its balance reduced', async () => {
    const db = stack.infra.database.db;
    const customer = { id: 'sc-cust-refund', kind: 'person', email: 'ira@example.com', firstName: 'Ira' };
    const refund = (id: string, orderId: string, amount: string, moneyReturned: boolean) => ({
      id,
      orderId,
      currency: 'AUD',
      amount,
      reason: 'Chipped mug',
      issuedAt: occurredAt(),
      lines: [{ lineId: 'l1', quantity: '1', amount }],
      moneyReturned,
    });
    const invoiceOf = async (orderId: string) =>
      waitUntil(
        async () =>
          (
            await db
              .selectFrom('order_syncs')
              .select(['invoice_id', 'status'])
              .where('order_id', '=', orderId)
              .executeTakeFirst()
          )?.invoice_id ?? undefined,
        { timeoutMs: 30_000, what: `${orderId} to be invoiced`, explain: () => describeProgress(stack) },
      );
    for (const orderId of ['SC-ORDER-REFUND-PAID', 'SC-ORDER-REFUND-OPEN'])
      expect(
        (
          await emit(stack, site, {
            schemaVersion: 2,
            id: `sc-evt-${orderId}`,
            occurredAt: occurredAt(),
            type: 'order.submitted',
            order: order(orderId, customer),
          })
        ).status,
      ).toBe(202);
    await invoiceOf('SC-ORDER-REFUND-PAID');
    await invoiceOf('SC-ORDER-REFUND-OPEN');
    const captured = await emit(stack, site, {
      schemaVersion: 2,
      id: 'sc-evt-pay-refund',
      occurredAt: occurredAt(),
      type: 'payment.captured',
      payment: {
        id: 'SC-PAY-REFUND',
        orderId: 'SC-ORDER-REFUND-PAID',
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
      async () =>
        (await xero.admin.documents(tenantId)).invoices.find((i) => i.Reference === 'SC-ORDER-REFUND-PAID')
          ?.Status === 'PAID',
      { timeoutMs: 60_000, what: 'the order to be paid before its refund' },
    );

    // The site refunds one mug of the paid order; its emitter retries (a new event ID) and a proxy
    // repeats the first delivery (the same ID): one credit note, one refund payment.
    const paidRefund = refund('SC-RF-1', 'SC-ORDER-REFUND-PAID', '11.00', true);
    const deliveries = [
      {
        schemaVersion: 2,
        id: 'sc-evt-rf-1',
        occurredAt: occurredAt(),
        type: 'refund.issued',
        refund: paidRefund,
      },
      {
        schemaVersion: 2,
        id: 'sc-evt-rf-1',
        occurredAt: occurredAt(),
        type: 'refund.issued',
        refund: paidRefund,
      },
      {
        schemaVersion: 2,
        id: 'sc-evt-rf-1-again',
        occurredAt: occurredAt(),
        type: 'refund.issued',
        refund: paidRefund,
      },
    ];
    const statuses: number[] = [];
    for (const delivery of deliveries) statuses.push((await emit(stack, site, delivery)).status);
    expect(statuses).toEqual([202, 200, 202]);
    // The unpaid order is credited without money going back: the note is allocated to its invoice.
    const openRefund = refund('SC-RF-2', 'SC-ORDER-REFUND-OPEN', '5.50', false);
    expect(
      (
        await emit(stack, site, {
          schemaVersion: 2,
          id: 'sc-evt-rf-2',
          occurredAt: occurredAt(),
          type: 'refund.issued',
          refund: openRefund,
        })
      ).status,
    ).toBe(202);
    // schemaVersion 1 has no refunds: the sender hears which version it needs.
    const old = await emit(stack, site, {
      schemaVersion: 1,
      id: 'sc-evt-rf-old',
      occurredAt: occurredAt(),
      type: 'refund.issued',
      refund: refund('SC-RF-3', 'SC-ORDER-REFUND-OPEN', '1.00', false),
    });
    expect(old.status).toBe(400);
    expect(JSON.stringify(await old.json())).toContain('refund.issued exists from schemaVersion 2');

    await waitUntil(
      async () => {
        const all = (await xero.admin.documents(tenantId)).creditNotes;
        const paid = all.find((n) => n.Reference === 'SC-ORDER-REFUND-PAID' && n.Status === 'PAID');
        const open = all.find(
          (n) => n.Reference === 'SC-ORDER-REFUND-OPEN' && (n.Allocations as unknown[]).length > 0,
        );
        return paid && open ? true : undefined;
      },
      {
        timeoutMs: 60_000,
        what: 'both refunds to be credited in Xero',
        explain: () => describeProgress(stack),
      },
    );
    // Let any second planning the repeated delivery might cause reach Xero before counting.
    await waitUntil(
      async () =>
        (
          await db
            .selectFrom('xero_operations')
            .select('id')
            .where('order_id', 'in', ['SC-ORDER-REFUND-PAID', 'SC-ORDER-REFUND-OPEN'])
            .where('status', 'not in', ['done'])
            .execute()
        ).length === 0,
      {
        timeoutMs: 30_000,
        what: "the refunds' operations to settle",
        explain: () => describeProgress(stack),
      },
    );
    const after = (await xero.admin.documents(tenantId)).creditNotes;
    const paidNotes = after.filter((n) => n.Reference === 'SC-ORDER-REFUND-PAID');
    expect(paidNotes).toHaveLength(1);
    expect(paidNotes[0]).toMatchObject({ Total: 11, Status: 'PAID', RemainingCredit: 0 });
    expect(paidNotes[0]?.Payments as unknown[]).toHaveLength(1);
    const openNotes = after.filter((n) => n.Reference === 'SC-ORDER-REFUND-OPEN');
    expect(openNotes).toHaveLength(1);
    expect(openNotes[0]).toMatchObject({ Total: 5.5, RemainingCredit: 0 });
    expect(openNotes[0]?.Allocations).toMatchObject([{ Amount: 5.5 }]);
    const open = (await xero.admin.documents(tenantId)).invoices.find(
      (i) => i.Reference === 'SC-ORDER-REFUND-OPEN',
    );
    expect(open?.AmountDue).toBe(22);
  }, 150_000);
});
