import type { Order } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import { preparationNotes } from './preparation-notes.ts';

describe('preparationNotes', () => {
  it('says where prices-include-tax and each source field came from, and which configured path was empty', () => {
    const order = {
      pricesIncludeTax: false,
      attributes: { pricesIncludeTaxSource: 'configured-path', pricesIncludeTaxPath: 'order.xp.Gross' },
      lines: [
        {
          attributes: {
            sourcePaths: { taxCode: 'product.xp.Tax.Code' },
            emptySourcePaths: { sku: 'product.xp.Code' },
          },
        },
        { attributes: { sourcePaths: { taxCode: 'product.xp.TaxCode' } } },
      ],
    } as unknown as Order;
    expect(preparationNotes(order, ['line “A”: 10 % effective, matched GST on Income (OUTPUT).'])).toEqual([
      'Prices exclude tax: from the configured path (order.xp.Gross).',
      'Read tax code from product.xp.Tax.Code, product.xp.TaxCode.',
      'The configured SKU path product.xp.Code was empty on this order.',
      'line “A”: 10 % effective, matched GST on Income (OUTPUT).',
    ]);
  });
});
