import type { Transaction } from 'kysely';
import { fromKysely, type Job, PgBoss } from 'pg-boss';
import type { QueueConnection } from '../db/database.ts';
import type { DatabaseSchema } from '../db/schema.ts';

export type RetryPolicy = {
  /** Attempts after the first; then the job goes to the dead-letter queue with its error. */
  readonly retryLimit: number;
  readonly retryDelaySeconds: number;
  readonly retryDelayMaxSeconds: number;
};

export const defaultRetryPolicy: RetryPolicy = {
  retryLimit: 8,
  retryDelaySeconds: 5,
  retryDelayMaxSeconds: 900,
};

export type DeadLetter = {
  readonly id: string;
  readonly queue: string;
  readonly sourceJobId: string | null;
  readonly retries: number | null;
  readonly data: unknown;
  readonly error: unknown;
  readonly createdOn: Date;
};

export type JobQueue = ReturnType<typeof createJobQueue>;

export function deadLetterQueueName(queue: string): string {
  return `${queue}.dead`;
}

/** pg-boss on the app's own database: retries with exponential backoff and jitter, then a dead letter. */
export function createJobQueue(
  connection: QueueConnection,
  options: {
    schema?: string;
    pollingIntervalSeconds?: number;
    /** Called whenever this process's workers take or finish a job (liveness). */
    onActivity?: () => void;
    /** How often lapsed heartbeats and expired jobs are looked for (pg-boss supervise and monitor). */
    superviseIntervalSeconds?: number;
  } = {},
) {
  const schema = options.schema ?? 'pgboss';
  const onActivity = options.onActivity ?? (() => {});
  // A job whose worker died is failed (and retried) by the supervisor's pass, once its heartbeat has
  // lapsed. pg-boss passes once a minute by default, and a restarted process's first pass comes a full
  // interval after its start: a killed worker's flush held its tenant for over a minute. Passes every
  // few seconds make the heartbeat the bound.
  const supervision = {
    superviseIntervalSeconds: options.superviseIntervalSeconds ?? 5,
    monitorIntervalSeconds: options.superviseIntervalSeconds ?? 5,
  };
  const boss =
    connection.backend === 'postgres'
      ? new PgBoss({
          connectionString: connection.connectionString,
          schema: options.schema ?? 'pgboss',
          max: 5,
          ...supervision,
        })
      : new PgBoss({
          db: connection.db,
          backend: 'pglite',
          schema: options.schema ?? 'pgboss',
          ...supervision,
        });
  const errors: Error[] = [];
  boss.on('error', (error: Error) => {
    errors.push(error);
  });
  // Polling, not LISTEN/NOTIFY: with NOTIFY on, pg-boss 12 stopped picking up retries promptly here.
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 0.5;
  const localWorkers = new Map<string, string[]>();

  return {
    async start(): Promise<void> {
      await boss.start();
    },

    /** `singletonPerKey`: one queued and one active job per singletonKey (pg-boss 'stately'). */
    async define(
      queue: string,
      policy: RetryPolicy = defaultRetryPolicy,
      shape: { singletonPerKey?: boolean; heartbeatSeconds?: number } = {},
    ): Promise<void> {
      const dead = deadLetterQueueName(queue);
      await boss.createQueue(dead, { retentionSeconds: 60 * 60 * 24 * 30, deleteAfterSeconds: 0 });
      await boss.createQueue(queue, {
        retryLimit: policy.retryLimit,
        retryDelay: policy.retryDelaySeconds,
        retryBackoff: true,
        retryDelayMax: policy.retryDelayMaxSeconds,
        deadLetter: dead,
        ...(shape.singletonPerKey ? { policy: 'stately' } : {}),
        ...(shape.heartbeatSeconds ? { heartbeatSeconds: shape.heartbeatSeconds } : {}),
      });
    },

    /** Enqueues inside the caller's transaction when `trx` is given: a rollback un-sends the job. */
    async enqueue<T extends object>(input: {
      queue: string;
      data: T;
      trx?: Transaction<DatabaseSchema>;
      singletonKey?: string;
      startAfter?: Date;
      /** Due jobs are taken highest priority first (0 by default), then oldest first. */
      priority?: number;
    }): Promise<string | null> {
      return boss.send(input.queue, input.data, {
        ...(input.trx ? { db: fromKysely(input.trx) } : {}),
        ...(input.priority !== undefined ? { priority: input.priority } : {}),
        ...(input.singletonKey ? { singletonKey: input.singletonKey } : {}),
        ...(input.startAfter ? { startAfter: input.startAfter } : {}),
      });
    },

    /**
     * A throwing handler is retried with backoff; one that answers `{ deadLetter }` goes straight to the
     * dead-letter queue with that output (a permanent failure: retrying cannot help).
     */
    /** Many jobs in one statement, inside the caller's transaction. */
    async enqueueMany<T extends object>(input: {
      queue: string;
      data: readonly T[];
      trx?: Transaction<DatabaseSchema>;
    }): Promise<void> {
      if (input.data.length === 0) return;
      await boss.insert(
        input.queue,
        input.data.map((data) => ({ data })),
        input.trx ? { db: fromKysely(input.trx) } : {},
      );
    },

    async work<T>(
      queue: string,
      handler: (job: Job<T>) => Promise<undefined | { deadLetter: object }>,
      workOptions: {
        concurrency?: number;
        pollingIntervalSeconds?: number;
        /** Jobs one slot takes at once and handles together (one poll for many). */
        batchSize?: number;
        /**
         * For a queue that is mostly empty and not urgent (a history import's fallback): every slot polls
         * this seldom, and a slot that takes a job wakes the next, so a backlog still reaches every slot
         * at once. Twelve idle slots polling every half second were 24 queries a second for nothing.
         */
        idlePollingIntervalSeconds?: number;
      } = {},
    ): Promise<string[]> {
      // One pg-boss worker per slot, so each can be woken by itself: a worker that just finished a job
      // fetches again at once instead of sleeping out the poll (a backlog drains at the speed of the
      // handlers, not one job per poll interval); one that finds nothing goes back to polling.
      const ids: string[] = [];
      const idle = workOptions.idlePollingIntervalSeconds;
      for (let slot = 0; slot < (workOptions.concurrency ?? 1); slot += 1) {
        let self = '';
        self = await boss.work<T>(
          queue,
          {
            batchSize: workOptions.batchSize ?? 1,
            pollingIntervalSeconds: idle ?? workOptions.pollingIntervalSeconds ?? pollingIntervalSeconds,
            perJobResults: true,
          },
          async (jobs) => {
            onActivity();
            const next = ids[(slot + 1) % ids.length];
            if (idle !== undefined && jobs.length > 0 && next && next !== self) boss.notifyWorker(next);
            // Together (a batch's jobs may wait for one another, as batched reads do); each fails alone.
            const results = await Promise.all(
              jobs.map(async (job) => {
                try {
                  const verdict = await handler(job).finally(onActivity);
                  return verdict
                    ? { id: job.id, status: 'deadletter' as const, output: verdict.deadLetter }
                    : { id: job.id, status: 'completed' as const };
                } catch (error) {
                  if (jobs.length === 1) throw error;
                  const message = error instanceof Error ? error.message : String(error);
                  return { id: job.id, status: 'failed' as const, output: { message } };
                }
              }),
            );
            if (self) boss.notifyWorker(self);
            return results;
          },
        );
        ids.push(self);
      }
      localWorkers.set(queue, [...(localWorkers.get(queue) ?? []), ...ids]);
      return ids;
    },

    /** A recurring job (cron); every process may declare it, pg-boss keeps one schedule per name. */
    async schedule(queue: string, cron: string, data: object = {}): Promise<void> {
      await boss.schedule(queue, cron, data);
    },

    /** Wakes this process's workers of `queue` to fetch now rather than at their next poll. */
    wake(queue: string): void {
      for (const id of localWorkers.get(queue) ?? []) boss.notifyWorker(id);
    },

    async deadLetters(queue: string, limit = 100): Promise<DeadLetter[]> {
      const jobs = await boss.findJobs<unknown>(deadLetterQueueName(queue), { limit });
      return jobs.map((job) => ({
        id: job.id,
        queue,
        sourceJobId: job.sourceId,
        retries: job.sourceRetryCount,
        data: job.data,
        error: job.sourceOutput,
        createdOn: job.createdOn,
      }));
    },

    /** Removes a dead letter; with `trx`, in the same transaction that enqueued its replay. */
    async deleteDeadLetter(queue: string, id: string, trx?: Transaction<DatabaseSchema>): Promise<void> {
      await boss.deleteJob(deadLetterQueueName(queue), id, trx ? { db: fromKysely(trx) } : {});
    },

    async getJob<T>(queue: string, id: string) {
      return boss.getJobById<T>(queue, id);
    },

    /** Jobs (any state) whose data contains `data`: for the console and for tests. */
    async findJobs(queue: string, data: object) {
      return boss.findJobs<unknown>(queue, { data });
    },

    /**
     * Jobs of `queues` due for at least `graceSeconds` and not yet taken (dead letters live in their own
     * queues and are not counted): the work a live worker would be doing.
     */
    async dueJobCount(
      queues: readonly string[],
      graceSeconds = 1,
      /** Jobs of this singleton key are not counted (a flush asking whether other tenants wait). */
      exceptKey?: string,
    ): Promise<number> {
      const rows = (await boss.getDb().executeSql(
        `select count(*)::int as n from ${schema}.job
          where name = any($1::text[]) and state in ('created', 'retry')
            and start_after < now() - make_interval(secs => $2)
            and ($3::text is null or singleton_key is distinct from $3::text)`,
        [[...queues], graceSeconds, exceptKey ?? null],
      )) as { rows: Array<{ n: number }> };
      return rows.rows[0]?.n ?? 0;
    },

    /** Reachable and installed: a query through the queue's own connection. */
    async ping(): Promise<void> {
      if (!(await boss.isInstalled())) throw new Error('queue schema is not installed');
    },

    /** Stops taking jobs, waits for the ones in hand up to `timeoutMs`, then closes. */
    async stop(timeoutMs = 25_000): Promise<void> {
      await boss.stop({ graceful: true, timeout: timeoutMs, close: true });
    },

    get lastErrors(): readonly Error[] {
      return errors;
    },
  };
}
