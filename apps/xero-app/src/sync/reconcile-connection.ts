import type { CommerceSource, SyncEvent } from '@ledgerbridge/canonical';
import { SyncFailure } from '@ledgerbridge/canonical';
import type { Db } from '../db/database.ts';
import type { AcceptOutcome } from '../intake/delivery-batcher.ts';
import { recordStep } from '../timeline/timeline-repo.ts';
import { orderKey } from './sync-context.ts';

/**
 * Heals lost webhooks: lists the orders OrderCloud says were submitted since the last check (with an
 * overlap) and feeds every one we never heard of through the intake, as if its delivery had arrived.
 */
export async function reconcileConnection(
  deps: {
    db: Db;
    commerceFor: (connectionId: string) => Promise<CommerceSource>;
    accept: (input: { event: SyncEvent; rawPayload: unknown }) => Promise<AcceptOutcome>;
    workspaceOf: (connectionId: string) => Promise<string | undefined>;
    now?: () => Date;
    lookBackMs?: number;
    overlapMs?: number;
  },
  input: { connectionId: string },
): Promise<{ recovered: string[] }> {
  const { db } = deps;
  const now = deps.now?.() ?? new Date();
  const mark = await db
    .selectFrom('reconcile_watermarks')
    .selectAll()
    .where('connection_id', '=', input.connectionId)
    .executeTakeFirst();
  const looked = mark
    ? new Date(new Date(mark.through).getTime() - (deps.overlapMs ?? 10 * 60_000))
    : new Date(now.getTime() - (deps.lookBackMs ?? 24 * 3_600_000));
  // Orders submitted before the marketplace was connected are history: a history import brings them in,
  // at its own pace, when the merchant asks for it (docs/decisions/0061), not the reconciler at once.
  const connection = await db
    .selectFrom('ordercloud_connections')
    .select('created_at')
    .where('id', '=', input.connectionId)
    .executeTakeFirst();
  const connectedAt = connection ? new Date(connection.created_at) : looked;
  const since = new Date(Math.max(connectedAt.getTime(), looked.getTime()));
  const source = await deps.commerceFor(input.connectionId);
  const recovered: string[] = [];
  for (let page: number | undefined = 1; page !== undefined; ) {
    const listed = await source.listSubmittedOrdersSince({ since: since.toISOString(), page });
    if (!listed.ok) throw new SyncFailure(listed.error);
    const ids = listed.value.orderIds;
    const known = ids.length
      ? await db
          .selectFrom('order_syncs')
          .select('order_id')
          .where('ordercloud_connection_id', '=', input.connectionId)
          .where('order_id', 'in', ids)
          .execute()
      : [];
    const seen = new Set(known.map((k) => k.order_id));
    for (const orderId of ids.filter((id) => !seen.has(id))) {
      const event: SyncEvent = {
        type: 'order.submitted',
        eventId: `reconcile:${orderId}`,
        connectionId: input.connectionId,
        occurredAt: now.toISOString(),
        source: 'reconciler',
        orderId,
      };
      if ((await deps.accept({ event, rawPayload: { reconciled: orderId } })) === 'stored')
        recovered.push(orderId);
    }
    page = listed.value.nextPage;
  }
  const workspaceId = await deps.workspaceOf(input.connectionId);
  if (workspaceId) {
    for (const orderId of recovered) {
      await recordStep(db, {
        workspaceId,
        orderKey: orderKey(input.connectionId, orderId),
        step: 'receive',
        outcome: 'info',
        message: 'No webhook arrived for this order; the reconciler found it in OrderCloud.',
      });
    }
  }
  const values = { through: now, checked_at: now };
  await db
    .insertInto('reconcile_watermarks')
    .values({ connection_id: input.connectionId, ...values })
    .onConflict((oc) => oc.column('connection_id').doUpdateSet(values))
    .execute();
  return { recovered };
}
