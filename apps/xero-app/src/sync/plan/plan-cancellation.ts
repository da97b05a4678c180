import type { Order } from '@ledgerbridge/canonical';
import type { Db } from '../../db/database.ts';
import { loadMapping } from '../../mapping/mapping-repo.ts';
import { recordStep } from '../../timeline/timeline-repo.ts';
import { opKey } from '../operations/operation.ts';
import {
  abandonUnsent,
  ensureOperation,
  invoiceHasPayment,
  operationStatus,
} from '../operations/operations-repo.ts';
import { getOrderSync } from '../order-status/order-syncs-repo.ts';
import { recordOrderEvent } from '../order-status/record-order-event.ts';
import { orderKey, type SyncContext } from '../sync-context.ts';
import { planCredit } from './plan-credit.ts';

/**
 * A canceled (or declined) order: nothing posted when its invoice was never sent; a void when it was
 * sent and unpaid; a full credit note with the money paid back when it was paid (Xero cannot void that).
 */
export async function planCancellation(
  deps: { db: Db; requestFlush: (tenantId: string) => Promise<void> },
  ctx: SyncContext,
  order: Order,
  invoiceOpId: string | undefined,
): Promise<void> {
  const { db } = deps;
  const orderId = order.id;
  const ref = { workspaceId: ctx.workspaceId, connectionId: ctx.connectionId, orderId };
  const step = (outcome: 'info' | 'pending', message: string) =>
    recordStep(db, {
      workspaceId: ctx.workspaceId,
      orderKey: orderKey(ctx.connectionId, orderId),
      step: 'cancel',
      outcome,
      message,
    });
  // Every later event of a canceled order comes here again: the cancellation is told once.
  const already =
    (await getOrderSync(db, { connectionId: ctx.connectionId, orderId }))?.status === 'canceled';
  if (!invoiceOpId) {
    if (already) return;
    await recordOrderEvent({ db }, ref, { type: 'canceled', message: 'Canceled before it was invoiced.' });
    await step('info', 'Order canceled before it reached Xero; nothing to post.');
    return;
  }
  const status = await operationStatus(db, invoiceOpId);
  if (status === 'failed' && already) return;
  if (status === 'waiting' || status === 'ready') {
    await abandonUnsent(db, { id: invoiceOpId, error: 'order canceled before posting' });
    await recordOrderEvent({ db }, ref, { type: 'canceled', message: 'Canceled before it was invoiced.' });
    await step('info', 'Order canceled before its invoice was sent; nothing was posted.');
    return;
  }
  if ((await invoiceHasPayment(db, invoiceOpId)) && ctx.mappingVersionId) {
    // Xero cannot void a paid invoice: credit it in full and pay the money back.
    const mapping = await loadMapping(db, ctx.mappingVersionId);
    await planCredit({ db }, ctx, mapping, {
      invoiceOpId,
      creditId: `cancel-${orderId}`,
      orderId,
      amount: order.total,
      date: new Date().toISOString().slice(0, 10),
      moneyReturned: true,
      reason: 'order canceled',
      refundAccount: mapping.payments.defaultAccount,
    });
    await deps.requestFlush(ctx.tenantId);
    return;
  }
  await abandonUnsent(db, {
    dependsOn: invoiceOpId,
    kind: 'payment',
    error: 'order canceled before the payment was posted',
  });
  const voiding = await ensureOperation(db, {
    workspaceId: ctx.workspaceId,
    tenantId: ctx.tenantId,
    connectionId: ctx.connectionId,
    orderId,
    kind: 'void',
    key: opKey({ kind: 'void', tenantId: ctx.tenantId, connectionId: ctx.connectionId, orderId }),
    payload: {},
    dependsOn: invoiceOpId,
  });
  if (voiding.created) await step('pending', 'Order canceled: voiding its invoice in Xero.');
  await deps.requestFlush(ctx.tenantId);
}
