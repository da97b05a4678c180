import { z } from 'zod';

// Exact decimals as scaled bigints: value = units / 10^scale. No floats anywhere.
export type Decimal = { readonly units: bigint; readonly scale: number };

const decimalPattern = /^-?\d+(\.\d+)?$/;

export const DecimalStringSchema = z
  .string()
  .regex(decimalPattern, 'must be a decimal string such as "12.34"');

export function parseDecimal(text: string): Decimal {
  if (!decimalPattern.test(text)) throw new RangeError(`not a decimal string: ${JSON.stringify(text)}`);
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const units = BigInt(whole + fraction);
  return { units: negative ? -units : units, scale: fraction.length };
}

export function decimalPlaces(text: string): number {
  return parseDecimal(text).scale;
}

export function rescale(value: Decimal, scale: number): Decimal {
  if (scale >= value.scale) return { units: value.units * 10n ** BigInt(scale - value.scale), scale };
  return { units: roundHalfAwayFromZero(value.units, 10n ** BigInt(value.scale - scale)), scale };
}

// Xero, card networks and most tax authorities round half away from zero.
export function roundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const rounded = (abs * 2n + denominator) / (denominator * 2n);
  return negative ? -rounded : rounded;
}

export function multiplyDecimals(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

export function formatDecimal(value: Decimal): string {
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, '0');
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = value.scale > 0 ? `.${digits.slice(digits.length - value.scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

export function compareDecimals(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const x = rescale(a, scale).units;
  const y = rescale(b, scale).units;
  return x < y ? -1 : x > y ? 1 : 0;
}
