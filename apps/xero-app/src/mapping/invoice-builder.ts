import {
  allocate,
  type DocumentLineDraft,
  type InvoiceDraft,
  type Order,
  type OrderLine,
  type ReferenceData,
} from '@ledgerbridge/canonical';
import { fillTemplate } from './invoice-template.ts';
import { accountFor, trackingFor } from './line-rules.ts';
import type { MappingConfig } from './mapping-config.ts';
import { chooseTaxType, rateFits, type TaxRateProposal } from './tax-choice.ts';
import type { InvoiceOverrides } from './transforms.ts';
import { cents, centsText, lineAmountCents, lineTaxCents, type Types } from './xero-arithmetic.ts';

export type BuiltInvoice = {
  readonly draft: Omit<InvoiceDraft, 'contactId' | 'status'>;
  /** Every place we departed from Xero's own arithmetic to hit the order's total, with the reason. */
  readonly adjustments: string[];
  readonly total: string;
  readonly missingItemCodes: string[];
  readonly conversion?: { readonly from: string; readonly to: string; readonly rate: string };
  /** Why each line got its tax type (tax-choice.ts), for the timeline. */
  readonly taxReasons: string[];
};

export type BuildResult =
  | { readonly ok: true; readonly invoice: BuiltInvoice }
  | {
      readonly ok: false;
      readonly problems: string[];
      /** Tax rates Xero would need for this order (offered to the merchant, never created silently). */
      readonly proposals?: TaxRateProposal[];
    };

type Line = {
  description: string;
  quantity: string;
  unitAmount: string;
  itemCode?: string;
  accountCode: string;
  taxType: string;
  ratePercent: string;
  amount: bigint;
  /** Tax the order says this line carries (cents); Xero is told only when its own rounding differs. */
  requiredTax?: bigint;
  explicitTax?: bigint;
  tracking: Array<{ category: string; option: string }>;
  group: string;
  lineDiscount?: bigint;
};

const sumCents = (values: readonly bigint[]) => values.reduce((a, b) => a + b, 0n);

function emptyTaxCode(attributes: Record<string, unknown>): { emptyTaxCodePath?: string } {
  const empty = attributes.emptySourcePaths as Record<string, string> | undefined;
  return empty?.taxCode ? { emptyTaxCodePath: empty.taxCode } : {};
}

