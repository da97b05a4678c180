import { compareDecimals, parseDecimal } from '@ledgerbridge/canonical';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';

export type ShopperOrderStatus = 'Pending' | 'Invoiced' | 'PartiallyPaid' | 'Paid' | 'Voided' | 'Credited';

export type OrderStatusAnswer = {
  readonly status: ShopperOrderStatus;
  readonly invoiceNumber: string | null;
  readonly amountPaid: string | null;
  readonly currency?: string | null;
};

/**
 * What a shopper may see: a coarse status, the invoice number and the amount paid. Failures and
 * retries are the merchant's business, so they read as Pending.
 */
export function shopperStatus(row: {
  status: string;
  invoice_id: string | null;
  amount_paid: string | null;
  total: string | null;
}): ShopperOrderStatus {
  // The sync's vocabulary (order_syncs.status): received, queued, invoiced, paid, part-paid, voided,
  // credited, needs-attention, canceled.
  switch (row.status) {
    case 'paid':
      return 'Paid';
    case 'part-paid':
      return 'PartiallyPaid';
    case 'voided':
    case 'canceled':
      return 'Voided';
    case 'credited':
      return 'Credited';
  }
  // Decimal comparison, never floats: "1746.50" paid against "1746.5" total is paid.
  const paid = parseDecimal(row.amount_paid ?? '0');
  if (paid.units > 0n) {
    return row.total !== null && compareDecimals(paid, parseDecimal(row.total)) >= 0
      ? 'Paid'
      : 'PartiallyPaid';
  }
  return row.invoice_id ? 'Invoiced' : 'Pending';
}

export async function findOrderStatus(
  db: Kysely<DatabaseSchema>,
  input: { workspaceId: string; orderId: string },
): Promise<
  (OrderStatusAnswer & { invoiceId: string | null; message: string | null; updatedAt: Date }) | undefined
> {
  const row = await db
    .selectFrom('order_syncs')
    .select([
      'status',
      'invoice_id',
      'invoice_number',
      'amount_paid',
      'total',
      'currency',
      'message',
      'updated_at',
    ])
    .where('workspace_id', '=', input.workspaceId)
    .where('order_id', '=', input.orderId)
    .orderBy('updated_at', 'desc')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    status: shopperStatus(row),
    invoiceNumber: row.invoice_number,
    amountPaid: row.amount_paid,
    currency: row.currency,
    invoiceId: row.invoice_id,
    message: row.message,
    updatedAt: new Date(row.updated_at),
  };
}
