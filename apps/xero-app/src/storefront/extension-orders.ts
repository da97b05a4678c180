import { randomUUID } from 'node:crypto';
import type { SyncEvent } from '@ledgerbridge/canonical';
import { markReferenceStale } from '../attention/attention-repo.ts';
import type { Db } from '../db/database.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { queueNames } from '../queue/queue-names.ts';
import { findSyncContext } from '../sync/sync-context.ts';
import {
  failedOperationErrors,
  failedOrderOperations,
  findOrderSync,
  recentOrderSyncs,
  reopenOperations,
  requeueAttentionOrder,
  syncHealthFacts,
} from './extension-orders-repo.ts';
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
  const rows = await recentOrderSyncs(db, input);
  const failed = await failedOperationErrors(
    db,
    input.workspaceId,
    rows.map((r) => r.order_id),
  );
  return rows.map((r) => {
    const refused = failed.has(r.order_id)
      ? `Xero refused it: ${failed.get(r.order_id) ?? 'no reason given'}`
      : null;
    const problem = r.status === 'needs-attention' ? (r.message ?? 'Needs attention.') : refused;
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
  const row = await findOrderSync(deps.db, input);
  if (!row) return 'not-found';
  const connectionId = row.connectionId;
  const ctx = await findSyncContext(deps.db, connectionId);
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const failed = await failedOrderOperations(trx, { ...input, connectionId });
    if (failed.length === 0 && row.status !== 'needs-attention') return 'nothing-to-retry' as const;
    // The merchant retries after changing something in Xero (a lock date, a currency): read the org
    // again rather than refuse the order on the cached settings that blocked it.
    if (ctx) await markReferenceStale(trx, [ctx.tenantId]);
    const retried = new Set(failed.map((f) => f.id));
    const waitsOnRetried = (f: { depends_on: string | null }) =>
      f.depends_on !== null && retried.has(f.depends_on);
    await reopenOperations(
      trx,
      failed.filter((f) => !waitsOnRetried(f)).map((f) => f.id),
      'ready',
    );
    await reopenOperations(
      trx,
      failed.filter(waitsOnRetried).map((f) => f.id),
      'waiting',
    );
    await requeueAttentionOrder(trx, {
      ...input,
      connectionId,
      message: 'Retry requested from the storefront admin.',
    });
    const event: SyncEvent = {
      type: 'order.submitted',
      eventId: `retry:${randomUUID()}`,
      connectionId,
      orderId: input.orderId,
      occurredAt: (deps.now?.() ?? new Date()).toISOString(),
      source: 'console',
    };
    await deps.queue.enqueue({ queue: queueNames.sync, data: event, trx });
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
  const facts = await syncHealthFacts(db, { workspaceId: input.workspaceId, since });
  return {
    since: since.toISOString(),
    ordersToday: facts.recent.length,
    invoicedToday: facts.recent.filter((r) => r.invoice_id).length,
    paidToday: facts.recent.filter((r) => r.status === 'paid').length,
    failures: facts.troubledOrderIds.size,
    lastSyncAt: facts.lastUpdatedAt ? new Date(facts.lastUpdatedAt).toISOString() : null,
  };
}
