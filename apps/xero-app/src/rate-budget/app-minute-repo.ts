import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { DatabaseSchema } from '../db/schema.ts';

// The app's minute in the database: its calls in buckets (xero_app_calls) and the line of tenants
// waiting for it (xero_app_turns). Admission reads and writes them under one advisory lock, so each
// does so in one statement: the lock is held for as few round trips as can be.

type Executor = Db | Transaction<DatabaseSchema>;

export type AppMinuteState = {
  /** The app's buckets since `since`, oldest first. */
  readonly buckets: ReadonlyArray<{ readonly startMs: number; readonly calls: number }>;
  /** Whether the tenant holds a place in the line. */
  readonly holds: boolean;
  /** Tenants ahead of it (every live place when it holds none). */
  readonly ahead: number;
};

/**
 * The app's recent calls and the tenant's place in the line, in one query. A place whose moment passed
 * before `live` no longer holds the minute for its tenant, but keeps its order for when it comes.
 */
export async function appMinuteState(
  executor: Executor,
  input: { tenantId: string; since: Date; live: Date },
): Promise<AppMinuteState> {
  const { rows } = await sql<{
    bucket: Date | string | null;
    calls: number | null;
    holds: boolean;
    ahead: number;
  }>`
    with mine as (select ticket from xero_app_turns where tenant_id = ${input.tenantId}),
    turn as (
      select exists (select 1 from mine) as holds,
        (select count(*)::int from xero_app_turns o
          where o.tenant_id <> ${input.tenantId} and o.due_at > ${input.live}
            and (not exists (select 1 from mine) or o.ticket < (select ticket from mine))) as ahead)
    select b.bucket, b.calls, turn.holds, turn.ahead
    from turn left join xero_app_calls b on b.bucket > ${input.since}
    order by b.bucket`.execute(executor);
  const first = rows[0];
  return {
    buckets: rows.flatMap((r) =>
      r.bucket === null || r.calls === null
        ? []
        : [{ startMs: new Date(r.bucket).getTime(), calls: r.calls }],
    ),
    holds: first?.holds ?? false,
    ahead: first?.ahead ?? 0,
  };
}

/**
 * Counts an admitted call in its bucket and, when the tenant held a place, gives the place up: one
 * statement. Answers the bucket's count (1: a new bucket).
 */
export async function countAppCall(
  trx: Transaction<DatabaseSchema>,
  input: { tenantId: string; bucket: Date; heldPlace: boolean },
): Promise<number> {
  const leave = input.heldPlace
    ? sql`delete from xero_app_turns where tenant_id = ${input.tenantId}`
    : sql`select 1`;
  const { rows } = await sql<{ calls: number }>`
    with leaving as (${leave})
    insert into xero_app_calls (bucket, calls) values (${input.bucket}, 1)
    on conflict (bucket) do update set calls = xero_app_calls.calls + 1
    returning calls`.execute(trx);
  return rows[0]?.calls ?? 1;
}

/** Joins the line at its end (or keeps the place it has), expected back at `dueAt`. */
export async function takeAppTurn(
  executor: Executor,
  input: { tenantId: string; dueAt: Date },
): Promise<void> {
  await executor
    .insertInto('xero_app_turns')
    .values({ tenant_id: input.tenantId, due_at: input.dueAt })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ due_at: input.dueAt }))
    .execute();
}

/** Forgets buckets long past the window and places of tenants that never came back. */
export async function forgetOldAppMinute(executor: Executor, before: Date): Promise<void> {
  await executor.deleteFrom('xero_app_calls').where('bucket', '<', before).execute();
  await executor.deleteFrom('xero_app_turns').where('due_at', '<', before).execute();
}
