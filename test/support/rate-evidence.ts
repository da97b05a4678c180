import type { RequestLogEntry, TenantRateStats, XeroSandbox } from '@ledgerbridge/xero-sandbox';

/** What the Xero sandbox itself saw of one tenant's calls: the evidence for "within Xero's limits". */
export type RateEvidence = {
  readonly calls: number;
  readonly admitted: number;
  /** 429s by X-Rate-Limit-Problem. */
  readonly rejected: TenantRateStats['rejected'];
  /** The sandbox limiter's own peak of admitted calls in flight. */
  readonly maxInFlight: number;
  /**
   * Peak of overlapping requests in the request log, refused ones included. The log also times the
   * sandbox's token check before admission, so this can read above the limiter's count: for the report.
   */
  readonly maxOverlap: number;
  /** Most calls admitted in one of Xero's fixed windows (opened by a tenant's first call), from the log. */
  readonly maxPerFixedWindow: number;
  /** Most calls admitted in any sliding window of the same length (stricter than Xero). */
  readonly maxPerSlidingWindow: number;
  readonly windowMs: number;
  readonly firstCallAt: number;
  readonly lastCallAt: number;
};

export async function readRateEvidence(
  xero: XeroSandbox,
  input: { tenantId: string; windowMs: number },
): Promise<RateEvidence> {
  const log = (await xero.admin.requests({ tenantId: input.tenantId, kind: 'accounting' })).sort(
    (a, b) => a.startedAt - b.startedAt || a.id - b.id,
  );
  const stats = (await xero.admin.stats()).find(
    (s) => s.tenantId.toLowerCase() === input.tenantId.toLowerCase(),
  );
  const admitted = log.filter((e) => e.status !== 429);
  return {
    calls: log.length,
    admitted: admitted.length,
    rejected: stats?.rejected ?? { minute: 0, day: 0, concurrent: 0, appminute: 0 },
    maxInFlight: stats?.maxInFlight ?? 0,
    maxOverlap: maxOverlap(log),
    maxPerFixedWindow: maxPerFixedWindow(admitted, input.windowMs),
    maxPerSlidingWindow: maxPerSlidingWindow(admitted, input.windowMs),
    windowMs: input.windowMs,
    firstCallAt: log[0]?.startedAt ?? 0,
    lastCallAt: log.at(-1)?.startedAt ?? 0,
  };
}

function maxOverlap(log: readonly RequestLogEntry[]): number {
  // At equal times an end is counted before a start: a call that begins as another ends does not overlap it.
  const events = log.flatMap((e) => [
    { at: e.startedAt, delta: 1 },
    { at: e.finishedAt ?? Number.POSITIVE_INFINITY, delta: -1 },
  ]);
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let current = 0;
  let peak = 0;
  for (const event of events) {
    current += event.delta;
    peak = Math.max(peak, current);
  }
  return peak;
}

function maxPerFixedWindow(admitted: readonly RequestLogEntry[], windowMs: number): number {
  let start = Number.NEGATIVE_INFINITY;
  let count = 0;
  let peak = 0;
  for (const entry of admitted) {
    if (entry.startedAt >= start + windowMs) {
      start = entry.startedAt;
      count = 0;
    }
    count += 1;
    peak = Math.max(peak, count);
  }
  return peak;
}

function maxPerSlidingWindow(admitted: readonly RequestLogEntry[], windowMs: number): number {
  let peak = 0;
  let first = 0;
  for (let last = 0; last < admitted.length; last += 1) {
    const end = admitted[last]?.startedAt ?? 0;
    while ((admitted[first]?.startedAt ?? end) <= end - windowMs) first += 1;
    peak = Math.max(peak, last - first + 1);
  }
  return peak;
}

/**
 * Calls that started while the tenant should have been paused by a 429: later than `graceMs` after the
 * 429 was answered (calls already holding a budget lease may still go out) and before the shortest
 * Retry-After Xero sends (1 s) ran out. Each is a call the app admitted during a pause.
 */
export async function callsDuringPauses(
  xero: XeroSandbox,
  input: { tenantId: string; graceMs: number; pauseMs: number },
): Promise<string[]> {
  const log = await xero.admin.requests({ tenantId: input.tenantId, kind: 'accounting' });
  const refusals = log.filter((e) => e.status === 429 && e.finishedAt !== undefined);
  const offenders: string[] = [];
  for (const refusal of refusals) {
    const from = (refusal.finishedAt ?? 0) + input.graceMs;
    const to = (refusal.finishedAt ?? 0) + input.pauseMs;
    for (const entry of log) {
      if (entry.startedAt >= from && entry.startedAt < to) {
        offenders.push(
          `${entry.method} ${entry.path} started ${entry.startedAt - (refusal.finishedAt ?? 0)} ms after a 429 (${refusal.rateLimitProblem ?? '?'})`,
        );
      }
    }
  }
  return [...new Set(offenders)];
}

/** The tenant's calls as lines (ms since `since`, method, path, status, fault, replay), for the fault reports. */
export async function callTimeline(
  xero: XeroSandbox,
  input: { tenantId: string; since: number },
): Promise<string[]> {
  const log = await xero.admin.requests({ tenantId: input.tenantId, kind: 'accounting' });
  return log.map((e) =>
    [
      e.startedAt - input.since,
      e.method,
      e.path.replace('/api.xro/2.0', ''),
      e.status ?? '-',
      e.durationMs === undefined ? '' : `${e.durationMs}ms`,
      e.rateLimitProblem ?? '',
      e.fault ? `fault:${e.fault}` : '',
      e.replayed ? 'replayed' : '',
      e.idempotencyKey ?? '',
    ]
      .filter((part) => part !== '')
      .join(' '),
  );
}
