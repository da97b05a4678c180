import { fail, ok, permanent, type Result, type SyncEvent } from '@ledgerbridge/canonical';
import type { Kysely, Transaction } from 'kysely';
import { isUuid } from '../connections/uuid.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { attentionReason } from './attention-reasons.ts';
import {
  listAttention,
  markReferenceStale,
  recordRetryStep,
  retireFailedOperations,
  tenantsOfConnections,
} from './attention-repo.ts';
import { recordAudit } from '../timeline/audit-log-repo.ts';

export type RetryDeps = {
  readonly db: Kysely<DatabaseSchema>;
  /** Enqueues the sync jobs inside the transaction that prepared them: a rollback un-sends them. */
  readonly enqueueSync: (events: readonly SyncEvent[], trx: Transaction<DatabaseSchema>) => Promise<void>;
  readonly now?: () => Date;
};

/**
 * Retries orders that need attention, after the merchant fixed the cause: one order (`ids`), or every
 * order with one reason. The org's settings are read again, what Xero never accepted is planned afresh,
 * and each order goes through the same sync as a new delivery; its timeline and the audit log say who.
 */
export async function retryOrders(
  deps: RetryDeps,
  input: { workspaceId: string; actor: string; ids?: readonly string[]; reason?: string },
): Promise<Result<{ retried: number }>> {
  const orders = (
    await listAttention(deps.db, {
      workspaceId: input.workspaceId,
      ...(input.ids ? { ids: input.ids.filter((id) => isUuid(id)) } : {}),
      ...(input.reason ? { reason: input.reason } : {}),
      limit: 1000,
    })
  ).filter((o) => attentionReason(o.reason).retryable);
  if (orders.length === 0)
    return fail(permanent('not-found', 'No order that needs attention matches; nothing was retried.'));
  const at = (deps.now ?? (() => new Date()))();
  const tenants = await tenantsOfConnections(deps.db, [...new Set(orders.map((o) => o.connectionId))]);
  const events: SyncEvent[] = orders.map((o) => ({
    type: 'order.submitted',
    eventId: `retry:${o.orderId}:${at.getTime()}`,
    connectionId: o.connectionId,
    occurredAt: at.toISOString(),
    source: 'console',
    orderId: o.orderId,
  }));
  await deps.db.transaction().execute(async (trx) => {
    await markReferenceStale(trx, [...new Set(tenants.values())]);
    for (const o of orders) {
      await retireFailedOperations(trx, { connectionId: o.connectionId, orderId: o.orderId });
      await recordRetryStep(trx, {
        workspaceId: input.workspaceId,
        connectionId: o.connectionId,
        orderId: o.orderId,
        message: `Retried by ${input.actor} (${attentionReason(o.reason).label.toLowerCase()}).`,
      });
    }
    await recordAudit(trx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: 'orders.retried',
      details: { count: orders.length, reason: input.reason ?? null, orderIds: orders.map((o) => o.orderId) },
    });
    await deps.enqueueSync(events, trx);
  });
  return ok({ retried: orders.length });
}
