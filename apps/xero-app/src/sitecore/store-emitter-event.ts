import type { SyncEvent } from '@ledgerbridge/canonical';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { queueNames } from '../queue/queue-names.ts';
import type { StoredDocument } from './emitter-event.ts';

/**
 * One emitter delivery, stored and enqueued in one transaction before it is acknowledged: the inbound
 * event (deduplicated by the event ID), the document it carries (the site's latest copy), and the sync
 * job. A duplicate changes nothing.
 */
export async function storeEmitterEvent(
  deps: { db: Db; queue: Pick<JobQueue, 'enqueue' | 'wake'> },
  input: { event: SyncEvent; document: StoredDocument | undefined; rawPayload: unknown },
): Promise<'stored' | 'duplicate'> {
  const { event, document } = input;
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('inbound_events')
      .values({
        connection_id: event.connectionId,
        source: event.source,
        delivery_id: event.eventId,
        event_type: event.type,
        payload: JSON.stringify(input.rawPayload),
        status: 'queued',
      })
      .onConflict((oc) => oc.columns(['connection_id', 'delivery_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return 'duplicate' as const;
    if (document) {
      const payload = JSON.stringify(document.payload);
      await trx
        .insertInto('sitecore_documents')
        .values({
          site_id: event.connectionId,
          kind: document.kind,
          document_id: document.documentId,
          parent_id: document.parentId,
          payload,
        })
        .onConflict((oc) =>
          oc.columns(['site_id', 'kind', 'document_id']).doUpdateSet({ payload, updated_at: new Date() }),
        )
        .execute();
    }
    if (event.type === 'order.canceled') {
      // The site says so; the sync reads the stored order, so the order it reads is now canceled.
      await trx
        .updateTable('sitecore_documents')
        .set({ payload: sql`payload || '{"status":"canceled"}'::jsonb`, updated_at: new Date() })
        .where('site_id', '=', event.connectionId)
        .where('kind', '=', 'order')
        .where('document_id', '=', event.orderId)
        .execute();
    }
    await deps.queue.enqueue({ queue: queueNames.sync, data: event, trx });
    return 'stored' as const;
  });
  if (outcome === 'stored') deps.queue.wake(queueNames.sync);
  return outcome;
}
