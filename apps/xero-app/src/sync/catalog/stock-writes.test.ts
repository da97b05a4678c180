import type { AccountingItem } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import {
  nextModifiedSince,
  stockEntityId,
  stockFingerprint,
  stockWrites,
  wholeUnits,
} from './stock-writes.ts';

const item = (over: Partial<AccountingItem> = {}): AccountingItem => ({
  id: 'i1',
  code: 'TENT-1',
  isTrackedAsInventory: true,
  quantityOnHand: '7.0000',
  ...over,
});

describe('stock from Xero', () => {
  it('counts whole units from the decimal text, none below zero', () => {
    expect(wholeUnits('7.0000')).toBe(7);
    expect(wholeUnits('7.9999')).toBe(7);
    expect(wholeUnits('12')).toBe(12);
    expect(wholeUnits('-2.5000')).toBe(0);
    expect(wholeUnits('0.5000')).toBe(0);
    expect(() => wholeUnits('seven')).toThrow(/not a decimal/);
  });

  it('writes the quantity of a tracked item to the product it was synced from', () => {
    const writes = stockWrites({
      items: [item()],
      targetOfCode: new Map([['TENT-1', { productId: 'tent' }]]),
      lastWritten: new Map(),
    });
    expect(writes).toEqual([
      { productId: 'tent', code: 'TENT-1', quantityAvailable: 7, fingerprint: stockFingerprint(7) },
    ]);
  });

  it('writes nothing when the quantity is the one last written (the app’s own item update echoing)', () => {
    const writes = stockWrites({
      items: [item({ quantityOnHand: '7.4000' })],
      targetOfCode: new Map([['TENT-1', { productId: 'tent' }]]),
      lastWritten: new Map([['tent', stockFingerprint(7)]]),
    });
    expect(writes).toEqual([]);
  });

  it('writes a variant’s item to the variant, remembered apart from its product’s', () => {
    const writes = stockWrites({
      items: [
        item({ code: 'TEE-S', quantityOnHand: '4.0000' }),
        item({ code: 'TEE-M', quantityOnHand: '2' }),
      ],
      targetOfCode: new Map([
        ['TEE-S', { productId: 'tee', variantId: 'tee-S' }],
        ['TEE-M', { productId: 'tee', variantId: 'tee-M' }],
      ]),
      // The product's own last quantity does not stand for its variants'; TEE-M's was written already.
      lastWritten: new Map([
        ['tee', stockFingerprint(4)],
        [stockEntityId({ productId: 'tee', variantId: 'tee-M' }), stockFingerprint(2)],
      ]),
    });
    expect(writes).toEqual([
      {
        productId: 'tee',
        variantId: 'tee-S',
        code: 'TEE-S',
        quantityAvailable: 4,
        fingerprint: stockFingerprint(4),
      },
    ]);
    expect(stockEntityId({ productId: 'tee', variantId: 'tee-S' })).toBe('tee/tee-S');
  });

  it('skips untracked items and items no product of this connection became', () => {
    const writes = stockWrites({
      items: [
        item({ isTrackedAsInventory: false, quantityOnHand: undefined }),
        item({ code: 'OTHER', quantityOnHand: '3.0000' }),
      ],
      targetOfCode: new Map([['TENT-1', { productId: 'tent' }]]),
      lastWritten: new Map(),
    });
    expect(writes).toEqual([]);
  });

  it('moves the watermark to the newest change read, never back', () => {
    const previous = new Date('2026-12-01T00:00:00Z');
    expect(
      nextModifiedSince(
        [item({ updatedAt: '2026-12-02T10:00:00.000Z' }), item({ updatedAt: '2026-12-02T09:00:00.000Z' })],
        previous,
      )?.toISOString(),
    ).toBe('2026-12-02T10:00:00.000Z');
    expect(nextModifiedSince([], previous)).toBe(previous);
    expect(nextModifiedSince([item({ updatedAt: '2026-11-01T00:00:00.000Z' })], previous)).toBe(previous);
    expect(nextModifiedSince([], null)).toBeNull();
  });
});
