import { describe, expect, it } from 'vitest';
import { needsAttention, type OrderEvent, orderChange } from './order-status.ts';

describe('the order state machine', () => {
  it.each<[OrderEvent, string, boolean, string | undefined]>([
    [{ type: 'received', currency: 'AUD', total: '10.00', customerName: 'A' }, 'received', false, 'keeps'],
    [{ type: 'queued' }, 'queued', false, 'received,needs-attention'],
    [
      { type: 'invoiced', invoiceId: 'X', invoiceNumber: 'INV-1', amountPaid: '0' },
      'invoiced',
      true,
      undefined,
    ],
    [{ type: 'payment-recorded', amountPaid: '5.00', fully: false }, 'part-paid', true, undefined],
    [{ type: 'payment-recorded', amountPaid: '10.00', fully: true }, 'paid', true, undefined],
    [{ type: 'credited' }, 'credited', true, undefined],
    [{ type: 'voided' }, 'voided', true, undefined],
    [{ type: 'needs-attention', message: 'no tax rate' }, 'needs-attention', true, undefined],
    [{ type: 'canceled', message: 'Canceled before it was invoiced.' }, 'canceled', false, undefined],
    [
      { type: 'changed-in-xero', status: 'paid', amountPaid: '10.00', message: null },
      'paid',
      false,
      undefined,
    ],
  ])('%o → %s (write-back: %s, from: %s)', (event, status, writeBack, from) => {
    const change = orderChange(event);
    expect(change.status).toBe(status);
    expect(change.writeBack).toBe(writeBack);
    if (from === 'keeps') expect(change.keepStatus).toBe(true);
    else expect(change.from?.join(',')).toBe(from);
  });

  it('clears the message when the order moves on, and keeps a problem’s message', () => {
    expect(
      orderChange({ type: 'invoiced', invoiceId: 'X', invoiceNumber: 'I', amountPaid: '0' }).fields.message,
    ).toBeNull();
    expect(orderChange({ type: 'needs-attention', message: 'why' }).fields.message).toBe('why');
  });

  it('leaves a void made in Xero in place when something is refused after it; other events do not ask', () => {
    expect(orderChange({ type: 'needs-attention', message: 'refused' }).keepsXeroVoid).toBe(true);
    expect(orderChange({ type: 'voided' }).keepsXeroVoid).toBeUndefined();
    expect(
      orderChange({ type: 'changed-in-xero', status: 'paid', amountPaid: '1.00', message: null })
        .keepsXeroVoid,
    ).toBeUndefined();
  });

  it.each([
    [{ status: 'needs-attention', message: 'x' }, true],
    [{ status: 'voided', message: 'Invoice INV-1 was voided in Xero.' }, true],
    [{ status: 'voided', message: null }, false],
    [{ status: 'paid', message: null }, false],
  ])('%o needs attention: %s', (sync, expected) => {
    expect(needsAttention(sync)).toBe(expected);
  });
});
