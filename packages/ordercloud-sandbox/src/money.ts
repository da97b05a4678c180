// Exact money for the simulator: amounts live as bigint minor units, prices as scaled decimals.
// JSON numbers appear only at the HTTP edge, converted through their shortest decimal spelling.

export type Decimal = { readonly units: bigint; readonly scale: number };

const exponentOverrides: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
};

export function currencyExponent(currency: string): number {
  return exponentOverrides[currency] ?? 2;
}

const decimalPattern = /^-?\d+(\.\d+)?$/;

export function parseDecimal(text: string): Decimal {
  if (!decimalPattern.test(text)) throw new RangeError(`not a decimal: ${text}`);
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const units = BigInt(whole + fraction);
  return { units: negative ? -units : units, scale: fraction.length };
}

/** The decimal a JSON number was written as (its shortest round-trip spelling), exponents expanded. */
export function numberToDecimalString(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const text = String(value);
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = '', whole = '', fraction = '', exp = '0'] = match;
  const digits = whole + fraction;
  const point = whole.length + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

export function numberToDecimal(value: number): Decimal {
  return parseDecimal(numberToDecimalString(value));
}

export function formatDecimal(value: Decimal): string {
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, '0');
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = value.scale > 0 ? `.${digits.slice(digits.length - value.scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Drops trailing fractional zeros so 12.50 and 12.5 compare and print alike. */
export function normalizeDecimal(value: Decimal): Decimal {
  let { units, scale } = value;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return { units, scale };
}

export function decimalToNumber(value: Decimal): number {
  return Number(formatDecimal(value));
}

// Half away from zero, as tax authorities and card networks round.
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const rounded = (abs * 2n + denominator) / (denominator * 2n);
  return negative ? -rounded : rounded;
}

/** The exact minor units of a decimal, or undefined when it has more decimals than the currency. */
export function decimalToMinorExact(value: Decimal, currency: string): bigint | undefined {
  const exponent = currencyExponent(currency);
  if (value.scale <= exponent) return value.units * 10n ** BigInt(exponent - value.scale);
  const factor = 10n ** BigInt(value.scale - exponent);
  return value.units % factor === 0n ? value.units / factor : undefined;
}

export function decimalToMinorRounded(value: Decimal, currency: string): bigint {
  const exponent = currencyExponent(currency);
  if (value.scale <= exponent) return value.units * 10n ** BigInt(exponent - value.scale);
  return divideRounded(value.units, 10n ** BigInt(value.scale - exponent));
}

export function minorToDecimal(minor: bigint, currency: string): Decimal {
  return { units: minor, scale: currencyExponent(currency) };
}

export function minorToNumber(minor: bigint, currency: string): number {
  return decimalToNumber(minorToDecimal(minor, currency));
}

export function minorToString(minor: bigint, currency: string): string {
  return formatDecimal(minorToDecimal(minor, currency));
}

export function majorToMinor(major: string, currency: string): bigint {
  const minor = decimalToMinorExact(parseDecimal(major), currency);
  if (minor === undefined) throw new RangeError(`${major} has too many decimals for ${currency}`);
  return minor;
}

/** quantity × unit price, rounded once to the currency's minor unit. */
export function extendToMinor(quantity: number, unitPrice: Decimal, currency: string): bigint {
  return decimalToMinorRounded(
    { units: BigInt(quantity) * unitPrice.units, scale: unitPrice.scale },
    currency,
  );
}

/** amount × rate% (rate a decimal percentage such as 8.875), rounded to the minor unit. */
export function percentOfMinor(amount: bigint, ratePercent: Decimal): bigint {
  return divideRounded(amount * ratePercent.units, 100n * 10n ** BigInt(ratePercent.scale));
}

/** The tax already inside a tax-inclusive amount: amount × rate / (100 + rate). */
export function includedTaxMinor(amount: bigint, ratePercent: Decimal): bigint {
  const hundred = 100n * 10n ** BigInt(ratePercent.scale);
  return divideRounded(amount * ratePercent.units, hundred + ratePercent.units);
}

/** Largest-remainder split: parts add up to the total exactly; ties go to the earlier index. */
export function allocateMinor(total: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.length === 0) return [];
  const effective = weights.every((w) => w === 0n) ? weights.map(() => 1n) : weights;
  const weightSum = effective.reduce((a, b) => a + b, 0n);
  const sign = total < 0n ? -1n : 1n;
  const magnitude = total * sign;
  const shares = effective.map((weight, index) => ({
    index,
    floor: (magnitude * weight) / weightSum,
    remainder: (magnitude * weight) % weightSum,
  }));
  let leftover = magnitude - shares.reduce((a, s) => a + s.floor, 0n);
  const parts = shares.map((s) => s.floor);
  const order = [...shares].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  for (const share of order) {
    if (leftover === 0n) break;
    parts[share.index] = (parts[share.index] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return parts.map((p) => p * sign);
}

export function sumMinor(values: readonly bigint[]): bigint {
  return values.reduce((a, b) => a + b, 0n);
}

export function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
