import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { queueNames } from '../queue/queue-names.ts';
import { type XeroEventJob, type XeroWebhookEvent, xeroDeliveryId } from './xero-webhook-payload.ts';

const HANDLED = new Set(['INVOICE', 'CONTACT']);

/**
 * Stores each event once per workspace connected to its tenant (inbound_events, source 'xero') and
 * enqueues its job in the same transaction: acknowledged only once durable, never queued twice.
 */
export async function receiveXeroEvents(
  deps: { db: Kysely<DatabaseSchema>; queue: Pick<JobQueue, 'enqueue'> },
  events: readonly XeroWebhookEvent[],
): Promise<{ queued: number; duplicates: number; ignored: number }> {
  const counts = { queued: 0, duplicates: 0, ignored: 0 };
  if (events.length === 0) return counts;
  const tenants = [...new Set(events.map((e) => e.tenantId))];
  await deps.db.transaction().execute(async (trx) => {
    const connections = await trx
      .selectFrom('xero_connections')
      .select(['id', 'workspace_id', 'tenant_id'])
      .where('tenant_id', 'in', tenants)
      .where('status', '!=', 'disconnected')
      .execute();
    for (const event of events) {
      const targets = connections.filter((c) => c.tenant_id === event.tenantId);
      const category = event.eventCategory.toUpperCase();
      if (targets.length === 0 || !HANDLED.has(category)) {
        counts.ignored += 1;
        continue;
      }
      const deliveryId = xeroDeliveryId(event);
      for (const target of targets) {
        const inserted = await trx
          .insertInto('inbound_events')
          .values({
            connection_id: target.id,
            source: 'xero',
            delivery_id: deliveryId,
            event_type: `${category}.${event.eventType.toUpperCase()}`,
            payload: JSON.stringify(event),
            status: 'queued',
          })
          .onConflict((oc) => oc.columns(['connection_id', 'delivery_id']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!inserted) {
          counts.duplicates += 1;
          continue;
        }
        const job: XeroEventJob = {
          workspaceId: target.workspace_id,
          inboundEventId: inserted.id,
          tenantId: event.tenantId,
          category,
          type: event.eventType.toUpperCase(),
          resourceId: event.resourceId,
          eventDateUtc: event.eventDateUtc,
        };
        await deps.queue.enqueue({ queue: queueNames.xeroEvents, data: job, trx });
        counts.queued += 1;
      }
    }
  });
  return counts;
}
