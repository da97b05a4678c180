import { classifyAttention } from '../attention/attention-reasons.ts';
import type { Db } from '../db/database.ts';

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

/**
 * Whether the merchant must look at the order: a problem we could not post past, or an invoice voided in
 * Xero by someone (that void carries its message; one we made for a cancellation clears it). The one
 * rule for every write-back, so a later write-back cannot undo an earlier one's flag.
 */
export function needsAttention(sync: { status: string; message: string | null }): boolean {
  return sync.status === 'needs-attention' || (sync.status === 'voided' && sync.message !== null);
}

/**
 * The reason code kept beside the status (undefined: leave it as it is, when the message is not given).
 * Only orders that need attention have one, so the console filters and retries by it.
 */
function reasonFor(status: OrderSyncStatus, message: string | null | undefined): string | null | undefined {
  if (message === undefined) return status === 'needs-attention' || status === 'voided' ? undefined : null;
  return needsAttention({ status, message }) ? classifyAttention(message).code : null;
}

export async function upsertOrderSync(
  db: Db,
  input: {
    workspaceId: string;
    connectionId: string;
    orderId: string;
    status: OrderSyncStatus;
    currency?: string;
    total?: string;
    customerName?: string;
    customerEmail?: string | null;
    invoiceId?: string | null;
    invoiceNumber?: string | null;
    amountPaid?: string | null;
    message?: string | null;
    /** Only for a new row: a later event must not set a settled order back to 'received'. */
    keepStatus?: boolean;
  },
): Promise<void> {
  const reason = reasonFor(input.status, input.message);
  const values = {
    ...(input.keepStatus ? {} : { status: input.status, ...(reason !== undefined ? { reason } : {}) }),
    updated_at: new Date(),
    ...(input.currency !== undefined ? { currency: input.currency } : {}),
    ...(input.total !== undefined ? { total: input.total } : {}),
    ...(input.customerName !== undefined ? { customer_name: input.customerName } : {}),
    ...(input.customerEmail !== undefined ? { customer_email: input.customerEmail } : {}),
    ...(input.invoiceId !== undefined ? { invoice_id: input.invoiceId } : {}),
    ...(input.invoiceNumber !== undefined ? { invoice_number: input.invoiceNumber } : {}),
    ...(input.amountPaid !== undefined ? { amount_paid: input.amountPaid } : {}),
    ...(input.message !== undefined ? { message: input.message } : {}),
  };
  await db
    .insertInto('order_syncs')
    .values({
      workspace_id: input.workspaceId,
      ordercloud_connection_id: input.connectionId,
      order_id: input.orderId,
      ...values,
      status: input.status,
      reason: reason ?? null,
    })
    .onConflict((oc) => oc.columns(['ordercloud_connection_id', 'order_id']).doUpdateSet(values))
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

/** Moves an order to `to` only from one of `from`: concurrent events never set a later state back. */
export async function advanceOrderSync(
  db: Db,
  input: {
    connectionId: string;
    orderId: string;
    from: readonly OrderSyncStatus[];
    to: OrderSyncStatus;
    message?: string | null;
  },
): Promise<void> {
  await db
    .updateTable('order_syncs')
    .set({
      status: input.to,
      updated_at: new Date(),
      ...(input.to !== 'needs-attention' ? { reason: null } : {}),
      ...(input.message !== undefined ? { message: input.message } : {}),
    })
    .where('ordercloud_connection_id', '=', input.connectionId)
    .where('order_id', '=', input.orderId)
    .where('status', 'in', [...input.from])
    .execute();
}
