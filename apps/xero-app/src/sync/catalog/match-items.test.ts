import type { AccountingItem } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import { itemCodeFor, itemDescriptionFor } from './item-code.ts';
import { type MatchProposal, matchItems, nameKey, type ProductForMatch } from './match-items.ts';

const product = (productId: string, sku: string, name: string, price?: string): ProductForMatch => {
  const description = itemDescriptionFor(sku, undefined);
  return {
    productId,
    sku,
    draft: {
      code: itemCodeFor(sku),
      name,
      ...(description ? { description } : {}),
      ...(price ? { salesUnitPrice: price } : {}),
    },
  };
};
const item = (code: string, name: string, over: Partial<AccountingItem> = {}): AccountingItem => ({
  id: `id-${code}`,
  code,
  name,
  isTrackedAsInventory: false,
  ...over,
});
const longSku = 'ACME-OUTDOOR-TENT-4P-GREEN-XL-2026-EDITION-01';

const cases: ReadonlyArray<{
  name: string;
  products: ProductForMatch[];
  items: AccountingItem[];
  expected: MatchProposal;
}> = [
  {
    name: 'pairs a SKU with the item of that code, equal prices written differently are no conflict',
    products: [product('mug', 'MUG-1', 'Mug', '12.50')],
    items: [item('MUG-1', 'Mug', { salesUnitPrice: '12.5' })],
    expected: {
      pairs: [{ productId: 'mug', code: 'MUG-1', by: 'code', differences: [] }],
      ambiguous: [],
      unmatchedProducts: [],
      unmatchedItems: [],
    },
  },
  {
    name: 'pairs codes whatever their case, and lists a differing price as a conflict',
    products: [product('mug', 'mug-1', 'Mug', '12.50')],
    items: [item('MUG-1', 'Mug', { salesUnitPrice: '11' })],
    expected: {
      pairs: [
        {
          productId: 'mug',
          code: 'MUG-1',
          by: 'code',
          differences: [{ field: 'price', ordercloud: '12.50', xero: '11' }],
        },
      ],
      ambiguous: [],
      unmatchedProducts: [],
      unmatchedItems: [],
    },
  },
  {
    name: 'pairs a 45-character SKU with the item of its stable short code',
    products: [product('tent', longSku, 'Tent')],
    items: [item(itemCodeFor(longSku), 'Tent', { description: `SKU ${longSku}` })],
    expected: {
      pairs: [{ productId: 'tent', code: itemCodeFor(longSku), by: 'code', differences: [] }],
      ambiguous: [],
      unmatchedProducts: [],
      unmatchedItems: [],
    },
  },
  {
    name: 'pairs by name (case, accents and punctuation aside) when the code differs, keeping Xero’s code',
    products: [product('cafe', 'CAFE-1', 'Café Crème, large', '4.00')],
    items: [item('CC-L', 'cafe creme large', { salesUnitPrice: '4' })],
    expected: {
      pairs: [
        {
          productId: 'cafe',
          code: 'CC-L',
          by: 'name',
          differences: [{ field: 'name', ordercloud: 'Café Crème, large', xero: 'cafe creme large' }],
        },
      ],
      ambiguous: [],
      unmatchedProducts: [],
      unmatchedItems: [],
    },
  },
  {
    name: 'a code match comes before a name match: the item of the same name stays unmatched',
    products: [product('mug', 'MUG-1', 'Mug')],
    items: [item('OLD-MUG', 'Mug'), item('MUG-1', 'Blue mug')],
    expected: {
      pairs: [
        {
          productId: 'mug',
          code: 'MUG-1',
          by: 'code',
          differences: [{ field: 'name', ordercloud: 'Mug', xero: 'Blue mug' }],
        },
      ],
      ambiguous: [],
      unmatchedProducts: [],
      unmatchedItems: ['OLD-MUG'],
    },
  },
  {
    name: 'a name two items share is ambiguous: both offered, neither taken',
    products: [product('lamp', 'LAMP-9', 'Lamp')],
    items: [item('LAMP-A', 'Lamp'), item('LAMP-B', 'LAMP')],
    expected: {
      pairs: [],
      ambiguous: [{ productId: 'lamp', candidates: ['LAMP-A', 'LAMP-B'] }],
      unmatchedProducts: [],
      unmatchedItems: ['LAMP-A', 'LAMP-B'],
    },
  },
  {
    name: 'a name two products share is ambiguous for both',
    products: [product('a', 'A-1', 'Lamp'), product('b', 'B-1', 'Lamp')],
    items: [item('L', 'Lamp')],
    expected: {
      pairs: [],
      ambiguous: [
        { productId: 'a', candidates: ['L'] },
        { productId: 'b', candidates: ['L'] },
      ],
      unmatchedProducts: [],
      unmatchedItems: ['L'],
    },
  },
  {
    name: 'two products on one code are ambiguous; the item is not offered as unmatched',
    products: [product('a', 'X-1', 'One'), product('b', 'x-1', 'Two')],
    items: [item('X-1', 'One')],
    expected: {
      pairs: [],
      ambiguous: [
        { productId: 'a', candidates: ['X-1'] },
        { productId: 'b', candidates: ['X-1'] },
      ],
      unmatchedProducts: [],
      unmatchedItems: [],
    },
  },
  {
    name: 'lists what fits nothing on each side; a description OrderCloud lacks is no conflict',
    products: [product('new', 'NEW-1', 'New thing'), product('mug', 'MUG-1', 'Mug')],
    items: [item('MUG-1', 'Mug', { description: 'Written in Xero' }), item('SERVICE', 'Delivery')],
    expected: {
      pairs: [{ productId: 'mug', code: 'MUG-1', by: 'code', differences: [] }],
      ambiguous: [],
      unmatchedProducts: ['new'],
      unmatchedItems: ['SERVICE'],
    },
  },
  {
    name: 'an empty organisation: every product becomes an item',
    products: [product('a', 'A', 'A'), product('b', 'B', 'B')],
    items: [],
    expected: { pairs: [], ambiguous: [], unmatchedProducts: ['a', 'b'], unmatchedItems: [] },
  },
];

describe('matchItems', () => {
  it.each(cases)('$name', ({ products, items, expected }) => {
    expect(matchItems({ products, items })).toEqual(expected);
  });

  it('keys names as people read them', () => {
    expect(nameKey('  Café—Crème  (Large) ')).toBe('cafe creme large');
    expect(nameKey(undefined)).toBe('');
  });
});
