import { fail, ok, type Result, retryAfter } from '@ledgerbridge/canonical';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { RateLimits, ResponseMeta } from './rate-limits.ts';
import { dayCallsLeft, dayWindowMs } from './rate-policy.ts';

export type RateBudget = ReturnType<typeof createRateBudget>;

type Decision = { kind: 'granted'; leaseId: string } | { kind: 'wait'; ms: number; reason: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One budget per tenant shared by every worker through the database. Acquiring takes the tenant's row
 * lock, so admissions are serial across processes: at most `concurrent` unexpired leases, and at most
 * `perMinute` calls in any sliding minute — which keeps every fixed minute Xero counts within its limit.
 */
export function createRateBudget(deps: {
  db: Db;
  limits: (tenantId: string) => Promise<RateLimits>;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());

  async function decide(tenantId: string, limits: RateLimits): Promise<Decision> {
    return deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('rate_budgets')
        .values({ tenant_id: tenantId, day_limit: limits.perDay })
        .onConflict((oc) => oc.column('tenant_id').doNothing())
        .execute();
      const row = await trx
        .selectFrom('rate_budgets')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const at = now();
      if (row.paused_until && new Date(row.paused_until) > at) {
        return {
          kind: 'wait',
          ms: new Date(row.paused_until).getTime() - at.getTime(),
          reason: row.pause_reason ?? 'paused by Xero',
        };
      }
      const leases = await trx
        .selectFrom('rate_leases')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('tenant_id', '=', tenantId)
        .where('expires_at', '>', at)
        .executeTakeFirstOrThrow();
      if (leases.n >= limits.concurrent) return { kind: 'wait', ms: 10, reason: 'calls in flight' };
      const windows = await windowWait(trx, tenantId, limits, row, at);
      if (windows) return windows;
      await trx.insertInto('rate_calls').values({ tenant_id: tenantId, at }).execute();
      const lease = await trx
        .insertInto('rate_leases')
        .values({ tenant_id: tenantId, expires_at: new Date(at.getTime() + limits.leaseMs) })
        .returning('id')
        .executeTakeFirstOrThrow();
      const dayMs = dayWindowMs(limits.minuteMs);
      const reportedFresh = row.reported_at && new Date(row.reported_at).getTime() > at.getTime() - dayMs;
      if (row.day_remaining_reported !== null && reportedFresh) {
        await trx
          .updateTable('rate_budgets')
          .set({ day_remaining_reported: row.day_remaining_reported - 1 })
          .where('tenant_id', '=', tenantId)
          .execute();
      }
      return { kind: 'granted', leaseId: lease.id };
    });
  }

  const budgetRow = (tenantId: string) =>
    deps.db.selectFrom('rate_budgets').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();

  return {
    /**
     * How long until a call could be admitted (0: now), without taking anything: a pause, the minute or
     * the day. Calls in flight are not counted; they free up in moments.
     */
    async admissionWaitMs(tenantId: string): Promise<number> {
      const limits = await deps.limits(tenantId);
      const at = now();
      const row = await budgetRow(tenantId);
      if (!row) return 0;
      if (row.paused_until && new Date(row.paused_until) > at)
        return new Date(row.paused_until).getTime() - at.getTime();
      return (await windowWait(deps.db, tenantId, limits, row, at))?.ms ?? 0;
    },

    /** Holds every call for the tenant until `ms` from now (backing off after a failure). */
    async pause(input: { tenantId: string; ms: number; reason: string }): Promise<void> {
      const until = new Date(now().getTime() + input.ms);
      await deps.db
        .updateTable('rate_budgets')
        .set({ paused_until: until, pause_reason: input.reason, updated_at: now() })
        .where('tenant_id', '=', input.tenantId)
        .execute();
    },

    /** Waits through short waits; a long one (daily limit, a 429 pause) comes back as retry-after. */
    async acquire(input: { tenantId: string }): Promise<Result<{ leaseId: string }>> {
      const limits = await deps.limits(input.tenantId);
      for (;;) {
        const decision = await decide(input.tenantId, limits);
        if (decision.kind === 'granted') return ok({ leaseId: decision.leaseId });
        if (decision.ms > limits.maxWaitMs) {
          return fail(
            retryAfter(
              `budget-${decision.reason.replaceAll(' ', '-')}`,
              `Xero budget: ${decision.reason}`,
              decision.ms,
            ),
          );
        }
        await sleep(decision.ms);
      }
    },

    /** Frees the in-flight slot and learns from what Xero said: remaining budget, or a 429 pause. */
    async release(input: { tenantId: string; leaseId: string; meta: ResponseMeta | null }): Promise<void> {
      const { meta } = input;
      await deps.db.deleteFrom('rate_leases').where('id', '=', input.leaseId).execute();
      if (!meta) return;
      const at = now();
      if (meta.status === 429) {
        const until = new Date(at.getTime() + (meta.retryAfterSeconds ?? 1) * 1000);
        await deps.db
          .updateTable('rate_budgets')
          .set({
            paused_until: until,
            pause_reason: `Xero said 429 (${meta.rateLimitProblem ?? 'limit'})`,
            updated_at: at,
          })
          .where('tenant_id', '=', input.tenantId)
          .execute();
      }
      if (meta.dayRemaining !== undefined) {
        await deps.db
          .updateTable('rate_budgets')
          .set({ day_remaining_reported: meta.dayRemaining, reported_at: at, updated_at: at })
          .where('tenant_id', '=', input.tenantId)
          .execute();
      }
    },

    async snapshot(tenantId: string) {
      const limits = await deps.limits(tenantId);
      const at = now();
      const row = await budgetRow(tenantId);
      const day = await deps.db
        .selectFrom('rate_calls')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('tenant_id', '=', tenantId)
        .where('at', '>', new Date(at.getTime() - dayWindowMs(limits.minuteMs)))
        .executeTakeFirstOrThrow();
      const minute = await deps.db
        .selectFrom('rate_calls')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('tenant_id', '=', tenantId)
        .where('at', '>', new Date(at.getTime() - limits.minuteMs))
        .executeTakeFirstOrThrow();
      return {
        dayLimit: limits.perDay,
        dayUsed: day.n,
        minuteLimit: limits.perMinute,
        minuteUsed: minute.n,
        pausedUntil: row?.paused_until ?? null,
        pauseReason: row?.pause_reason ?? null,
      };
    },
  };
}

