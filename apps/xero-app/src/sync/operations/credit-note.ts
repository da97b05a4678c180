import type { CreditNoteDraft } from '@ledgerbridge/canonical';
import { type OperationModule, payloadOf } from './operation.ts';

/** A refund's (or a paid order's cancellation's) credit note, to the invoice's contact. */
export const creditNoteOperation: OperationModule<CreditNoteDraft> = {
  kind: 'credit-note',
  follows: true,
  draft(op, related) {
    const invoice = op.depends_on ? related.get(op.depends_on) : undefined;
    const contactId = (invoice?.result as { contactId?: string } | null | undefined)?.contactId;
    return { ...payloadOf('credit-note', op), contactId: contactId as string };
  },
  send: (target, { tenantId, drafts, idempotencyKey }) =>
    target.createCreditNotes({ tenantId, creditNotes: drafts, idempotencyKey }),
  settle: (_op, answer) => ({
    note: {
      step: 'refund',
      outcome: 'ok',
      message: `Credit note ${String(answer.number)} for ${String(answer.total)} created in Xero.`,
    },
  }),
};
