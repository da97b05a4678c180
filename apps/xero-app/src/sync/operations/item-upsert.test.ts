import { describe, expect, it } from 'vitest';
import { itemUpsertOperation } from './item-upsert.ts';
import { operationRow } from './testing/operation-row.ts';

const payload = {
  productId: 'P1',
  sku: 'MUG-1',
  code: 'MUG-1',
  name: 'Mug',
  salesAccountCode: '200',
  salesUnitPrice: '12.50',
};

describe('item upsert operation', () => {
  it('sends the item without the product and SKU it stands for', () => {
    const op = operationRow('item-upsert', payload);
    expect(itemUpsertOperation.draft?.(op, new Map())).toEqual({
      code: 'MUG-1',
      name: 'Mug',
      salesAccountCode: '200',
      salesUnitPrice: '12.50',
    });
  });

  it('links the item to its product, and refuses a code longer than Xero takes', () => {
    const op = operationRow('item-upsert', payload);
    expect(itemUpsertOperation.linkSource?.(op)).toEqual({ sourceType: 'product', sourceId: 'P1' });
    const long = operationRow('item-upsert', { ...payload, code: 'C'.repeat(31) });
    expect(() => itemUpsertOperation.draft?.(long, new Map())).toThrow();
  });
});
