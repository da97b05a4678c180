import type { Order } from '@ledgerbridge/canonical';
import type { CategoryObservation } from './account-suggestions.ts';
import type { TaxCodeObservation } from './tax-type-suggestions.ts';

/** Rates are compared, never summed into money: numbers are fine here. */
function rateOf(t: { ratePercent?: string | undefined; amount: string }, net: number): number | undefined {
  if (t.ratePercent !== undefined) return Number(t.ratePercent);
  return net > 0 ? Math.round((Number(t.amount) / net) * 100_000) / 1000 : undefined;
}

/** The tax codes (with the rates they were charged at) and product categories on a set of orders. */
export function observeOrders(orders: readonly Order[]): {
  taxCodes: TaxCodeObservation[];
  categories: CategoryObservation[];
} {
  const codes = new Map<string, { name?: string; rates: number[] }>();
  const categories = new Map<string, number>();
  const note = (code: string | undefined, name: string | undefined, rate: number | undefined) => {
    if (!code || rate === undefined) return;
    const entry = codes.get(code) ?? { rates: [] };
    if (name && !entry.name) entry.name = name;
    entry.rates.push(rate);
    codes.set(code, entry);
  };
  for (const order of orders) {
    for (const line of order.lines) {
      const net = Number(line.lineSubtotal) - Number(line.discount);
      for (const t of line.taxes) note(t.code, t.name, rateOf(t, net));
      if (line.taxClass) {
        const total = line.taxes.reduce((a, t) => a + (rateOf(t, net) ?? 0), 0);
        note(line.taxClass, undefined, total);
      }
      if (line.category) categories.set(line.category, (categories.get(line.category) ?? 0) + 1);
    }
    for (const charge of order.charges) {
      for (const t of charge.taxes) note(t.code, t.name, rateOf(t, Number(charge.amount)));
    }
  }
  return {
    taxCodes: [...codes].map(([code, v]) => ({ code, ...(v.name ? { name: v.name } : {}), rates: v.rates })),
    categories: [...categories].map(([category, lines]) => ({ category, lines })),
  };
}
