/**
 * The three-way comparison of a date range: orders as OrderCloud has them, invoices as Xero has them,
 * and what Ledgerbridge recorded between the two. Each finding says what is off, and how it heals:
 * `resync` runs the order through the sync again (a lost webhook, a payment Xero never got),
 * `apply-xero` brings Xero's state back to OrderCloud (a lost Xero webhook: paid or voided in Xero),
 * `null` when only a person can decide (the finding explains why).
 */
export type OcOrderFacts = {
  readonly id: string;
  readonly status: string;
  readonly total: string;
  readonly currency: string;
  /** Captured payments, in the order's currency. */
  readonly paid: string;
};

export type XeroInvoiceFacts = {
  readonly id: string;
  readonly number: string;
  readonly reference: string;
  readonly status: string;
  readonly total: string;
  readonly amountPaid: string;
};

export type OurRecord = {
  readonly orderId: string;
  readonly status: string;
  readonly invoiceId: string | null;
  readonly amountPaid: string | null;
};

export type FindingKind =
  | 'missing-invoice'
  | 'voided-in-xero'
  | 'amount-drift'
  | 'paid-only-in-xero'
  | 'paid-only-in-ordercloud'
  | 'duplicate-invoice'
  | 'invoice-without-order';

export type Finding = {
  readonly kind: FindingKind;
  readonly orderId: string;
  readonly invoiceId: string | null;
  readonly invoiceNumber: string | null;
  readonly detail: string;
  readonly heal: 'resync' | 'apply-xero' | null;
};

const cents = (amount: string | null | undefined): bigint => {
  const text = (amount ?? '0').trim() || '0';
  const negative = text.startsWith('-');
  const [whole = '0', frac = ''] = text.replace(/^-/, '').split('.');
  const value = BigInt(whole || '0') * 100n + BigInt(`${frac}00`.slice(0, 2));
  return negative ? -value : value;
};
const live = (status: string) => !/^(VOIDED|DELETED)$/i.test(status);
const canceled = (status: string) => /^(canceled|cancelled|declined)$/i.test(status);

export function compareThreeWay(input: {
  orders: readonly OcOrderFacts[];
  invoices: readonly XeroInvoiceFacts[];
  ours: readonly OurRecord[];
}): Finding[] {
  const findings: Finding[] = [];
  const byRef = new Map<string, XeroInvoiceFacts[]>();
  for (const invoice of input.invoices)
    byRef.set(invoice.reference, [...(byRef.get(invoice.reference) ?? []), invoice]);
  const ours = new Map(input.ours.map((r) => [r.orderId, r]));
  const orderIds = new Set(input.orders.map((o) => o.id));

  for (const order of input.orders) {
    const invoices = byRef.get(order.id) ?? [];
    const current = invoices.filter((i) => live(i.status));
    const record = ours.get(order.id);
    if (current.length > 1) {
      findings.push({
        kind: 'duplicate-invoice',
        orderId: order.id,
        invoiceId: current[1]?.id ?? null,
        invoiceNumber: current.map((i) => i.number).join(', '),
        detail: `${current.length} invoices in Xero carry this order (${current.map((i) => i.number).join(', ')}); void the extra one in Xero.`,
        heal: null,
      });
    }
    if (canceled(order.status)) continue;
    const invoice = current[0];
    if (!invoice) {
      const voided = invoices.find((i) => !live(i.status));
      if (voided) {
        const known = record?.status === 'voided';
        findings.push({
          kind: 'voided-in-xero',
          orderId: order.id,
          invoiceId: voided.id,
          invoiceNumber: voided.number,
          detail: known
            ? `Invoice ${voided.number} was voided in Xero while the order stands in OrderCloud; raise a new invoice or cancel the order.`
            : `Invoice ${voided.number} was voided in Xero and Ledgerbridge was not told (a lost Xero webhook); healing records the void and flags the order.`,
          heal: known ? null : 'apply-xero',
        });
        continue;
      }
      findings.push({
        kind: 'missing-invoice',
        orderId: order.id,
        invoiceId: null,
        invoiceNumber: null,
        detail: record
          ? `No invoice in Xero; Ledgerbridge has the order as ${record.status}.`
          : 'No invoice in Xero and Ledgerbridge never heard of the order (a lost webhook); healing syncs it now.',
        heal: record?.status === 'needs-attention' ? null : 'resync',
      });
      continue;
    }
    if (cents(invoice.total) !== cents(order.total)) {
      findings.push({
        kind: 'amount-drift',
        orderId: order.id,
        invoiceId: invoice.id,
        invoiceNumber: invoice.number,
        detail: `Invoice ${invoice.number} totals ${invoice.total} in Xero, the order ${order.total} ${order.currency} in OrderCloud; someone changed one of them by hand.`,
        heal: null,
      });
    }
    const xeroPaid = cents(invoice.amountPaid);
    const ocPaid = cents(order.paid);
    const recorded = cents(record?.amountPaid);
    if (xeroPaid > ocPaid && xeroPaid > recorded) {
      findings.push({
        kind: 'paid-only-in-xero',
        orderId: order.id,
        invoiceId: invoice.id,
        invoiceNumber: invoice.number,
        detail: `Xero has ${invoice.amountPaid} paid on ${invoice.number}; OrderCloud and Ledgerbridge do not know (a lost Xero webhook); healing writes it back to the order.`,
        heal: 'apply-xero',
      });
    } else if (ocPaid > xeroPaid) {
      findings.push({
        kind: 'paid-only-in-ordercloud',
        orderId: order.id,
        invoiceId: invoice.id,
        invoiceNumber: invoice.number,
        detail: `OrderCloud captured ${order.paid} but Xero has ${invoice.amountPaid} paid on ${invoice.number}; healing posts the missing payment.`,
        heal: 'resync',
      });
    }
  }
  for (const [reference, invoices] of byRef) {
    if (orderIds.has(reference) || !ours.has(reference)) continue;
    for (const invoice of invoices.filter((i) => live(i.status)))
      findings.push({
        kind: 'invoice-without-order',
        orderId: reference,
        invoiceId: invoice.id,
        invoiceNumber: invoice.number,
        detail: `Invoice ${invoice.number} is in Xero but its order is not among OrderCloud's submitted orders of the range.`,
        heal: null,
      });
  }
  return findings;
}

const csvCell = (value: string | null) => {
  const text = value ?? '';
  // Quoted always; a leading = + - @ is defused so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
};

export function findingsCsv(findings: readonly Finding[]): string {
  const head = ['kind', 'order', 'invoice number', 'invoice id', 'detail', 'heal'];
  const rows = findings.map((f) =>
    [f.kind, f.orderId, f.invoiceNumber, f.invoiceId, f.detail, f.heal ?? 'explain'].map(csvCell).join(','),
  );
  return `${[head.map(csvCell).join(','), ...rows].join('\r\n')}\r\n`;
}
