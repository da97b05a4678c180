import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, allocateByAmounts } from './allocate.ts';
import { currencyExponent } from './currency.ts';
import { money, toDecimalString } from './money.ts';

const currencies = fc.constantFrom('JPY', 'USD', 'AUD', 'GBP', 'KWD', 'BHD', 'CLF');

describe('allocate', () => {
  it('never creates or loses a minor unit, in any currency exponent', () => {
    fc.assert(
      fc.property(
        currencies,
        fc.bigInt({ min: -10_000_000_000n, max: 10_000_000_000n }),
        fc.array(fc.bigInt({ min: 0n, max: 1_000_000_000n }), { minLength: 1, maxLength: 60 }),
        (currency, minor, weights) => {
          const parts = allocate({ currency, minor }, weights);
          expect(parts).toHaveLength(weights.length);
          expect(parts.reduce((a, p) => a + p.minor, 0n)).toBe(minor);
          expect(parts.every((p) => p.currency === currency)).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('keeps every part within one minor unit of its exact share', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 1_000_000_000n }),
        fc.array(fc.bigInt({ min: 1n, max: 1_000_000n }), { minLength: 1, maxLength: 20 }),
        (minor, weights) => {
          const total = weights.reduce((a, b) => a + b, 0n);
          allocate({ currency: 'USD', minor }, weights).forEach((part, i) => {
            const exactTimesTotal = minor * (weights[i] ?? 0n);
            const diff = part.minor * total - exactTimesTotal;
            expect(diff < 0n ? -diff : diff).toBeLessThan(total);
          });
        },
      ),
    );
  });

  it('splits a 10.00 discount over three equal lines as 3.34, 3.33, 3.33', () => {
    const parts = allocate(money('10.00', 'USD'), [1n, 1n, 1n]).map(toDecimalString);
    expect(parts).toEqual(['3.34', '3.33', '3.33']);
  });

  it('gives nothing to zero weights and splits evenly when all weights are zero', () => {
    expect(allocate(money('1', 'JPY'), [0n, 5n]).map(toDecimalString)).toEqual(['0', '1']);
    expect(allocate(money('0.003', 'KWD'), [0n, 0n, 0n]).map(toDecimalString)).toEqual([
      '0.001',
      '0.001',
      '0.001',
    ]);
  });

  it('allocates negative totals symmetrically', () => {
    expect(
      allocateByAmounts(money('-0.05', 'GBP'), [money('1', 'GBP'), money('1', 'GBP')]).map(toDecimalString),
    ).toEqual(['-0.03', '-0.02']);
  });

  it('refuses empty or negative weights', () => {
    expect(() => allocate(money('1', 'USD'), [])).toThrow(RangeError);
    expect(() => allocate(money('1', 'USD'), [-1n])).toThrow(RangeError);
  });

  it('knows the ISO 4217 exponents', () => {
    expect([currencyExponent('JPY'), currencyExponent('USD'), currencyExponent('KWD')]).toEqual([0, 2, 3]);
  });
});
