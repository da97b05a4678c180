import { describe, expect, it } from 'vitest';
import {
  differsBy,
  effectivePercent,
  sumCents,
  sumPercents,
  taxOffByMoreThanACent,
} from './percent-arithmetic.ts';

describe('exact percent arithmetic', () => {
  it('sums rates and amounts without float drift', () => {
    expect(sumPercents(['0.1', '0.2'])).toBe('0.3');
    expect(sumPercents(['4', '4.5', '0.375'])).toBe('8.875');
    expect(sumPercents([])).toBe('0');
    expect(sumCents(['0.10', '0.20', '0.7'])).toBe(100n);
  });

  it('compares a difference with its limit exactly (a float sum of 0.1 and 0.2 is over 0.05 from 0.25)', () => {
    expect(differsBy(sumPercents(['0.1', '0.2']), '0.25', '0.05')).toBe(false);
    expect(differsBy('0.31', '0.25', '0.05')).toBe(true);
    expect(differsBy('10', '10', '0.05')).toBe(false);
  });

  it('allows exactly one cent between a tax and its rate, not more', () => {
    // 2.90 × 10 % = 0.29; 0.30 is one cent off (allowed), 0.31 two (not).
    expect(taxOffByMoreThanACent(30n, 290n, '10')).toBe(false);
    expect(taxOffByMoreThanACent(31n, 290n, '10')).toBe(true);
    expect(taxOffByMoreThanACent(28n, 290n, '10')).toBe(false);
    expect(taxOffByMoreThanACent(27n, 290n, '10')).toBe(true);
  });

  it('gives the effective rate rounded to three places', () => {
    expect(effectivePercent(1000n, 10000n)).toBe('10');
    expect(effectivePercent(100n, 300n)).toBe('33.333');
    expect(effectivePercent(5n, 0n)).toBeUndefined();
  });
});
