import type { InvoiceDraft } from '@ledgerbridge/canonical';
import { SyncFailure } from '@ledgerbridge/canonical';
import { invoiceContact } from './carried-contact.ts';
import { type OperationModule, type Prepared, payloadOf, wrote, type XeroAnswer } from './operation.ts';

/**
 * The order's invoice, for the contact it depends on: by the contact's ID, or carrying a new customer's
 * contact whole (carried-contact.ts, decision 0111).
 */
export const invoiceOperation: OperationModule<InvoiceDraft> = {
  kind: 'invoice',
  draft(op, related) {
    const { total: _total, conversion: _conversion, ...draft } = payloadOf('invoice', op);
    const contactOp = op.depends_on ? related.get(op.depends_on) : undefined;
    const contact = invoiceContact(op.id, contactOp);
    if ('newContact' in contact) return { ...draft, contactId: '', newContact: contact.newContact };
    return { ...draft, contactId: contactOp?.target_id as string };
  },
  // An invoice of a customer whose contact another invoice is carrying waits for the contact's ID.
  waits: (op, related) =>
    'wait' in invoiceContact(op.id, op.depends_on ? related.get(op.depends_on) : undefined),
  send: (target, { tenantId, drafts, idempotencyKey }) =>
    target.createInvoices({ tenantId, invoices: drafts, idempotencyKey }),
  settle: (_op, answer) => ({
    ...wrote('INVOICE', answer.id, answer.updatedAt),
    orderEvent: {
      type: 'invoiced',
      invoiceId: String(answer.id),
      invoiceNumber: String(answer.number),
      amountPaid: String(answer.amountPaid ?? '0'),
    },
    note: {
      step: 'invoice',
      outcome: 'ok',
      message: `Invoice ${String(answer.number)} created in Xero (${String(answer.status)}), total ${String(answer.total)} ${String(answer.currency)}.`,
    },
  }),
  // Past the idempotency window: invoices Xero already has (by our number) are settled from it.
  async lookUp(context, items) {
    const numbers = items.map((i) => i.draft.number);
    const found = await context.accounting.findInvoices({ tenantId: context.tenantId, numbers });
    if (!found.ok) throw new SyncFailure(found.error);
    const hits: Array<{ item: Prepared<InvoiceDraft>; value: XeroAnswer }> = [];
    const remaining: Prepared<InvoiceDraft>[] = [];
    for (const item of items) {
      const existing = found.value.find((inv) => inv.number === item.draft.number);
      if (existing) hits.push({ item, value: existing as unknown as XeroAnswer });
      else remaining.push(item);
    }
    return { found: hits, recovered: [], remaining, calls: 1 };
  },
};
