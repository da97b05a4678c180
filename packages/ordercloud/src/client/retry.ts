import { isRetryable, type Result } from '@ledgerbridge/canonical';

// Bounded retries for retryable / retry-after errors: exponential backoff with full jitter, never
// sooner than the server's Retry-After.
export type RetryPolicy = {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
};

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

export function backoffDelay(policy: RetryPolicy, attempt: number, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(policy.random() * ceiling);
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered);
}

export async function withRetry<T>(
  operation: (attempt: number) => Promise<Result<T>>,
  policy: RetryPolicy,
): Promise<Result<T>> {
  for (let attempt = 1; ; attempt += 1) {
    const result = await operation(attempt);
    if (result.ok || !isRetryable(result.error) || attempt >= policy.maxAttempts) return result;
    const retryAfterMs = result.error.kind === 'retry-after' ? result.error.retryAfterMs : undefined;
    await policy.sleep(backoffDelay(policy, attempt, retryAfterMs));
  }
}
