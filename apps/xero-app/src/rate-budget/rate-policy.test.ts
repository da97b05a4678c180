import { describe, expect, it } from 'vitest';
import {
  appBlockCalls,
  appBlockMs,
  appBlockRoom,
  appBucketMs,
  appMinuteWaitMs,
  appTurnWaitMs,
  dayCallsLeft,
  dayWindowMs,
  flushBackoffMs,
  flushPriority,
  flushTurnLeadMs,
  limitsFor,
  minuteScarce,
  paceDay,
} from './rate-policy.ts';

const now = new Date('2026-12-05T10:00:00Z');

describe('rate policy', () => {
  it.each([
    { starterTier: false, configured: 5000, perDay: 5000 },
    { starterTier: true, configured: 5000, perDay: 1000 },
    { starterTier: true, configured: 400, perDay: 400 },
  ])('a tenant on starter=$starterTier with $configured configured gets $perDay a day', (row) => {
    const limits = limitsFor({
      configuredDayLimit: row.configured,
      starterTier: row.starterTier,
      minuteMs: 60_000,
    });
    expect(limits).toMatchObject({ perDay: row.perDay, perMinute: 60, concurrent: 5, minuteMs: 60_000 });
  });

  it('lets a benchmark override a limit and compress the minute', () => {
    const limits = limitsFor({
      configuredDayLimit: 5000,
      starterTier: false,
      minuteMs: 20_000,
      overrides: { perMinute: 10 },
    });
    expect(limits).toMatchObject({ perMinute: 10, minuteMs: 20_000 });
    expect(dayWindowMs(20_000)).toBe(20_000 * 1440);
  });

  it.each([
    { used: 44, limit: 60, scarce: false },
    { used: 45, limit: 60, scarce: true },
    { used: 60, limit: 60, scarce: true },
  ])('$used of $limit calls this minute: scarce=$scarce', ({ used, limit, scarce }) => {
    expect(minuteScarce({ minuteUsed: used, minuteLimit: limit })).toBe(scarce);
  });

  it('backs off exponentially to a minute, jittered by a quarter either way', () => {
    expect(flushBackoffMs(1, () => 0.5)).toBe(2_000);
    expect(flushBackoffMs(3, () => 0.5)).toBe(8_000);
    expect(flushBackoffMs(20, () => 0.5)).toBe(60_000);
    expect(flushBackoffMs(1, () => 0)).toBe(1_500);
    expect(flushBackoffMs(1, () => 1)).toBe(2_500);
  });

  it("counts the day's calls left, believing Xero's fresher, lower report", () => {
    const dayMs = dayWindowMs(60_000);
    const base = { dayLimit: 5000, callsInWindow: 120, reportedRemaining: null, reportedAt: null };
    expect(dayCallsLeft(base, now, dayMs)).toBe(4880);
    const reported = { ...base, reportedRemaining: 900, reportedAt: new Date(now.getTime() - 60_000) };
    expect(dayCallsLeft(reported, now, dayMs)).toBe(900);
    const stale = { ...reported, reportedAt: new Date(now.getTime() - dayMs - 1) };
    expect(dayCallsLeft(stale, now, dayMs)).toBe(4880);
    expect(dayCallsLeft({ ...base, callsInWindow: 6000 }, now, dayMs)).toBe(0);
  });

  it('counts the day on the compressed clock the same way admission does', () => {
    const dayMs = dayWindowMs(1_000);
    const reported = {
      dayLimit: 5000,
      callsInWindow: 0,
      reportedRemaining: 10,
      reportedAt: new Date(now.getTime() - dayMs - 1),
    };
    expect(dayCallsLeft(reported, now, dayMs)).toBe(5000);
  });
});

