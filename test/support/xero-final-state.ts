import type { OrgDocuments, XeroSandbox } from '@ledgerbridge/xero-sandbox';

/** An order as placed through OrderCloud, by its position in the generated plan (stable across runs). */
export type ScenarioOrder = { readonly index: number; readonly orderId: string; readonly status: string };

export type InvoiceFacts = {
  readonly total: string;
  readonly totalTax: string;
  readonly status: string;
  readonly amountPaid: string;
  readonly amountCredited: string;
  readonly contact: string;
};

export type CreditNoteFacts = { readonly total: string; readonly status: string; readonly refunds: string[] };

/**
 * What Xero holds for one order, in terms that do not depend on IDs a run makes up. A canceled order is
 * reduced to whether it ended up settled (no invoice, a voided one, or one credited in full): whether its
 * invoice was sent before the cancellation arrived is a race even without faults.
 */
export type OrderFacts =
  | {
      readonly index: number;
      readonly canceled: false;
      readonly invoices: InvoiceFacts[];
      readonly payments: string[];
      readonly creditNotes: CreditNoteFacts[];
    }
  | { readonly index: number; readonly canceled: true; readonly settled: boolean };

export type FinalState = {
  readonly orders: OrderFacts[];
  /** Contact numbers behind the live invoices (order IDs replaced by plan positions). */
  readonly invoicedContacts: string[];
};

export type FinalStateReading = {
  readonly state: FinalState;
  /** Broken invariants that need no baseline: duplicates, strays, missing invoices. */
  readonly problems: string[];
  readonly counts: { invoices: number; contacts: number; payments: number; creditNotes: number };
};

type Doc = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const money = (value: unknown): string => (typeof value === 'number' ? value.toFixed(2) : String(value));
const nested = (value: unknown): Doc => (value && typeof value === 'object' ? (value as Doc) : {});
const live = (status: string) => !['VOIDED', 'DELETED'].includes(status);

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const value of values) (seen.has(value) ? twice : seen).add(value);
  return [...twice];
}

/** Reads the tenant's documents from the sandbox and reduces them to the orders' final state. */
export async function readFinalState(
  xero: XeroSandbox,
  tenantId: string,
  orders: readonly ScenarioOrder[],
): Promise<FinalStateReading> {
  return summarize(await xero.admin.documents(tenantId), orders);
}

export function summarize(docs: OrgDocuments, orders: readonly ScenarioOrder[]): FinalStateReading {
  const problems: string[] = [];
  const byOrderId = new Map(orders.map((o) => [o.orderId, o]));
  const normalize = (value: string) => {
    let out = value;
    for (const order of orders) out = out.replaceAll(order.orderId, `#${order.index}`);
    return out;
  };
  const contactsById = new Map(docs.contacts.map((c) => [text(c.ContactID), c]));
  const contactOf = (doc: Doc) => {
    const summary = nested(doc.Contact);
    const contact = contactsById.get(text(summary.ContactID)) ?? summary;
    return normalize(text(contact.ContactNumber) || `name:${text(contact.Name)}`);
  };

  const ours = docs.invoices.filter(
    (i) => byOrderId.has(text(i.Reference)) || text(i.InvoiceNumber).startsWith('OC-'),
  );
  for (const number of duplicates(ours.map((i) => text(i.InvoiceNumber))))
    problems.push(`invoice number ${normalize(number)} is used by more than one invoice`);
  for (const stray of ours.filter((i) => !byOrderId.has(text(i.Reference))))
    problems.push(`invoice ${normalize(text(stray.InvoiceNumber))} belongs to no placed order`);
  const numbered = docs.contacts.map((c) => text(c.ContactNumber)).filter((n) => n !== '');
  for (const number of duplicates(numbered))
    problems.push(`contact number ${normalize(number)} is on more than one contact`);
  const activeNames = docs.contacts
    .filter((c) => text(c.ContactStatus) !== 'ARCHIVED')
    .map((c) => text(c.Name).toLowerCase());
  for (const name of duplicates(activeNames))
    problems.push(`contact name "${name}" is on more than one active contact`);

  const invoicedContacts = new Set<string>();
  const facts: OrderFacts[] = [];
  for (const order of [...orders].sort((a, b) => a.index - b.index)) {
    const invoices = ours.filter((i) => text(i.Reference) === order.orderId);
    const invoiceIds = new Set(invoices.map((i) => text(i.InvoiceID)));
    const payments = docs.payments.filter(
      (p) => invoiceIds.has(text(nested(p.Invoice).InvoiceID)) && text(p.Status) !== 'DELETED',
    );
    const notes = docs.creditNotes.filter((n) => text(n.Reference) === order.orderId);
    if (order.status === 'Canceled') {
      if (invoices.length > 1)
        problems.push(`canceled order #${order.index} has ${invoices.length} invoices`);
      const credited = notes.filter((n) => live(text(n.Status))).reduce((sum, n) => sum + Number(n.Total), 0);
      const settled = invoices.every((i) => !live(text(i.Status)) || credited.toFixed(2) === money(i.Total));
      if (!settled) problems.push(`canceled order #${order.index} still has a live invoice in Xero`);
      facts.push({ index: order.index, canceled: true, settled });
      continue;
    }
    if (invoices.length !== 1)
      problems.push(
        `order #${order.index} (${order.status}) has ${invoices.length} invoices in Xero, expected exactly 1`,
      );
    for (const invoice of invoices) if (live(text(invoice.Status))) invoicedContacts.add(contactOf(invoice));
    facts.push({
      index: order.index,
      canceled: false,
      invoices: invoices.map((i) => ({
        total: money(i.Total),
        totalTax: money(i.TotalTax),
        status: text(i.Status),
        amountPaid: money(i.AmountPaid),
        amountCredited: money(i.AmountCredited),
        contact: contactOf(i),
      })),
      payments: payments.map((p) => money(p.Amount)).sort(),
      creditNotes: notes
        .map((n) => ({
          total: money(n.Total),
          status: text(n.Status),
          refunds: docs.payments
            .filter(
              (p) =>
                text(nested(p.CreditNote).CreditNoteID) === text(n.CreditNoteID) &&
                text(p.Status) !== 'DELETED',
            )
            .map((p) => money(p.Amount))
            .sort(),
        }))
        .sort((a, b) => a.total.localeCompare(b.total)),
    });
  }
  return {
    state: { orders: facts, invoicedContacts: [...invoicedContacts].sort() },
    problems,
    counts: {
      invoices: ours.length,
      contacts: numbered.length,
      payments: docs.payments.length,
      creditNotes: docs.creditNotes.length,
    },
  };
}
