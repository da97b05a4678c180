import type { Kysely } from 'kysely';
import { parkIfNeedsReconnect } from '../connections/parked-jobs.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { Logger } from '../observability/logger.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { queueNames } from '../queue/queue-names.ts';
import type { XeroEventJob } from './xero-webhook-payload.ts';

/** Works the xero-events queue; a job whose Xero connection needs reconnecting is parked, not retried. */
export async function startXeroEventWorker(deps: {
  db: Kysely<DatabaseSchema>;
  queue: Pick<JobQueue, 'work'>;
  handle: (job: XeroEventJob) => Promise<string>;
  logger: Pick<Logger, 'info' | 'warn'>;
  concurrency?: number;
}): Promise<void> {
  await deps.queue.work<XeroEventJob>(
    queueNames.xeroEvents,
    async (job) => {
      try {
        const outcome = await deps.handle(job.data);
        deps.logger.info(
          { event: job.data.category, resourceId: job.data.resourceId, outcome },
          'xero event applied',
        );
      } catch (error) {
        if (
          await parkIfNeedsReconnect(deps.db, {
            error,
            workspaceId: job.data.workspaceId,
            queue: queueNames.xeroEvents,
            data: job.data,
          })
        ) {
          deps.logger.warn(
            { workspaceId: job.data.workspaceId },
            'xero event parked until the connection is reconnected',
          );
          return;
        }
        deps.logger.warn(
          { err: error, resourceId: job.data.resourceId, attempt: job.retryCount },
          'xero event failed',
        );
        throw error;
      }
    },
    { concurrency: deps.concurrency ?? 2 },
  );
}
