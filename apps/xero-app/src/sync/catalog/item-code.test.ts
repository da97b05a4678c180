import { describe, expect, it } from 'vitest';
import { itemCodeFor, itemDescriptionFor, itemNameFor, skuOfItem } from './item-code.ts';

describe('item codes', () => {
  it('keeps a SKU that fits as its own code', () => {
    expect(itemCodeFor('SKU-1')).toBe('SKU-1');
    expect(itemCodeFor('x'.repeat(30))).toBe('x'.repeat(30));
    expect(itemDescriptionFor('SKU-1', 'A mug')).toBe('A mug');
  });

  it('gives a long SKU a stable 30-character code and keeps the full SKU in the description', () => {
    const sku = 'ACME-OUTDOOR-TENT-4P-GREEN-XL-2026-EDITION-1'; // 44 characters
    const code = itemCodeFor(sku);
    expect(code).toHaveLength(30);
    expect(itemCodeFor(sku)).toBe(code);
    expect(code.startsWith(sku.slice(0, 21))).toBe(true);
    const description = itemDescriptionFor(sku, 'A tent');
    expect(description).toBe(`SKU ${sku} — A tent`);
    expect(skuOfItem({ code, description })).toBe(sku);
  });

  it('gives two long SKUs with the same prefix different codes', () => {
    const a = `${'P'.repeat(25)}-RED-LARGE-ONE`;
    const b = `${'P'.repeat(25)}-RED-LARGE-TWO`;
    expect(itemCodeFor(a)).not.toBe(itemCodeFor(b));
  });

  it('reads a short code back as itself, and a forged description does not change it', () => {
    expect(skuOfItem({ code: 'SKU-1', description: 'SKU other' })).toBe('SKU-1');
    const code = itemCodeFor('y'.repeat(40));
    expect(skuOfItem({ code, description: `SKU ${'z'.repeat(40)}` })).toBe(code);
  });

  it('shortens a long name visibly to 50 characters', () => {
    const name = itemNameFor('n'.repeat(60));
    expect(name).toHaveLength(50);
    expect(name.endsWith('…')).toBe(true);
    expect(itemNameFor(' Mug ')).toBe('Mug');
  });
});
