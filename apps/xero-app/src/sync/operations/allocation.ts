import { ok } from '@ledgerbridge/canonical';
import { type OperationModule, payloadOf, wrote } from './operation.ts';

type AllocationDraft = {
  readonly creditNoteId: string;
  readonly invoiceId: string;
  readonly amount: string;
  readonly date: string;
};

/** A credit note applied to what the invoice still owes; Xero takes allocations one per call. */
export const allocationOperation: OperationModule<AllocationDraft> = {
  kind: 'allocation',
  single: true,
  related: (op) => [payloadOf('allocation', op).invoiceOpId],
  draft(op, related) {
    const payload = payloadOf('allocation', op);
    return {
      amount: payload.amount,
      date: payload.date,
      creditNoteId: (op.depends_on ? related.get(op.depends_on)?.target_id : undefined) as string,
      invoiceId: related.get(payload.invoiceOpId)?.target_id as string,
    };
  },
  async send(target, { tenantId, drafts, idempotencyKey }) {
    const draft = drafts[0];
    if (!draft) return ok([]);
    const result = await target.allocateCreditNote({ tenantId, ...draft, idempotencyKey });
    if (!result.ok) return result;
    // Xero answers an allocation without the invoice's new UpdatedDateUTC: the moment it answered stands
    // for it (our clock; the echo tolerance covers the skew).
    const value = {
      id: draft.creditNoteId,
      invoiceId: draft.invoiceId,
      allocated: draft.amount,
      updatedAt: new Date().toISOString(),
    };
    return ok([{ ok: true as const, value }]);
  },
  settle: (_op, answer) => ({
    ...wrote('INVOICE', answer.invoiceId, answer.updatedAt),
    orderEvent: { type: 'credited' },
    note: {
      step: 'refund',
      outcome: 'ok',
      // An allocation takes credit off what the invoice owes; money paid back is a refund, told apart.
      message: `Credit note of ${String(answer.allocated)} allocated against the invoice in Xero (taken off what it still owed; no money paid back).`,
    },
  }),
};
