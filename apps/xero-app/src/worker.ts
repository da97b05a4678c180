import { SyncEventSchema, SyncFailure } from '@ledgerbridge/canonical';
import type { Infrastructure } from './infrastructure.ts';
import { queueNames } from './queue/queue-names.ts';
import { createSyncDispatcher, type SyncHandlers } from './sync/sync-dispatcher.ts';

export type RunningWorker = { stop(): Promise<void> };

/** Composition root of the worker: builds the use cases over the ports and subscribes them to the queue. */
export async function startWorker(
  infra: Infrastructure,
  options: { concurrency?: number; handlers?: SyncHandlers } = {},
): Promise<RunningWorker> {
  const dispatch = createSyncDispatcher(options.handlers ?? {});
  await infra.queue.work<unknown>(
    queueNames.sync,
    async (job) => {
      const event = SyncEventSchema.parse(job.data);
      try {
        await dispatch(event);
        infra.metrics.jobs.inc({ queue: queueNames.sync, outcome: 'completed' });
      } catch (error) {
        const kind = error instanceof SyncFailure ? error.error.kind : 'retryable';
        infra.metrics.jobs.inc({ queue: queueNames.sync, outcome: kind });
        infra.logger.warn(
          { err: error, event: event.type, eventId: event.eventId, attempt: job.retryCount },
          'sync failed',
        );
        throw error;
      }
    },
    { concurrency: options.concurrency ?? 4 },
  );
  return { stop: () => infra.queue.stop(infra.config.SHUTDOWN_GRACE_MS) };
}
