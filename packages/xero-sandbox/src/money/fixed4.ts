// Exact decimals for money and quantities: a bigint scaled by 10^4. Floats never touch arithmetic.
export type Fixed4 = bigint;

export const FIXED4_SCALE = 4;
export const ZERO: Fixed4 = 0n;
const POWERS = Array.from({ length: 40 }, (_, index) => 10n ** BigInt(index));

function power(exponent: number): bigint {
  const value = POWERS[exponent];
  if (value === undefined) throw new RangeError(`power of ten out of range: ${exponent}`);
  return value;
}

// Xero rounds half away from zero.
export function divRoundHalfAway(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (n * 2n + d) / (d * 2n);
  return negative ? -quotient : quotient;
}

// A value held at `fromScale` decimals, rounded to `dp` decimals and returned as Fixed4.
export function rescaleRound(value: bigint, fromScale: number, dp: number): Fixed4 {
  const rounded =
    fromScale > dp ? divRoundHalfAway(value, power(fromScale - dp)) : value * power(dp - fromScale);
  return rounded * power(FIXED4_SCALE - dp);
}

type ParsedDecimal = { units: bigint; scale: number };

const decimalPattern = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export function parseDecimalText(text: string): ParsedDecimal | undefined {
  const match = decimalPattern.exec(text.trim());
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  if (whole === '' && fraction === '') return undefined;
  const exponent = Number.parseInt(exponentText, 10);
  let digits = `${whole}${fraction}`.replace(/^0+(?=\d)/, '');
  let scale = fraction.length - exponent;
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  if (scale > 38) return undefined;
  const units = BigInt(digits === '' ? '0' : digits);
  return { units: sign === '-' ? -units : units, scale };
}

// Accepts a JSON number or a numeric string; String(number) is the shortest exact decimal of what was sent.
export function toFixed4(value: unknown, dp: number): Fixed4 | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    return toFixed4(String(value), dp);
  }
  if (typeof value !== 'string') return undefined;
  const parsed = parseDecimalText(value);
  if (!parsed) return undefined;
  return rescaleRound(parsed.units, parsed.scale, dp);
}

export function roundFixed4(value: Fixed4, dp: number): Fixed4 {
  return rescaleRound(value, FIXED4_SCALE, dp);
}

export function formatFixed4(value: Fixed4, dp = FIXED4_SCALE): string {
  const rounded = rescaleRound(value, FIXED4_SCALE, dp) / power(FIXED4_SCALE - dp);
  const negative = rounded < 0n;
  const digits = (negative ? -rounded : rounded).toString().padStart(dp + 1, '0');
  const whole = digits.slice(0, digits.length - dp);
  const fraction = dp > 0 ? `.${digits.slice(digits.length - dp)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

// For JSON output only: the decimal string is exact, Number() gives the shortest equal double.
export function fixed4ToNumber(value: Fixed4, dp = FIXED4_SCALE): number {
  return Number(formatFixed4(value, dp));
}

export function fixed4FromInteger(value: number): Fixed4 {
  return BigInt(value) * power(FIXED4_SCALE);
}

export function sumFixed4(values: readonly Fixed4[]): Fixed4 {
  return values.reduce((total, value) => total + value, 0n);
}

export function minFixed4(a: Fixed4, b: Fixed4): Fixed4 {
  return a < b ? a : b;
}
