/** Xero's limits per tenant and app (XERO.md); a benchmark may compress the minute. */
export type RateLimits = {
  readonly concurrent: number;
  readonly perMinute: number;
  readonly perDay: number;
  /** Calls a minute across every tenant of the app (Xero: 10,000). */
  readonly appPerMinute: number;
  readonly minuteMs: number;
  /** How long a call may hold its in-flight slot if its worker dies. */
  readonly leaseMs: number;
  /** Waits shorter than this are slept through; longer ones are handed back as retry-after. */
  readonly maxWaitMs: number;
  /** Calls of the app's minute a worker process takes at once (rate-policy.ts appBlockCalls when absent). */
  readonly appBlockCalls?: number;
};

export const xeroLimits = (perDay: number): RateLimits => ({
  concurrent: 5,
  perMinute: 60,
  perDay,
  appPerMinute: 10_000,
  minuteMs: 60_000,
  leaseMs: 90_000,
  maxWaitMs: 5_000,
});

export type ResponseMeta = {
  readonly status: number;
  readonly dayRemaining?: number;
  readonly minuteRemaining?: number;
  readonly retryAfterSeconds?: number;
  readonly rateLimitProblem?: string;
};
