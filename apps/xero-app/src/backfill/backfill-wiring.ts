import type { AccountingTarget, SyncEvent } from '@ledgerbridge/canonical';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import { readTenantBudgets } from '../dashboard/budget-reads.ts';
import type { Logger } from '../observability/logger.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { queueNames } from '../queue/queue-names.ts';
import type { SyncOrderDeps } from '../sync/sync-order.ts';
import { runningBackfillIds } from './backfill-repo.ts';
import { backfillTick } from './backfill-tick.ts';
import { planChunk } from './plan-chunk.ts';

/**
 * The worker's part of history imports: the paced tick (one chain per import, picked up again by any
 * worker after a restart) and the workers that plan the imported orders apart from live ones.
 */
export async function startBackfillWorkers(deps: {
  db: Kysely<DatabaseSchema>;
  queue: JobQueue;
  logger: Pick<Logger, 'info' | 'warn'>;
  accountingFor: (workspaceId: string) => AccountingTarget;
  /** The live sync handler, reused for imported orders a chunk could not plan at once. */
  syncHandler: Parameters<JobQueue['work']>[1];
  /** The live sync's ports: a chunk's orders are planned with them in one transaction. */
  syncDeps: SyncOrderDeps;
  dailyLimit: (tenantId: string) => Promise<number>;
  minuteMs: number;
  concurrency: number;
}): Promise<void> {
  const { db, queue } = deps;
  // Fed only when a chunk cannot be planned at once, and woken here when it is: its slots poll seldom.
  await queue.work(queueNames.backfillSync, deps.syncHandler, {
    concurrency: deps.concurrency,
    idlePollingIntervalSeconds: 5,
  });
  const dayMs = deps.minuteMs * 1440;
  await queue.work<{ backfillId: string }>(queueNames.backfill, async (job) => {
    const outcome = await backfillTick(
      {
        db,
        accountingFor: deps.accountingFor,
        budgetOf: async (tenantId) =>
          (
            await readTenantBudgets(db, {
              tenantIds: [tenantId],
              defaultDayLimit: await deps.dailyLimit(tenantId),
              minuteMs: deps.minuteMs,
              now: new Date(),
            })
          ).get(tenantId),
        enqueue: (events: readonly SyncEvent[], trx) =>
          queue.enqueueMany({ queue: queueNames.backfillSync, data: events, trx }),
        planChunk: (input) => planChunk(deps.syncDeps, input),
        onChunkFallback: (error) =>
          deps.logger.warn(
            { backfillId: job.data.backfillId, err: error },
            'a history chunk could not be planned at once; its orders go one by one',
          ),
        dayMs,
      },
      job.data,
    );
    if (outcome.fed > 0 && !outcome.planned) queue.wake(queueNames.backfillSync);
    if (outcome.waitMs === undefined) {
      deps.logger.info({ backfillId: job.data.backfillId }, 'history import finished');
      return undefined;
    }
    await queue.enqueue({
      queue: queueNames.backfill,
      data: job.data,
      singletonKey: job.data.backfillId,
      startAfter: new Date(Date.now() + outcome.waitMs),
    });
    return undefined;
  });
  // Imports running when a worker (re)starts go on from where they are.
  for (const backfillId of await runningBackfillIds(db))
    await queue.enqueue({ queue: queueNames.backfill, data: { backfillId }, singletonKey: backfillId });
}
