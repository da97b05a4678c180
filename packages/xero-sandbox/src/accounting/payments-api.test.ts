import { describe, expect, it } from 'vitest';
import { Invoice, type Payment } from 'xero-node';
import { failureOf, TENANTS, unique, useHarness, validationMessages } from '../testing/xero-node-harness.ts';

const h = useHarness();

const api = () => h.xero.accountingApi;

async function approvedInvoice(tenantId: string, status = Invoice.StatusEnum.AUTHORISED): Promise<string> {
  const { body } = await api().createInvoices(tenantId, {
    invoices: [
      {
        type: Invoice.TypeEnum.ACCREC,
        contact: { name: unique('Payer') },
        date: '2026-06-01',
        dueDate: '2026-06-15',
        lineItems: [{ description: 'Order', quantity: 1, unitAmount: 100, accountCode: '200' }],
        status,
      },
    ],
  });
  return body.invoices?.[0]?.invoiceID ?? '';
}

const payment = (invoiceID: string, amount: number, code = '090'): Payment => ({
  invoice: { invoiceID },
  account: { code },
  date: '2026-06-02',
  amount,
});

describe('payments through xero-node', () => {
  it('pays in parts, marks the invoice PAID at zero due, and refuses more than is outstanding', async () => {
    const invoiceID = await approvedInvoice(TENANTS.nz);
    const first = await api().createPayments(TENANTS.nz, { payments: [payment(invoiceID, 40)] });
    expect(first.body.payments?.[0]).toMatchObject({
      amount: 40,
      status: 'AUTHORISED',
      paymentType: 'ACCRECPAYMENT',
    });
    const tooMuch = await failureOf(api().createPayment(TENANTS.nz, payment(invoiceID, 75.01)));
    expect(validationMessages(tooMuch)).toEqual([
      'Payment amount exceeds the amount outstanding on this document',
    ]);
    await api().createPayments(TENANTS.nz, { payments: [payment(invoiceID, 75)] });
    const { body } = await api().getInvoice(TENANTS.nz, invoiceID);
    expect(body.invoices?.[0]).toMatchObject({ status: 'PAID', amountDue: 0, amountPaid: 115 });
    expect(body.invoices?.[0]?.fullyPaidOnDate).toEqual(new Date('2026-06-02T00:00:00Z'));
  });

  it('accepts a payment-enabled clearing account but not an ordinary one', async () => {
    const invoiceID = await approvedInvoice(TENANTS.au);
    const clearing = await api().createPayments(TENANTS.au, { payments: [payment(invoiceID, 10, '615')] });
    expect(clearing.body.payments?.[0]?.account?.code).toBe('615');
    const sales = await failureOf(
      api().createPayments(TENANTS.au, { payments: [payment(invoiceID, 10, '200')] }),
    );
    expect(validationMessages(sales)).toEqual(['Account type is invalid for making a payment to/from']);
  });

  it('refuses payments on documents that are not AUTHORISED', async () => {
    const draft = await approvedInvoice(TENANTS.uk, Invoice.StatusEnum.DRAFT);
    const failure = await failureOf(api().createPayments(TENANTS.uk, { payments: [payment(draft, 10)] }));
    expect(validationMessages(failure)).toEqual(['Payments can only be made against Authorised documents']);
  });

  it('refuses to void an invoice with a payment, until the payment is deleted', async () => {
    const invoiceID = await approvedInvoice(TENANTS.us);
    // US sales tax is a liability the org files itself: the default OUTPUT rate is 0%.
    const paid = await api().createPayments(TENANTS.us, { payments: [payment(invoiceID, 100)] });
    const paymentID = paid.body.payments?.[0]?.paymentID ?? '';
    const refused = await failureOf(
      api().updateInvoice(TENANTS.us, invoiceID, { invoices: [{ status: Invoice.StatusEnum.VOIDED }] }),
    );
    expect(validationMessages(refused)).toEqual([
      'This document cannot be edited as it has a payment or credit note allocated to it.',
    ]);
    const deleted = await api().deletePayment(TENANTS.us, paymentID, { status: 'DELETED' });
    expect(deleted.body.payments?.[0]?.status).toBe('DELETED');
    const reopened = await api().getInvoice(TENANTS.us, invoiceID);
    expect(reopened.body.invoices?.[0]).toMatchObject({ status: 'AUTHORISED', amountDue: 100 });
    const voided = await api().updateInvoice(TENANTS.us, invoiceID, {
      invoices: [{ status: Invoice.StatusEnum.VOIDED }],
    });
    expect(voided.body.invoices?.[0]?.status).toBe('VOIDED');
  });

  it('lists payments with where and reads one back', async () => {
    const invoiceID = await approvedInvoice(TENANTS.nz);
    const reference = unique('PAY');
    const created = await api().createPayments(TENANTS.nz, {
      payments: [{ ...payment(invoiceID, 5), reference }],
    });
    const list = await api().getPayments(TENANTS.nz, undefined, `Reference=="${reference}"`);
    expect(list.body.payments?.map((p) => p.paymentID)).toEqual([created.body.payments?.[0]?.paymentID]);
    const one = await api().getPayment(TENANTS.nz, created.body.payments?.[0]?.paymentID ?? '');
    expect(one.body.payments?.[0]?.invoice?.invoiceID).toBe(invoiceID);
  });
});