type BudgetRow = {
  day_limit: number;
  day_remaining_reported: number | null;
  reported_at: Date | string | null;
};

/** The wait the minute and day windows impose now, or undefined when a call may go. */
async function windowWait(
  executor: Db | Transaction<DatabaseSchema>,
  tenantId: string,
  limits: RateLimits,
  row: BudgetRow,
  at: Date,
): Promise<{ kind: 'wait'; ms: number; reason: string } | undefined> {
  // Admission and arrival at Xero are apart by the network: the window is widened by that margin, so
  // no fixed minute Xero counts (by arrival) can hold more than the limit.
  const windowMs = limits.minuteMs + arrivalMargin(limits.minuteMs);
  const minute = await executor
    .selectFrom('rate_calls')
    .select([sql<number>`count(*)::int`.as('n'), sql<Date | null>`min(at)`.as('oldest')])
    .where('tenant_id', '=', tenantId)
    .where('at', '>', new Date(at.getTime() - windowMs))
    .executeTakeFirstOrThrow();
  if (minute.n >= limits.perMinute) {
    const oldest = minute.oldest ? new Date(minute.oldest).getTime() : at.getTime();
    return {
      kind: 'wait',
      ms: Math.max(1, oldest + limits.minuteMs - at.getTime() + 1),
      reason: 'minute limit',
    };
  }
  const dayMs = dayWindowMs(limits.minuteMs);
  const day = await executor
    .selectFrom('rate_calls')
    .select([sql<number>`count(*)::int`.as('n'), sql<Date | null>`min(at)`.as('oldest')])
    .where('tenant_id', '=', tenantId)
    .where('at', '>', new Date(at.getTime() - dayMs))
    .executeTakeFirstOrThrow();
  const dayLeft = dayCallsLeft(
    {
      dayLimit: row.day_limit,
      callsInWindow: day.n,
      reportedRemaining: row.day_remaining_reported,
      reportedAt: row.reported_at,
    },
    at,
    dayMs,
  );
  if (dayLeft <= 0) {
    const oldest = day.oldest ? new Date(day.oldest).getTime() : at.getTime();
    return { kind: 'wait', ms: Math.max(1000, oldest + dayMs - at.getTime()), reason: 'daily limit' };
  }
  return undefined;
}

/** How far apart admission and arrival may be: a second, plus 2% of a compressed minute. */
export function arrivalMargin(minuteMs: number): number {
  return 1_000 + Math.round(minuteMs * 0.02);
}
