import type { Payment } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import { defaultMapping } from '../../mapping/default-mapping.ts';
import { fixtureReference } from '../../testing/fixture-reference.ts';
import { planPayments, postedCaptures } from './payment-plan.ts';

const mapping = {
  ...defaultMapping(fixtureReference('au')),
  payments: { defaultAccount: '090', byMethod: { 'credit-card': '091' }, byGateway: { stripe: '092' } },
};
const at = '2026-12-01T10:00:00Z';
const payment = (over: Partial<Payment>): Payment => ({
  id: 'P1',
  orderId: 'O1',
  method: 'credit-card',
  currency: 'AUD',
  amount: '100.00',
  accepted: true,
  createdAt: at,
  transactions: [],
  attributes: {},
  ...over,
});
const tx = (id: string, type: string, amount: string, succeeded = true) => ({
  id,
  type,
  amount,
  succeeded,
  executedAt: at,
});

describe('payments planned from what OrderCloud recorded', () => {
  it.each([
    {
      case: 'a capture is money received',
      payments: [
        payment({
          transactions: [
            tx('P1-auth', 'CreditCard', '100.00'),
            tx('P1-capture-1', 'CreditCardCapture', '100.00'),
          ],
        }),
      ],
      planned: [{ paymentId: 'P1', transactionId: 'P1-capture-1', amount: '100.00', accountCode: '091' }],
      failed: 0,
    },
    {
      case: 'a partial capture then the rest are two payments',
      payments: [
        payment({
          transactions: [tx('c1', 'CreditCardCapture', '40.00'), tx('c2', 'CreditCardCapture', '60.00')],
        }),
      ],
      planned: [
        { transactionId: 'c1', amount: '40.00' },
        { transactionId: 'c2', amount: '60.00' },
      ],
      failed: 0,
    },
    {
      case: 'a failed capture posts nothing and is told; its retry posts',
      payments: [
        payment({
          transactions: [
            tx('c1', 'CreditCardCapture', '100.00', false),
            tx('c2', 'CreditCardCapture', '100.00'),
          ],
        }),
      ],
      planned: [{ transactionId: 'c2' }],
      failed: 1,
    },
    {
      case: 'an authorisation alone is not money received',
      payments: [payment({ transactions: [tx('a1', 'CreditCard', '100.00')] })],
      planned: [],
      failed: 0,
    },
    {
      case: 'a purchase order is paid later',
      payments: [payment({ method: 'purchase-order', transactions: [] })],
      planned: [],
      failed: 0,
    },
    {
      case: 'accepted without transactions counts once, into its gateway’s account',
      payments: [payment({ gateway: 'stripe' })],
      planned: [{ paymentId: 'P1', transactionId: 'accepted', accountCode: '092', date: '2026-12-01' }],
      failed: 0,
    },
  ])('$case', ({ payments, planned, failed }) => {
    const plan = planPayments({ orderId: 'O1', payments, mapping });
    expect(plan.planned).toEqual(planned.map((p) => expect.objectContaining(p)));
    expect(plan.failedCaptures).toHaveLength(failed);
  });

  it('converts into the invoice currency at its rate, to the cent', () => {
    const plan = planPayments({
      orderId: 'O1',
      payments: [payment({ transactions: [tx('c1', 'CreditCardCapture', '10.00')] })],
      mapping,
      rate: '1.0755',
    });
    expect(plan.planned[0]?.amount).toBe('10.76');
  });

  it('references the order and the payment, so a lookup after a crash finds it on the invoice', () => {
    const plan = planPayments({
      orderId: 'O7',
      payments: [payment({ id: 'P9', transactions: [tx('c', 'capture', '1.00')] })],
      mapping,
    });
    expect(plan.planned[0]?.reference).toBe('O7 / P9');
  });
});

describe('postedCaptures', () => {
  it('counts what becomes a payment in Xero: succeeded captures above zero, no purchase orders', () => {
    expect(
      postedCaptures([
        payment({
          transactions: [
            tx('auth', 'CreditCard', '100.00'),
            tx('c1', 'CreditCardCapture', '60.00'),
            tx('c2', 'CreditCardCapture', '40.00', false),
            tx('c3', 'CreditCardCapture', '0.00'),
          ],
        }),
        payment({ id: 'P2', method: 'purchase-order', transactions: [tx('po', 'Payment', '20.00')] }),
      ]),
    ).toEqual(['60.00']);
  });
});
