import { describe, expect, it } from 'vitest';
import { carries, ownersWith } from './field-ownership.ts';

describe('catalog field ownership', () => {
  it('carries prices only from OrderCloud and stock only from Xero', () => {
    expect(carries('price', 'ordercloud')).toBe(true);
    expect(carries('price', 'xero')).toBe(false);
    expect(carries('stock', 'xero')).toBe(true);
    expect(carries('stock', 'ordercloud')).toBe(false);
  });

  it('carries names from either side', () => {
    expect(carries('name', 'ordercloud')).toBe(true);
    expect(carries('name', 'xero')).toBe(true);
  });

  it('takes an organisation’s "always" over the built-in table, stock aside', () => {
    const owners = ownersWith(
      new Map([
        ['price', 'xero'],
        ['stock', 'ordercloud'],
        ['name', 'nobody'],
      ]),
    );
    expect(owners).toEqual({ price: 'xero', description: 'ordercloud', stock: 'xero', name: 'last-writer' });
    expect(carries('price', 'xero', owners)).toBe(true);
    expect(carries('price', 'ordercloud', owners)).toBe(false);
  });
});
