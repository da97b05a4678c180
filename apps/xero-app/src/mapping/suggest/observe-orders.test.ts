import { OrderSchema } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import { observeOrders } from './observe-orders.ts';

describe('observeOrders', () => {
  it('collects tax codes with their rates (given or computed) and categories with line counts', () => {
    const order = OrderSchema.parse({
      id: 'O',
      status: 'open',
      currency: 'AUD',
      placedAt: '2026-12-01T00:00:00Z',
      customer: { id: 'c', kind: 'guest' },
      pricesIncludeTax: false,
      lines: [
        {
          id: 'a',
          name: 'Mug',
          quantity: '1',
          unitPrice: '20',
          lineSubtotal: '20',
          category: 'Kitchen',
          taxes: [{ code: 'AU-GST', ratePercent: '10', amount: '2' }],
        },
        {
          id: 'b',
          name: 'Card',
          quantity: '1',
          unitPrice: '50',
          lineSubtotal: '50',
          category: 'Gift cards',
          taxClass: 'tax-exempt',
        },
      ],
      charges: [
        { kind: 'shipping', description: 'Post', amount: '10', taxes: [{ code: 'AU-GST', amount: '1' }] },
      ],
      taxTotal: '3',
      total: '83',
    });
    expect(observeOrders([order])).toEqual({
      taxCodes: [
        { code: 'AU-GST', rates: [10, 10] },
        { code: 'tax-exempt', rates: [0] },
      ],
      categories: [
        { category: 'Kitchen', lines: 1 },
        { category: 'Gift cards', lines: 1 },
      ],
    });
  });
});
