import { ALERT_RETRY_DELAYS_MS, type AlertRetryJob, attemptOutcome, mergeOutcomes } from './alert-retry.ts';
import type { AlertPorts } from './evaluate-alerts.ts';

/**
 * One more attempt of a delivery some destinations did not take: sent again to those (as the settings
 * name them now), the log rows updated with what they answered, and another attempt queued while the
 * attempts last. A destination removed meanwhile is told as such; nothing is dropped without a word.
 */
export async function redeliverAlert(
  ports: Pick<AlertPorts, 'store' | 'destinationsFor' | 'retryLater' | 'retryDelaysMs'>,
  job: AlertRetryJob,
): Promise<void> {
  const delaysMs = ports.retryDelaysMs ?? ALERT_RETRY_DELAYS_MS;
  const settings = await ports.store.settings(job.workspaceId);
  const destinations = settings
    ? ports.destinationsFor(settings).filter((d) => job.channels.includes(d.channel))
    : [];
  const gone = job.channels
    .filter((c) => !destinations.some((d) => d.channel === c))
    .map((channel) => ({ channel, ok: false, detail: 'not sent again: the destination was removed' }));
  const attempts = (await Promise.all(destinations.map((d) => d.send(job.delivery)))).map((outcome) =>
    attemptOutcome({ outcome, attempt: job.attempt, delaysMs }),
  );
  const previous = await ports.store.deliveriesOf(job.logIds);
  await ports.store.updateDeliveries(
    job.logIds,
    mergeOutcomes(previous, [...attempts.map((a) => a.outcome), ...gone]),
  );
  const retryInMs = attempts.find((a) => a.retryInMs !== undefined)?.retryInMs;
  if (ports.retryLater && retryInMs !== undefined)
    await ports.retryLater(
      {
        ...job,
        channels: attempts.filter((a) => !a.outcome.ok).map((a) => a.outcome.channel),
        attempt: job.attempt + 1,
      },
      retryInMs,
    );
}
