import {
  allocate,
  type CreditNoteDraft,
  formatDecimal,
  multiplyDecimals,
  parseDecimal,
  rescale,
} from '@ledgerbridge/canonical';
import type { MappingConfig } from './mapping-config.ts';
import { cents, centsText } from './xero-arithmetic.ts';

type InvoiceShape = {
  readonly currency: string;
  readonly lineAmountTypes: 'Exclusive' | 'Inclusive' | 'NoTax';
  readonly lines: ReadonlyArray<{
    readonly accountCode: string;
    readonly taxType: string;
    readonly unitAmount: string;
    readonly quantity: string;
    readonly description: string;
  }>;
  readonly total: string;
  readonly conversion?: { readonly rate: string } | null;
};

/**
 * A refund as a credit note against the order's invoice, in the invoice's currency and at the rate the
 * invoice used (never today's): the refunded amount includes tax, so the note is tax-inclusive on the
 * invoice's main tax type, or — for US sales-tax invoices — split between sales and the tax liability
 * in the invoice's own proportion.
 */
export function buildCreditNote(input: {
  refundId: string;
  orderId: string;
  amount: string;
  date: string;
  reason?: string;
  invoice: InvoiceShape;
  mapping: MappingConfig;
}): Omit<CreditNoteDraft, 'contactId'> {
  const { invoice, mapping } = input;
  const amount = invoice.conversion?.rate
    ? formatDecimal(
        rescale(multiplyDecimals(parseDecimal(input.amount), parseDecimal(invoice.conversion.rate)), 2),
      )
    : input.amount;
  const description = `Refund ${input.refundId} for order ${input.orderId}${input.reason ? `: ${input.reason}` : ''}`;
  const base = {
    number: `CN-${input.refundId}`.slice(0, 255),
    reference: input.orderId,
    date: input.date,
    currency: invoice.currency,
    status: 'AUTHORISED' as const,
  };
  if (invoice.lineAmountTypes === 'NoTax') {
    const taxLine = invoice.lines.find((l) => l.description === 'Sales tax');
    const taxCents = taxLine ? cents(taxLine.unitAmount) : 0n;
    const totalCents = cents(invoice.total);
    const [net, tax] = allocate({ currency: 'XXX', minor: cents(amount) }, [
      totalCents - taxCents,
      taxCents,
    ]).map((m) => m.minor);
    const lines = [
      {
        description,
        quantity: '1',
        unitAmount: centsText(net ?? 0n),
        accountCode: mapping.accounts.sales,
        taxType: mapping.tax.none,
        tracking: [],
      },
    ];
    if (taxLine && tax) {
      lines.push({
        description: `Sales tax refunded (${input.refundId})`,
        quantity: '1',
        unitAmount: centsText(tax),
        accountCode: taxLine.accountCode,
        taxType: mapping.tax.none,
        tracking: [],
      });
    }
    return { ...base, lineAmountTypes: 'NoTax', lines };
  }
  // The tax type carrying most of the invoice's value.
  const weight = new Map<string, bigint>();
  for (const line of invoice.lines) {
    const value = cents(line.unitAmount) * (parseDecimal(line.quantity).units > 0n ? 1n : 0n);
    if (value > 0n) weight.set(line.taxType, (weight.get(line.taxType) ?? 0n) + value);
  }
  const main = [...weight].sort((a, b) => (a[1] > b[1] ? -1 : 1))[0]?.[0] ?? mapping.tax.exempt;
  return {
    ...base,
    lineAmountTypes: 'Inclusive',
    lines: [
      {
        description,
        quantity: '1',
        unitAmount: centsText(cents(amount)),
        accountCode: mapping.accounts.sales,
        taxType: main,
        tracking: [],
      },
    ],
  };
}
