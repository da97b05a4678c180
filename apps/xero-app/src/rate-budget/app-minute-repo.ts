import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { DatabaseSchema } from '../db/schema.ts';

// The app's minute in the database: its calls in buckets (xero_app_calls), the blocks worker processes
// hold (xero_app_blocks) and the line of tenants waiting for it (xero_app_turns). Admission reads and
// writes them under one advisory lock, so each does so in one statement: the lock is held for as few
// round trips as can be. A block's calls are spent without that lock (spendFromBlock).

type Executor = Db | Transaction<DatabaseSchema>;

export type AppMinuteState = {
  /**
   * The app's buckets since `since`, and every open block counted whole at its end (its calls may be
   * spent until then), oldest first.
   */
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
            and (not exists (select 1 from mine) or o.ticket < (select ticket from mine))) as ahead),
    counted as (
      select bucket, calls from xero_app_calls where bucket > ${input.since}
      union all select expires_at, size from xero_app_blocks)
    select b.bucket, b.calls, turn.holds, turn.ahead
    from turn left join counted b on true
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
 * Counts an admitted call in its bucket, when the tenant held a place gives the place up, and opens the
 * block the process takes with it: one statement. Answers the bucket's count (1: a new bucket).
 */
export async function countAppCall(
  trx: Transaction<DatabaseSchema>,
  input: {
    tenantId: string;
    bucket: Date;
    heldPlace: boolean;
    block?: { id: string; size: number; expiresAt: Date };
  },
): Promise<number> {
  const leave = input.heldPlace
    ? sql`delete from xero_app_turns where tenant_id = ${input.tenantId}`
    : sql`select 1`;
  const open = input.block
    ? sql`insert into xero_app_blocks (id, size, expires_at)
        values (${input.block.id}, ${input.block.size}, ${input.block.expiresAt})`
    : sql`select 1`;
  const { rows } = await sql<{ calls: number }>`
    with leaving as (${leave}), opening as (${open})
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

/**
 * Spends one call of an open block for a tenant, in the tenant's admission (its call, marked with the
 * block): only when no tenant waiting for the app's minute is ahead of it, so a block never jumps the
 * line; a tenant served gives its place up. The block's row is share-locked to the commit, so closing it
 * (which locks it for update) counts every call spent from it. One statement, no app-wide lock.
 */
export async function spendFromBlock(
  trx: Transaction<DatabaseSchema>,
  input: { blockId: string; tenantId: string; at: Date; live: Date },
): Promise<{ open: boolean; ahead: number; spent: boolean }> {
  const { rows } = await sql<{ open: number; ahead: number; spent: number }>`
    with blk as (select id from xero_app_blocks where id = ${input.blockId} for key share),
    mine as (select ticket from xero_app_turns where tenant_id = ${input.tenantId}),
    ahead as (
      select count(*)::int as n from xero_app_turns o
      where o.tenant_id <> ${input.tenantId} and o.due_at > ${input.live}
        and (not exists (select 1 from mine) or o.ticket < (select ticket from mine))),
    spend as (
      insert into rate_calls (tenant_id, at, app_block)
      select ${input.tenantId}::text, ${input.at}::timestamptz, blk.id from blk
      where (select n from ahead) = 0
      returning 1),
    leaving as (
      delete from xero_app_turns where tenant_id = ${input.tenantId} and exists (select 1 from spend))
    select (select count(*) from blk)::int as open, (select n from ahead) as ahead,
      (select count(*) from spend)::int as spent`.execute(trx);
  const row = rows[0];
  return { open: (row?.open ?? 0) > 0, ahead: row?.ahead ?? 0, spent: (row?.spent ?? 0) > 0 };
}

/**
 * Closes blocks — the ones named (their holder is done with them) or those over before `overBefore`
 * (their holder died, or is idle) — and counts in the app's buckets only the calls spent from them, at
 * `bucketOf` their end or now, whichever is first: the unspent calls go back to every process. Locking
 * the rows waits for the admissions spending from them; a block closed is gone, so none spends after.
 * Answers the blocks closed.
 */
export async function closeAppBlocks(
  db: Db,
  input: {
    ids?: readonly string[];
    overBefore?: Date;
    /** Waits for the admissions spending from the blocks (their holder); else leaves locked ones be. */
    wait: boolean;
    at: Date;
    bucketOf: (ms: number) => Date;
  },
): Promise<number> {
  if (input.ids?.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    let query = trx.selectFrom('xero_app_blocks').select(['id', 'expires_at']);
    if (input.ids) query = query.where('id', 'in', [...input.ids]);
    if (input.overBefore) query = query.where('expires_at', '<', input.overBefore);
    // Skipped, a block locked by its spenders or by another process closing it is left to them.
    const blocks = await (input.wait ? query.forUpdate() : query.forUpdate().skipLocked()).execute();
    if (blocks.length === 0) return 0;
    const ids = blocks.map((b) => b.id);
    // A new statement, so every spend committed before the lock was taken is seen.
    const spent = await trx
      .selectFrom('rate_calls')
      .select(['app_block', sql<number>`count(*)::int`.as('n')])
      .where('app_block', 'in', ids)
      .groupBy('app_block')
      .execute();
    const counts = new Map<number, number>();
    for (const block of blocks) {
      const n = spent.find((s) => s.app_block === block.id)?.n ?? 0;
      if (n === 0) continue;
      const end = Math.min(new Date(block.expires_at).getTime(), input.at.getTime());
      const bucket = input.bucketOf(end).getTime();
      counts.set(bucket, (counts.get(bucket) ?? 0) + n);
    }
    // In order, so two processes closing blocks into the same buckets lock them in the same order.
    const values = [...counts]
      .sort(([a], [b]) => a - b)
      .map(([bucket, calls]) => sql`(${new Date(bucket)}, ${calls})`);
    const fold =
      values.length > 0
        ? sql`insert into xero_app_calls (bucket, calls) values ${sql.join(values)}
            on conflict (bucket) do update set calls = xero_app_calls.calls + excluded.calls`
        : sql`select 1`;
    await sql`with folded as (${fold})
      delete from xero_app_blocks where id in (${sql.join(ids)})`.execute(trx);
    return blocks.length;
  });
}
