import { type OperationModule, payloadOf, wrote } from './operation.ts';

type VoidDraft = { readonly invoiceId: string };

/** A canceled order's unpaid invoice, voided (Xero updates invoices 50 a call). */
export const voidOperation: OperationModule<VoidDraft> = {
  kind: 'void',
  follows: true,
  draft(op, related) {
    payloadOf('void', op);
    return { invoiceId: (op.depends_on ? related.get(op.depends_on)?.target_id : undefined) as string };
  },
  send: (target, { tenantId, drafts, idempotencyKey }) =>
    target.voidInvoices({ tenantId, invoiceIds: drafts.map((d) => d.invoiceId), idempotencyKey }),
  settle: (_op, answer) => ({
    ...wrote('INVOICE', answer.id, answer.updatedAt),
    orderEvent: { type: 'voided' },
    note: { step: 'void', outcome: 'ok', message: 'Invoice voided in Xero.' },
  }),
};
