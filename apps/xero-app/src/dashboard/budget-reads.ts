import { type Kysely, sql } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import { budgetFrom } from '../console/console-queries.ts';
import { dayWindowMs } from '../rate-budget/rate-policy.ts';
import { tenantLimitsReader } from '../rate-budget/tenant-limits.ts';
import { type DayForecast, forecastDay } from './budget-forecast.ts';

type Db = Kysely<DatabaseSchema>;

export type TenantBudget = {
  readonly tenantId: string;
  readonly minuteUsed: number;
  readonly minuteLimit: number;
  readonly dayUsed: number;
  readonly dayLimit: number;
  readonly pausedUntil: Date | null;
  readonly pauseReason: string | null;
  readonly forecast: DayForecast;
};

/**
 * The dashboard's one read of the Xero budget of each organisation: calls in the last (possibly
 * compressed) minute and day as the rate budget counts them (rate_calls), its pause, and the forecast at
 * the pace of the last hour. The backfill paces itself from the same figures.
 */
export async function readTenantBudgets(
  db: Db,
  input: { tenantIds: readonly string[]; defaultDayLimit: number; minuteMs: number; now: Date },
): Promise<Map<string, TenantBudget>> {
  if (input.tenantIds.length === 0) return new Map();
  const at = input.now.getTime();
  const hourMs = input.minuteMs * 60;
  const dayMs = dayWindowMs(input.minuteMs);
  const ids = [...input.tenantIds];
  const [rows, counts] = await Promise.all([
    db.selectFrom('rate_budgets').selectAll().where('tenant_id', 'in', ids).execute(),
    db
      .selectFrom('rate_calls')
      .select([
        'tenant_id',
        sql<number>`count(*) filter (where at > ${new Date(at - input.minuteMs)})::int`.as('minute'),
        sql<number>`count(*) filter (where at > ${new Date(at - hourMs)})::int`.as('hour'),
        sql<number>`count(*)::int`.as('day'),
      ])
      .where('tenant_id', 'in', ids)
      .where('at', '>', new Date(at - dayMs))
      .groupBy('tenant_id')
      .execute(),
  ]);
  const byTenant = new Map(rows.map((r) => [r.tenant_id, r]));
  const called = new Map(counts.map((c) => [c.tenant_id, c]));
  return new Map(
    ids.map((tenantId) => {
      const row = byTenant.get(tenantId);
      const c = called.get(tenantId);
      const day = budgetFrom(
        {
          dayLimit: row?.day_limit ?? null,
          callsLastDay: Number(c?.day ?? 0),
          reportedRemaining: row?.day_remaining_reported ?? null,
          reportedAt: row?.reported_at ?? null,
          pausedUntil: row?.paused_until ?? null,
        },
        input.defaultDayLimit,
        input.now,
        dayMs,
      );
      const forecast = forecastDay({
        used: day.used,
        limit: day.limit,
        recentCalls: Number(c?.hour ?? 0),
        recentMs: hourMs,
        now: input.now,
        hourMs,
        ...(input.minuteMs === 60_000 ? {} : { dayEndsAt: new Date(at + dayMs) }),
      });
      return [
        tenantId,
        {
          tenantId,
          minuteUsed: Number(c?.minute ?? 0),
          minuteLimit: 60,
          dayUsed: day.used,
          dayLimit: day.limit,
          pausedUntil: row?.paused_until ? new Date(row.paused_until) : null,
          pauseReason: row?.pause_reason ?? null,
          forecast,
        },
      ] as const;
    }),
  );
}

/** The org's daily call limit, as the rate policy gives it (1,000 on Xero's Starter tier). */
export async function dayLimitOf(db: Db, input: { tenantId: string; configured: number }): Promise<number> {
  return (
    await tenantLimitsReader(db, { configuredDayLimit: input.configured, minuteMs: 60_000 })(input.tenantId)
  ).perDay;
}
