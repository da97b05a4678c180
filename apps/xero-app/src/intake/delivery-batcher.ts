import type { SyncEvent } from '@ledgerbridge/canonical';
import type { Db } from '../db/database.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { queueNames } from '../queue/queue-names.ts';

/** 'stored' the first time a delivery is seen (its job enqueued); 'duplicate' for a LogID seen before. */
export type AcceptOutcome = 'stored' | 'duplicate';

type Pending = {
  readonly event: SyncEvent;
  readonly rawPayload: unknown;
  resolve(outcome: AcceptOutcome): void;
  reject(error: unknown): void;
};

/**
 * The batch in the order its rows are inserted: by connection and LogID. Two batches in flight at once can
 * hold copies of the same deliveries (OrderCloud sends a LogID again, and may send newer events first);
 * inserted in arrival order, each could wait on the other's unique key and PostgreSQL would end one as a
 * deadlock, answering its deliveries 503. In one order, the later batch only waits.
 */
export function inLockOrder<T extends { readonly event: Pick<SyncEvent, 'connectionId' | 'eventId'> }>(
  batch: readonly T[],
): T[] {
  const key = (p: T) => [p.event.connectionId, p.event.eventId] as const;
  return [...batch].sort((a, b) => {
    const [ac, ae] = key(a);
    const [bc, be] = key(b);
    if (ac !== bc) return ac < bc ? -1 : 1;
    if (ae !== be) return ae < be ? -1 : 1;
    return 0;
  });
}

/**
 * Group commit for the intake: deliveries arriving within a few milliseconds are stored and enqueued in
 * one transaction (one multi-row insert, one job insert, one commit), and each is answered only after
 * that commit. The guarantee is the same as one transaction per delivery; the commits are fewer.
 */
export function createDeliveryBatcher(deps: {
  db: Db;
  queue: Pick<JobQueue, 'enqueueMany' | 'wake'>;
  maxBatch?: number;
  maxWaitMs?: number;
}) {
  const maxBatch = deps.maxBatch ?? 500;
  const maxWaitMs = deps.maxWaitMs ?? 2;
  let pending: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;

  async function commit(batch: Pending[]): Promise<void> {
    try {
      const stored = await deps.db.transaction().execute(async (trx) => {
        const rows = await trx
          .insertInto('inbound_events')
          .values(
            inLockOrder(batch).map((p) => ({
              connection_id: p.event.connectionId,
              source: p.event.source,
              delivery_id: p.event.eventId,
              event_type: p.event.type,
              payload: JSON.stringify(p.rawPayload),
              status: 'queued' as const,
            })),
          )
          .onConflict((oc) => oc.columns(['connection_id', 'delivery_id']).doNothing())
          .returning(['connection_id', 'delivery_id'])
          .execute();
        const keys = new Set(rows.map((r) => `${r.connection_id}\u0000${r.delivery_id}`));
        const firsts: Pending[] = [];
        for (const p of batch) {
          const key = `${p.event.connectionId}\u0000${p.event.eventId}`;
          if (keys.delete(key)) firsts.push(p);
        }
        await deps.queue.enqueueMany({
          queue: queueNames.sync,
          data: firsts.map((p) => p.event),
          trx,
        });
        return new Set(firsts);
      });
      for (const p of batch) p.resolve(stored.has(p) ? 'stored' : 'duplicate');
      if (stored.size > 0) deps.queue.wake(queueNames.sync);
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    if (batch.length > 0) void commit(batch);
  }

  return {
    accept(input: { event: SyncEvent; rawPayload: unknown }): Promise<AcceptOutcome> {
      return new Promise((resolve, reject) => {
        pending.push({ ...input, resolve, reject });
        if (pending.length >= maxBatch) flush();
        else if (!timer) timer = setTimeout(flush, maxWaitMs);
      });
    },
  };
}
