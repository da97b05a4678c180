import type { InvoiceDraft, Order, ReferenceData } from '@ledgerbridge/canonical';
import type { MappingConfig } from './mapping-config.ts';

export type Finding = {
  readonly rule: 'rateDisagreement' | 'nonRevenueAccount' | 'unusualTotal';
  readonly severity: 'warn' | 'hold';
  readonly message: string;
};

const revenueTypes = new Set(['REVENUE', 'SALES', 'OTHERINCOME']);

/** Rate as a number for comparing percentages only (never money). */
const pct = (value: string | undefined) => (value === undefined ? undefined : Number(value));

/**
 * Whether a line's tax disagrees with a rate: by the rates the order states, else by amount (more than a
 * cent from what the rate gives, since the order's tax was rounded to the cent), with the rate charged.
 */
function disagreement(
  line: Order['lines'][number],
  pricesIncludeTax: boolean,
  mapped: number,
): { charged: number } | undefined {
  const rates = line.taxes.map((t) => pct(t.ratePercent));
  if (rates.length > 0 && rates.every((r) => r !== undefined)) {
    const charged = rates.reduce<number>((a, b) => a + (b ?? 0), 0);
    return Math.abs(charged - mapped) > 0.05 ? { charged } : undefined;
  }
  const tax = line.taxes.reduce((a, t) => a + Number(t.amount), 0);
  // Tax-inclusive prices carry the tax: the rate is on what is left without it.
  const net = Number(line.lineSubtotal) - Number(line.discount) - (pricesIncludeTax ? tax : 0);
  if (net <= 0) return undefined;
  return Math.abs(tax - (net * mapped) / 100) > 0.01 ? { charged: (tax / net) * 100 } : undefined;
}

/** Median and scaled MAD (robust centre and spread); undefined when there is too little history. */
export function robustZ(value: number, history: readonly number[]): number | undefined {
  if (history.length < 10) return undefined;
  const sorted = [...history].sort((a, b) => a - b);
  const median = (xs: number[]) => {
    const m = Math.floor(xs.length / 2);
    return xs.length % 2 ? (xs[m] ?? 0) : ((xs[m - 1] ?? 0) + (xs[m] ?? 0)) / 2;
  };
  const centre = median(sorted);
  const mad = median(sorted.map((x) => Math.abs(x - centre)).sort((a, b) => a - b));
  if (mad === 0) return value === centre ? 0 : Number.POSITIVE_INFINITY * Math.sign(value - centre);
  return (0.6745 * (value - centre)) / mad;
}

/**
 * Checks beyond Xero's own, in the merchant's words: a mapped tax rate that disagrees with the rate the
 * order was taxed at, a product line booked to an account that is not revenue, an order total far outside
 * the shop's usual range (robust z-score over recent totals in the same currency, |z| > 3.5).
 */
export function findings(input: {
  order: Order;
  draft: Pick<InvoiceDraft, 'lines'>;
  mapping: MappingConfig;
  reference: ReferenceData;
  recentTotals?: readonly string[];
}): Finding[] {
  const { order, draft, mapping, reference } = input;
  const out: Finding[] = [];
  const policy = mapping.validation;
  const rateOf = (taxType: string) => pct(reference.taxRates.find((t) => t.taxType === taxType)?.ratePercent);
  order.lines.forEach((line, i) => {
    const sent = draft.lines[i];
    if (!sent) return;
    if (policy.rateDisagreement !== 'off' && mapping.tax.mode === 'tax-rates') {
      const mapped = rateOf(sent.taxType);
      const off = mapped === undefined ? undefined : disagreement(line, order.pricesIncludeTax, mapped);
      if (off) {
        const charged = off.charged;
        out.push({
          rule: 'rateDisagreement',
          severity: policy.rateDisagreement,
          message: `“${line.name}” was taxed at ${+charged.toFixed(3)} % in the shop, but its Xero tax rate ${sent.taxType} is ${mapped} %.`,
        });
      }
    }
    if (policy.nonRevenueAccount !== 'off') {
      const account = reference.accounts.find((a) => a.code === sent.accountCode);
      const taxed = line.taxes.some((t) => Number(t.amount) !== 0);
      if (account && !revenueTypes.has(account.type) && taxed) {
        out.push({
          rule: 'nonRevenueAccount',
          severity: policy.nonRevenueAccount,
          message: `“${line.name}” is a taxed sale but is booked to ${account.code} ${account.name}, a ${account.type.toLowerCase()} account rather than revenue.`,
        });
      }
    }
  });
  if (policy.unusualTotal !== 'off' && input.recentTotals) {
    const z = robustZ(Number(order.total), input.recentTotals.map(Number));
    if (z !== undefined && Math.abs(z) > 3.5) {
      const sorted = input.recentTotals.map(Number).sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
      out.push({
        rule: 'unusualTotal',
        severity: policy.unusualTotal,
        message: `The order total ${order.total} ${order.currency} is far ${z > 0 ? 'above' : 'below'} this shop’s usual orders (median about ${median.toFixed(2)}).`,
      });
    }
  }
  return out;
}
