import type { AlertDelivery } from './alert-delivery.ts';
import type { DeliveryOutcome } from './destinations/alert-destination.ts';

/** A delivery some destinations did not take, to be sent to them again (the `alert-retry` queue). */
export type AlertRetryJob = {
  readonly workspaceId: string;
  /** The alert log rows of the delivery: their delivery outcomes are updated after each attempt. */
  readonly logIds: readonly string[];
  /** The same delivery (same id: a receiver that got it after all drops the repeat). */
  readonly delivery: AlertDelivery;
  readonly channels: readonly string[];
  /** The attempt this job makes (the first send was attempt 1). */
  readonly attempt: number;
};

/** Waits before the 2nd, 3rd and 4th attempts: a receiver that is briefly down gets it within minutes. */
export const ALERT_RETRY_DELAYS_MS: readonly number[] = [30_000, 120_000, 600_000];

const inWords = (ms: number) =>
  ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;

/**
 * What one attempt leaves in the log for a destination, and whether another attempt follows: a failure
 * says when the next try is, or that every try failed; a late success says which attempt made it.
 */
export function attemptOutcome(input: {
  outcome: DeliveryOutcome;
  attempt: number;
  delaysMs: readonly number[];
}): { outcome: DeliveryOutcome; retryInMs?: number } {
  const { outcome, attempt, delaysMs } = input;
  const attempts = delaysMs.length + 1;
  if (outcome.ok)
    return attempt === 1
      ? { outcome }
      : { outcome: { ...outcome, detail: `${outcome.detail} (attempt ${attempt})` } };
  const wait = delaysMs[attempt - 1];
  if (wait === undefined)
    return { outcome: { ...outcome, detail: `${outcome.detail}; failed after ${attempts} attempts` } };
  return {
    outcome: {
      ...outcome,
      detail: `${outcome.detail}; trying again in ${inWords(wait)} (attempt ${attempt} of ${attempts})`,
    },
    retryInMs: wait,
  };
}

/** The log's outcomes with this attempt's replacing those of the same channels. */
export function mergeOutcomes(
  previous: readonly DeliveryOutcome[],
  latest: readonly DeliveryOutcome[],
): DeliveryOutcome[] {
  const channels = new Set(latest.map((o) => o.channel));
  return [...previous.filter((o) => !channels.has(o.channel)), ...latest];
}