describe('pacing the day', () => {
  const base = { dayLimit: 5000, callsLeft: 5000, minuteMs: 60_000, baseMs: 1_000, ceilingMs: 60_000 };
  it('sends at once when the day has room for a call per operation', () => {
    const forecast = paceDay({ ...base, arrivalsPerMinute: { invoice: 0.5, payment: 0.5 } });
    expect(forecast.fillWaitMs).toBe(1_000);
    expect(forecast.exhausts).toBe(false);
  });

  it('an order every 4 s (invoice, payment, contact each 15 a minute) waits to fill batches, and the day lasts', () => {
    const forecast = paceDay({ ...base, arrivalsPerMinute: { contact: 15, invoice: 15, payment: 15 } });
    expect(forecast.fillWaitMs).toBeGreaterThan(30_000);
    expect(forecast.fillWaitMs).toBeLessThanOrEqual(60_000);
    expect(forecast.projectedCallsPerDay).toBeLessThanOrEqual(4500);
    expect(forecast.exhausts).toBe(false);
  });

  it('says when the day runs out if even the ceiling cannot save it', () => {
    const forecast = paceDay({ ...base, callsLeft: 300, arrivalsPerMinute: { invoice: 15, payment: 15 } });
    expect(forecast.fillWaitMs).toBe(60_000);
    expect(forecast.exhausts).toBe(true);
    expect(forecast.runsOutInMs).toBe(Math.round((300 / 2) * 60_000));
  });

  it('does not wait past the point where every batch is full: a backlog is sent as it comes', () => {
    const forecast = paceDay({ ...base, arrivalsPerMinute: { invoice: 3000, payment: 3000 } });
    expect(forecast.fillWaitMs).toBeLessThanOrEqual(1_000 * 2 ** 10);
    expect(forecast.fillWaitMs * 3000).toBeLessThanOrEqual(2 * 50 * 60_000);
    expect(forecast.exhausts).toBe(true);
  });

  it('scales with a compressed minute', () => {
    const forecast = paceDay({
      ...base,
      minuteMs: 6_000,
      baseMs: 100,
      ceilingMs: 6_000,
      arrivalsPerMinute: { contact: 15, invoice: 15, payment: 15 },
    });
    expect(forecast.fillWaitMs).toBeGreaterThan(3_000);
    expect(forecast.fillWaitMs).toBeLessThanOrEqual(6_000);
  });

  it('holds what follows the invoice first, up to its own ceiling, before the invoice path waits', () => {
    const forecast = paceDay({
      ...base,
      arrivalsPerMinute: { contact: 2, invoice: 15, payment: 10, 'credit-note': 2 },
      followOnKinds: ['payment', 'credit-note'],
      followOnCeilingMs: 600_000,
    });
    // Payments fill a batch of 50 in five minutes: held that long, they cost a call every five minutes.
    expect(forecast.followOnWaitMs).toBeGreaterThan(60_000);
    expect(forecast.followOnWaitMs).toBeLessThanOrEqual(600_000);
    expect(forecast.fillWaitMs).toBeLessThanOrEqual(60_000);
    expect(forecast.projectedCallsPerDay).toBeLessThanOrEqual(4500);
    expect(forecast.exhausts).toBe(false);
  });

  it('a day with room holds nothing, follow-on kinds included', () => {
    const forecast = paceDay({
      ...base,
      arrivalsPerMinute: { invoice: 0.5, payment: 0.5 },
      followOnKinds: ['payment'],
      followOnCeilingMs: 600_000,
    });
    expect(forecast.fillWaitMs).toBe(1_000);
    expect(forecast.followOnWaitMs).toBe(1_000);
  });

  it('counts reserved calls (single documents, polls) into the day', () => {
    const fixed = { ...base, ceilingMs: 1_000, arrivalsPerMinute: { invoice: 15 } };
    const reserved = paceDay({ ...fixed, reservedPerMinute: 2 });
    expect(reserved.projectedCallsPerDay - paceDay(fixed).projectedCallsPerDay).toBe(2 * 1440);
    // With room to wait, the reserved calls make the batches wait longer.
    const free = { ...base, callsLeft: 3000, arrivalsPerMinute: { invoice: 15 } };
    expect(paceDay({ ...free, reservedPerMinute: 1 }).fillWaitMs).toBeGreaterThan(paceDay(free).fillWaitMs);
  });

  describe("the app's minute (every tenant's calls together)", () => {
    // A 60 s minute: buckets of 600 ms, a 1.2 s arrival margin, so the window reaches back 61.8 s.
    const minuteMs = 60_000;
    const at = 1_000_000;
    it.each([
      { name: 'admits below the limit', buckets: [[at - 30_000, 9]], limit: 10, wait: 0 },
      {
        name: 'waits for the oldest bucket to leave when full',
        buckets: [
          [at - 50_000, 4],
          [at - 10_000, 6],
        ],
        limit: 10,
        wait: 11_801,
      },
      {
        name: 'waits for as many old buckets as the limit needs',
        buckets: [
          [at - 50_000, 2],
          [at - 40_000, 2],
          [at - 10_000, 8],
        ],
        limit: 10,
        wait: 21_801,
      },
      { name: 'forgets buckets past the window', buckets: [[at - 62_000, 50]], limit: 10, wait: 0 },
      { name: 'counts a bucket just inside the window', buckets: [[at - 61_700, 10]], limit: 10, wait: 101 },
    ])('$name', (row) => {
      const buckets = row.buckets.map(([startMs, calls]) => ({ startMs: startMs ?? 0, calls: calls ?? 0 }));
      expect(appMinuteWaitMs({ buckets, nowMs: at, minuteMs, limit: row.limit })).toBe(row.wait);
    });

    it('never admits more than the limit in any minute, whatever the rhythm of the calls', () => {
      const limit = 30;
      const bucketMs = 600;
      const admitted: number[] = [];
      const counts = new Map<number, number>();
      // Calls asked for every 150 ms for five minutes; each admitted one counts in its bucket.
      for (let t = 0; t < 300_000; t += 150) {
        const buckets = [...counts.entries()]
          .sort(([a], [b]) => a - b)
          .map(([startMs, calls]) => ({ startMs, calls }));
        if (appMinuteWaitMs({ buckets, nowMs: t, minuteMs, limit }) > 0) continue;
        admitted.push(t);
        const bucket = Math.floor(t / bucketMs) * bucketMs;
        counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
      }
      for (const start of admitted) {
        const inMinute = admitted.filter((t) => t >= start && t < start + minuteMs).length;
        expect(inMinute).toBeLessThanOrEqual(limit);
      }
      // And the minute is used: at least 95 % of the limit a minute over the five minutes.
      expect(admitted.length).toBeGreaterThanOrEqual(limit * 5 * 0.95);
    });
  });

  describe("turns at the app's minute (tenants waiting in line)", () => {
    const minuteMs = 60_000;
    const at = 1_000_000;
    const full = [
      { startMs: at - 50_000, calls: 4 },
      { startMs: at - 10_000, calls: 6 },
    ];
    // A limit of 10: at most 2 calls (15 %) in any tenth of the 61.8 s window (6,180 ms).
    it.each([
      { position: 0, wait: 11_801 },
      { position: 1, wait: 11_801 },
      // Four calls leave together, but two at once is all a tenth of the window takes: the next two a
      // tenth after (counted from their bucket, 11.6 s in).
      { position: 2, wait: 11_600 + 6_181 },
      { position: 3, wait: 11_600 + 6_181 },
      { position: 4, wait: 51_801 },
      // Past the calls counted now: a window after the first in line's own call (counted from its bucket).
      { position: 10, wait: 11_600 + 61_801 },
    ])('the tenant $position places back waits $wait ms', ({ position, wait }) => {
      expect(appTurnWaitMs({ buckets: full, nowMs: at, minuteMs, limit: 10, position })).toBe(wait);
    });

    it('admits at once as many in line as the minute and its spread have room for', () => {
      const buckets = [{ startMs: at - 30_000, calls: 7 }];
      expect(appTurnWaitMs({ buckets, nowMs: at, minuteMs, limit: 10, position: 1 })).toBe(0);
      // Two went now (counted from their bucket, 400 ms ago): the third a tenth of the window later.
      expect(appTurnWaitMs({ buckets, nowMs: at, minuteMs, limit: 10, position: 2 })).toBe(6_181 - 400);
      // The fourth finds the window full (7 + 3): the old calls must leave first.
      expect(appTurnWaitMs({ buckets, nowMs: at, minuteMs, limit: 10, position: 3 })).toBe(30_000 + 1_801);
    });

    it('spreads a burst: an empty minute takes 15 % of its limit at once, the rest a tenth apart', () => {
      const waits = Array.from({ length: 30 }, (_, position) =>
        appTurnWaitMs({ buckets: [], nowMs: at, minuteMs, limit: 20, position }),
      );
      expect(waits.filter((w) => w === 0)).toHaveLength(3);
      expect(waits.filter((w) => w === waits[3])).toHaveLength(3);
      expect(waits[3]).toBe(6_181 - 400);
      expect(new Set(waits).size).toBeGreaterThanOrEqual(10);
    });

    it('gives each in line its own moment, each admitted then and no minute over the limit', () => {
      const limit = 30;
      const bucketMs = appBucketMs(minuteMs);
      const counts = new Map<number, number>();
      const count = (t: number) => {
        const bucket = Math.floor(t / bucketMs) * bucketMs;
        counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
      };
      const bucketsNow = () =>
        [...counts.entries()].sort(([a], [b]) => a - b).map(([startMs, calls]) => ({ startMs, calls }));
      // The minute was filled over the last 40 s; 100 tenants then wait in line.
      for (let i = 0; i < limit; i += 1) count(at - 40_000 + i * 1_000);
      const plan = Array.from(
        { length: 100 },
        (_, position) => at + appTurnWaitMs({ buckets: bucketsNow(), nowMs: at, minuteMs, limit, position }),
      );
      const admitted: number[] = [];
      for (const [i, t] of plan.entries()) {
        const previous = plan[i - 1] ?? 0;
        expect(t).toBeGreaterThanOrEqual(previous);
        // Each comes at its moment and is first in line then: admitted, and not a moment sooner.
        expect(appMinuteWaitMs({ buckets: bucketsNow(), nowMs: t, minuteMs, limit })).toBe(0);
        if (t > previous + 2)
          expect(appMinuteWaitMs({ buckets: bucketsNow(), nowMs: t - 2, minuteMs, limit })).toBeGreaterThan(
            0,
          );
        count(t);
        admitted.push(t);
      }
      for (const start of admitted) {
        const inMinute = admitted.filter((t) => t >= start && t < start + minuteMs).length;
        expect(inMinute).toBeLessThanOrEqual(limit);
      }
      // Spread: many moments, never more than 15 % of the limit at one.
      expect(new Set(plan).size).toBeGreaterThan(30);
      const together = Math.max(...[...new Set(plan)].map((t) => plan.filter((u) => u === t).length));
      expect(together).toBeLessThanOrEqual(Math.ceil(limit * 0.15));
    });
  });

  describe("blocks of the app's minute (a process's calls taken at once)", () => {
    const minuteMs = 60_000;
    const at = 1_000_000;

    it('takes half a percent of the minute at once, and none below 400 a minute; a block lasts a 60th', () => {
      expect(appBlockCalls(10_000)).toBe(50);
      expect(appBlockCalls(400)).toBe(2);
      expect(appBlockCalls(399)).toBe(1);
      expect(appBlockCalls(60)).toBe(1);
      expect(appBlockMs(60_000)).toBe(1_000);
      expect(appBlockMs(1_200)).toBe(50);
    });

    it.each([
      { name: 'an empty minute gives what is asked', buckets: [], reserved: 1, want: 50, room: 50 },
      {
        name: 'what the window has left, once the tenant and those ahead of it are set aside',
        buckets: [[at - 30_000, 9_950]],
        reserved: 3,
        want: 50,
        room: 47,
      },
      { name: 'nothing from a full window', buckets: [[at - 30_000, 9_999]], reserved: 1, want: 50, room: 0 },
      {
        name: 'an open block counts whole at its end',
        buckets: [
          [at - 30_000, 9_900],
          [at + 900, 50],
        ],
        reserved: 1,
        want: 50,
        room: 49,
      },
      {
        name: 'no more than the spread allows in the latest tenth of the window',
        buckets: [[at - 1_000, 1_480]],
        reserved: 1,
        want: 50,
        room: 19,
      },
      {
        name: 'calls past the window do not count',
        buckets: [[at - 62_000, 10_000]],
        reserved: 1,
        want: 50,
        room: 50,
      },
    ])('$name', (row) => {
      const buckets = row.buckets.map(([startMs, calls]) => ({ startMs: startMs ?? 0, calls: calls ?? 0 }));
      expect(
        appBlockRoom({ buckets, nowMs: at, minuteMs, limit: 10_000, reserved: row.reserved, want: row.want }),
      ).toBe(row.room);
    });

    it('never lets the processes spending blocks exceed the limit in any minute, and uses the minute', () => {
      // Three processes; each takes a block under the lock (its call counted in its bucket, the block
      // whole at its end), spends it at random moments until spent or over, then closes it: the calls
      // spent are counted in the bucket of the close (or the end), the rest given back.
      const limit = 600;
      const want = 20;
      const lifeMs = appBlockMs(minuteMs);
      const bucketMs = appBucketMs(minuteMs);
      const counts = new Map<number, number>();
      const count = (t: number, n: number) => {
        const bucket = Math.floor(t / bucketMs) * bucketMs;
        counts.set(bucket, (counts.get(bucket) ?? 0) + n);
      };
      type Block = { size: number; spent: number; endMs: number };
      const blocks: Array<Block | undefined> = [undefined, undefined, undefined];
      const bucketsNow = () =>
        [
          ...[...counts.entries()].map(([startMs, calls]) => ({ startMs, calls })),
          ...blocks.flatMap((b) => (b ? [{ startMs: b.endMs, calls: b.size }] : [])),
        ].sort((a, b) => a.startMs - b.startMs);
      let seed = 7;
      const random = () => {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        return seed / 2_147_483_648;
      };
      const calls: number[] = [];
      for (let t = 0; t < 300_000; t += 25) {
        for (const [p, block] of blocks.entries()) {
          if (block && (block.spent === block.size || t >= block.endMs)) {
            blocks[p] = undefined;
            if (block.spent > 0) count(Math.min(t, block.endMs), block.spent);
          }
          const open = blocks[p];
          if (!open) {
            if (appMinuteWaitMs({ buckets: bucketsNow(), nowMs: t, minuteMs, limit }) > 0) continue;
            const size = appBlockRoom({
              buckets: bucketsNow(),
              nowMs: t,
              minuteMs,
              limit,
              reserved: 1,
              want,
            });
            count(t, 1);
            calls.push(t);
            if (size > 0) blocks[p] = { size, spent: 0, endMs: t + lifeMs };
            continue;
          }
          // Demand above the limit: up to three calls a step per process.
          const n = Math.min(open.size - open.spent, Math.floor(random() * 4));
          for (let i = 0; i < n; i += 1) calls.push(t);
          open.spent += n;
        }
      }
      calls.sort((a, b) => a - b);
      let first = 0;
      for (const [last, t] of calls.entries()) {
        while ((calls[first] ?? 0) <= t - minuteMs) first += 1;
        expect(last - first + 1).toBeLessThanOrEqual(limit);
      }
      expect(calls.length).toBeGreaterThanOrEqual(limit * 5 * 0.95);
    });
  });

  it.each([
    { minuteMs: 60_000, lead: 500 },
    { minuteMs: 10_000, lead: 500 },
    { minuteMs: 2_000, lead: 100 },
  ])('wakes a waiting flush $lead ms before its turn on a $minuteMs ms minute', ({ minuteMs, lead }) => {
    expect(flushTurnLeadMs(minuteMs)).toBe(lead);
  });

  it('serves the tenant served least recently first, and one never served before all', () => {
    const earlier = flushPriority(new Date('2026-12-05T10:00:00Z'));
    const later = flushPriority(new Date('2026-12-05T10:00:05Z'));
    expect(flushPriority(undefined)).toBe(0);
    expect(earlier).toBeLessThan(0);
    expect(earlier).toBeGreaterThan(later);
    // An integer the queue's column holds, for decades.
    expect(Number.isInteger(flushPriority(new Date('2060-01-01T00:00:00Z')))).toBe(true);
    expect(flushPriority(new Date('2060-01-01T00:00:00Z'))).toBeGreaterThan(-(2 ** 31));
  });
});
