import type { Product } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import { fixtureReference } from '../../testing/fixture-reference.ts';
import { defaultMapping } from '../../mapping/default-mapping.ts';
import { planItem, sellableUnits, skuOfProduct } from './plan-item.ts';

const mapping = defaultMapping(fixtureReference('au'));
const product = (over: Partial<Product> = {}): Product => ({
  id: 'P1',
  sku: 'MUG-1',
  name: 'Mug',
  price: '12.50',
  active: true,
  attributes: {},
  ...over,
});

describe('planItem', () => {
  it('makes an item from the SKU, name, first price and the mapped sales account', () => {
    const { sku, draft } = planItem({ product: product(), mapping });
    expect(sku).toBe('MUG-1');
    expect(draft).toEqual({
      code: 'MUG-1',
      name: 'Mug',
      salesAccountCode: mapping.accounts.sales,
      salesUnitPrice: '12.50',
    });
  });

  it('keeps a SKU too long for a code in the description', () => {
    const long = 'L'.repeat(45);
    const { sku, draft } = planItem({
      product: product({ sku: undefined, attributes: { sourceSku: long } }),
      mapping,
    });
    expect(sku).toBe(long);
    expect(draft.code).toHaveLength(30);
    expect(draft.description).toBe(`SKU ${long}`);
  });

  it('uses the product ID without a SKU, and a name chosen in Xero when given', () => {
    const { draft } = planItem({ product: product({ sku: undefined }), mapping, name: 'Big mug' });
    expect(draft.code).toBe('P1');
    expect(draft.name).toBe('Big mug');
  });
});

describe('sellable units', () => {
  const base = {
    id: 'tee',
    name: 'Tee',
    price: '20.00',
    category: 'Apparel',
    taxClass: 'GST',
    active: true,
    attributes: {},
  };

  it('is the product itself without variants', () => {
    expect(sellableUnits(base)).toEqual([{ unit: base }]);
  });

  it('is each variant, with the product’s category and tax class and its own SKU, name and price', () => {
    const units = sellableUnits({
      ...base,
      variants: [
        { id: 'tee-s', sku: 'TEE-S', name: 'Tee S', price: '20.00', active: true, attributes: {} },
        {
          id: 'tee-xl',
          name: 'Tee XL',
          price: '22.50',
          active: false,
          attributes: { sourceSku: 'x'.repeat(45) },
        },
      ],
    });
    expect(units.map((u) => u.variantId)).toEqual(['tee-s', 'tee-xl']);
    expect(units[1]?.unit).toMatchObject({
      id: 'tee-xl',
      name: 'Tee XL',
      price: '22.50',
      category: 'Apparel',
      taxClass: 'GST',
      active: false,
      attributes: { sourceSku: 'x'.repeat(45) },
    });
    expect(units[1]?.unit).not.toHaveProperty('variants');
    expect(skuOfProduct(units[0]?.unit as never)).toBe('TEE-S');
  });
});
