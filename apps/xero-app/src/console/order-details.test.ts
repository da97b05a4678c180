import { describe, expect, it } from 'vitest';
import { withoutRepeats, xeroInvoiceLink } from './order-details.ts';

describe('order details', () => {
  it('links to the invoice the way Xero’s own tools do', () => {
    expect(xeroInvoiceLink('https://go.xero.com/', '!aBc12', 'f1e2d3c4-0000-4000-8000-000000000001')).toBe(
      'https://go.xero.com/app/!aBc12/invoicing/view/f1e2d3c4-0000-4000-8000-000000000001',
    );
    expect(xeroInvoiceLink('https://go.xero.com', undefined, 'x')).toBeNull();
    expect(xeroInvoiceLink('https://go.xero.com', '!a', null)).toBeNull();
  });

  it('shows a step repeated back to back once', () => {
    const at = new Date('2026-12-05T10:00:00Z');
    const step = {
      at,
      step: 'cancel',
      outcome: 'info' as const,
      message: 'Order canceled before it reached Xero; nothing to post.',
    };
    const other = { ...step, step: 'receive', message: 'received' };
    expect(withoutRepeats([step, { ...step, at: new Date(at.getTime() + 1000) }, other, step])).toEqual([
      step,
      other,
      step,
    ]);
  });
});
