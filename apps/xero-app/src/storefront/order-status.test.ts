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
  let at = new Date('2026-12-05T00:00:00Z');
  const tokens = createOrderStatusTokens('s'.repeat(40), { lifetimeDays: 90, now: () => at });
  const issuer = { keyId: 'key-1' };
  it('verify only for the same workspace, order, issuing key and secret', () => {
    const token = tokens.sign('w1', 'o1', issuer);
    expect(tokens.verify({ workspaceId: 'w1', orderId: 'o1', token })).toEqual(issuer);
    expect(tokens.verify({ workspaceId: 'w2', orderId: 'o1', token })).toBeUndefined();
    expect(tokens.verify({ workspaceId: 'w1', orderId: 'o2', token })).toBeUndefined();
    expect(
      tokens.verify({ workspaceId: 'w1', orderId: 'o1', token: token.replace('.key-1.', '.key-2.') }),
    ).toBeUndefined();
    expect(
      createOrderStatusTokens('t'.repeat(40), { now: () => at }).verify({
        workspaceId: 'w1',
        orderId: 'o1',
        token,
      }),
    ).toBeUndefined();
    expect(token).toMatch(/^\d+\.key-1\.[A-Za-z0-9_-]{43}$/);
  });

  it('expire after the configured lifetime', () => {
    at = new Date('2026-12-05T00:00:00Z');
    const token = tokens.sign('w1', 'o1', issuer);
    at = new Date('2027-03-04T23:59:00Z');
    expect(tokens.verify({ workspaceId: 'w1', orderId: 'o1', token })).toEqual(issuer);
    at = new Date('2027-03-05T00:00:01Z');
    expect(tokens.verify({ workspaceId: 'w1', orderId: 'o1', token })).toBeUndefined();
    expect(tokens.verify({ workspaceId: 'w1', orderId: 'o1', token: 'garbage' })).toBeUndefined();
  });
});
