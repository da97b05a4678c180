import { describe, expect, it } from 'vitest';
import { formatAmount, hasInvoice, isFinal, isStatusAnswer, statusLabel } from './order-status-labels.ts';

describe('order status in shopper words', () => {
  it('names every status the app answers', () => {
    expect(statusLabel('Invoiced')).toBe('Awaiting payment');
    expect(statusLabel('PartiallyPaid')).toBe('Part paid');
    expect(statusLabel('Paid')).toBe('Paid');
    expect(statusLabel('Credited')).toBe('Credited');
    expect(statusLabel('Voided')).toBe('Voided');
    expect(statusLabel('Pending')).toBe('Being processed');
  });

  it('stops refreshing only on final statuses', () => {
    expect(['Pending', 'Invoiced', 'PartiallyPaid'].map((s) => isFinal(s as never))).toEqual([
      false,
      false,
      false,
    ]);
    expect(['Paid', 'Voided', 'Credited'].map((s) => isFinal(s as never))).toEqual([true, true, true]);
  });

  it('offers the PDF only for an invoice that exists and stands', () => {
    expect(hasInvoice({ status: 'Invoiced', invoiceNumber: 'INV-1', amountPaid: '0.00' })).toBe(true);
    expect(hasInvoice({ status: 'Pending', invoiceNumber: null, amountPaid: null })).toBe(false);
    expect(hasInvoice({ status: 'Voided', invoiceNumber: 'INV-1', amountPaid: '0.00' })).toBe(false);
  });

  it('formats decimal strings exactly', () => {
    expect(formatAmount('1746.50', 'AUD')).toBe('$1,746.50');
    expect(formatAmount('0.1', 'AUD')).toBe('$0.10');
    expect(formatAmount('12345678901234567.89', 'AUD')).toBe('$12,345,678,901,234,567.89');
    expect(formatAmount('5', null)).toBe('5');
  });

  it('recognises a status answer', () => {
    expect(isStatusAnswer({ status: 'Paid', invoiceNumber: 'INV-1', amountPaid: '1.00' })).toBe(true);
    expect(isStatusAnswer({ error: 'not_found' })).toBe(false);
    expect(isStatusAnswer({ status: 'Exploded' })).toBe(false);
  });
});
