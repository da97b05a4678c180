import {
  type CurrencyCode,
  currencyExponent,
  formatDecimal,
  type Money,
  money,
  parseDecimal,
  rescale,
} from '@ledgerbridge/canonical';
import { MappingProblem } from './mapping-problem.ts';

// OrderCloud sends money as JSON numbers. A number's shortest spelling (String(n)) is the decimal
// OrderCloud stored, so converting through it is exact; anything finer than the currency's minor
// unit is refused rather than rounded.
export function decimalFromNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const text = String(value);
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  const digits = whole + fraction;
  const point = whole.length + Number(exponent);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

export function toMoney(
  value: number | null | undefined,
  currency: CurrencyCode,
  path: string,
  options: { required?: boolean } = {},
): Money {
  if (value === null || value === undefined) {
    if (options.required) throw new MappingProblem(path, 'is missing');
    return { currency, minor: 0n };
  }
  const text = decimalFromNumber(value);
  try {
    return money(text, currency);
  } catch {
    throw new MappingProblem(
      path,
      `${text} has more than ${currencyExponent(currency)} decimals for ${currency}`,
    );
  }
}

/** A price as a decimal string with at most 4 places (unit prices may be finer than cents), written
 * with at least the currency's decimals (120 → "120.00", 0.115 stays "0.115"). */
export function toPrice(value: number | null | undefined, path: string, currency?: CurrencyCode): string {
  if (value === null || value === undefined) throw new MappingProblem(path, 'is missing');
  const text = decimalFromNumber(value);
  const decimal = parseDecimal(text);
  if (decimal.scale > 4) {
    const exact = rescale(decimal, 4);
    if (rescale(exact, decimal.scale).units !== decimal.units)
      throw new MappingProblem(path, `${text} has more than 4 decimals`);
  }
  const exponent = currency ? currencyExponent(currency) : 0;
  return decimal.scale >= exponent ? text : formatDecimal(rescale(decimal, exponent));
}

export function isoDate(value: string | null | undefined, path: string): string {
  if (!value) throw new MappingProblem(path, 'is missing');
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new MappingProblem(path, `is not a date: ${value}`);
  return new Date(time).toISOString();
}
