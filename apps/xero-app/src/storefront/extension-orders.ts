import { randomUUID } from 'node:crypto';
import type { SyncEvent } from '@ledgerbridge/canonical';
import { markReferenceStale } from '../attention/attention-repo.ts';
import type { Db } from '../db/database.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { queueNames } from '../queue/queue-names.ts';
import { findSyncContext } from '../sync/sync-context.ts';
import { type ShopperOrderStatus, shopperStatus } from './order-status.ts';

export type ExtensionOrder = {
  readonly orderId: string;
  readonly status: ShopperOrderStatus;
  readonly syncStatus: string;
  readonly invoiceNumber: string | null;
  readonly invoiceId: string | null;
  readonly amountPaid: string | null;
  readonly total: string | null;
  readonly currency: string | null;
  readonly customerName: string | null;
  /** The sync problem in plain words, or null when there is none. */
  readonly problem: string | null;
  readonly retryable: boolean;
  readonly updatedAt: string;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Recent orders of one workspace (newest first) with their Xero invoice, payment and sync problems. */
export async function listExtensionOrders(
  db: Db,
  input: { workspaceId: string; limit: number; problemsOnly?: boolean },
): Promise<ExtensionOrder[]> {
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
  const rows = await query.orderBy('updated_at', 'desc').limit(input.limit).execute();
  const failed = await failedOperations(
    db,
    input.workspaceId,
    rows.map((r) => r.order_id),
  );
  return rows.map((r) => {
    const opError = failed.get(r.order_id);
    const problem = r.status === 'needs-attention' ? (r.message ?? 'Needs attention.') : (opError ?? null);
    return {
      orderId: r.order_id,
      status: shopperStatus(r),
      syncStatus: r.status,
      invoiceNumber: r.invoice_number,
      invoiceId: r.invoice_id,
      amountPaid: r.amount_paid,
      total: r.total,
      currency: r.currency,
      customerName: r.customer_name,
      problem,
      retryable: problem !== null,
      updatedAt: new Date(r.updated_at).toISOString(),
    };
  });
}

async function failedOperations(
  db: Db,
  workspaceId: string,
  orderIds: string[],
): Promise<Map<string, string>> {
  if (orderIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('xero_operations')
    .select(['order_id', 'error'])
    .where('workspace_id', '=', workspaceId)
    .where('order_id', 'in', orderIds)
    .where('status', '=', 'failed')
    // A step retired by a retry (console, re-check) was planned afresh: its old refusal is no problem now.
    .where('op_key', 'not like', '%:retired:%')
    .execute();
  const found = new Map<string, string>();
  for (const r of rows)
    if (r.order_id && !found.has(r.order_id))
      found.set(r.order_id, `Xero refused it: ${r.error ?? 'no reason given'}`);
  return found;
}

export type RetryOutcome = 'queued' | 'not-found' | 'nothing-to-retry';

/**
 * The storefront admin's retry: failed Xero steps of the order go back to ready (or waiting behind the
 * step they need), and a sync job re-reads the order and plans what is missing — one transaction, so a
 * retry is never half-applied. Scoped to the key's workspace.
 */
export async function retryExtensionOrder(
  deps: { db: Db; queue: Pick<JobQueue, 'enqueue' | 'wake'>; now?: () => Date },
  input: { workspaceId: string; orderId: string },
): Promise<RetryOutcome> {
  const row = await deps.db
    .selectFrom('order_syncs')
    .select(['ordercloud_connection_id', 'status'])
    .where('workspace_id', '=', input.workspaceId)
    .where('order_id', '=', input.orderId)
    .orderBy('updated_at', 'desc')
    .executeTakeFirst();
  if (!row) return 'not-found';
  const connectionId = row.ordercloud_connection_id;
  const ctx = await findSyncContext(deps.db, connectionId);
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const failed = await trx
      .selectFrom('xero_operations')
      .select(['id', 'depends_on'])
      .where('workspace_id', '=', input.workspaceId)
      .where('source_connection_id', '=', connectionId)
      .where('order_id', '=', input.orderId)
      .where('status', '=', 'failed')
      // Never a retired step: the retry that retired it planned it afresh, and sending both would post
      // the document twice.
      .where('op_key', 'not like', '%:retired:%')
      .execute();
    if (failed.length === 0 && row.status !== 'needs-attention') return 'nothing-to-retry' as const;
    // The merchant retries after changing something in Xero (a lock date, a currency): read the org
    // again rather than refuse the order on the cached settings that blocked it.
    if (ctx) await markReferenceStale(trx, [ctx.tenantId]);
    if (failed.length > 0) {
      const retried = new Set(failed.map((f) => f.id));
      const first = failed.filter((f) => !f.depends_on || !retried.has(f.depends_on)).map((f) => f.id);
      const behind = failed.filter((f) => f.depends_on && retried.has(f.depends_on)).map((f) => f.id);
      if (first.length > 0)
        await trx
          .updateTable('xero_operations')
          .set({ status: 'ready', error: null, batch_id: null, updated_at: new Date() })
          .where('id', 'in', first)
          .execute();
      if (behind.length > 0)
        await trx
          .updateTable('xero_operations')
          .set({ status: 'waiting', error: null, batch_id: null, updated_at: new Date() })
          .where('id', 'in', behind)
          .execute();
    }
    await trx
      .updateTable('order_syncs')
      .set({
        status: 'queued',
        message: 'Retry requested from the storefront admin.',
        updated_at: new Date(),
      })
      .where('workspace_id', '=', input.workspaceId)
      .where('ordercloud_connection_id', '=', connectionId)
      .where('order_id', '=', input.orderId)
      .where('status', '=', 'needs-attention')
      .execute();
    const event: SyncEvent = {
      type: 'order.submitted',
      eventId: `retry:${randomUUID()}`,
      connectionId,
      orderId: input.orderId,
      occurredAt: (deps.now?.() ?? new Date()).toISOString(),
      source: 'console',
    };
    await deps.queue.enqueue({ queue: queueNames.sync, data: event, trx: trx as never });
    return 'queued' as const;
  });
  if (outcome === 'queued') deps.queue.wake(queueNames.sync);
  return outcome;
}

export type SyncHealth = {
  readonly since: string;
  readonly ordersToday: number;
  readonly invoicedToday: number;
  readonly paidToday: number;
  readonly failures: number;
  readonly lastSyncAt: string | null;
};

/** The dashboard block's figures: the last 24 hours of orders and the orders needing attention now. */
export async function extensionSyncHealth(
  db: Db,
  input: { workspaceId: string; now: Date },
): Promise<SyncHealth> {
  const since = new Date(input.now.getTime() - DAY_MS);
  const rows = await db
    .selectFrom('order_syncs')
    .select(['status', 'invoice_id', 'created_at'])
    .where('workspace_id', '=', input.workspaceId)
    .where('created_at', '>', since)
    .execute();
  const today = rows;
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
  const troubled = new Set(failedOps.map((r) => r.order_id));
  for (const r of await db
    .selectFrom('order_syncs')
    .select('order_id')
    .where('workspace_id', '=', input.workspaceId)
    .where('status', '=', 'needs-attention')
    .execute())
    troubled.add(r.order_id);
  return {
    since: since.toISOString(),
    ordersToday: today.length,
    invoicedToday: today.filter((r) => r.invoice_id).length,
    paidToday: today.filter((r) => r.status === 'paid').length,
    failures: troubled.size,
    lastSyncAt: last?.last ? new Date(last.last as Date | string).toISOString() : null,
  };
}
