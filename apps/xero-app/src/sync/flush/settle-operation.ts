import type { SyncError } from '@ledgerbridge/canonical';
import type { Db } from '../../db/database.ts';
import { recordStep } from '../../timeline/timeline-repo.ts';
import { cents } from '../../mapping/xero-arithmetic.ts';
import { rememberContacts } from '../contact-index.ts';
import { operationModule } from '../operations/operation-modules.ts';
import {
  orderLinkSource,
  orderOf,
  type SettleFacts,
  type Settlement,
  targetOf,
  type XeroAnswer,
} from '../operations/operation.ts';
import {
  markDone,
  markFailed,
  type OperationRow,
  operationById,
  orderSettlements,
  recordLink,
  reopenCarried,
} from '../operations/operations-repo.ts';
import { orderTotal } from '../order-status/order-syncs-repo.ts';
import { recordOrderEvent, type WriteBackRequest } from '../order-status/record-order-event.ts';
import { orderKey } from '../sync-context.ts';
import { recordOwnWrite } from '../../xero-webhooks/own-writes.ts';
import { settleCarriedContact } from './settle-carried.ts';

export type SettleDeps = {
  readonly db: Db;
  readonly requestWriteBack: (input: WriteBackRequest) => Promise<void>;
};

/** Xero made the document: the operation is done, linked, and its order moved as its kind says. */
export async function settleSuccess(deps: SettleDeps, op: OperationRow, answer: XeroAnswer): Promise<void> {
  const module = operationModule(op.kind);
  const target = targetOf(answer);
  // Remembered before the operation is done: Xero's webhook for this write may already be on its way.
  const written = module.settle(op, answer, {}).wrote;
  if (written) await recordOwnWrite(deps.db, { workspaceId: op.workspace_id, ...written });
  await markDone(deps.db, { id: op.id, targetId: target.id, targetNumber: target.number, result: answer });
  const source = module.linkSource?.(op) ?? orderLinkSource(op);
  await recordLink(deps.db, { op, ...source, targetId: target.id, targetNumber: target.number });
  const facts = module.needsFacts ? await paymentFacts(deps.db, op) : {};
  await applySettlement(deps, op, module.settle(op, answer, facts));
  // A new customer's contact that travelled inside this invoice (decision 0111).
  await settleCarriedContact(deps, op, answer);
}

/** Settled without sending (a contact Xero already has, or found after a crash): done, with its effects. */
export async function settleWithout(
  deps: SettleDeps,
  input: { op: OperationRow; targetId: string; result: unknown; settlement?: Settlement },
): Promise<void> {
  await markDone(deps.db, { id: input.op.id, targetId: input.targetId, result: input.result });
  if (input.settlement) await applySettlement(deps, input.op, input.settlement);
}

export async function applySettlement(
  deps: SettleDeps,
  op: OperationRow,
  settlement: Settlement,
): Promise<void> {
  if (settlement.rememberContact) await rememberContacts(deps.db, op.tenant_id, [settlement.rememberContact]);
  if (settlement.orderEvent && op.order_id)
    await recordOrderEvent(deps, { workspaceId: op.workspace_id, ...orderOf(op) }, settlement.orderEvent);
  if (settlement.note) await noteOrder(deps.db, op, settlement.note);
}

/** Xero refused the document: it and what waits on it fail, and the merchant is told on the order. */
export async function settleFailure(deps: SettleDeps, op: OperationRow, error: SyncError): Promise<void> {
  await markFailed(deps.db, { id: op.id, error: error.message });
  // A contact this invoice carried goes on its own (for the customer's other orders); Xero saves an
  // invoice's new contact only with the invoice.
  if (op.depends_on) await reopenCarried(deps.db, { id: op.depends_on, carrierId: op.id });
  const message = `Xero refused the ${op.kind}: ${error.message}`;
  if (op.order_id)
    await recordOrderEvent(
      deps,
      { workspaceId: op.workspace_id, ...orderOf(op) },
      { type: 'needs-attention', message },
    );
  await noteOrder(deps.db, op, { step: op.kind, outcome: 'error', message });
}

/** What the order has been paid so far (this payment included), against its invoice's total. */
async function paymentFacts(db: Db, op: OperationRow): Promise<SettleFacts> {
  const { connectionId, orderId } = orderOf(op);
  const paid = await orderSettlements(db, { connectionId, orderId, statuses: 'done' });
  const paidCents = paid.reduce((acc, row) => {
    const payload = row.payload as { amount: string; refund?: boolean };
    return payload.refund ? acc : acc + cents(payload.amount);
  }, 0n);
  const invoice = op.depends_on ? await operationById(db, op.depends_on).catch(() => undefined) : undefined;
  const invoiceTotal =
    (invoice?.payload as { total?: string } | undefined)?.total ??
    (await orderTotal(db, { connectionId, orderId })) ??
    '0';
  return { paidCents, invoiceTotal };
}

async function noteOrder(
  db: Db,
  op: OperationRow,
  note: { step: string; outcome: 'ok' | 'info' | 'error'; message: string },
): Promise<void> {
  if (!op.order_id) return;
  await recordStep(db, {
    workspaceId: op.workspace_id,
    orderKey: orderKey(op.source_connection_id, op.order_id),
    ...note,
  });
}
