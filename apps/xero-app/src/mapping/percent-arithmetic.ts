import { type Decimal, formatDecimal, parseDecimal, rescale } from '@ledgerbridge/canonical';
import { cents } from './xero-arithmetic.ts';

// Percentages and the amounts they are judged by, exactly: summing "0.1" and "0.2" must give 0.3, and a
// tax one cent off must be one cent off, not 0.010000000000000009 (which would flip a threshold).

const align = (a: Decimal, b: Decimal): [bigint, bigint, number] => {
  const scale = Math.max(a.scale, b.scale);
  return [rescale(a, scale).units, rescale(b, scale).units, scale];
};

/** "4" + "4.5" + "0.375" → "8.875". */
export function sumPercents(rates: readonly string[]): string {
  const total = rates.reduce<Decimal>(
    (acc, r) => {
      const [x, y, scale] = align(acc, parseDecimal(r));
      return { units: x + y, scale };
    },
    { units: 0n, scale: 0 },
  );
  return trim(formatDecimal(total));
}

/** |a − b| > limit, all decimal strings. */
export function differsBy(a: string, b: string, limit: string): boolean {
  const [x, y, scale] = align(parseDecimal(a), parseDecimal(b));
  const diff = x > y ? x - y : y - x;
  const [d, l] = align({ units: diff, scale }, parseDecimal(limit));
  return d > l;
}

/** Sum of money amounts as cents. */
export function sumCents(amounts: readonly string[]): bigint {
  return amounts.reduce((acc, a) => acc + cents(a), 0n);
}

/** Whether `taxCents` is more than one cent from `netCents` × `ratePercent` / 100 (exact, unrounded). */
export function taxOffByMoreThanACent(taxCents: bigint, netCents: bigint, ratePercent: string): boolean {
  const rate = parseDecimal(ratePercent);
  const denominator = 100n * 10n ** BigInt(rate.scale);
  // tax − net × rate / 100, scaled by the denominator to stay in integers.
  const diff = taxCents * denominator - netCents * rate.units;
  return (diff < 0n ? -diff : diff) > denominator;
}

/** tax / net × 100 as a percent with at most `places` decimals (rounded half away from zero). */
export function effectivePercent(taxCents: bigint, netCents: bigint, places = 3): string | undefined {
  if (netCents <= 0n) return undefined;
  const scale = 10n ** BigInt(places);
  const numerator = taxCents * 100n * scale;
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const units = (abs * 2n + netCents) / (netCents * 2n);
  return trim(formatDecimal({ units: negative ? -units : units, scale: places }));
}

function trim(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
