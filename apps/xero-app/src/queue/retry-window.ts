import type { RetryPolicy } from './job-queue.ts';

/**
 * How long failing work keeps being retried before it becomes a dead letter: the retries' delays
 * (doubling from the first, capped) added up — what the console tells the merchant.
 */
export function retryWindowSeconds(policy: RetryPolicy): number {
  let total = 0;
  for (let attempt = 0; attempt < policy.retryLimit; attempt += 1)
    total += Math.min(policy.retryDelaySeconds * 2 ** attempt, policy.retryDelayMaxSeconds);
  return total;
}

export function describeRetryWindow(policy: RetryPolicy): string {
  const seconds = retryWindowSeconds(policy);
  const span =
    seconds < 120
      ? `${seconds} seconds`
      : seconds < 7200
        ? `about ${Math.round(seconds / 60)} minutes`
        : `about ${Math.round(seconds / 3600)} hours`;
  return `Failing work is retried ${policy.retryLimit} times over ${span} (first after ${policy.retryDelaySeconds} s, each wait doubling up to ${Math.round(policy.retryDelayMaxSeconds / 60)} min), then it lands here.`;
}
