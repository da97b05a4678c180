import { divRoundHalfAway, parseDecimalText } from '../money/fixed4.ts';

// Fixed "day rates" (units per US dollar) so multi-currency documents get a deterministic default rate.
const UNITS_PER_USD: Readonly<Record<string, string>> = {
  USD: '1',
  AUD: '1.52',
  NZD: '1.68',
  GBP: '0.79',
  EUR: '0.92',
  CAD: '1.37',
  JPY: '151.2',
  SGD: '1.35',
  HKD: '7.82',
  CHF: '0.88',
};

// Xero's CurrencyRate is units of the document currency per one unit of base currency, to 6 places.
export function defaultCurrencyRate(baseCurrency: string, currency: string): string {
  if (baseCurrency === currency) return '1';
  const base = parseDecimalText(UNITS_PER_USD[baseCurrency] ?? '1');
  const foreign = parseDecimalText(UNITS_PER_USD[currency] ?? '1');
  if (!base || !foreign) return '1';
  // foreign/base at 6 decimals, both values brought to the same scale first.
  const scale = Math.max(base.scale, foreign.scale);
  const b = base.units * 10n ** BigInt(scale - base.scale);
  const f = foreign.units * 10n ** BigInt(scale - foreign.scale);
  const rate = divRoundHalfAway(f * 1_000_000n, b);
  const fraction = (rate % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return `${rate / 1_000_000n}${fraction === '' ? '' : `.${fraction}`}`;
}
