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
  /** Xero's app-wide minute (10,000 calls), when configured otherwise (a sandbox with its own). */
  readonly appPerMinute?: number;
  readonly overrides?: Partial<RateLimits>;
}): RateLimits {
  const perDay = input.starterTier
    ? Math.min(starterDayLimit, input.configuredDayLimit)
    : input.configuredDayLimit;
  return {
    ...xeroLimits(perDay),
    minuteMs: input.minuteMs,
    ...(input.appPerMinute !== undefined ? { appPerMinute: input.appPerMinute } : {}),
    ...input.overrides,
  };
}

/**
 * The app's minute is counted in buckets of 1/100 of a minute: a call counts from its bucket's start, so
 * the window admits a little less than the limit (1 %), never more.
 */
export const appBucketMs = (minuteMs: number): number => Math.max(1, Math.round(minuteMs / 100));

/**
 * How far apart admission and arrival at Xero may be, app-wide: 2 % of the minute. Smaller than a
 * tenant's margin (a second more): a call that arrives late costs one tenant a 429 and a retry, while a
 * wide margin would leave a share of the app's minute unused by every tenant.
 */
export const appArrivalMarginMs = (minuteMs: number): number => Math.round(minuteMs * 0.02);

/**
 * How long until the app's minute admits a call, given the calls of its recent buckets (oldest first):
 * 0 when a call may go now; else until enough of the oldest buckets have left the window.
 */
export function appMinuteWaitMs(input: {
  readonly buckets: ReadonlyArray<{ readonly startMs: number; readonly calls: number }>;
  readonly nowMs: number;
  readonly minuteMs: number;
  readonly limit: number;
}): number {
  return appTurnWaitMs({ ...input, position: 0 });
}

/**
 * The app's calls are spread over its minute: at most 15 % of the limit in any tenth of the window (one
 * and a half times the even pace). A burst admitted at once would leave the window at once, and every
 * tenant waiting for that room would be due at the same moment — a herd the worker slots serve late.
 */
export const appSpreadShare = 0.15;

/**
 * How long until the app's minute admits the call of the tenant `position` places back in the line of
 * tenants waiting for it (0: the first). The calls ahead are admitted in turn, each at the first moment
 * the window (the limit) and its tenths (the spread) allow, counted from their buckets' starts as
 * admission counts them; so every waiter gets its own moment, not all the first free one.
 */
export function appTurnWaitMs(input: {
  readonly buckets: ReadonlyArray<{ readonly startMs: number; readonly calls: number }>;
  readonly nowMs: number;
  readonly minuteMs: number;
  readonly limit: number;
  readonly position: number;
}): number {
  const bucketMs = appBucketMs(input.minuteMs);
  const windowMs = input.minuteMs + appArrivalMarginMs(input.minuteMs) + bucketMs;
  const tenthMs = Math.round(windowMs / 10);
  const limit = Math.max(1, input.limit);
  const perTenth = Math.max(1, Math.ceil(limit * appSpreadShare));
  // Every call still counted, oldest first, at its bucket's start; the waiters' calls join as admitted.
  const calls: number[] = [];
  for (const bucket of input.buckets)
    if (bucket.startMs > input.nowMs - windowMs)
      for (let i = 0; i < bucket.calls; i += 1) calls.push(bucket.startMs);
  let at = input.nowMs;
  for (let turn = 0; turn <= Math.max(0, input.position); turn += 1) {
    // Admitted once the limit-th latest call has left the window, and the perTenth-th latest its tenth.
    const window = calls[calls.length - limit];
    const tenth = calls[calls.length - perTenth];
    if (window !== undefined) at = Math.max(at, window + windowMs + 1);
    if (tenth !== undefined) at = Math.max(at, tenth + tenthMs + 1);
    // In order: a block still open is counted at its end, which may be later than this turn.
    const admitted = Math.floor(at / bucketMs) * bucketMs;
    let i = calls.length;
    while (i > 0 && (calls[i - 1] ?? 0) > admitted) i -= 1;
    calls.splice(i, 0, admitted);
  }
  return at > input.nowMs ? at - input.nowMs : 0;
}

/**
 * Calls of the app's minute a worker process takes at once, under the app's lock, and then spends
 * without it (docs/decisions/0115): half a percent of the minute, 50 of Xero's 10,000. Below 400 a
 * minute a block would be one call, and every call is admitted under the lock as before.
 */
export const appBlockCalls = (limit: number): number => Math.max(1, Math.floor(limit / 200));

/**
 * How long a block may be spent: a 60th of the minute (a second of Xero's), at least 50 ms. Its unspent
 * calls are given back when it is spent or over; a process killed holding one keeps them from the other
 * processes no longer than this and as long again (the grace before another process closes it).
 */
export const appBlockMs = (minuteMs: number): number => Math.max(50, Math.round(minuteMs / 60));

