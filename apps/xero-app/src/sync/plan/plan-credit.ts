import { buildCreditNote } from '../../mapping/credit-note-builder.ts';
import type { MappingConfig } from '../../mapping/mapping-config.ts';
import { cents, centsText } from '../../mapping/xero-arithmetic.ts';
import { recordStep } from '../../timeline/timeline-repo.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../in-transaction.ts';
import { opKey } from '../operations/operation.ts';
import { ensureOperation, operationById, orderSettlements } from '../operations/operations-repo.ts';
import { orderKey, type SyncContext } from '../sync-context.ts';

export type CreditInput = {
  readonly invoiceOpId: string;
  /** The order return's ID, or `cancel-{orderID}`. */
  readonly creditId: string;
  readonly orderId: string;
  readonly amount: string;
  readonly date: string;
  readonly moneyReturned: boolean;
  readonly reason?: string;
  readonly refundAccount: string;
};

/**
 * How a credit is settled, decided once when its credit note is planned: what the invoice still owes
 * takes the credit first (an allocation); what is left is paid back (a refund payment) when the money
 * went back, or stays on the customer's account as credit.
 */
export function splitCredit(input: {
  creditCents: bigint;
  invoiceTotalCents: bigint;
  settledCents: bigint;
  moneyReturned: boolean;
}): { allocated: bigint; refunded: bigint } {
  const owed = input.invoiceTotalCents - input.settledCents;
  const due = owed > 0n ? owed : 0n;
  const allocated = input.creditCents < due ? input.creditCents : due;
  return { allocated, refunded: input.moneyReturned ? input.creditCents - allocated : 0n };
}

/** A credit note for a refund (or a paid order's cancellation), then its allocation or refund payment. */
export async function planCredit(
  deps: { db: Db },
  ctx: SyncContext,
  mapping: MappingConfig,
  input: CreditInput,
): Promise<void> {
  const { db } = deps;
  const invoiceOp = await operationById(db, input.invoiceOpId);
  const draft = buildCreditNote({
    refundId: input.creditId,
    orderId: input.orderId,
    amount: input.amount,
    date: input.date,
    invoice: invoiceOp.payload as Parameters<typeof buildCreditNote>[0]['invoice'],
    mapping,
    ...(input.reason ? { reason: input.reason } : {}),
  });
  const keyOf = (kind: 'credit-note' | 'allocation' | 'refund') =>
    opKey({ kind, tenantId: ctx.tenantId, connectionId: ctx.connectionId, creditId: input.creditId });
  // The credit note and what settles it are planned in one transaction: a crash between them would
  // leave a note whose allocation or refund is never planned (the note's key would say it exists).
  const created = await inTransaction(db, async (trx) => {
    const note = await ensureOperation(trx, {
      workspaceId: ctx.workspaceId,
      tenantId: ctx.tenantId,
      connectionId: ctx.connectionId,
      orderId: input.orderId,
      kind: 'credit-note',
      key: keyOf('credit-note'),
      payload: draft,
      dependsOn: input.invoiceOpId,
    });
    if (!note.created) return undefined;
    const others = await orderSettlements(trx, { connectionId: ctx.connectionId, orderId: input.orderId });
    const settledCents = others.reduce((acc, o) => {
      const p = o.payload as { amount: string; refund?: boolean };
      return p.refund ? acc : acc + cents(p.amount);
    }, 0n);
    const { allocated, refunded } = splitCredit({
      creditCents: draft.lines.reduce((acc, l) => acc + cents(l.unitAmount), 0n),
      invoiceTotalCents: cents((invoiceOp.payload as { total: string }).total),
      settledCents,
      moneyReturned: input.moneyReturned,
    });
    const common = {
      workspaceId: ctx.workspaceId,
      tenantId: ctx.tenantId,
      connectionId: ctx.connectionId,
      orderId: input.orderId,
      dependsOn: note.id,
    };
    if (allocated > 0n) {
      await ensureOperation(trx, {
        ...common,
        kind: 'allocation',
        key: keyOf('allocation'),
        payload: { invoiceOpId: input.invoiceOpId, amount: centsText(allocated), date: input.date },
      });
    }
    if (refunded > 0n) {
      await ensureOperation(trx, {
        ...common,
        kind: 'payment',
        key: keyOf('refund'),
        payload: {
          refund: true,
          amount: centsText(refunded),
          accountCode: input.refundAccount,
          date: input.date,
          reference: `Refund ${input.creditId} / ${input.orderId}`,
        },
      });
    }
    return { allocated, refunded };
  });
  if (!created) return;
  // Exactly what happens to the credit: taken off what the invoice still owes (an allocation), paid
  // back to the customer (a refund), or left on their account.
  const settles = [
    created.allocated > 0n ? `${centsText(created.allocated)} taken off what the invoice still owes` : '',
    created.refunded > 0n ? `${centsText(created.refunded)} paid back to the customer` : '',
  ].filter(Boolean);
  await recordStep(db, {
    workspaceId: ctx.workspaceId,
    orderKey: orderKey(ctx.connectionId, input.orderId),
    step: 'refund',
    outcome: 'pending',
    message: `Credit note ${draft.number} for ${input.amount} queued: ${settles.length > 0 ? settles.join(', ') : "left as credit on the customer's account"}.`,
  });
}
