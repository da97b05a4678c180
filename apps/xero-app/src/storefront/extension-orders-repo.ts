import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { DatabaseSchema } from '../db/schema.ts';

type Executor = Db | Transaction<DatabaseSchema>;

export type ExtensionOrderRow = {
  readonly order_id: string;
  readonly ordercloud_connection_id: string;
  readonly status: string;
  readonly invoice_id: string | null;
  readonly invoice_number: string | null;
  readonly amount_paid: string | null;
  readonly total: string | null;
  readonly currency: string | null;
  readonly customer_name: string | null;
  readonly message: string | null;
  readonly updated_at: Date | string;
};

/** A workspace's orders, newest change first; only those needing attention when asked. */
export async function recentOrderSyncs(
  db: Db,
  input: { workspaceId: string; limit: number; problemsOnly?: boolean },
): Promise<ExtensionOrderRow[]> {
  let query = db
    .selectFrom('order_syncs')
    .select([
      'order_id',
      'ordercloud_connection_id',
      'status',
      'invoice_id',
      'invoice_number',
      'amount_paid',
      'total',
      'currency',
      'customer_name',
      'message',
      'updated_at',
    ])
    .where('workspace_id', '=', input.workspaceId);
  if (input.problemsOnly) query = query.where('status', '=', 'needs-attention');
  return query.orderBy('updated_at', 'desc').limit(input.limit).execute();
}

/** Xero's refusal of each order's first failed step, by order ID. */
export async function failedOperationErrors(
  db: Db,
  workspaceId: string,
  orderIds: readonly string[],
): Promise<Map<string, string | null>> {
  if (orderIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('xero_operations')
    .select(['order_id', 'error'])
    .where('workspace_id', '=', workspaceId)
    .where('order_id', 'in', [...orderIds])
    .where('status', '=', 'failed')
    // A step retired by a retry (console, re-check) was planned afresh: its old refusal is no problem now.
    .where('op_key', 'not like', '%:retired:%')
    .execute();
  const found = new Map<string, string | null>();
  for (const r of rows) if (r.order_id && !found.has(r.order_id)) found.set(r.order_id, r.error);
  return found;
}

/** The order's latest sync row in the workspace: its OrderCloud connection and status. */
export async function findOrderSync(
  db: Db,
  input: { workspaceId: string; orderId: string },
): Promise<{ connectionId: string; status: string } | undefined> {
  const row = await db
    .selectFrom('order_syncs')
    .select(['ordercloud_connection_id', 'status'])
    .where('workspace_id', '=', input.workspaceId)
    .where('order_id', '=', input.orderId)
    .orderBy('updated_at', 'desc')
    .executeTakeFirst();
  return row ? { connectionId: row.ordercloud_connection_id, status: row.status } : undefined;
}

/** The order's failed, not retired Xero steps, with the step each waits on. */
export async function failedOrderOperations(
  trx: Executor,
  input: { workspaceId: string; connectionId: string; orderId: string },
): Promise<{ id: string; depends_on: string | null }[]> {
  return (
    trx
      .selectFrom('xero_operations')
      .select(['id', 'depends_on'])
      .where('workspace_id', '=', input.workspaceId)
      .where('source_connection_id', '=', input.connectionId)
      .where('order_id', '=', input.orderId)
      .where('status', '=', 'failed')
      // Never a retired step: the retry that retired it planned it afresh, and sending both would post
      // the document twice.
      .where('op_key', 'not like', '%:retired:%')
      .execute()
  );
}

/** Failed steps go back to `status` (ready, or waiting behind a step retried with them), unbatched. */
export async function reopenOperations(
  trx: Executor,
  ids: readonly string[],
  status: 'ready' | 'waiting',
): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('xero_operations')
    .set({ status, error: null, batch_id: null, updated_at: new Date() })
    .where('id', 'in', [...ids])
    .execute();
}

/** An order needing attention is queued again, with the reason in its message. */
export async function requeueAttentionOrder(
  trx: Executor,
  input: { workspaceId: string; connectionId: string; orderId: string; message: string },
): Promise<void> {
  await trx
    .updateTable('order_syncs')
    .set({ status: 'queued', message: input.message, updated_at: new Date() })
    .where('workspace_id', '=', input.workspaceId)
    .where('ordercloud_connection_id', '=', input.connectionId)
    .where('order_id', '=', input.orderId)
    .where('status', '=', 'needs-attention')
    .execute();
}

export type SyncHealthFacts = {
  readonly recent: readonly { status: string; invoice_id: string | null }[];
  readonly lastUpdatedAt: Date | string | null;
  readonly troubledOrderIds: ReadonlySet<string>;
};

/** Orders created since `since`, the last change of any order, and the orders with a problem now. */
export async function syncHealthFacts(
  db: Db,
  input: { workspaceId: string; since: Date },
): Promise<SyncHealthFacts> {
  const recent = await db
    .selectFrom('order_syncs')
    .select(['status', 'invoice_id'])
    .where('workspace_id', '=', input.workspaceId)
    .where('created_at', '>', input.since)
    .execute();
  const last = await db
    .selectFrom('order_syncs')
    .select((eb) => eb.fn.max('updated_at').as('last'))
    .where('workspace_id', '=', input.workspaceId)
    .executeTakeFirst();
  const failedOps = await db
    .selectFrom('xero_operations')
    .select('order_id')
    .distinct()
    .where('workspace_id', '=', input.workspaceId)
    .where('status', '=', 'failed')
    .where('op_key', 'not like', '%:retired:%')
    .where('order_id', 'is not', null)
    .execute();
  const attention = await db
    .selectFrom('order_syncs')
    .select('order_id')
    .where('workspace_id', '=', input.workspaceId)
    .where('status', '=', 'needs-attention')
    .execute();
  const troubled = new Set<string>();
  for (const r of [...failedOps, ...attention]) if (r.order_id) troubled.add(r.order_id);
  return {
    recent,
    lastUpdatedAt: (last?.last as Date | string | null | undefined) ?? null,
    troubledOrderIds: troubled,
  };
}
