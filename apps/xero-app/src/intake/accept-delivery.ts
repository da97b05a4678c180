import type { SyncEvent } from '@ledgerbridge/canonical';
import type { Db } from '../db/database.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { queueNames } from '../queue/queue-names.ts';

export type AcceptOutcome = 'stored' | 'duplicate';

/**
 * Stores a verified delivery and enqueues its job in one transaction, before the sender is answered:
 * a crash after the commit loses nothing, one before it stores nothing, and a second delivery of the
 * same LogID finds the first.
 */
export async function acceptDelivery(
  deps: { db: Db; queue: Pick<JobQueue, 'enqueue'> },
  input: { event: SyncEvent; rawPayload: unknown },
): Promise<AcceptOutcome> {
  const { event } = input;
  return deps.db.transaction().execute(async (trx) => {
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
    if (!inserted) return 'duplicate';
    await deps.queue.enqueue({ trx: trx as never, queue: queueNames.sync, data: event });
    return 'stored';
  });
}
