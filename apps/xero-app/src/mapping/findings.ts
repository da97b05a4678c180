import type { InvoiceDraft, Order, ReferenceData } from '@ledgerbridge/canonical';
import type { MappingConfig } from './mapping-config.ts';
import {
  differsBy,
  effectivePercent,
  sumCents,
  sumPercents,
  taxOffByMoreThanACent,
} from './percent-arithmetic.ts';
import { cents, centsText } from './xero-arithmetic.ts';

export type Finding = {
  readonly rule: 'rateDisagreement' | 'nonRevenueAccount' | 'unusualTotal';
  readonly severity: 'warn' | 'hold';
  readonly message: string;
};

const revenueTypes = new Set(['REVENUE', 'SALES', 'OTHERINCOME']);

/**
 * Whether a line's tax disagrees with a rate: by the rates the order states, else by amount (more than a
 * cent from what the rate gives, since the order's tax was rounded to the cent), with the rate charged.
 * Exact decimals throughout: a float sum can push a difference of exactly the limit over it.
 */
function disagreement(
  line: Order['lines'][number],
  pricesIncludeTax: boolean,
  mapped: string,
): { charged: string } | undefined {
  const rates = line.taxes.map((t) => t.ratePercent);
  if (rates.length > 0 && rates.every((r) => r !== undefined)) {
    const charged = sumPercents(rates as string[]);
    return differsBy(charged, mapped, '0.05') ? { charged } : undefined;
  }
  const tax = sumCents(line.taxes.map((t) => t.amount));
  // Tax-inclusive prices carry the tax: the rate is on what is left without it.
  const net = cents(line.lineSubtotal) - cents(line.discount) - (pricesIncludeTax ? tax : 0n);
  if (net <= 0n) return undefined;
  return taxOffByMoreThanACent(tax, net, mapped) ? { charged: effectivePercent(tax, net) ?? '0' } : undefined;
}

/** The middle of sorted integers, doubled so an even count's midpoint stays an integer. */
function doubledMedian(sorted: readonly bigint[]): bigint {
  const m = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? 2n * (sorted[m] ?? 0n) : (sorted[m - 1] ?? 0n) + (sorted[m] ?? 0n);
}

/**
 * Robust z-score of an amount against recent amounts (median and scaled MAD), undefined when there is too
 * little history. Centre and spread are exact cents; only the final ratio is a (dimensionless) number.
 */
export function robustZ(value: string, history: readonly string[]): number | undefined {
  if (history.length < 10) return undefined;
  const byValue = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
  // Doubled cents: the median of an even count is a half-cent at worst.
  const sorted = history.map((h) => 2n * cents(h)).sort(byValue);
  const v = 2n * cents(value);
  const centre = doubledMedian(sorted) / 2n;
  const deviations = sorted.map((x) => (x > centre ? x - centre : centre - x)).sort(byValue);
  const mad = doubledMedian(deviations);
  const offset = 2n * (v - centre);
  if (mad === 0n)
    return offset === 0n ? 0 : offset > 0n ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  return (0.6745 * Number(offset)) / Number(mad);
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
  const rateOf = (taxType: string) => reference.taxRates.find((t) => t.taxType === taxType)?.ratePercent;
  order.lines.forEach((line, i) => {
    const sent = draft.lines[i];
    if (!sent) return;
    if (policy.rateDisagreement !== 'off' && mapping.tax.mode === 'tax-rates') {
      const mapped = rateOf(sent.taxType);
      const off = mapped === undefined ? undefined : disagreement(line, order.pricesIncludeTax, mapped);
      if (off) {
        out.push({
          rule: 'rateDisagreement',
          severity: policy.rateDisagreement,
          message: `“${line.name}” was taxed at ${off.charged} % in the shop, but its Xero tax rate ${sent.taxType} is ${mapped} %.`,
        });
      }
    }
    if (policy.nonRevenueAccount !== 'off') {
      const account = reference.accounts.find((a) => a.code === sent.accountCode);
      const taxed = line.taxes.some((t) => cents(t.amount) !== 0n);
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
    const z = robustZ(order.total, input.recentTotals);
    if (z !== undefined && Math.abs(z) > 3.5) {
      const sorted = input.recentTotals.map(cents).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const median = centsText(sorted[Math.floor(sorted.length / 2)] ?? 0n);
      out.push({
        rule: 'unusualTotal',
        severity: policy.unusualTotal,
        message: `The order total ${order.total} ${order.currency} is far ${z > 0 ? 'above' : 'below'} this shop’s usual orders (median about ${median}).`,
      });
    }
  }
  return out;
}
