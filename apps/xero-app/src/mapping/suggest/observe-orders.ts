import type { Order } from '@ledgerbridge/canonical';
import type { CategoryObservation } from './account-suggestions.ts';
import type { TaxCodeObservation } from './tax-type-suggestions.ts';
import { effectivePercent, sumPercents } from '../percent-arithmetic.ts';
import { cents } from '../xero-arithmetic.ts';

/** A tax's rate as exact decimal text: stated, else its amount over the net (cents, three places). */
function rateOf(
  t: { ratePercent?: string | undefined; amount: string },
  netCents: bigint,
): string | undefined {
  if (t.ratePercent !== undefined) return t.ratePercent;
  return effectivePercent(cents(t.amount), netCents);
}

/** The tax codes (with the rates they were charged at) and product categories on a set of orders. */
export function observeOrders(orders: readonly Order[]): {
  taxCodes: TaxCodeObservation[];
  categories: CategoryObservation[];
} {
  const codes = new Map<string, { name?: string; rates: number[] }>();
  const categories = new Map<string, number>();
  const note = (code: string | undefined, name: string | undefined, rate: string | undefined) => {
    if (!code || rate === undefined) return;
    const entry = codes.get(code) ?? { rates: [] };
    if (name && !entry.name) entry.name = name;
    // Exact text summed and rounded above; a number only for comparing.
    entry.rates.push(Number(rate));
    codes.set(code, entry);
  };
  for (const order of orders) {
    for (const line of order.lines) {
      const net = cents(line.lineSubtotal) - cents(line.discount);
      for (const t of line.taxes) note(t.code, t.name, rateOf(t, net));
      if (line.taxClass) {
        const total = sumPercents(line.taxes.map((t) => rateOf(t, net) ?? '0'));
        note(line.taxClass, undefined, total);
      }
      if (line.category) categories.set(line.category, (categories.get(line.category) ?? 0) + 1);
    }
    for (const charge of order.charges) {
      for (const t of charge.taxes) note(t.code, t.name, rateOf(t, cents(charge.amount)));
    }
  }
  return {
    taxCodes: [...codes].map(([code, v]) => ({ code, ...(v.name ? { name: v.name } : {}), rates: v.rates })),
    categories: [...categories].map(([category, lines]) => ({ category, lines })),
  };
}
