import { describe, expect, it } from 'vitest';
import { itemOperation } from './item.ts';
import { operationRow } from './testing/operation-row.ts';

describe('item operation', () => {
  it('sends its payload as the item, links it to the product, and changes no order', () => {
    const op = operationRow(
      'item',
      { code: 'MUG', name: 'Mug', salesAccountCode: '200' },
      { order_id: null, op_key: 't:item:MUG' },
    );
    expect(itemOperation.draft?.(op, new Map())).toEqual({
      code: 'MUG',
      name: 'Mug',
      salesAccountCode: '200',
    });
    expect(itemOperation.settle(op, { code: 'MUG' }, {})).toEqual({});
    expect(itemOperation.linkSource?.(op)).toEqual({ sourceType: 'product', sourceId: 't:item:MUG' });
    expect(itemOperation.oneAtATime).toBe(true);
  });
});