/**
 * How many calls a block may take now, given the app's recent calls (a block still open counted whole at
 * its end): the room left in the window and in its latest tenth (the spread) once `reserved` calls —
 * the tenant admitted now and those ahead of it in the line — are set aside, at most `want`.
 */
export function appBlockRoom(input: {
  readonly buckets: ReadonlyArray<{ readonly startMs: number; readonly calls: number }>;
  readonly nowMs: number;
  readonly minuteMs: number;
  readonly limit: number;
  readonly reserved: number;
  readonly want: number;
}): number {
  const bucketMs = appBucketMs(input.minuteMs);
  const windowMs = input.minuteMs + appArrivalMarginMs(input.minuteMs) + bucketMs;
  const tenthMs = Math.round(windowMs / 10);
  const limit = Math.max(1, input.limit);
  const perTenth = Math.max(1, Math.ceil(limit * appSpreadShare));
  let inWindow = 0;
  let inTenth = 0;
  for (const bucket of input.buckets) {
    if (bucket.startMs > input.nowMs - windowMs) inWindow += bucket.calls;
    if (bucket.startMs > input.nowMs - tenthMs) inTenth += bucket.calls;
  }
  const room = Math.min(input.want, limit - inWindow - input.reserved, perTenth - inTenth - input.reserved);
  return Math.max(0, room);
}

/**
 * How long a waiter's turn at the app's minute is kept for it past its moment (2 % of the minute): a
 * flush that comes back late does not leave the minute idle, and keeps its place for when it comes.
 */
export const appTurnGraceMs = (minuteMs: number): number => Math.max(50, Math.round(minuteMs * 0.02));

/**
 * How long before its turn a waiting flush is woken (a 20th of the minute, at most 500 ms): the queue's
 * poll (half a second) and the flush's own reads come before its call, and a turn taken late is a share
 * of the app's minute lost. The flush waits out the rest in its slot.
 */
export const flushTurnLeadMs = (minuteMs: number): number => Math.min(500, Math.round(minuteMs / 20));

/** Xero's day is 1,440 of its minutes: on a compressed clock, the day is compressed alike. */
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

/** Xero documents a batch can hold (invoices, payments, contacts… up to 50 per call). */
export const batchLimit = 50;

export type DayForecast = {
  readonly dayLimit: number;
  readonly callsLeft: number;
  /** Operations arriving per Xero minute, recently, by kind. */
  readonly arrivalsPerMinute: Readonly<Record<string, number>>;
  /**
   * How long a partial batch on the way to the invoice (contacts, invoices) waits to fill, chosen so the
   * day lasts (never above the ceiling).
   */
  readonly fillWaitMs: number;
  readonly ceilingMs: number;
  /** How long a partial batch of what follows the invoice (payments, voids, credit notes) waits. */
  readonly followOnWaitMs: number;
  readonly followOnCeilingMs: number;
  /** Calls a minute spent besides batches (single documents, polls), counted before any wait. */
  readonly reservedPerMinute: number;
  /** Calls a day at these waits and these arrivals. */
  readonly projectedCallsPerDay: number;
  /** True when even the ceilings' waits would spend the day's calls: the dashboard says so. */
  readonly exhausts: boolean;
  /** At the projected pace, when the day's calls would run out (ms from now); absent when they last. */
  readonly runsOutInMs?: number;
};

/**
 * Pacing the day: the calls a tenant would spend per minute at a fill wait `w` are, per kind, one batch
 * per flush cycle (60 s / w of them a minute) but no more than one per operation and no fewer than a
 * full batch's worth, plus the reserved calls (single documents, polls). The documents that follow the
 * invoice (payments, voids, credit notes) wait first — nobody waits on them within the merchant's
 * latency ceiling — up to their own ceiling; then contacts and invoices, up to the latency ceiling. Each
 * wait is the shortest (doubling from `baseMs`) whose day (1,440 minutes) fits in 90 % of the calls left,
 * and never past the point where its batches are full; past the ceilings, the forecast says when the day
 * runs out.
 */
