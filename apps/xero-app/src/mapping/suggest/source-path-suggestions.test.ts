import type { ValueProfile } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import { describeProfile, suggestSourcePaths } from './source-path-suggestions.ts';

const profile = (p: Partial<ValueProfile> & Pick<ValueProfile, 'path'>): ValueProfile => ({
  level: 'line',
  present: 10,
  of: 10,
  distinct: 2,
  samples: ['A', 'B'],
  kinds: ['string'],
  ...p,
});

describe('source path suggestions from value profiles', () => {
  // A Headstart-like marketplace: the tax code nested under xp.Tax, a department instead of a category.
  const profiles = [
    profile({ path: 'product.xp.Tax.Code', distinct: 2, samples: ['GST', 'GST-FREE'] }),
    profile({ path: 'product.xp.Tax.Description', distinct: 2, samples: ['GST on goods', 'Exempt'] }),
    profile({ path: 'product.xp.Dept', present: 8, distinct: 3, samples: ['Kitchen', 'Office', 'Home'] }),
    profile({ path: 'variant.xp.ItemCode', distinct: 10, samples: ['MUG-1', 'MUG-2', 'PEN-1'] }),
    profile({ path: 'product.xp.Colour', distinct: 4 }),
    profile({
      path: 'order.xp.TaxInclusive',
      level: 'order',
      of: 5,
      present: 5,
      distinct: 2,
      samples: ['true', 'false'],
      kinds: ['boolean'],
    }),
    profile({
      path: 'user.xp.AccountNo',
      level: 'order',
      of: 5,
      present: 3,
      distinct: 3,
      samples: ['C-1', 'C-2', 'C-3'],
    }),
  ];

  it('finds the tax code, SKU, category, tax flag and customer number by name and shape', () => {
    const found = suggestSourcePaths(profiles);
    expect(found.taxCode.map((c) => c.path)).toEqual(['product.xp.Tax.Code']);
    expect(found.sku.map((c) => c.path)).toEqual(['variant.xp.ItemCode']);
    expect(found.category.map((c) => c.path)).toEqual(['product.xp.Dept']);
    expect(found.pricesIncludeTax.map((c) => c.path)).toEqual(['order.xp.TaxInclusive']);
    expect(found.customerNumber.map((c) => c.path)).toEqual(['user.xp.AccountNo']);
    expect(found.channel).toEqual([]);
  });

  it('ranks a path present on more lines first and explains with exact counts', () => {
    const found = suggestSourcePaths([
      profile({ path: 'product.xp.TaxCode', present: 4, distinct: 2, samples: ['GST', 'FRE'] }),
      profile({ path: 'line.xp.TaxClass', present: 10, distinct: 2, samples: ['GST', 'FRE'] }),
    ]);
    expect(found.taxCode.map((c) => c.path)).toEqual(['line.xp.TaxClass', 'product.xp.TaxCode']);
    expect(found.taxCode[1]?.explanation).toBe(
      'on 4 of 10 lines · 2 distinct values · e.g. GST, FRE — its name and values fit a tax code.',
    );
  });

  it('does not take a boolean for a code, nor a tax field for a SKU', () => {
    const found = suggestSourcePaths([
      profile({ path: 'product.xp.TaxCode', kinds: ['boolean'], samples: ['true'] }),
      profile({ path: 'product.xp.TaxItemCode', distinct: 10 }),
    ]);
    expect(found.taxCode).toEqual([]);
    expect(found.sku).toEqual([]);
  });

  it('describes a profile in one line', () => {
    expect(
      describeProfile(
        profile({
          path: 'order.xp.Channel',
          level: 'order',
          of: 1,
          present: 1,
          distinct: 1,
          samples: ['Web'],
        }),
      ),
    ).toBe('on 1 of 1 order · 1 distinct value · e.g. Web');
  });
});
