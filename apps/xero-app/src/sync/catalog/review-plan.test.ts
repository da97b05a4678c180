import type { AccountingItem } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import type { ProductForMatch } from './match-items.ts';
import { type ReviewChoices, reviewPlan } from './review-plan.ts';

const product = (productId: string, code: string, name: string, price?: string): ProductForMatch => ({
  productId,
  sku: code,
  draft: { code, name, ...(price ? { salesUnitPrice: price } : {}) },
});
const item = (code: string, name: string, price?: string): AccountingItem => ({
  id: `id-${code}`,
  code,
  name,
  isTrackedAsInventory: false,
  ...(price ? { salesUnitPrice: price } : {}),
});
const products = [
  product('mug', 'MUG-1', 'Mug', '12.00'),
  product('cup', 'CUP-1', 'Cup', '5.00'),
  product('new', 'NEW-1', 'New', '1.00'),
];
const items = [item('MUG-1', 'Mug', '12'), item('CUP-X', 'Cup', '4'), item('OLD', 'Old')];
const choices = (over: Partial<ReviewChoices> = {}): ReviewChoices => ({
  pairing: new Map(),
  archive: new Set(),
  ...over,
});

describe('reviewPlan', () => {
  it('follows the proposal: equal pairs adopted, differing ones updated, the rest created, nothing archived', () => {
    const result = reviewPlan({ products, items, choices: choices() });
    if (!result.ok) throw new Error(result.reason);
    expect(result.plan.adopt.map((a) => [a.product.productId, a.code])).toEqual([['mug', 'MUG-1']]);
    expect(result.plan.update.map((u) => [u.product.productId, u.code, u.differences])).toEqual([
      ['cup', 'CUP-X', [{ field: 'price', ordercloud: '5.00', xero: '4' }]],
    ]);
    expect(result.plan.create.map((p) => p.productId)).toEqual(['new']);
    expect(result.plan.archive).toEqual([]);
  });

  it('takes the merchant’s pairing and archives over the proposal', () => {
    const result = reviewPlan({
      products,
      items,
      choices: choices({
        pairing: new Map([
          ['cup', null],
          ['new', 'OLD'],
        ]),
        archive: new Set(['CUP-X']),
      }),
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.plan.create.map((p) => p.productId)).toEqual(['cup']);
    expect(result.plan.update.map((u) => [u.product.productId, u.code])).toEqual([['new', 'OLD']]);
    expect(result.plan.archive.map((i) => i.code)).toEqual(['CUP-X']);
  });

  it.each([
    ['one item for two products', { pairing: new Map([['cup', 'MUG-1']]) }, /MUG-1 is chosen for both/],
    ['a new item on a code Xero has', { pairing: new Map([['mug', null]]) }, /already has/],
    ['an item Xero does not have', { pairing: new Map([['new', 'NOPE']]) }, /no item NOPE/],
    ['archiving a paired item', { archive: new Set(['MUG-1']) }, /paired with mug/],
  ])('refuses %s', (_name, over, reason) => {
    const result = reviewPlan({ products, items, choices: choices(over) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
