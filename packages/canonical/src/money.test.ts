import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyExponent } from './currency.ts';
import { formatDecimal, parseDecimal, roundHalfAwayFromZero } from './decimal.ts';
import { add, extend, money, moneyFromMinor, subtract, toDecimalString } from './money.ts';

describe('money', () => {
  it('round-trips minor units through decimal strings in every exponent', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('JPY', 'USD', 'KWD', 'CLF'),
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        (c, m) => {
          const text = toDecimalString(moneyFromMinor(m, c));
          expect(money(text, c).minor).toBe(m);
          expect(text.split('.')[1]?.length ?? 0).toBe(currencyExponent(c));
        },
      ),
    );
  });

  it('adds 0.1 and 0.2 exactly', () => {
    expect(toDecimalString(add(money('0.1', 'USD'), money('0.2', 'USD')))).toBe('0.30');
  });

  it('refuses more decimals than the currency has, but accepts trailing zeros', () => {
    expect(() => money('1.005', 'USD')).toThrow(/more than 2 decimals/);
    expect(() => money('1.5', 'JPY')).toThrow(/more than 0 decimals/);
    expect(money('1.500', 'USD').minor).toBe(150n);
  });

  it('refuses to mix currencies', () => {
    expect(() => subtract(money('1', 'USD'), money('1', 'AUD'))).toThrow(/currency mismatch/);
  });

  it('extends quantity × unit price with one rounding, half away from zero', () => {
    expect(toDecimalString(extend('3', '0.3333', 'USD'))).toBe('1.00');
    expect(toDecimalString(extend('1', '0.125', 'USD'))).toBe('0.13');
    expect(toDecimalString(extend('1', '-0.125', 'USD'))).toBe('-0.13');
    expect(toDecimalString(extend('2.5', '3', 'JPY'))).toBe('8');
  });

  it('rounds half away from zero', () => {
    expect(roundHalfAwayFromZero(5n, 10n)).toBe(1n);
    expect(roundHalfAwayFromZero(-5n, 10n)).toBe(-1n);
    expect(roundHalfAwayFromZero(4n, 10n)).toBe(0n);
  });

  it('parses and formats decimals exactly', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.integer({ min: 0, max: 8 }),
        (units, scale) => {
          const text = formatDecimal({ units, scale });
          expect(parseDecimal(text)).toEqual({ units, scale });
        },
      ),
    );
    expect(() => parseDecimal('1e3')).toThrow(RangeError);
  });
});