export function buildInvoice(input: {
  order: Order;
  mapping: MappingConfig;
  reference: ReferenceData;
  /** What the mapping's JSONata rules changed (transforms.ts). */
  overrides?: InvoiceOverrides;
}): BuildResult {
  const { order, mapping, reference, overrides } = input;
  // Rule-chosen tracking wins over the defaults and attribute rules for its category.
  const tracked = (line: OrderLine | undefined) => {
    const chosen = new Map(trackingFor(line, mapping).map((t) => [t.category, t.option]));
    for (const t of overrides?.tracking ?? []) chosen.set(t.category, t.option);
    return [...chosen].map(([category, option]) => ({ category, option }));
  };
  const problems: string[] = [];
  const adjustments: string[] = [];
  const liability = mapping.tax.mode === 'liability-line';
  const types: Types = liability ? 'NoTax' : order.pricesIncludeTax ? 'Inclusive' : 'Exclusive';
  const lines: Line[] = [];
  const missingItemCodes: string[] = [];
  const taxOf = (taxes: ReadonlyArray<{ amount: string }>) => sumCents(taxes.map((t) => cents(t.amount)));
  const noneRate = reference.taxRates.find((t) => t.taxType === mapping.tax.none)?.ratePercent ?? '0';
  const taxReasons: string[] = [];
  const proposals: Array<{ proposal: TaxRateProposal; tax: bigint; base: bigint; n: number }> = [];
  // One proposal per rate the order needs: a later line whose tax the earlier proposal explains adds none.
  const propose = (
    proposal: TaxRateProposal | undefined,
    taxes: readonly { amount: string }[],
    base: bigint,
  ) => {
    if (!proposal) return;
    const tax = taxOf(taxes);
    const n = taxes.length;
    if (
      proposals.some(
        (p) =>
          rateFits(p.proposal.ratePercent, tax, order.pricesIncludeTax ? { gross: base } : { base }, n).fits,
      )
    )
      return;
    proposals.push({ proposal, tax, base, n });
  };

  for (const [index, line] of order.lines.entries()) {
    const tax = taxOf(line.taxes);
    const choice = liability
      ? { taxType: mapping.tax.none, ratePercent: noneRate }
      : chooseTaxType({
          ...(line.taxClass ? { taxClass: line.taxClass } : {}),
          taxes: line.taxes,
          netAmount: cents(line.lineSubtotal) - cents(line.discount),
          pricesIncludeTax: order.pricesIncludeTax,
          what: `line “${line.name}”`,
          mapping,
          reference,
          ...emptyTaxCode(line.attributes),
        });
    if ('problem' in choice) {
      problems.push(choice.problem);
      propose(choice.proposal, line.taxes, cents(line.lineSubtotal) - cents(line.discount));
      continue;
    }
    if ('reason' in choice) taxReasons.push(choice.reason);
    const amount = cents(line.lineSubtotal);
    const exact = lineAmountCents(line.quantity, line.unitPrice) === amount;
    let itemCode: string | undefined;
    if (mapping.items.useItemCodes && line.sku) {
      if (reference.itemCodes.includes(line.sku)) itemCode = line.sku;
      else if (mapping.items.createMissing && line.sku.length <= 30) {
        itemCode = line.sku;
        missingItemCodes.push(line.sku);
      }
    }
    lines.push({
      description:
        overrides?.lineDescriptions[index] ?? (line.sku ? `${line.name} (${line.sku})` : line.name),
      quantity: exact ? line.quantity : '1',
      unitAmount: exact ? line.unitPrice : centsText(amount),
      ...(itemCode ? { itemCode } : {}),
      accountCode: accountFor(line, mapping),
      taxType: choice.taxType,
      ratePercent: choice.ratePercent,
      amount,
      requiredTax: liability ? 0n : tax,
      tracking: tracked(line),
      group: choice.taxType,
      lineDiscount: cents(line.discount),
    });
    if (!exact)
      adjustments.push(
        `Line “${line.name}”: ${line.quantity} × ${line.unitPrice} sent as 1 × ${centsText(amount)} to keep the order's line total.`,
      );
  }

  for (const charge of order.charges) {
    const tax = taxOf(charge.taxes);
    const choice = liability
      ? { taxType: mapping.tax.none, ratePercent: noneRate }
      : chooseTaxType({
          taxes: charge.taxes,
          netAmount: cents(charge.amount),
          pricesIncludeTax: order.pricesIncludeTax,
          what: `${charge.kind} “${charge.description}”`,
          mapping,
          reference,
        });
    if ('problem' in choice) {
      problems.push(choice.problem);
      propose(choice.proposal, charge.taxes, cents(charge.amount));
      continue;
    }
    if ('reason' in choice) taxReasons.push(choice.reason);
    lines.push({
      description: charge.description,
      quantity: '1',
      unitAmount: charge.amount,
      accountCode: charge.kind === 'shipping' ? mapping.accounts.shipping : mapping.accounts.fees,
      taxType: choice.taxType,
      ratePercent: choice.ratePercent,
      amount: cents(charge.amount),
      requiredTax: liability ? 0n : tax,
      tracking: tracked(undefined),
      group: `charge:${lines.length}`,
    });
  }
  if (problems.length > 0)
    return {
      ok: false,
      problems,
      ...(proposals.length > 0 ? { proposals: proposals.map((p) => p.proposal) } : {}),
    };

  // Discounts: own lines per tax type, so sales and tax both fall by what the customer did not pay.
  const productLines = lines.filter((l) => !l.group.startsWith('charge:'));
  const groups = [...new Set(productLines.map((l) => l.group))];
  const lineDiscountByGroup = new Map<string, bigint>();
  for (const line of productLines) {
    if (line.lineDiscount)
      lineDiscountByGroup.set(line.group, (lineDiscountByGroup.get(line.group) ?? 0n) + line.lineDiscount);
  }
  const orderDiscount = sumCents(order.discounts.map((d) => cents(d.amount)));
  const groupNet = groups.map(
    (g) =>
      sumCents(productLines.filter((l) => l.group === g).map((l) => l.amount)) -
      (lineDiscountByGroup.get(g) ?? 0n),
  );
  const shares =
    orderDiscount > 0n && groups.length > 0
      ? allocate(
          { currency: 'XXX', minor: orderDiscount },
          groupNet.map((n) => (n > 0n ? n : 0n)),
        ).map((m) => m.minor)
      : groups.map(() => 0n);
  const discountNames = [
    ...order.discounts.map((d) => d.code ?? d.description),
    ...(lineDiscountByGroup.size > 0 ? ['line promotions'] : []),
  ];
  groups.forEach((group, index) => {
    const discount = (lineDiscountByGroup.get(group) ?? 0n) + (shares[index] ?? 0n);
    if (discount === 0n) return;
    const sample = productLines.find((l) => l.group === group);
    lines.push({
      description: `Discount: ${discountNames.join(', ')}`,
      quantity: '1',
      unitAmount: centsText(-discount),
      accountCode: mapping.accounts.discounts,
      taxType: group,
      ratePercent: sample?.ratePercent ?? '0',
      amount: -discount,
      tracking: tracked(undefined),
      group,
    });
  });

  // Tax: Xero's per-line rounding first; where the order says otherwise, tell Xero the tax explicitly.
  if (!liability) {
    const orderLevelTax = taxOf(order.orderTaxes);
    const natural = (l: Line) => lineTaxCents(l.amount, l.ratePercent, types);
    const groupKeys = [...new Set(lines.map((l) => l.group))];
    const largest = groupKeys
      .map((g) => ({ g, amount: sumCents(lines.filter((l) => l.group === g).map((l) => l.amount)) }))
      .sort((a, b) => (a.amount > b.amount ? -1 : a.amount < b.amount ? 1 : 0))[0]?.g;
    for (const group of groupKeys) {
      const members = lines.filter((l) => l.group === group);
      const required =
        sumCents(members.map((l) => l.requiredTax ?? 0n)) + (group === largest ? orderLevelTax : 0n);
      const computed = sumCents(members.map(natural));
      if (computed === required) continue;
      // Put the difference on the discount line if there is one, else on the largest line of the group.
      const target =
        members.find((l) => l.accountCode === mapping.accounts.discounts && l.amount < 0n) ??
        [...members].sort((a, b) => (a.amount > b.amount ? -1 : 1))[0];
      if (!target) continue;
      target.explicitTax = natural(target) + (required - computed);
      adjustments.push(
        `Tax on “${target.description}” set to ${centsText(target.explicitTax)} (Xero's rounding gives ${centsText(natural(target))}) so the invoice tax equals the order's ${centsText(required)}.`,
      );
    }
  } else if (cents(order.taxTotal) !== 0n && !order.pricesIncludeTax) {
    lines.push({
      description: 'Sales tax',
      quantity: '1',
      unitAmount: order.taxTotal,
      accountCode: mapping.accounts.salesTaxLiability ?? mapping.accounts.rounding,
      taxType: mapping.tax.none,
      ratePercent: noneRate,
      amount: cents(order.taxTotal),
      tracking: tracked(undefined),
      group: 'sales-tax',
    });
  }

  const taxOfLine = (l: Line) => l.explicitTax ?? lineTaxCents(l.amount, l.ratePercent, types);
  const documentTotal = () =>
    sumCents(lines.map((l) => l.amount)) + (types === 'Exclusive' ? sumCents(lines.map(taxOfLine)) : 0n);
  const residual = cents(order.total) - documentTotal();
  if (residual !== 0n) {
    lines.push({
      description: 'Rounding',
      quantity: '1',
      unitAmount: centsText(residual),
      accountCode: mapping.accounts.rounding,
      taxType: mapping.tax.none,
      ratePercent: noneRate,
      amount: residual,
      explicitTax: 0n,
      tracking: [],
      group: 'rounding',
    });
    adjustments.push(`Rounding line of ${centsText(residual)} so the invoice total equals the order total.`);
  }

  const date = order.placedAt.slice(0, 10);
  const due = new Date(`${date}T00:00:00Z`);
  due.setUTCDate(due.getUTCDate() + mapping.invoice.dueInDays);
  const draftLines: DocumentLineDraft[] = lines.map((l) => ({
    description: l.description,
    quantity: l.quantity,
    unitAmount: l.unitAmount,
    accountCode: l.accountCode,
    taxType: l.taxType,
    tracking: l.tracking,
    ...(l.itemCode ? { itemCode: l.itemCode } : {}),
    ...(l.explicitTax !== undefined && types !== 'NoTax' ? { taxAmount: centsText(l.explicitTax) } : {}),
  }));
  return {
    ok: true,
    invoice: {
      draft: {
        number: fillTemplate(mapping.invoice.numberTemplate, order),
        reference: overrides?.reference ?? fillTemplate(mapping.invoice.referenceTemplate, order),
        date,
        dueDate: due.toISOString().slice(0, 10),
        currency: order.currency,
        lineAmountTypes: types,
        lines: draftLines,
      },
      adjustments,
      total: centsText(documentTotal()),
      missingItemCodes: [...new Set(missingItemCodes)],
      taxReasons,
    },
  };
}
