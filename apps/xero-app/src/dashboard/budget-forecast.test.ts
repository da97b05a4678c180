import { describe, expect, it } from 'vitest';
import { forecastDay, nextUtcMidnight } from './budget-forecast.ts';

const now = new Date('2026-12-05T18:00:00Z');

describe('forecastDay', () => {
  it('extrapolates the recent pace to the moment the budget is spent', () => {
    // 600 calls in the last hour, 1,200 left → spent in two hours, at 20:00, before midnight.
    const f = forecastDay({ used: 3800, limit: 5000, recentCalls: 600, recentMs: 3_600_000, now });
    expect(f).toEqual({
      left: 1200,
      perHour: 600,
      exhaustsAt: new Date('2026-12-05T20:00:00Z'),
      beforeDayEnds: true,
    });
  });

  it('says nothing runs out when the pace would last past midnight or nothing is spent', () => {
    expect(
      forecastDay({ used: 100, limit: 5000, recentCalls: 60, recentMs: 3_600_000, now }).beforeDayEnds,
    ).toBe(false);
    const idle = forecastDay({ used: 100, limit: 1000, recentCalls: 0, recentMs: 3_600_000, now });
    expect(idle.exhaustsAt).toBeNull();
    expect(idle.beforeDayEnds).toBe(false);
  });

  it('is spent now when nothing is left', () => {
    const spent = forecastDay({ used: 1000, limit: 1000, recentCalls: 0, recentMs: 1, now });
    expect(spent).toMatchObject({ left: 0, exhaustsAt: now, beforeDayEnds: true });
  });

  it('ends the day at the next UTC midnight', () => {
    expect(nextUtcMidnight(new Date('2026-12-31T23:59:59Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});
