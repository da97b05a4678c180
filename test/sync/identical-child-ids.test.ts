import type { Order, Payment, Refund } from '@ledgerbridge/canonical';
import { flushTenant, getOrderSync, syncOrder } from '@ledgerbridge/xero-app';
import { testBackends } from '@ledgerbridge/xero-app/testing';
import { SEEDED_TENANT_IDS } from '@ledgerbridge/xero-sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { auOrder, fakeCommerce } from '../support/fake-commerce.ts';
import { type FlushHarness, openFlushHarness } from '../support/flush-harness.ts';

// Storefronts give an order's payments and transactions the same IDs in every order (P1, P1-capture-1),
// and buyers may have users of the same ID. Every key built from such an ID goes through its parent
// (docs/decisions/0031): two orders with identical child IDs are two of everything in Xero.
const tenantId = SEEDED_TENANT_IDS.au;

const capture = (orderId: string, amount: string): Payment => ({
  id: 'P1',
  orderId,
  method: 'credit-card',
  currency: 'AUD',
  amount,
  accepted: true,
  createdAt: '2026-12-01T10:00:00Z',
  transactions: [
    { id: 'P1-auth', type: 'CreditCard', amount, succeeded: true, executedAt: '2026-12-01T10:00:00Z' },
    {
      id: 'P1-capture-1',
      type: 'CreditCardCapture',
      amount,
      succeeded: true,
      executedAt: '2026-12-01T10:05:00Z',
    },
  ],
  attributes: {},
});

describe.each(testBackends)('two orders with identical child IDs (%s)', (backend) => {
  let harness: FlushHarness;

  beforeAll(async () => {
    harness = await openFlushHarness({
      backend,
      runUrl: inject('postgresUrl'),
      tenants: [tenantId],
      sandbox: { contractCheck: true },
    });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('are two of everything: contacts, invoices, payments, credit notes and refunds, cancellations', async () => {
    const { sandbox, db } = harness;
    const ctx = harness.contextOf(tenantId);
    // User U1 of buyer B1 and user U1 of buyer B2: two people.
    const one = { id: 'U1', first: 'Ana', last: 'One', email: 'ana@b1.example', companyId: 'B1' };
    const two = { id: 'U1', first: 'Ben', last: 'Two', email: 'ben@b2.example', companyId: 'B2' };
    const orders = new Map<string, Order>([
      ['A', auOrder('A', one, [['Mug', '1', '11.00', '1.00']])],
      ['B', auOrder('B', two, [['Lamp', '1', '55.00', '5.00']])],
      ['C', auOrder('C', one, [['Mug', '2', '11.00', '2.00']])],
      ['D', auOrder('D', two, [['Mug', '3', '11.00', '3.00']])],
    ]);
    const payments = new Map<string, Payment[]>([
      ['A', [capture('A', '11.00')]],
      ['B', [capture('B', '55.00')]],
      ['C', [capture('C', '22.00')]],
      ['D', [capture('D', '33.00')]],
    ]);
    const refunds = new Map<string, Refund[]>();
    const commerce = fakeCommerce(orders, payments, refunds);
    const deps = {
      db,
      commerceFor: async () => commerce,
      accountingFor: harness.deps.accountingFor,
      requestFlush: async () => {},
      requestWriteBack: async () => {},
    };
    const sync = async (ids: string[]) => {
      for (const id of ids) await syncOrder(deps, { connectionId: ctx.connectionId, orderId: id });
      await flushTenant(harness.deps, { tenantId });
      // The capture arrives after the invoice exists, too: the same IDs again, still nothing twice.
      for (const id of ids) await syncOrder(deps, { connectionId: ctx.connectionId, orderId: id });
      await flushTenant(harness.deps, { tenantId });
    };
    const status = async (orderId: string) =>
      (await getOrderSync(db, { connectionId: ctx.connectionId, orderId }))?.status;

    // Captures: one Xero payment per order, though both are P1 / P1-capture-1.
    await sync(['A', 'B', 'C', 'D']);
    let docs = await sandbox.admin.documents(tenantId);
    const invoiceOf = (orderId: string) => docs.invoices.find((i) => i.Reference === orderId);
    for (const id of ['A', 'B', 'C', 'D']) expect(await status(id)).toBe('paid');
    const paidInvoices = docs.payments.map(
      (p) => (p.Invoice as { InvoiceID?: string } | undefined)?.InvoiceID,
    );
    expect(paidInvoices.sort()).toEqual(['A', 'B', 'C', 'D'].map((id) => invoiceOf(id)?.InvoiceID).sort());
    // Contacts: U1 of B1 and U1 of B2 are two contacts, numbered through their buyer.
    const numbers = docs.contacts.map((c) => c.ContactNumber).filter((n) => String(n).includes('U1'));
    expect(numbers.sort()).toEqual(['B1/U1', 'B2/U1']);
    expect(invoiceOf('A')?.Contact).not.toEqual(invoiceOf('B')?.Contact);

    // Returns: each order's own credit note and refund.
    refunds.set('A', [
      {
        id: 'RET-A',
        orderId: 'A',
        currency: 'AUD',
        amount: '11.00',
        issuedAt: '2026-12-02T10:00:00Z',
        lines: [],
        moneyReturned: true,
      },
    ]);
    refunds.set('B', [
      {
        id: 'RET-B',
        orderId: 'B',
        currency: 'AUD',
        amount: '55.00',
        issuedAt: '2026-12-02T10:00:00Z',
        lines: [],
        moneyReturned: true,
      },
    ]);
    await sync(['A', 'B']);
    // Paid orders canceled: each credited in full and paid back, under its own order's key.
    orders.set('C', { ...(orders.get('C') as Order), status: 'canceled' });
    orders.set('D', { ...(orders.get('D') as Order), status: 'canceled' });
    await sync(['C', 'D']);

    docs = await sandbox.admin.documents(tenantId);
    expect(docs.creditNotes.map((n) => n.Reference).sort()).toEqual(['A', 'B', 'C', 'D']);
    expect(docs.payments).toHaveLength(8);
    for (const id of ['A', 'B', 'C', 'D']) expect(await status(id)).toBe('credited');
    const operations = await db
      .selectFrom('xero_operations')
      .select(['kind', 'order_id', 'status'])
      .execute();
    expect(operations.filter((o) => o.status !== 'done')).toEqual([]);
    expect(operations.filter((o) => o.kind === 'payment')).toHaveLength(8);
    expect((await sandbox.admin.contractViolations()).length).toBe(0);
  }, 120_000);
});
