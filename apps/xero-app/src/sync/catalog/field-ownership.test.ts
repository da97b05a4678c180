import { describe, expect, it } from 'vitest';
import { carries } from './field-ownership.ts';

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
});
