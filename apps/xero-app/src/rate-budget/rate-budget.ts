import { randomUUID } from 'node:crypto';
import { fail, ok, type Result, retryAfter } from '@ledgerbridge/canonical';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { RateLimits, ResponseMeta } from './rate-limits.ts';
import {
  type AppMinuteState,
  appMinuteState,
  closeAppBlocks,
  countAppCall,
  forgetOldAppMinute,
  spendFromBlock,
  takeAppTurn,
} from './app-minute-repo.ts';
import {
  appBlockCalls,
  appBlockMs,
  appBlockRoom,
  appBucketMs,
  appTurnGraceMs,
  appTurnWaitMs,
  dayCallsLeft,
  dayWindowMs,
} from './rate-policy.ts';

export type RateBudget = ReturnType<typeof createRateBudget>;

type Decision = { kind: 'granted'; leaseId: string } | { kind: 'wait'; ms: number; reason: string };

/** Thrown inside the admission's transaction to undo it when the app's minute is full. */
class AppMinuteFull extends Error {
  readonly ms: number;
  constructor(ms: number) {
    super('app minute limit');
    this.ms = ms;
  }
}

/**
 * Thrown inside a tenant's admission to undo it when its process's block cannot spend for it: its time
 * is over, another process closed it (over for longer than a block lasts), or a tenant waiting in line
 * is ahead of this one.
 */
class BlockRefused extends Error {
  readonly why: 'ended' | 'closed' | 'line';
  constructor(why: 'ended' | 'closed' | 'line') {
    super('block refused');
    this.why = why;
  }
}

/** A block of the app's minute this process holds (docs/decisions/0115); `used` counts its spends. */
type HeldBlock = {
  readonly id: string;
  readonly size: number;
  used: number;
  readonly endsAtMs: number;
  readonly minuteMs: number;
};

/** Admits the tenant's call at the app's minute inside its admission (a block's spend or the lock). */
type AppAdmission = (trx: Transaction<DatabaseSchema>, at: Date) => Promise<void>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Calls of the app's minute a process takes at once for these limits (1: none, every call under the lock). */
const blockSize = (limits: RateLimits): number =>
  Math.max(1, Math.min(limits.appPerMinute, limits.appBlockCalls ?? appBlockCalls(limits.appPerMinute)));

const bucketOf =
  (minuteMs: number) =>
  (ms: number): Date => {
    const width = appBucketMs(minuteMs);
    return new Date(Math.floor(ms / width) * width);
  };

/**
 * One budget per tenant shared by every worker through the database. Acquiring takes the tenant's row
 * lock, so admissions are serial across processes: at most `concurrent` unexpired leases, and at most
 * `perMinute` calls in any sliding minute — which keeps every fixed minute Xero counts within its limit.
 * The app's minute is taken under one app-wide lock, by a block of calls at a time when the limit is
 * large (docs/decisions/0115): one budget per worker process, which spends its block without the lock.
 */
