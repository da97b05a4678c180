import { describe, expect, it } from 'vitest';
import { shopperStatus } from './order-status.ts';
import { createOrderStatusTokens } from './order-status-token.ts';

describe('shopper order status', () => {
  it.each([
    [{ status: 'received', invoice_id: null, amount_paid: null, total: '10.00' }, 'Pending'],
    [{ status: 'needs-attention', invoice_id: null, amount_paid: null, total: '10.00' }, 'Pending'],
    [{ status: 'invoiced', invoice_id: 'i', amount_paid: '0.00', total: '10.00' }, 'Invoiced'],
    [{ status: 'part-paid', invoice_id: 'i', amount_paid: '4.00', total: '10.00' }, 'PartiallyPaid'],
    [{ status: 'paid', invoice_id: 'i', amount_paid: '10.00', total: '10.00' }, 'Paid'],
    [{ status: 'voided', invoice_id: 'i', amount_paid: '0.00', total: '10.00' }, 'Voided'],
    [{ status: 'credited', invoice_id: 'i', amount_paid: '10.00', total: '10.00' }, 'Credited'],
  ])('%j reads as %s', (row, expected) => {
    expect(shopperStatus(row)).toBe(expected);
  });
});

describe('order status tokens', () => {
  const tokens = createOrderStatusTokens('s'.repeat(40));
  it('verify only for the same workspace, order and secret', () => {
    const token = tokens.sign('w1', 'o1');
    expect(tokens.verify({ workspaceId: 'w1', orderId: 'o1', token })).toBe(true);
    expect(tokens.verify({ workspaceId: 'w2', orderId: 'o1', token })).toBe(false);
    expect(tokens.verify({ workspaceId: 'w1', orderId: 'o2', token })).toBe(false);
    expect(createOrderStatusTokens('t'.repeat(40)).verify({ workspaceId: 'w1', orderId: 'o1', token })).toBe(
      false,
    );
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
