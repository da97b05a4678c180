import { describe, expect, it } from 'vitest';
import { paymentOperation } from './payment.ts';
import { operationRow, related } from './testing/operation-row.ts';

const payment = { amount: '40.00', accountCode: '090', date: '2026-12-01', reference: 'O1 / P1' };
const invoiceOp = operationRow('invoice', {}, { id: 'inv', target_id: 'XINV' });
const noteOp = operationRow('credit-note', {}, { id: 'cn', target_id: 'XCN' });

describe('payment operation', () => {
  it('pays the invoice it depends on, or a refund out of its credit note', () => {
    const op = operationRow('payment', payment, { depends_on: 'inv' });
    expect(paymentOperation.draft?.(op, related(invoiceOp))).toEqual({ ...payment, invoiceId: 'XINV' });
    const refund = operationRow('payment', { ...payment, refund: true }, { depends_on: 'cn' });
    expect(paymentOperation.draft?.(refund, related(noteOp))).toEqual({ ...payment, creditNoteId: 'XCN' });
  });

  it.each([
    { paid: 4000n, total: '100.00', status: 'part-paid', amountPaid: '40.00' },
    { paid: 10000n, total: '100.00', status: 'paid', amountPaid: '100.00' },
    { paid: 10050n, total: '100.5', status: 'paid', amountPaid: '100.50' },
    { paid: 10049n, total: '100.50', status: 'part-paid', amountPaid: '100.49' },
  ])(
    'Xero took it, $paid cents paid of $total: the order is $status',
    ({ paid, total, status, amountPaid }) => {
      const op = operationRow('payment', payment, { depends_on: 'inv' });
      const settlement = paymentOperation.settle(
        op,
        { id: 'XPAY' },
        { paidCents: paid, invoiceTotal: total },
      );
      expect(settlement.orderEvent).toEqual({
        type: 'payment-recorded',
        amountPaid,
        fully: status === 'paid',
      });
      expect(settlement.note).toMatchObject({ step: 'payment', outcome: 'ok' });
      // The payment changed its invoice: that invoice's webhook, no later than this, is our echo.
      const stamped = paymentOperation.settle(
        op,
        { id: 'XPAY', invoiceId: 'XINV', updatedAt: '2026-12-01T10:00:00.000Z' },
        { paidCents: paid, invoiceTotal: total },
      );
      expect(stamped.wrote).toEqual({
        category: 'INVOICE',
        documentId: 'XINV',
        updatedAt: '2026-12-01T10:00:00.000Z',
      });
    },
  );

  it('a refund paid back credits the order', () => {
    const op = operationRow('payment', { ...payment, refund: true });
    const settlement = paymentOperation.settle(op, { id: 'XPAY' }, {});
    expect(settlement.orderEvent).toEqual({ type: 'credited' });
    expect(settlement.note?.message).toBe('Refund of 40.00 paid out of account 090.');
  });

  it('a payload that is not a payment is refused loudly', () => {
    const op = operationRow('payment', { amount: 40 });
    expect(() => paymentOperation.settle(op, {}, {})).toThrow();
  });
});
