import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { DatabaseSchema } from '../db/schema.ts';

type Executor = Db | Transaction<DatabaseSchema>;

/**
 * A tenant's place in the line for the app's minute: whether it holds a ticket, and how many tenants
 * are ahead of it (every live ticket when it holds none). A ticket whose moment passed more than
 * `graceMs` ago no longer holds the minute for its tenant, but keeps its place for when it comes.
 */
export async function appTurnOf(
  executor: Executor,
  input: { tenantId: string; at: Date; graceMs: number },
): Promise<{ holds: boolean; ahead: number }> {
  const live = new Date(input.at.getTime() - input.graceMs);
  const { rows } = await sql<{ holds: boolean; ahead: number }>`
    with mine as (select ticket from xero_app_turns where tenant_id = ${input.tenantId})
    select exists (select 1 from mine) as holds,
      (select count(*)::int from xero_app_turns o
        where o.tenant_id <> ${input.tenantId} and o.due_at > ${live}
          and (not exists (select 1 from mine) or o.ticket < (select ticket from mine))) as ahead`.execute(
    executor,
  );
  const row = rows[0];
  return { holds: row?.holds ?? false, ahead: row?.ahead ?? 0 };
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

/** Leaves the line: the tenant's call was admitted. */
export async function leaveAppTurn(executor: Executor, tenantId: string): Promise<void> {
  await executor.deleteFrom('xero_app_turns').where('tenant_id', '=', tenantId).execute();
}

/** Forgets tickets whose tenants never came back (their work done elsewhere, their worker gone). */
export async function forgetAppTurns(executor: Executor, before: Date): Promise<void> {
  await executor.deleteFrom('xero_app_turns').where('due_at', '<', before).execute();
}
