import { describe, expect, it } from 'vitest';
import { isOrderIdShaped } from './order-id.ts';

describe('order IDs from URLs', () => {
  it('takes what OrderCloud and storefronts use', () => {
    expect(isOrderIdShaped('NB24gMhjQokhISZDUcJkuM')).toBe(true);
    expect(isOrderIdShaped('SO-1001/β')).toBe(true);
  });
  it('refuses control characters, empty and over-long IDs', () => {
    expect(isOrderIdShaped('a\u0000b')).toBe(false);
    expect(isOrderIdShaped('\n')).toBe(false);
    expect(isOrderIdShaped('')).toBe(false);
    expect(isOrderIdShaped('x'.repeat(201))).toBe(false);
  });
});
