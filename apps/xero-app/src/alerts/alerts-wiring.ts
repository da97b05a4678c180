import type { Kysely } from 'kysely';
import type { Logger } from '../observability/logger.ts';
import type { Keyring } from '../crypto/keyring.ts';
import { createDashboardLoader } from '../dashboard/load-dashboard.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { queueNames } from '../queue/queue-names.ts';
import type { SafeFetch } from '../outbound/safe-fetch.ts';
import { createDeadLetterConsole } from '../console/dead-letters.ts';
import { createAlertsStore } from './alerts-repo.ts';
import { createDestinationsFor } from './destinations/destinations-for.ts';
import { createSmtpSender, type SendMail } from './destinations/email-destination.ts';
import type { AlertRetryJob } from './alert-retry.ts';
import { type AlertPorts, checkAllAlerts } from './evaluate-alerts.ts';
import { redeliverAlert } from './redeliver-alert.ts';

export type AlertWiringConfig = {
  readonly PUBLIC_URL: string;
  readonly SMTP_URL?: string | undefined;
  readonly SMTP_FROM: string;
  readonly XERO_DAILY_LIMIT: number;
  readonly XERO_MINUTE_MS: number;
};

/** The ports of the alert checks and test alerts, for the worker and the console alike. */
export function createAlertPorts(deps: {
  db: Kysely<DatabaseSchema>;
  keyring: Keyring;
  queue: Pick<JobQueue, 'deadLetters' | 'enqueue' | 'deleteDeadLetter'>;
  fetch: SafeFetch;
  config: AlertWiringConfig;
  sendMail?: SendMail;
  clock?: () => Date;
  /** Waits between a failed delivery's attempts (alert-retry.ts). */
  retryDelaysMs?: readonly number[];
}): AlertPorts {
  const { db, config } = deps;
  const deadLetters = createDeadLetterConsole({ db, queue: deps.queue });
  const dashboard = createDashboardLoader({
    db,
    dailyLimit: config.XERO_DAILY_LIMIT,
    minuteMs: config.XERO_MINUTE_MS,
    deadLetterTimes: async () => [],
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
  const sendMail = deps.sendMail ?? (config.SMTP_URL ? createSmtpSender(config.SMTP_URL) : undefined);
  return {
    store: createAlertsStore({ db, keyring: deps.keyring }),
    banners: async (workspaceId) => (await dashboard(workspaceId)).banners,
    deadLettersSince: async (workspaceId, since) =>
      (await deadLetters.list(workspaceId)).filter((l) => l.createdOn.getTime() > since.getTime()),
    destinationsFor: createDestinationsFor({
      fetch: deps.fetch,
      ...(sendMail ? { sendMail } : {}),
      from: config.SMTP_FROM,
      ...(deps.clock ? { clock: deps.clock } : {}),
    }),
    publicUrl: config.PUBLIC_URL,
    ...(deps.clock ? { clock: deps.clock } : {}),
    retryLater: async (job, afterMs) => {
      await deps.queue.enqueue({
        queue: queueNames.alertRetry,
        data: job,
        startAfter: new Date(Date.now() + afterMs),
      });
    },
    ...(deps.retryDelaysMs ? { retryDelaysMs: deps.retryDelaysMs } : {}),
  };
}

/** The worker's alert check, every minute (one job per tick across every worker). */
export async function startAlertWorker(deps: {
  queue: JobQueue;
  ports: AlertPorts;
  logger: Pick<Logger, 'info'>;
  cron?: string;
}): Promise<void> {
  await deps.queue.work<AlertRetryJob>(queueNames.alertRetry, async (job) => {
    await redeliverAlert(deps.ports, job.data);
    return undefined;
  });
  await deps.queue.work(queueNames.alerts, async () => {
    const { sent, suppressed } = await checkAllAlerts(deps.ports);
    if (sent + suppressed > 0) deps.logger.info({ sent, suppressed }, 'alerts checked');
    return undefined;
  });
  await deps.queue.schedule(queueNames.alerts, deps.cron ?? '* * * * *');
}
