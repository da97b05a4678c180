import { describe, expect, it } from 'vitest';
import { bannersFrom } from './banners.ts';
import type { TenantBudget } from './budget-reads.ts';

const now = new Date('2026-12-05T18:00:00Z');
const budget = (over: Partial<TenantBudget> = {}): TenantBudget => ({
  tenantId: 't',
  minuteUsed: 0,
  minuteLimit: 60,
  dayUsed: 0,
  dayLimit: 5000,
  pausedUntil: null,
  pauseReason: null,
  forecast: { left: 5000, perHour: 0, exhaustsAt: null, beforeDayEnds: false },
  ...over,
});
const quiet = { pending: 0, oldestAt: null };

describe('bannersFrom', () => {
  it('shows none when all is well', () => {
    expect(
      bannersFrom({
        now,
        organisations: [{ tenantName: 'A', status: 'active', budget: budget() }],
        backlog: quiet,
      }),
    ).toEqual([]);
  });

  it('says Xero is failing while the flusher backs off, and a little after', () => {
    const failing = budget({
      pausedUntil: new Date(now.getTime() - 30_000),
      pauseReason: 'Xero failed (503); trying again',
    });
    const kinds = bannersFrom({
      now,
      organisations: [{ tenantName: 'A', status: 'active', budget: failing }],
      backlog: quiet,
    }).map((b) => b.kind);
    expect(kinds).toEqual(['xero-failing']);
    const rateLimited = budget({
      pausedUntil: new Date(now.getTime() + 30_000),
      pauseReason: 'minute limit',
    });
    expect(
      bannersFrom({
        now,
        organisations: [{ tenantName: 'A', status: 'active', budget: rateLimited }],
        backlog: quiet,
      }),
    ).toEqual([]);
    const long = budget({ pausedUntil: new Date(now.getTime() - 120_000), pauseReason: 'Xero failed (503)' });
    expect(
      bannersFrom({
        now,
        organisations: [{ tenantName: 'A', status: 'active', budget: long }],
        backlog: quiet,
      }),
    ).toEqual([]);
  });

  it('asks for a reconnect, warns of a growing queue and of a budget spent before midnight', () => {
    const spending = budget({
      forecast: {
        left: 200,
        perHour: 400,
        exhaustsAt: new Date('2026-12-05T18:30:00Z'),
        beforeDayEnds: true,
      },
    });
    const banners = bannersFrom({
      now,
      organisations: [
        { tenantName: 'A', status: 'needs-reconnect', budget: undefined },
        { tenantName: 'B', status: 'active', budget: spending },
      ],
      backlog: { pending: 40, oldestAt: new Date(now.getTime() - 10 * 60_000) },
    });
    expect(banners.map((b) => b.kind)).toEqual(['needs-reconnect', 'queue-growing', 'budget-exhausting']);
    expect(banners[2]?.message).toContain('18:30 UTC (200 left, 400 an hour)');
    expect(banners[1]?.message).toContain('40 Xero documents are waiting; the oldest since 17:50 UTC');
  });

  it('does not call a young backlog growing', () => {
    expect(
      bannersFrom({
        now,
        organisations: [],
        backlog: { pending: 500, oldestAt: new Date(now.getTime() - 60_000) },
      }),
    ).toEqual([]);
  });
});
