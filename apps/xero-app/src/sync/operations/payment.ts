import type { PaymentDraft } from '@ledgerbridge/canonical';
import { SyncFailure } from '@ledgerbridge/canonical';
import { cents, centsText } from '../../mapping/xero-arithmetic.ts';
import { type OperationModule, type Prepared, payloadOf, wrote, type XeroAnswer } from './operation.ts';

/** Money received against the invoice, or — a refund — paid back out of the credit note it depends on. */
export const paymentOperation: OperationModule<PaymentDraft> = {
  kind: 'payment',
  follows: true,
  draft(op, related) {
    const { refund, ...fields } = payloadOf('payment', op);
    const documentId = op.depends_on ? related.get(op.depends_on)?.target_id : undefined;
    return (
      refund ? { ...fields, creditNoteId: documentId } : { ...fields, invoiceId: documentId }
    ) as PaymentDraft;
  },
  send: (target, { tenantId, drafts, idempotencyKey }) =>
    target.createPayments({ tenantId, payments: drafts, idempotencyKey }),
  needsFacts: true,
  settle(op, answer, facts) {
    const payload = payloadOf('payment', op);
    if (payload.refund) {
      return {
        orderEvent: { type: 'credited' },
        note: {
          step: 'refund',
          outcome: 'ok',
          message: `Refund of ${payload.amount} paid out of account ${payload.accountCode}.`,
        },
      };
    }
    const paid = facts.paidCents ?? cents(payload.amount);
    return {
      ...wrote('INVOICE', answer.invoiceId, answer.updatedAt),
      orderEvent: {
        type: 'payment-recorded',
        amountPaid: centsText(paid),
        fully: paid >= cents(facts.invoiceTotal ?? '0'),
      },
      note: {
        step: 'payment',
        outcome: 'ok',
        message: `Payment of ${payload.amount} recorded in Xero into account ${payload.accountCode}.`,
      },
    };
  },
  // Past the idempotency window: a payment the invoice already lists (our reference, same amount) was ours.
  async lookUp(context, items) {
    const found: Array<{ item: Prepared<PaymentDraft>; value: XeroAnswer }> = [];
    const remaining: Prepared<PaymentDraft>[] = [];
    let calls = 0;
    for (const item of items) {
      const { invoiceId } = item.draft;
      if (!invoiceId) {
        // A refund out of a credit note: Xero's credit note lists no payments by reference to match on.
        remaining.push(item);
        continue;
      }
      const invoice = await context.accounting.getInvoice({ tenantId: context.tenantId, invoiceId });
      calls += 1;
      if (!invoice.ok) throw new SyncFailure(invoice.error);
      const existing = invoice.value.payments?.find(
        (p) => p.reference === item.draft.reference && cents(p.amount) === cents(item.draft.amount),
      );
      if (existing) found.push({ item, value: existing as unknown as XeroAnswer });
      else remaining.push(item);
    }
    return { found, recovered: [], remaining, calls };
  },
};
