import { describe, expect, it } from 'vitest';
import { priceText } from './price-text.ts';

describe('priceText', () => {
  it('pads to two decimals and keeps more when Xero has them', () => {
    expect(priceText('24.5')).toBe('24.50');
    expect(priceText('80')).toBe('80.00');
    expect(priceText('1.2345')).toBe('1.2345');
    expect(priceText('-3.1')).toBe('-3.10');
  });
  it('leaves what is not a plain decimal as it came', () => {
    expect(priceText('n/a')).toBe('n/a');
  });
});
