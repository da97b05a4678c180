import {
  type Decimal,
  formatDecimal,
  multiplyDecimals,
  parseDecimal,
  rescale,
  roundHalfAwayFromZero,
} from '@ledgerbridge/canonical';

// Xero's own arithmetic, reproduced so we know before sending what Xero will compute:
// LineAmount = round2(Quantity × UnitAmount); tax per line rounded to 2 decimals, then summed.

export type Types = 'Exclusive' | 'Inclusive' | 'NoTax';

/** Amounts on Xero documents are 2-decimal: cents as bigint. */
export function cents(decimal: string): bigint {
  return rescale(parseDecimal(decimal), 2).units;
}

export function centsText(value: bigint): string {
  return formatDecimal({ units: value, scale: 2 });
}

export function lineAmountCents(quantity: string, unitAmount: string): bigint {
  return rescale(multiplyDecimals(parseDecimal(quantity), parseDecimal(unitAmount)), 2).units;
}

export function lineTaxCents(lineAmount: bigint, ratePercent: string, types: Types): bigint {
  if (types === 'NoTax') return 0n;
  const rate: Decimal = parseDecimal(ratePercent);
  if (rate.units === 0n) return 0n;
  const scale = 10n ** BigInt(rate.scale);
  if (types === 'Inclusive') {
    // LA × r / (100 + r)
    return roundHalfAwayFromZero(lineAmount * rate.units, 100n * scale + rate.units);
  }
  return roundHalfAwayFromZero(lineAmount * rate.units, 100n * scale);
}

export function sameRate(a: string, b: string): boolean {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  const s = Math.max(x.scale, y.scale);
  return rescale(x, s).units === rescale(y, s).units;
}
