import { describe, expect, it } from 'vitest';
import { budgetFrom } from './console-queries.ts';

const now = new Date('2026-11-27T12:00:00Z');
const base = {
  dayLimit: 5000,
  callsLastDay: 0,
  reportedRemaining: null,
  reportedAt: null,
  pausedUntil: null,
};

describe("today's Xero budget in the console", () => {
  it('counts calls of the last 24 hours against the day limit', () => {
    expect(budgetFrom({ ...base, callsLastDay: 120 }, 5000, now)).toEqual({
      used: 120,
      limit: 5000,
      left: 4880,
      pausedUntil: null,
    });
  });
  it("believes Xero's fresher, lower X-DayLimit-Remaining", () => {
    const reported = {
      ...base,
      callsLastDay: 10,
      reportedRemaining: 900,
      reportedAt: new Date(now.getTime() - 60_000),
    };
    expect(budgetFrom(reported, 5000, now).left).toBe(900);
    const stale = { ...reported, reportedAt: new Date(now.getTime() - 25 * 3_600_000) };
    expect(budgetFrom(stale, 5000, now).left).toBe(4990);
  });
  it('uses the configured limit before the tenant was ever called, and shows a pause', () => {
    const paused = new Date(now.getTime() + 30_000);
    expect(budgetFrom({ ...base, dayLimit: null, pausedUntil: paused }, 1000, now)).toEqual({
      used: 0,
      limit: 1000,
      left: 1000,
      pausedUntil: paused,
    });
  });
});
