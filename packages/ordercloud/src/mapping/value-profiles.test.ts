import { describe, expect, it } from 'vitest';
import { profileValues } from './value-profiles.ts';

describe('value profiles of xp', () => {
  it('counts presence, distinct values and the most common samples exactly, per path', () => {
    const records = [
      { product: { xp: { Tax: { Code: 'GST' }, Dept: 'Kitchen', Tags: ['a'] } }, variant: null },
      { product: { xp: { Tax: { Code: 'GST' }, Dept: 'Office' } }, variant: { xp: { SKU: 'MUG-1' } } },
      { product: { xp: { Tax: { Code: 'FRE' }, Dept: ' ' } }, variant: { xp: { SKU: 42 } } },
      { product: { xp: { Ledgerbridge: { Synced: true }, 'not-a-key': 'x' } } },
    ];
    const profiles = profileValues({
      records,
      roots: ['product', 'variant'],
      level: 'line',
      skip: 'Ledgerbridge',
    });
    expect(profiles).toEqual([
      {
        path: 'product.xp.Tax.Code',
        level: 'line',
        present: 3,
        of: 4,
        distinct: 2,
        samples: ['GST', 'FRE'],
        kinds: ['string'],
      },
      {
        path: 'product.xp.Dept',
        level: 'line',
        present: 2,
        of: 4,
        distinct: 2,
        samples: ['Kitchen', 'Office'],
        kinds: ['string'],
      },
      {
        path: 'variant.xp.SKU',
        level: 'line',
        present: 2,
        of: 4,
        distinct: 2,
        samples: ['42', 'MUG-1'],
        kinds: ['number', 'string'],
      },
    ]);
  });

  it('profiles booleans on orders and gives nothing for records without xp', () => {
    expect(
      profileValues({
        records: [
          { order: { xp: { PricesIncludeTax: true } } },
          { order: { xp: { PricesIncludeTax: false } } },
          {},
        ],
        roots: ['order', 'user'],
        level: 'order',
      }),
    ).toEqual([
      {
        path: 'order.xp.PricesIncludeTax',
        level: 'order',
        present: 2,
        of: 3,
        distinct: 2,
        samples: ['false', 'true'],
        kinds: ['boolean'],
      },
    ]);
  });
});
