/**
 * When the day's Xero budget runs out at the current pace: calls in the recent window, extrapolated.
 * Until rate-budget/rate-policy.ts (the one source of rate policy) lands, the dashboard and the backfill
 * pacing take their forecast from here only.
 */
export type DayForecast = {
  readonly left: number;
  /** Calls per hour at the recent pace. */
  readonly perHour: number;
  /** When the budget is spent at this pace; null when nothing is being spent. */
  readonly exhaustsAt: Date | null;
  /** Spent before the day ends (before midnight UTC, or before `dayEndsAt`). */
  readonly beforeDayEnds: boolean;
};

export function forecastDay(input: {
  used: number;
  limit: number;
  recentCalls: number;
  recentMs: number;
  now: Date;
  dayEndsAt?: Date;
  hourMs?: number;
}): DayForecast {
  const left = Math.max(0, input.limit - input.used);
  const hourMs = input.hourMs ?? 3_600_000;
  const perMs = input.recentMs > 0 ? input.recentCalls / input.recentMs : 0;
  const perHour = Math.round(perMs * hourMs);
  const dayEndsAt = input.dayEndsAt ?? nextUtcMidnight(input.now);
  if (left === 0) return { left, perHour, exhaustsAt: input.now, beforeDayEnds: true };
  if (perMs <= 0) return { left, perHour, exhaustsAt: null, beforeDayEnds: false };
  const exhaustsAt = new Date(input.now.getTime() + Math.ceil(left / perMs));
  return { left, perHour, exhaustsAt, beforeDayEnds: exhaustsAt < dayEndsAt };
}

export function nextUtcMidnight(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}
