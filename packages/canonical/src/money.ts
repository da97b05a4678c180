import { type CurrencyCode, currencyExponent } from './currency.ts';
import { type Decimal, formatDecimal, multiplyDecimals, parseDecimal, rescale } from './decimal.ts';

// An amount in integer minor units of its currency (cents, yen, fils).
export type Money = { readonly currency: CurrencyCode; readonly minor: bigint };

export function moneyFromMinor(minor: bigint, currency: CurrencyCode): Money {
  return { currency, minor };
}

/** Parses a decimal string; refuses more decimals than the currency has (no silent rounding). */
export function money(amount: string, currency: CurrencyCode): Money {
  const value = parseDecimal(amount);
  const exponent = currencyExponent(currency);
  if (value.scale > exponent) {
    const exact = rescale(value, exponent);
    if (rescale(exact, value.scale).units !== value.units) {
      throw new RangeError(`${amount} has more than ${exponent} decimals for ${currency}`);
    }
    return { currency, minor: exact.units };
  }
  return { currency, minor: rescale(value, exponent).units };
}

/** Rounds an exact decimal (e.g. quantity × unit price) half away from zero to the currency's minor unit. */
export function moneyFromDecimal(value: Decimal, currency: CurrencyCode): Money {
  return { currency, minor: rescale(value, currencyExponent(currency)).units };
}

export function toDecimalString(amount: Money): string {
  return formatDecimal({ units: amount.minor, scale: currencyExponent(amount.currency) });
}

export function zero(currency: CurrencyCode): Money {
  return { currency, minor: 0n };
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new TypeError(`currency mismatch: ${a.currency} vs ${b.currency}`);
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { currency: a.currency, minor: a.minor + b.minor };
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { currency: a.currency, minor: a.minor - b.minor };
}

export function negate(a: Money): Money {
  return { currency: a.currency, minor: -a.minor };
}

export function sum(amounts: readonly Money[], currency: CurrencyCode): Money {
  return amounts.reduce((total, next) => add(total, next), zero(currency));
}

export function equals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.minor === b.minor;
}

export function compare(a: Money, b: Money): -1 | 0 | 1 {
  sameCurrency(a, b);
  return a.minor < b.minor ? -1 : a.minor > b.minor ? 1 : 0;
}

/** quantity × unit price, both decimal strings, rounded once to the currency's minor unit. */
export function extend(quantity: string, unitPrice: string, currency: CurrencyCode): Money {
  return moneyFromDecimal(multiplyDecimals(parseDecimal(quantity), parseDecimal(unitPrice)), currency);
}
