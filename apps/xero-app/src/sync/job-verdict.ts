import { SyncFailure } from '@ledgerbridge/canonical';

export type JobActions = {
  /** Put the same job back to run after `ms` (rate limit, budget exhausted): not a failure. */
  readonly later: (ms: number) => Promise<void>;
  /** Set it aside until the Xero connection is reconnected: not dead-lettered. */
  readonly park: (reason: string) => Promise<void>;
};

/**
 * The one place a use case's failure becomes a queue outcome: retryable → throw (pg-boss retries with
 * backoff, then dead-letters); retry-after → rescheduled; needs-reconnect → parked; permanent → dead letter now.
 */
export async function runWithVerdict(
  actions: JobActions,
  work: () => Promise<void>,
): Promise<undefined | { deadLetter: object }> {
  try {
    await work();
    return undefined;
  } catch (error) {
    if (!(error instanceof SyncFailure)) throw error;
    const e = error.error;
    switch (e.kind) {
      case 'retryable':
        throw error;
      case 'retry-after':
        await actions.later(e.retryAfterMs);
        return undefined;
      case 'needs-reconnect':
        await actions.park(e.message);
        return undefined;
      case 'permanent':
        return { deadLetter: { code: e.code, message: e.message, details: e.details ?? [] } };
    }
  }
}
