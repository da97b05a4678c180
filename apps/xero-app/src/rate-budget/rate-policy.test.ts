import { describe, expect, it } from 'vitest';
import { dayCallsLeft, dayWindowMs, flushBackoffMs, limitsFor, minuteScarce } from './rate-policy.ts';

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
