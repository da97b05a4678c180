import { describe, expect, it } from 'vitest';
import { variantPrice } from './variant-price.ts';

describe('variantPrice', () => {
  it.each([
    ['no markup', '10.00', [], '10.00'],
    ['a per-unit amount', '10.00', [{ PriceMarkupType: 'AmountPerQuantity', PriceMarkup: 2.5 }], '12.50'],
    [
      'two options add up',
      '10.00',
      [
        { PriceMarkupType: 'AmountPerQuantity', PriceMarkup: 0.1 },
        { PriceMarkupType: 'AmountPerQuantity', PriceMarkup: 0.2 },
      ],
      '10.30',
    ],
    ['a percentage', '19.99', [{ PriceMarkupType: 'Percentage', PriceMarkup: 15 }], '22.9885'],
    [
      'a negative amount (a cheaper option)',
      '10.00',
      [{ PriceMarkupType: 'AmountPerQuantity', PriceMarkup: -1 }],
      '9.00',
    ],
    [
      'a per-line amount is no unit price',
      '10.00',
      [{ PriceMarkupType: 'AmountTotal', PriceMarkup: 5 }],
      '10.00',
    ],
    ['NoMarkup ignores a stray amount', '10.00', [{ PriceMarkupType: 'NoMarkup', PriceMarkup: 5 }], '10.00'],
  ])('%s', (_name, price, specs, expected) => {
    expect(variantPrice(price, specs)).toBe(expected);
  });

  it('never goes through floats (0.1 + 0.2 is exactly 0.3 more)', () => {
    expect(
      variantPrice('0.00', [
        { PriceMarkupType: 'AmountPerQuantity', PriceMarkup: 0.1 },
        { PriceMarkupType: 'AmountPerQuantity', PriceMarkup: 0.2 },
      ]),
    ).toBe('0.30');
  });
});