export function paceDay(input: {
  readonly dayLimit: number;
  readonly callsLeft: number;
  readonly minuteMs: number;
  /** Batchable operations arriving per minute, by kind. */
  readonly arrivalsPerMinute: Readonly<Record<string, number>>;
  readonly baseMs: number;
  /** The merchant's latency ceiling, on Xero's (possibly compressed) clock. */
  readonly ceilingMs: number;
  /** Kinds that follow the invoice; they wait up to `followOnCeilingMs` (the latency ceiling if absent). */
  readonly followOnKinds?: readonly string[];
  readonly followOnCeilingMs?: number;
  /** Calls a minute spent whatever the wait: documents Xero takes one per call, polls. */
  readonly reservedPerMinute?: number;
}): DayForecast {
  const follows = new Set(input.followOnKinds ?? []);
  const kinds = Object.entries(input.arrivalsPerMinute).filter(([, a]) => a > 0);
  const leading = kinds.filter(([kind]) => !follows.has(kind)).map(([, a]) => a);
  const following = kinds.filter(([kind]) => follows.has(kind)).map(([, a]) => a);
  const costAt = (arrivals: readonly number[], waitMs: number) =>
    arrivals.reduce((sum, a) => {
      const cycles = input.minuteMs / Math.max(1, waitMs);
      return sum + Math.max(a / batchLimit, Math.min(a, cycles));
    }, 0);
  // Full batches are the floor: once every kind fills its batches, waiting longer saves nothing.
  const floorOf = (arrivals: readonly number[]) => arrivals.reduce((sum, a) => sum + a / batchLimit, 0);
  const reserved = Math.max(0, input.reservedPerMinute ?? 0);
  const budget = input.callsLeft * 0.9;
  const ceiling = Math.max(input.baseMs, input.ceilingMs);
  const followCeiling = Math.max(ceiling, input.followOnCeilingMs ?? ceiling);
  const perMinuteAt = (leadMs: number, followMs: number) =>
    reserved + costAt(leading, leadMs) + costAt(following, followMs);
  // Doubling steps, then the ceiling itself: coarse is enough, the forecast is redone every flush.
  let follow = input.baseMs;
  while (
    perMinuteAt(input.baseMs, follow) * 1440 > budget &&
    follow < followCeiling &&
    costAt(following, follow) > floorOf(following) * 1.001
  )
    follow = Math.min(followCeiling, follow * 2);
  let wait = input.baseMs;
  while (
    perMinuteAt(wait, follow) * 1440 > budget &&
    wait < ceiling &&
    costAt(leading, wait) > floorOf(leading) * 1.001
  )
    wait = Math.min(ceiling, wait * 2);
  const perMinute = perMinuteAt(wait, follow);
  const perDay = perMinute * 1440;
  const exhausts = perDay > budget;
  return {
    dayLimit: input.dayLimit,
    callsLeft: input.callsLeft,
    arrivalsPerMinute: input.arrivalsPerMinute,
    fillWaitMs: wait,
    ceilingMs: ceiling,
    followOnWaitMs: follow,
    followOnCeilingMs: followCeiling,
    reservedPerMinute: Math.round(reserved * 1000) / 1000,
    projectedCallsPerDay: Math.round(perDay),
    exhausts,
    ...(exhausts && perMinute > 0
      ? { runsOutInMs: Math.round((input.callsLeft / perMinute) * input.minuteMs) }
      : {}),
  };
}

/**
 * The window recent arrivals are counted over, in Xero minutes: a day is not forecast from a burst (a
 * few orders placed together are not a shop's pace).
 */
export const arrivalWindowMinutes = 5;

/**
 * What follows the invoice (payments, voids, credit notes) waits at most five latency ceilings (five
 * minutes by default) when the day is paced: no one waits on those within the ceiling, and at an order
 * every 4 s a batch of 50 payments fills in about five minutes.
 */
export const followOnCeilings = 5;

/**
 * The share of the merchant's latency ceiling a partial batch on the way to the invoice may be held for
 * when the day is paced: the rest covers the contact before it, the flush coming back and the call
 * itself (at 80 % the realistic bench's p95 stays under the ceiling; decision 0138).
 */
export const invoiceHoldShareOfCeiling = 0.8;

/**
 * How often the contact index reads the contacts changed in Xero (one call): ten Xero minutes. A refresh
 * a minute would cost a call beside nearly every contact batch (1,440 a day); a contact someone adds in
 * Xero in the last ten minutes is at worst not matched, and the customer gets a contact of their own.
 */
export const contactRefreshMinutes = 10;

/**
 * The calls a tenant's polls spend per Xero minute, reserved before batches are paced: the Items poll
 * (one call every 5 real minutes, decision 0091), the reference data (about six reads an hour) and the
 * contact index's refresh.
 */
export function pollCallsPerMinute(minuteMs: number): number {
  return minuteMs / 300_000 + (6 * minuteMs) / 3_600_000 + 1 / contactRefreshMinutes;
}

/**
 * The queue priority of a tenant's next flush: the longer since its last call, the sooner it is served
 * (least recently served first; due jobs are taken highest priority first). A tenant never served, or
 * with new work after a quiet spell, has priority 0 and goes first. Seconds since 2026, so the integer
 * fits the queue's column for decades.
 */
export function flushPriority(lastServedAt: Date | undefined): number {
  if (!lastServedAt) return 0;
  return -Math.max(1, Math.floor((lastServedAt.getTime() - Date.UTC(2026, 0, 1)) / 1000));
}
