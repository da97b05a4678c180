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

  it('sums stacked rates exactly (0.1 + 0.2 % is 0.3 %, not 0.30000000000000004)', () => {
    const order = OrderSchema.parse({
      id: 'O',
      status: 'open',
      currency: 'USD',
      placedAt: '2026-12-01T00:00:00Z',
      customer: { id: 'c', kind: 'guest' },
      pricesIncludeTax: false,
      lines: [
        {
          id: 'a',
          name: 'Mug',
          quantity: '1',
          unitPrice: '100',
          lineSubtotal: '100',
          taxClass: 'STACKED',
          taxes: [
            { code: 'X', ratePercent: '0.1', amount: '0.10' },
            { code: 'Y', amount: '0.20' },
          ],
        },
      ],
      taxTotal: '0.30',
      total: '100.30',
    });
    expect(observeOrders([order]).taxCodes).toContainEqual({ code: 'STACKED', rates: [0.3] });
  });
});
