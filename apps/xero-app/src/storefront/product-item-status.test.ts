import { describe, expect, it } from 'vitest';
import { describeProductItem, type ProductItemFacts } from './product-item-status.ts';

const base: ProductItemFacts = {
  organisation: 'Demo AU',
  status: 'done',
  planned: { code: 'MUG-1', sku: 'MUG-1', name: 'Mug', salesUnitPrice: '24.50' },
  answered: { id: 'item-1', code: 'MUG-1', salesUnitPrice: '24.5' },
  error: null,
  itemId: 'item-1',
  updatedAt: new Date('2026-12-06T10:00:00Z'),
  sentAt: new Date('2026-12-06T10:00:00Z'),
};

describe('describeProductItem', () => {
  it('a synced item: both prices, equal by value, no problem, last sync when Xero took it', () => {
    expect(describeProductItem(base)).toEqual({
      organisation: 'Demo AU',
      state: 'synced',
      itemCode: 'MUG-1',
      itemId: 'item-1',
      sku: 'MUG-1',
      orderCloudPrice: '24.50',
      xeroPrice: '24.5',
      pricesMatch: true,
      lastSyncAt: '2026-12-06T10:00:00.000Z',
      problem: null,
    });
  });

  it('a price change not sent yet: Xero keeps the old price, the prices differ, the change is waiting', () => {
    const status = describeProductItem({
      ...base,
      status: 'ready',
      planned: { ...base.planned!, salesUnitPrice: '26.00' },
      updatedAt: new Date('2026-12-06T11:00:00Z'),
    });
    expect(status).toMatchObject({
      state: 'pending',
      orderCloudPrice: '26.00',
      xeroPrice: '24.5',
      pricesMatch: false,
      lastSyncAt: '2026-12-06T10:00:00.000Z',
      problem: 'A change is waiting to be sent to Xero (items travel in batches of up to 50).',
    });
  });

  it('never in Xero: no Xero price, nothing to compare, not sent yet', () => {
    expect(
      describeProductItem({ ...base, status: 'waiting', answered: null, itemId: null, sentAt: null }),
    ).toMatchObject({
      state: 'pending',
      itemId: null,
      xeroPrice: null,
      pricesMatch: null,
      lastSyncAt: null,
      problem: 'Not in Xero yet: waiting to be sent (items travel in batches of up to 50).',
    });
  });

  it("a refusal reads as Xero's reason and what to do, once, without a doubled full stop", () => {
    const first = describeProductItem({
      ...base,
      status: 'failed',
      answered: null,
      itemId: null,
      error: 'Account code 999 is not a valid code for this document.',
    });
    expect(first.state).toBe('failed');
    expect(first.problem).toBe(
      "Xero refused the item: Account code 999 is not a valid code for this document. Fix it in OrderCloud or the mapping; the product's next change sends it again.",
    );
    const change = describeProductItem({ ...base, status: 'failed', error: null });
    expect(change.problem).toMatch(/^Xero refused the item change: no reason given\. /);
    expect(change.xeroPrice).toBe('24.5');
  });
});
