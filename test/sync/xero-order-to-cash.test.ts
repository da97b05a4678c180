import type { Order, Payment, Refund } from '@ledgerbridge/canonical';
import { flushTenant, getOrderSync, syncOrder } from '@ledgerbridge/xero-app';
import { testBackends } from '@ledgerbridge/xero-app/testing';
import { SEEDED_TENANT_IDS } from '@ledgerbridge/xero-sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { auOrder, fakeCommerce } from '../support/fake-commerce.ts';
import { type FlushHarness, openFlushHarness } from '../support/flush-harness.ts';

const tenantId = SEEDED_TENANT_IDS.au;

describe.each(testBackends)(
  'order to cash against the Xero sandbox (real xero-node client) (%s)',
  (backend) => {
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

    it('posts each order once: one contact per customer, invoices to the cent, payments to the bank, a void on cancel', async () => {
      const { sandbox, db } = harness;
      const ctx = harness.contextOf(tenantId);
      const ana = { id: 'u-ana', first: 'Ana', last: 'Lima', email: 'ana@example.com' };
      const adam1 = { id: 'u-adam1', first: 'Adam', last: 'B', email: 'adam.one@example.com' };
      const adam2 = { id: 'u-adam2', first: 'Adam', last: 'B', email: 'adam.two@example.com' };
      const orders = new Map<string, Order>([
        ['O-1', auOrder('O-1', ana, [['Mug', '3', '10.99', '3.00']])],
        [
          'O-2',
          auOrder('O-2', ana, [
            ['Sticker', '1', '0.05', '0.01'],
            ['Sticker', '1', '0.05', '0.00'],
          ]),
        ],
        ['O-3', auOrder('O-3', adam1, [['Lamp', '1', '50.00', '4.55']])],
        ['O-4', auOrder('O-4', adam2, [['Lamp', '2', '50.00', '9.09']])],
        ['O-5', auOrder('O-5', ana, [['Free sample', '1', '0.00', '0.00']])],
      ]);
      const payments = new Map<string, Payment[]>([
        [
          'O-1',
          [
            {
              id: 'P-1',
              orderId: 'O-1',
              method: 'credit-card',
              currency: 'AUD',
              amount: '32.97',
              accepted: true,
              createdAt: '2026-11-26T23:00:00Z',
              transactions: [
                {
                  id: 'T-1',
                  type: 'capture',
                  amount: '32.97',
                  succeeded: true,
                  executedAt: '2026-11-26T23:01:00Z',
                },
              ],
              attributes: {},
            },
          ],
        ],
      ]);
      const refunds = new Map<string, Refund[]>();
      const commerce = fakeCommerce(orders, payments, refunds);
      const flushes: string[] = [];
      const deps = {
        db,
        commerceFor: async () => commerce,
        accountingFor: harness.deps.accountingFor,
        requestFlush: async (t: string) => void flushes.push(t),
        requestWriteBack: async () => {},
      };
      for (const id of orders.keys()) await syncOrder(deps, { connectionId: ctx.connectionId, orderId: id });
      // The same deliveries again, as OrderCloud may send them.
      for (const id of orders.keys()) await syncOrder(deps, { connectionId: ctx.connectionId, orderId: id });
      const flushDeps = harness.deps;
      // While the budget says wait (a 429 pause, a spent minute), nothing is claimed or recorded: the
      // batches are made when they can go, as full as they can be then.
      const held = await flushTenant({ ...flushDeps, budgetWaitMs: async () => 45_000 }, { tenantId });
      // The wait is counted from when it was read, so a millisecond may have passed since.
      expect(held).toMatchObject({ calls: 0, sent: 0 });
      expect(held.again?.afterMs).toBeLessThanOrEqual(45_000);
      expect(held.again?.afterMs).toBeGreaterThan(44_000);
      expect(await db.selectFrom('xero_batches').select('id').execute()).toEqual([]);
      const first = await flushTenant({ ...flushDeps, budgetWaitMs: async () => 0 }, { tenantId });
      // Contacts in one call, invoices in one call, the payment in one call.
      expect(first.calls).toBeLessThanOrEqual(4);
      await flushTenant(flushDeps, { tenantId });

      const docs = await sandbox.admin.documents(tenantId);
      const ours = docs.invoices.filter((i) => String(i.Reference ?? '').startsWith('O-'));
      expect(ours.map((i) => i.Reference).sort()).toEqual(['O-1', 'O-2', 'O-3', 'O-4', 'O-5']);
      for (const invoice of ours) {
        expect(String(invoice.Total)).toBe(String(Number(orders.get(String(invoice.Reference))?.total)));
        expect(String(invoice.TotalTax)).toBe(
          String(Number(orders.get(String(invoice.Reference))?.taxTotal)),
        );
      }
      const contactNames = docs.contacts
        .filter((c) => String(c.ContactNumber ?? '').startsWith('u-'))
        .map((c) => c.Name)
        .sort();
      expect(contactNames).toEqual(['Adam B', 'Adam B (adam.two@example.com)', 'Ana Lima']);
      expect(docs.payments).toHaveLength(1);
      expect(docs.payments[0]).toMatchObject({ Amount: 32.97 });
      const o1 = await getOrderSync(db, { connectionId: ctx.connectionId, orderId: 'O-1' });
      expect(o1?.status).toBe('paid');

      orders.set('O-3', { ...(orders.get('O-3') as Order), status: 'canceled' });
      await syncOrder(deps, { connectionId: ctx.connectionId, orderId: 'O-3' });
      await flushTenant(flushDeps, { tenantId });
      const after = await sandbox.admin.documents(tenantId);
      expect(after.invoices.find((i) => i.Reference === 'O-3')?.Status).toBe('VOIDED');

      // A mug returned from the paid order: a credit note at the invoice's terms, the money paid back.
      refunds.set('O-1', [
        {
          id: 'R-1',
          orderId: 'O-1',
          currency: 'AUD',
          amount: '10.99',
          issuedAt: '2026-11-27T01:00:00Z',
          lines: [],
          moneyReturned: true,
        },
      ]);
      await syncOrder(deps, { connectionId: ctx.connectionId, orderId: 'O-1' });
      await syncOrder(deps, { connectionId: ctx.connectionId, orderId: 'O-1' });
      await flushTenant(flushDeps, { tenantId });
      const refunded = await sandbox.admin.documents(tenantId);
      expect(refunded.creditNotes).toHaveLength(1);
      expect(refunded.creditNotes[0]).toMatchObject({
        Reference: 'O-1',
        Total: 10.99,
        TotalTax: 1,
        Status: 'PAID',
      });
      expect(refunded.payments).toHaveLength(2);
      expect((await getOrderSync(db, { connectionId: ctx.connectionId, orderId: 'O-1' }))?.status).toBe(
        'credited',
      );
      expect((await sandbox.admin.contractViolations()).length).toBe(0);
    }, 120_000);
  },
);
