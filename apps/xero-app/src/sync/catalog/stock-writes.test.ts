import type { AccountingItem } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import { nextModifiedSince, stockFingerprint, stockWrites, wholeUnits } from './stock-writes.ts';

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
      productOfCode: new Map([['TENT-1', 'tent']]),
      lastWritten: new Map(),
    });
    expect(writes).toEqual([
      { productId: 'tent', code: 'TENT-1', quantityAvailable: 7, fingerprint: stockFingerprint(7) },
    ]);
  });

  it('writes nothing when the quantity is the one last written (the app’s own item update echoing)', () => {
    const writes = stockWrites({
      items: [item({ quantityOnHand: '7.4000' })],
      productOfCode: new Map([['TENT-1', 'tent']]),
      lastWritten: new Map([['tent', stockFingerprint(7)]]),
    });
    expect(writes).toEqual([]);
  });

  it('skips untracked items and items no product of this connection became', () => {
    const writes = stockWrites({
      items: [
        item({ isTrackedAsInventory: false, quantityOnHand: undefined }),
        item({ code: 'OTHER', quantityOnHand: '3.0000' }),
      ],
      productOfCode: new Map([['TENT-1', 'tent']]),
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
