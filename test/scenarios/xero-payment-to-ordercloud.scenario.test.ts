import { sandboxDefaults } from '@ledgerbridge/ordercloud-sandbox';
import { SEEDED_TENANT_IDS, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { placeOrders, type Stack, waitUntil } from '../support/stack.ts';
import { openWebhookStack, type WebhookStack } from '../support/webhook-stack.ts';

type OcOrder = {
  Status: string;
  xp: { Ledgerbridge?: { InvoiceStatus?: string; AmountPaid?: string; NeedsAttention?: boolean } };
};

describe.each(testBackends)(
  'the way back: a payment or void made in Xero reaches the OrderCloud order (%s)',
  (backend) => {
    let xero: XeroSandbox;
    let opened: WebhookStack;
    let stack: Stack;
    const tenantId = SEEDED_TENANT_IDS.au;

    beforeAll(async () => {
      opened = await openWebhookStack({ backend, runUrl: inject('postgresUrl'), tenantId, seed: 11 });
      ({ xero, stack } = opened);
    });
    afterAll(async () => {
      await opened?.close();
    });

    async function ocOrder(orderId: string): Promise<OcOrder> {
      const token = await stack.orderCloud.admin.issueToken({
        clientId: sandboxDefaults.integrationClientId,
        username: sandboxDefaults.integrationUsername,
      });
      const response = await fetch(`${stack.orderCloud.url}/v1/orders/Incoming/${orderId}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return (await response.json()) as OcOrder;
    }

    it('Xero passes intent-to-receive, then paying and voiding invoices in Xero update the orders in OrderCloud', async () => {
      expect(await xero.admin.intentToReceive()).toMatchObject({ ok: true, goodStatus: 200, badStatus: 401 });
      const open = (await placeOrders(stack, { seed: 11, count: 10, profile: 'au' }))
        .map((o) => o.placed)
        .filter((o) => o.status === 'Open' && o.returnIds.length === 0);
      const db = stack.infra.database.db;
      const unpaid = await waitUntil(
        async () => {
          const synced = await db.selectFrom('order_syncs').select(['order_id', 'invoice_id']).execute();
          if (synced.filter((r) => r.invoice_id).length < open.length) return undefined;
          const docs = await xero.admin.documents(tenantId);
          const ours = docs.invoices.filter(
            (i) => open.some((o) => o.orderId === i.Reference) && Number(i.AmountDue) > 0,
          );
          return ours.length >= 2 ? ours : undefined;
        },
        { timeoutMs: 120_000, what: 'two unpaid invoices' },
      );
      const [toPay, toVoid] = unpaid as [Record<string, unknown>, Record<string, unknown>];

      await xero.admin.payInvoice(tenantId, String(toPay.InvoiceID));
      await xero.admin.voidInvoice(tenantId, String(toVoid.InvoiceID));
      await xero.admin.flushWebhooks();

      const paid = await waitUntil(
        async () => {
          const order = await ocOrder(String(toPay.Reference));
          return order.xp.Ledgerbridge?.InvoiceStatus === 'paid' ? order : undefined;
        },
        { timeoutMs: 90_000, what: 'the OrderCloud order to be marked paid' },
      );
      expect(paid.xp.Ledgerbridge?.AmountPaid).toBe(Number(toPay.Total).toFixed(2));
      const voided = await waitUntil(
        async () => {
          const order = await ocOrder(String(toVoid.Reference));
          return order.xp.Ledgerbridge?.InvoiceStatus === 'voided' ? order : undefined;
        },
        { timeoutMs: 90_000, what: 'the OrderCloud order to be flagged voided' },
      );
      expect(voided.xp.Ledgerbridge?.NeedsAttention).toBe(true);
      // Our own write-back for the order, run after Xero's (as a late job from the invoice's creation can
      // be), tells the same story: the flag stays.
      const late = { connectionId: stack.connectionId, orderId: String(toVoid.Reference) };
      const jobId = await stack.infra.queue.enqueue({ queue: 'write-back', data: late });
      await waitUntil(
        async () =>
          (await stack.infra.queue.getJob('write-back', String(jobId)))?.state === 'completed'
            ? true
            : undefined,
        { timeoutMs: 30_000, what: 'the late write-back to run' },
      );
      const after = await ocOrder(String(toVoid.Reference));
      expect(after.xp.Ledgerbridge).toMatchObject({ InvoiceStatus: 'voided', NeedsAttention: true });
      const rows = await db
        .selectFrom('order_syncs')
        .select(['order_id', 'status'])
        .where('order_id', 'in', [String(toPay.Reference), String(toVoid.Reference)])
        .execute();
      expect(Object.fromEntries(rows.map((r) => [r.order_id, r.status]))).toEqual({
        [String(toPay.Reference)]: 'paid',
        [String(toVoid.Reference)]: 'voided',
      });
      expect(await stack.infra.queue.deadLetters('xero-events')).toEqual([]);
    }, 320_000);
  },
);
