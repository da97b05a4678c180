import type { Kysely } from 'kysely';
import { parkJob } from '../connections/parked-jobs.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { Logger } from '../observability/logger.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { queueNames } from '../queue/queue-names.ts';
import { runWithVerdict } from '../sync/job-verdict.ts';
import type { XeroEventJob } from './xero-webhook-payload.ts';
import { xeroEventLogLevel } from './event-log-level.ts';

/**
 * Works the xero-events queue with the same verdicts as the sync: a rate-limit wait reschedules the
 * job for when the budget allows, a connection that needs reconnecting parks it, a permanent failure
 * dead-letters it at once, and only transient failures go through the queue's backoff.
 */
export async function startXeroEventWorker(deps: {
  db: Kysely<DatabaseSchema>;
  queue: Pick<JobQueue, 'work' | 'enqueue'>;
  handle: (job: XeroEventJob) => Promise<string>;
  logger: Pick<Logger, 'debug' | 'info' | 'warn'>;
  concurrency?: number;
  /** Jobs a slot takes at once and handles together (their reads meet in the gather window). */
  batchSize?: number;
}): Promise<void> {
  await deps.queue.work<XeroEventJob>(
    queueNames.xeroEvents,
    (job) =>
      runWithVerdict(
        {
          later: async (ms) => {
            await deps.queue.enqueue({
              queue: queueNames.xeroEvents,
              data: job.data,
              startAfter: new Date(Date.now() + ms),
            });
          },
          park: async (reason) => {
            await parkJob(deps.db, {
              workspaceId: job.data.workspaceId,
              queue: queueNames.xeroEvents,
              data: job.data,
              reason,
            });
            deps.logger.warn(
              { workspaceId: job.data.workspaceId, reason },
              'xero event parked until Xero is reconnected',
            );
          },
        },
        async () => {
          const outcome = await deps.handle(job.data);
          deps.logger[xeroEventLogLevel(outcome)](
            { event: job.data.category, resourceId: job.data.resourceId, outcome },
            'xero event applied',
          );
        },
      ),
    { concurrency: deps.concurrency ?? 2, batchSize: deps.batchSize ?? 1 },
  );
}
