import { resolve } from 'node:path';
import { type DatabaseHandle, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { AppConfig } from './env.ts';
import { enforceTlsFloor } from './http/create-listener-server.ts';
import { createLiveness, type Liveness } from './observability/liveness.ts';
import { createLogger, type Logger } from './observability/logger.ts';
import { createMetrics, type Metrics } from './observability/metrics.ts';
import { createJobQueue, type JobQueue, type RetryPolicy } from './queue/job-queue.ts';
import { queueNames } from './queue/queue-names.ts';

/** The retry policy of the work queues, from the environment (JOB_RETRY_LIMIT, JOB_RETRY_MAX_DELAY_SECONDS). */
export function retryPolicyOf(
  config: Pick<AppConfig, 'JOB_RETRY_LIMIT' | 'JOB_RETRY_MAX_DELAY_SECONDS'>,
): RetryPolicy {
  return {
    retryLimit: config.JOB_RETRY_LIMIT,
    retryDelaySeconds: 5,
    retryDelayMaxSeconds: config.JOB_RETRY_MAX_DELAY_SECONDS,
  };
}

export type Infrastructure = {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly database: DatabaseHandle;
  readonly queue: JobQueue;
  readonly liveness: Liveness;
  close(): Promise<void>;
};

/** Database (migrated) and queue (started, queues defined): what both the server and the worker stand on. */
export async function openInfrastructure(
  config: AppConfig,
  logger = createLogger({ level: config.LOG_LEVEL }),
): Promise<Infrastructure> {
  enforceTlsFloor();
  const dataDir = embeddedDataDir(config.DATA_DIR);
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir });
  logger.info(
    { backend: database.backend, dataDir: database.backend === 'pglite' ? dataDir : undefined },
    'database open',
  );
  await migrateToLatest(database.db);
  const liveness = createLiveness({ stallMs: config.LIVENESS_STALL_MS });
  const queue = createJobQueue(database.queueConnection, { onActivity: () => liveness.progress('worker') });
  await queue.start();
  for (const name of Object.values(queueNames)) {
    if (name === queueNames.backfill) {
      await queue.define(
        name,
        { retryLimit: 30, retryDelaySeconds: 2, retryDelayMaxSeconds: 60 },
        { singletonPerKey: true, heartbeatSeconds: 10 },
      );
    } else if (name === queueNames.flush) {
      // One flusher per tenant; a killed worker's flush is retried after its heartbeat lapses.
      await queue.define(
        name,
        { retryLimit: 30, retryDelaySeconds: 2, retryDelayMaxSeconds: 60 },
        { singletonPerKey: true, heartbeatSeconds: 10 },
      );
    } else {
      // A job held by a killed worker comes back once its heartbeat lapses, not after pg-boss's 15 minutes.
      await queue.define(name, retryPolicyOf(config), { heartbeatSeconds: 30 });
    }
  }
  const stopSampling = sampleLiveness({ liveness, queue, everyMs: config.LIVENESS_SAMPLE_MS });
  return {
    config,
    logger,
    metrics: createMetrics(),
    database,
    queue,
    liveness,
    async close() {
      stopSampling();
      await queue.stop(config.SHUTDOWN_GRACE_MS);
      await database.close();
    },
  };
}

/** A folder, resolved against the working directory; `memory://` stays an in-memory database. */
export function embeddedDataDir(dataDir: string): string {
  return dataDir.startsWith('memory://') ? dataDir : resolve(dataDir);
}

/** Asks the database, one question at a time, how many jobs are due; a question left unanswered is a stall. */
function sampleLiveness(input: { liveness: Liveness; queue: JobQueue; everyMs: number }): () => void {
  const queues = Object.values(queueNames);
  const timer = setInterval(() => {
    if (!input.liveness.sampleStarted()) return;
    input.queue.dueJobCount(queues).then(
      (due) => input.liveness.sampleAnswered(due),
      () => input.liveness.sampleAnswered(undefined),
    );
  }, input.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
