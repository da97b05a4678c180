import type { Db } from '../../db/database.ts';
import { classifyAttention } from '../../attention/attention-reasons.ts';
import { needsAttention, type OrderChange } from './order-status.ts';

export type OrderSyncStatus =
  | 'received'
  | 'queued'
  | 'invoiced'
  | 'paid'
  | 'part-paid'
  | 'voided'
  | 'credited'
  | 'needs-attention'
  | 'canceled';

export type OrderRef = {
  readonly workspaceId: string;
  readonly connectionId: string;
  readonly orderId: string;
};

/** Applies one change of the order state machine (order-status.ts) to the order's row. */
/**
 * The reason code kept beside the status, so the console filters and retries by it: set from the
 * message of an order that needs attention, cleared when the order moves on, left alone otherwise.
 */
export function reasonOf(change: OrderChange): { reason?: string | null } {
  if (change.keepStatus) return {};
  const message = change.fields.message;
  if (message === undefined)
    return change.status === 'needs-attention' || change.status === 'voided' ? {} : { reason: null };
  return {
    reason: needsAttention({ status: change.status, message }) ? classifyAttention(message).code : null,
  };
}

export async function applyOrderChange(db: Db, order: OrderRef, change: OrderChange): Promise<void> {
  const f = change.fields;
  const fields = {
    ...reasonOf(change),
    ...(f.customerEmail !== undefined ? { customer_email: f.customerEmail } : {}),
    ...(f.currency !== undefined ? { currency: f.currency } : {}),
    ...(f.total !== undefined ? { total: f.total } : {}),
    ...(f.customerName !== undefined ? { customer_name: f.customerName } : {}),
    ...(f.invoiceId !== undefined ? { invoice_id: f.invoiceId } : {}),
    ...(f.invoiceNumber !== undefined ? { invoice_number: f.invoiceNumber } : {}),
    ...(f.amountPaid !== undefined ? { amount_paid: f.amountPaid } : {}),
    ...(f.message !== undefined ? { message: f.message } : {}),
  };
  if (change.from) {
    await db
      .updateTable('order_syncs')
      .set({ status: change.status, updated_at: new Date(), ...fields })
      .where('ordercloud_connection_id', '=', order.connectionId)
      .where('order_id', '=', order.orderId)
      .where('status', 'in', [...change.from])
      .execute();
    return;
  }
  const values = {
    ...(change.keepStatus ? {} : { status: change.status }),
    updated_at: new Date(),
    ...fields,
  };
  await db
    .insertInto('order_syncs')
    .values({
      workspace_id: order.workspaceId,
      ordercloud_connection_id: order.connectionId,
      order_id: order.orderId,
      ...values,
      status: change.status,
    })
    .onConflict((oc) => {
      const update = oc.columns(['ordercloud_connection_id', 'order_id']).doUpdateSet(values);
      return change.keepsXeroVoid
        ? update.where((eb) =>
            eb.or([eb('order_syncs.status', '!=', 'voided'), eb('order_syncs.message', 'is', null)]),
          )
        : update;
    })
    .execute();
}

export async function getOrderSync(db: Db, input: { connectionId: string; orderId: string }) {
  return db
    .selectFrom('order_syncs')
    .selectAll()
    .where('ordercloud_connection_id', '=', input.connectionId)
    .where('order_id', '=', input.orderId)
    .executeTakeFirst();
}

/** The order an invoice of ours belongs to (Xero's webhooks name invoices). */
export async function orderSyncByInvoice(db: Db, input: { workspaceId: string; invoiceId: string }) {
  return db
    .selectFrom('order_syncs')
    .select(['ordercloud_connection_id', 'order_id', 'status', 'amount_paid'])
    .where('workspace_id', '=', input.workspaceId)
    .where('invoice_id', '=', input.invoiceId)
    .executeTakeFirst();
}

/** The order's total as last received, for payments measured before its invoice payload is known. */
export async function orderTotal(db: Db, input: { connectionId: string; orderId: string }) {
  const row = await db
    .selectFrom('order_syncs')
    .select(['total'])
    .where('ordercloud_connection_id', '=', input.connectionId)
    .where('order_id', '=', input.orderId)
    .executeTakeFirst();
  return row?.total ?? undefined;
}
