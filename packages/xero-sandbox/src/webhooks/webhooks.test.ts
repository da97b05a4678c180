import { afterEach, describe, expect, it } from 'vitest';
import { CreditNote, Invoice } from 'xero-node';
import { DEMO_APP } from '../sandbox-options.ts';
import { startWebhookReceiver } from '../testing/webhook-receiver.ts';
import { type Harness, startHarness, TENANTS, unique } from '../testing/xero-node-harness.ts';

const KEY = DEMO_APP.webhookKey ?? '';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(options: { failFirst?: number } = {}) {
  const receiver = await startWebhookReceiver(KEY, options);
  const h: Harness = await startHarness();
  await h.sandbox.admin.upsertApp({ clientId: DEMO_APP.clientId, webhookUrl: receiver.url });
  cleanups.push(receiver.close, h.sandbox.close);
  return { receiver, h };
}

describe('webhooks', () => {
  it('delivers signed INVOICE and CONTACT events for API writes; a payment shows as an INVOICE UPDATE', async () => {
    const { receiver, h } = await setup();
    const created = await h.xero.accountingApi.createInvoices(TENANTS.nz, {
      invoices: [
        {
          type: Invoice.TypeEnum.ACCREC,
          contact: { name: unique('Hooked') },
          lineItems: [{ description: 'x', quantity: 1, unitAmount: 10, accountCode: '200' }],
          status: Invoice.StatusEnum.AUTHORISED,
        },
      ],
    });
    const invoice = created.body.invoices?.[0];
    await h.sandbox.admin.flushWebhooks();
    expect(receiver.received.every((delivery) => delivery.valid)).toBe(true);
    const first = JSON.parse(receiver.received[0]?.body ?? '{}') as Record<string, unknown>;
    expect(first).toMatchObject({ firstEventSequence: 1, lastEventSequence: 2 });
    expect(String(first.entropy)).toMatch(/^[A-Z]{20}$/);
    expect(receiver.events()).toEqual([
      expect.objectContaining({
        eventCategory: 'CONTACT',
        eventType: 'CREATE',
        resourceId: invoice?.contact?.contactID,
      }),
      expect.objectContaining({
        eventCategory: 'INVOICE',
        eventType: 'CREATE',
        resourceId: invoice?.invoiceID,
        resourceUrl: `${h.sandbox.apiBasePath}/Invoices/${invoice?.invoiceID}`,
        tenantId: TENANTS.nz,
        tenantType: 'ORGANISATION',
      }),
    ]);
    await h.xero.accountingApi.createPayments(TENANTS.nz, {
      payments: [
        {
          invoice: { invoiceID: invoice?.invoiceID ?? '' },
          account: { code: '090' },
          date: '2026-06-01',
          amount: 11.5,
        },
      ],
    });
    await h.sandbox.admin.flushWebhooks();
    expect(receiver.events().at(-1)).toMatchObject({
      eventCategory: 'INVOICE',
      eventType: 'UPDATE',
      resourceId: invoice?.invoiceID,
    });
    expect(receiver.events().some((event) => event.eventCategory === 'PAYMENT')).toBe(false);
    const note = await h.xero.accountingApi.createCreditNotes(TENANTS.nz, {
      creditNotes: [
        {
          type: CreditNote.TypeEnum.ACCRECCREDIT,
          contact: { contactID: invoice?.contact?.contactID ?? '' },
          lineItems: [{ description: 'refund', quantity: 1, unitAmount: 1, accountCode: '200' }],
          status: CreditNote.StatusEnum.AUTHORISED,
        },
      ],
    });
    await h.sandbox.admin.flushWebhooks();
    expect(receiver.events().at(-1)).toMatchObject({
      eventCategory: 'CREDITNOTE',
      eventType: 'CREATE',
      resourceId: note.body.creditNotes?.[0]?.creditNoteID,
      data: { Type: 'ACCRECCREDIT', Status: 'AUTHORISED' },
    });
  });

  it('fires for a user working in Xero: paying, voiding and editing', async () => {
    const { receiver, h } = await setup();
    const invoice = await h.sandbox.admin.createInvoice(TENANTS.au, {
      Type: 'ACCREC',
      Contact: { Name: 'Ridgeway Traders' },
      LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 20, AccountCode: '200' }],
      Status: 'AUTHORISED',
    });
    const invoiceId = String(invoice.InvoiceID);
    await h.sandbox.admin.payInvoice(TENANTS.au, invoiceId, { amount: 5 });
    const contactId = String((invoice.Contact as { ContactID: string }).ContactID);
    await h.sandbox.admin.editContact(TENANTS.au, contactId, { EmailAddress: 'new@ridgeway.example' });
    const second = await h.sandbox.admin.createInvoice(TENANTS.au, {
      Type: 'ACCREC',
      Contact: { ContactID: contactId },
      LineItems: [{ Description: 'y', Quantity: 1, UnitAmount: 1, AccountCode: '200' }],
      Status: 'AUTHORISED',
    });
    await h.sandbox.admin.voidInvoice(TENANTS.au, String(second.InvoiceID));
    await h.sandbox.admin.flushWebhooks();
    const summary = receiver.events().map((event) => `${event.eventCategory} ${event.eventType}`);
    expect(summary).toEqual([
      'INVOICE CREATE',
      'INVOICE UPDATE',
      'CONTACT UPDATE',
      'INVOICE CREATE',
      'INVOICE UPDATE',
    ]);
  });

  it('retries a failed delivery immediately and then with backoff on the sandbox clock', async () => {
    const { receiver, h } = await setup({ failFirst: 2 });
    await h.sandbox.admin.editContact(
      TENANTS.uk,
      (await h.sandbox.admin.documents(TENANTS.uk)).contacts[0]?.ContactID as string,
      {
        Website: 'x',
      },
    );
    await h.sandbox.admin.flushWebhooks();
    expect(
      (await h.sandbox.admin.webhookDeliveries()).map((attempt) => [attempt.attempt, attempt.status]),
    ).toEqual([
      [1, 500],
      [2, 500],
    ]);
    await h.sandbox.admin.advance(60_000);
    await h.sandbox.admin.flushWebhooks();
    await expect
      .poll(async () => (await h.sandbox.admin.webhookDeliveries()).at(-1))
      .toMatchObject({ attempt: 3, ok: true });
    // A retry resends the same signed body, sequence numbers included.
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((delivery) => delivery.body)).size).toBe(1);
  });

  it('runs intent-to-receive: a correct receiver passes, one that accepts anything fails', async () => {
    const { receiver, h } = await setup();
    expect(await h.sandbox.admin.intentToReceive()).toMatchObject({
      ok: true,
      goodStatus: 200,
      badStatus: 401,
    });
    expect(receiver.received.map((delivery) => delivery.valid)).toEqual([true, false]);
    expect(JSON.parse(receiver.received[0]?.body ?? '{}')).toMatchObject({ events: [] });
    const { createServer } = await import('node:http');
    const naive = createServer((_req, res) => res.writeHead(200).end());
    await new Promise<void>((resolve) => naive.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => naive.close(() => resolve())));
    const address = naive.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await h.sandbox.admin.upsertApp({
      clientId: DEMO_APP.clientId,
      webhookUrl: `http://127.0.0.1:${port}/hook`,
    });
    expect(await h.sandbox.admin.intentToReceive()).toMatchObject({
      ok: false,
      goodStatus: 200,
      badStatus: 200,
    });
  });
});
