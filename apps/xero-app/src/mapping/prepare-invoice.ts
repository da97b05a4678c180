import type { InvoiceDraft, Order, ReferenceData } from '@ledgerbridge/canonical';
import { convertOrder } from './convert-order.ts';
import { draftReason } from './draft-rules.ts';
import { type Finding, findings } from './findings.ts';
import { type BuiltInvoice, buildInvoice } from './invoice-builder.ts';
import type { MappingConfig } from './mapping-config.ts';
import type { TaxRateProposal } from './tax-choice.ts';
import { applyTransforms, type TransformResult } from './transforms.ts';
import { validateInvoiceDraft } from './validate-invoice.ts';

export type PreparedInvoice = BuiltInvoice & {
  readonly status: InvoiceDraft['status'];
  readonly draftReason: string | null;
  /** What each JSONata rule of the mapping did on this order. */
  readonly transforms: readonly TransformResult[];
  /** Checks beyond Xero's own; a finding whose rule says "hold" keeps the invoice a draft. */
  readonly findings: readonly Finding[];
};

export type PrepareResult =
  | { readonly ok: true; readonly invoice: PreparedInvoice }
  | { readonly ok: false; readonly problems: string[]; readonly proposals?: TaxRateProposal[] };

/** Order → Xero invoice draft, checked against the org: currency, mapping, penny-exact tax, validation. */
export async function prepareInvoice(input: {
  order: Order;
  mapping: MappingConfig;
  reference: ReferenceData;
  /** Recent order totals in the order's currency, for the unusual-total check. */
  recentTotals?: readonly string[];
}): Promise<PrepareResult> {
  const { mapping, reference } = input;
  let order = input.order;
  let conversion: BuiltInvoice['conversion'];
  const base = reference.organisation.baseCurrency;
  if (order.currency !== base && !reference.currencies.includes(order.currency)) {
    const rate = mapping.currency.fixedRates[order.currency];
    if (!rate) {
      return {
        ok: false,
        problems: [
          `${order.currency} is not enabled in ${reference.organisation.name} and the mapping has no rate from ${order.currency} to ${base}.`,
        ],
      };
    }
    conversion = { from: order.currency, to: base, rate };
    order = convertOrder(order, base, rate);
  }
  const { overrides, results } = await applyTransforms(input.order, mapping.transforms);
  const failed = results.filter((r) => r.error);
  if (failed.length > 0) {
    return {
      ok: false,
      problems: failed.map((r) => `Mapping rule ${r.index + 1} (${r.target}) failed: ${r.error}`),
    };
  }
  const built = buildInvoice({ order, mapping, reference, overrides });
  if (!built.ok) return built;
  const problems = validateInvoiceDraft({
    draft: built.invoice.draft,
    reference,
    pendingItemCodes: built.invoice.missingItemCodes,
    ...(mapping.accounts.salesTaxLiability ? { liabilityAccount: mapping.accounts.salesTaxLiability } : {}),
  });
  if (problems.length > 0) return { ok: false, problems };
  const found = findings({
    order,
    draft: built.invoice.draft,
    mapping,
    reference,
    ...(input.recentTotals ? { recentTotals: input.recentTotals } : {}),
  });
  const held = found.find((f) => f.severity === 'hold');
  const reason = (await draftReason(input.order, mapping)) ?? (held ? held.message : null);
  const adjustments = conversion
    ? [
        `Converted from ${conversion.from} to ${conversion.to} at ${conversion.rate}.`,
        ...built.invoice.adjustments,
      ]
    : built.invoice.adjustments;
  return {
    ok: true,
    invoice: {
      ...built.invoice,
      adjustments,
      ...(conversion ? { conversion } : {}),
      status: reason ? 'DRAFT' : 'AUTHORISED',
      draftReason: reason,
      transforms: results,
      findings: found,
    },
  };
}
