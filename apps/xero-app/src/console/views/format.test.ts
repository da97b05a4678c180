import { describe, expect, it } from 'vitest';
import { money, plural } from './format.ts';

describe('console formatting', () => {
  it('counts in words that agree with the number', () => {
    expect(plural(0, 'order')).toBe('0 orders');
    expect(plural(1, 'order')).toBe('1 order');
    expect(plural(2, 'order')).toBe('2 orders');
  });
  it('shows money with its currency, and a dash for none', () => {
    expect(money('513.55', 'AUD')).toBe('513.55 AUD');
    expect(money(null, 'AUD')).toBe('—');
  });
});
