import { type RateLimits, xeroLimits } from './rate-limits.ts';

// The one source of Xero rate policy: which limits a tenant has, when its minute is scarce, how a
// failing tenant backs off, and how many calls are left of its day — for admission and the console alike.

/** Xero's Starter tier allows 1,000 calls a day (XERO.md); everyone else the configured limit (5,000). */
export const starterDayLimit = 1_000;

/** A tenant's limits: the day by its tier, the minute as configured (a benchmark compresses it). */
export function limitsFor(input: {
  readonly configuredDayLimit: number;
  readonly starterTier: boolean;
  readonly minuteMs: number;
  readonly overrides?: Partial<RateLimits>;
}): RateLimits {
  const perDay = input.starterTier
    ? Math.min(starterDayLimit, input.configuredDayLimit)
    : input.configuredDayLimit;
  return { ...xeroLimits(perDay), minuteMs: input.minuteMs, ...input.overrides };
}

/** Xero's day is 24 of its minutes: on a compressed clock, the day is compressed alike. */
export const dayWindowMs = (minuteMs: number): number => minuteMs * 1440;

/**
 * Scarce once three quarters of the minute are spent: until then a call costs nothing that waiting
 * would save, and an order waiting for company only adds latency.
 */
export function minuteScarce(input: { readonly minuteUsed: number; readonly minuteLimit: number }): boolean {
  return input.minuteUsed * 4 >= input.minuteLimit * 3;
}

/** A flush failing transiently this many times in a row is dead-lettered: Xero keeps failing. */
export const flushGiveUpAfter = 20;

/** Exponential backoff from 2 s to a minute, jittered ±25 % so tenants do not retry in step. */
export function flushBackoffMs(attempt: number, random: () => number = Math.random): number {
  return Math.round(Math.min(60_000, 1_000 * 2 ** Math.min(attempt, 6)) * (0.75 + random() * 0.5));
}

export type DayBudgetInput = {
  readonly dayLimit: number;
  /** Calls admitted in the last `dayWindowMs`. */
  readonly callsInWindow: number;
  readonly reportedRemaining: number | null;
  readonly reportedAt: Date | string | null;
};

/**
 * Calls left in the day: the limit less the calls of the last day-window, or fewer when Xero's own
 * X-DayLimit-Remaining said so within that window. Admission and the console both ask this.
 */
export function dayCallsLeft(input: DayBudgetInput, now: Date, dayMs: number): number {
  const reportedFresh =
    input.reportedAt !== null && new Date(input.reportedAt).getTime() > now.getTime() - dayMs;
  const reported =
    reportedFresh && input.reportedRemaining !== null ? input.reportedRemaining : Number.POSITIVE_INFINITY;
  return Math.max(0, Math.min(input.dayLimit - input.callsInWindow, reported));
}