export function createRateBudget(deps: {
  db: Db;
  limits: (tenantId: string) => Promise<RateLimits>;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());

  // This process's block of the app's minute, the admission taking one (the others wait for it rather
  // than take their own), and when blocks over were last closed.
  let held: HeldBlock | undefined;
  let taking: Promise<void> | undefined;
  let reapedAtMs = Number.NEGATIVE_INFINITY;

  const usable = (atMs: number): HeldBlock | undefined =>
    held && held.used < held.size && atMs < held.endsAtMs ? held : undefined;

  /** Gives a block back: the calls spent from it are counted, its unspent ones go to every process. */
  const closeBlock = (block: HeldBlock, at: Date) =>
    closeAppBlocks(deps.db, { ids: [block.id], wait: true, at, bucketOf: bucketOf(block.minuteMs) });

  /** Gives this process's block back once spent or over. */
  async function retireBlock(at: Date): Promise<void> {
    const block = held;
    if (!block || (block.used < block.size && at.getTime() < block.endsAtMs)) return;
    held = undefined;
    await closeBlock(block, at);
  }

  /**
   * Closes the blocks over for longer than a block lasts (their process died or idles), at most once a
   * block's life: what a killed process held is back within two lives.
   */
  async function reapBlocks(limits: RateLimits, at: Date): Promise<void> {
    const lifeMs = appBlockMs(limits.minuteMs);
    if (at.getTime() - reapedAtMs < lifeMs) return;
    reapedAtMs = at.getTime();
    await closeAppBlocks(deps.db, {
      overBefore: new Date(at.getTime() - lifeMs),
      wait: false,
      at,
      bucketOf: bucketOf(limits.minuteMs),
    });
  }

  async function decide(tenantId: string, limits: RateLimits): Promise<Decision> {
    const size = blockSize(limits);
    // A block over while this admission spent from it: again, from the next block.
    for (let tries = 0; size > 1 && tries < 3; tries += 1) {
      await retireBlock(now());
      while (taking && !usable(now().getTime())) await taking;
      const block = usable(now().getTime());
      if (!block) break;
      const decision = await spendFromHeld(tenantId, limits, block);
      if (decision === 'line') break;
      if (decision !== 'ended' && decision !== 'closed') return decision;
    }
    return decideUnderLock(tenantId, limits, size);
  }

  /**
   * The tenant's admission with its app call spent from this process's block, without the app's lock;
   * when the block cannot serve it (over, or a tenant waiting for the app's minute is ahead), undone.
   */
  async function spendFromHeld(
    tenantId: string,
    limits: RateLimits,
    block: HeldBlock,
  ): Promise<Decision | BlockRefused['why']> {
    block.used += 1;
    const spend = { done: false };
    try {
      return await decideTenant(tenantId, limits, async (trx, at) => {
        if (at.getTime() >= block.endsAtMs) throw new BlockRefused('ended');
        const live = new Date(at.getTime() - appTurnGraceMs(limits.minuteMs));
        const result = await spendFromBlock(trx, { blockId: block.id, tenantId, at, live });
        if (!result.spent) throw new BlockRefused(result.open ? 'line' : 'closed');
        spend.done = true;
      });
    } catch (error) {
      if (!(error instanceof BlockRefused)) throw error;
      // Closed by another process: given up without closing it again. Ended: the next admission closes it.
      if (error.why === 'closed' && held === block) held = undefined;
      return error.why;
    } finally {
      // A spend whose commit failed stays counted here: the block may then spend one call fewer.
      if (!spend.done) block.used -= 1;
    }
  }

  /** The tenant's admission under the app's lock, taking a block for the process when it has none. */
  async function decideUnderLock(tenantId: string, limits: RateLimits, size: number): Promise<Decision> {
    const take = size > 1 && !taking && !usable(now().getTime());
    const taken: { done?: () => void } = {};
    if (take) taking = new Promise<void>((resolve) => (taken.done = resolve));
    try {
      if (size > 1) await reapBlocks(limits, now());
      const opened: { block?: HeldBlock } = {};
      const decision = await decideTenant(tenantId, limits, async (trx, at) => {
        await trx.insertInto('rate_calls').values({ tenant_id: tenantId, at }).execute();
        const block = await admitApp(trx, tenantId, limits, at, take ? size : 0);
        if (block) opened.block = block;
      });
      // Held only once committed: before that no spend would find its row.
      if (decision.kind === 'granted' && opened.block) {
        const previous = held;
        held = opened.block;
        if (previous) await closeBlock(previous, now());
      }
      return decision;
    } catch (error) {
      if (!(error instanceof AppMinuteFull)) throw error;
      // The admission was undone; the tenant's place in the line for the app's minute is kept.
      await takeAppTurn(deps.db, { tenantId, dueAt: new Date(now().getTime() + error.ms) });
      return { kind: 'wait', ms: error.ms, reason: 'app minute limit' };
    } finally {
      if (taken.done) {
        taking = undefined;
        taken.done();
      }
    }
  }

  async function decideTenant(
    tenantId: string,
    limits: RateLimits,
    admitAppCall: AppAdmission,
  ): Promise<Decision> {
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
      // Last, so the app-wide lock (or the block's row) is held only until the commit that follows.
      await admitAppCall(trx, at);
      return { kind: 'granted', leaseId: lease.id };
    });
  }

  const budgetRow = (tenantId: string) =>
    deps.db.selectFrom('rate_budgets').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();

  return {
    /**
     * How long until a call could be admitted (0: now), without taking a call: a pause, the minute, the
     * day, or the tenant's turn at the app's minute. Calls in flight are not counted; they free up in
     * moments. A tenant told to wait for the app's minute takes its place in the line then.
     */
    async admissionWaitMs(tenantId: string): Promise<number> {
      const limits = await deps.limits(tenantId);
      const at = now();
      const row = await budgetRow(tenantId);
      const app = async () => {
        const turn = await appTurnWait(deps.db, tenantId, limits, at);
        if (turn.ms === 0) return 0;
        // This process's block serves a tenant with no one waiting ahead of it.
        if (blockSize(limits) > 1 && turn.ahead === 0 && usable(at.getTime())) return 0;
        await takeAppTurn(deps.db, { tenantId, dueAt: new Date(at.getTime() + turn.ms) });
        return turn.ms;
      };
      if (!row) return app();
      if (row.paused_until && new Date(row.paused_until) > at)
        return new Date(row.paused_until).getTime() - at.getTime();
      const own = (await windowWait(deps.db, tenantId, limits, row, at))?.ms ?? 0;
      return own > 0 ? own : app();
    },

    /** Gives this process's block of the app's minute back (a worker shutting down). */
    async returnBlock(): Promise<void> {
      const block = held;
      if (!block) return;
      held = undefined;
      await closeBlock(block, now());
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

    /** Calls left in the tenant's day, as admission counts them (rate-policy.ts dayCallsLeft). */
    async dayLeft(tenantId: string): Promise<{ dayLimit: number; callsLeft: number; minuteMs: number }> {
      const limits = await deps.limits(tenantId);
      const at = now();
      const row = await budgetRow(tenantId);
      const dayMs = dayWindowMs(limits.minuteMs);
      const day = await deps.db
        .selectFrom('rate_calls')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('tenant_id', '=', tenantId)
        .where('at', '>', new Date(at.getTime() - dayMs))
        .executeTakeFirstOrThrow();
      const callsLeft = dayCallsLeft(
        {
          dayLimit: row?.day_limit ?? limits.perDay,
          callsInWindow: day.n,
          reportedRemaining: row?.day_remaining_reported ?? null,
          reportedAt: row?.reported_at ?? null,
        },
        at,
        dayMs,
      );
      return { dayLimit: row?.day_limit ?? limits.perDay, callsLeft, minuteMs: limits.minuteMs };
    },

    /** Keeps the forecast the flusher paced by, for the dashboard. */
    async recordForecast(tenantId: string, forecast: unknown): Promise<void> {
      await deps.db
        .updateTable('rate_budgets')
        .set({ forecast: JSON.stringify(forecast), forecast_at: now() })
        .where('tenant_id', '=', tenantId)
        .execute();
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
    // Until the oldest call leaves the window as counted here (margin included): measured against the
    // bare minute the wait came out at 1 ms while that call was still in the margin, so an acquire spun
    // (a transaction a millisecond) and a flush kept its slot through a wait of up to the margin.
    return {
      kind: 'wait',
      ms: Math.max(1, oldest + windowMs - at.getTime() + 1),
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

/**
 * How long the tenant waits for the app's minute: its turn, behind the tenants ahead of it in the line
 * (all of them when it has no place yet), so the minute goes round the tenants that wait for it.
 */
async function appTurnWait(
  executor: Db | Transaction<DatabaseSchema>,
  tenantId: string,
  limits: RateLimits,
  at: Date,
): Promise<{ ms: number; holdsPlace: boolean; ahead: number; buckets: AppMinuteState['buckets'] }> {
  const state = await appMinuteState(executor, {
    tenantId,
    since: new Date(at.getTime() - limits.minuteMs * 2),
    live: new Date(at.getTime() - appTurnGraceMs(limits.minuteMs)),
  });
  const ms = appTurnWaitMs({
    buckets: state.buckets,
    nowMs: at.getTime(),
    minuteMs: limits.minuteMs,
    limit: limits.appPerMinute,
    position: state.ahead,
  });
  return { ms, holdsPlace: state.holds, ahead: state.ahead, buckets: state.buckets };
}

/**
 * Xero's app-wide minute, shared by every tenant and worker: one advisory lock serialises the count and
 * the increment (held to the commit, which follows at once: the lock, one read, one write). Full, or not
 * yet the tenant's turn, it undoes the tenant's admission. Asked for a block (`want` calls), it opens one
 * with the room left once the tenants ahead in the line are set aside, counted whole until it closes.
 */
async function admitApp(
  trx: Transaction<DatabaseSchema>,
  tenantId: string,
  limits: RateLimits,
  at: Date,
  want: number,
): Promise<HeldBlock | undefined> {
  await sql`select pg_advisory_xact_lock(hashtext('xero-app-minute'))`.execute(trx);
  const turn = await appTurnWait(trx, tenantId, limits, at);
  if (turn.ms > 0) throw new AppMinuteFull(turn.ms);
  const size =
    want > 1
      ? appBlockRoom({
          buckets: turn.buckets,
          nowMs: at.getTime(),
          minuteMs: limits.minuteMs,
          limit: limits.appPerMinute,
          reserved: turn.ahead + 1,
          want,
        })
      : 0;
  const block: HeldBlock | undefined =
    size > 0
      ? {
          id: randomUUID(),
          size,
          used: 0,
          endsAtMs: at.getTime() + appBlockMs(limits.minuteMs),
          minuteMs: limits.minuteMs,
        }
      : undefined;
  const calls = await countAppCall(trx, {
    tenantId,
    bucket: bucketOf(limits.minuteMs)(at.getTime()),
    heldPlace: turn.holdsPlace,
    ...(block ? { block: { id: block.id, size: block.size, expiresAt: new Date(block.endsAtMs) } } : {}),
  });
  // A new bucket: the ones long past the window go, and the places of tenants that never came back.
  if (calls === 1) await forgetOldAppMinute(trx, new Date(at.getTime() - limits.minuteMs * 3));
  return block;
}

/** How far apart admission and arrival may be: a second, plus 2% of a compressed minute. */
export function arrivalMargin(minuteMs: number): number {
  return 1_000 + Math.round(minuteMs * 0.02);
}
