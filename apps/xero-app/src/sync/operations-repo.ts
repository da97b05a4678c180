import { type Kysely, sql, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { DatabaseSchema, OperationKind } from '../db/schema.ts';

type Executor = Db | Transaction<DatabaseSchema>;

export type NewOperation = {
  workspaceId: string;
  tenantId: string;
  connectionId: string;
  orderId: string | null;
  kind: OperationKind;
  key: string;
  payload: unknown;
  dependsOn: string | null;
};

export type OperationRow = {
  id: string;
  kind: OperationKind;
  status: string;
  target_id: string | null;
  target_number: string | null;
  order_id: string | null;
  payload: unknown;
  depends_on: string | null;
  workspace_id: string;
  source_connection_id: string;
  result: unknown;
  op_key: string;
};

const columns = [
  'id',
  'kind',
  'status',
  'target_id',
  'target_number',
  'order_id',
  'payload',
  'depends_on',
  'workspace_id',
  'source_connection_id',
  'result',
  'op_key',
] as const;

/** Adds an operation once: its key is the operation's identity, so a second delivery finds the first. */
export async function ensureOperation(
  db: Executor,
  op: NewOperation,
): Promise<OperationRow & { created: boolean }> {
  let status: 'waiting' | 'ready' | 'failed' = 'ready';
  if (op.dependsOn) {
    const dep = await db
      .selectFrom('xero_operations')
      .select('status')
      .where('id', '=', op.dependsOn)
      .executeTakeFirstOrThrow();
    status = dep.status === 'done' ? 'ready' : dep.status === 'failed' ? 'failed' : 'waiting';
  }
  const inserted = await db
    .insertInto('xero_operations')
    .values({
      workspace_id: op.workspaceId,
      tenant_id: op.tenantId,
      source_connection_id: op.connectionId,
      order_id: op.orderId,
      kind: op.kind,
      op_key: op.key,
      payload: JSON.stringify(op.payload),
      depends_on: op.dependsOn,
      status,
      ...(status === 'failed' ? { error: 'an earlier step for this order failed' } : {}),
    })
    .onConflict((oc) => oc.column('op_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  const row = (await db
    .selectFrom('xero_operations')
    .select(columns)
    .where('op_key', '=', op.key)
    .executeTakeFirstOrThrow()) as OperationRow;
  return { ...row, created: Boolean(inserted) };
}

export async function findOperation(db: Executor, key: string): Promise<OperationRow | undefined> {
  return db
    .selectFrom('xero_operations')
    .select(columns)
    .where('op_key', '=', key)
    .executeTakeFirst() as Promise<OperationRow | undefined>;
}

export async function operationById(db: Executor, id: string): Promise<OperationRow> {
  return db
    .selectFrom('xero_operations')
    .select(columns)
    .where('id', '=', id)
    .executeTakeFirstOrThrow() as Promise<OperationRow>;
}

/** Claims ready operations of one kind, oldest first; other workers skip the claimed rows. */
export async function claimReady(
  trx: Transaction<DatabaseSchema>,
  input: { tenantId: string; kind: OperationKind; limit: number },
) {
  return trx
    .selectFrom('xero_operations')
    .select([...columns, 'created_at'])
    .where('tenant_id', '=', input.tenantId)
    .where('kind', '=', input.kind)
    .where('status', '=', 'ready')
    .orderBy('created_at')
    .limit(input.limit)
    .forUpdate()
    .skipLocked()
    .execute() as Promise<Array<OperationRow & { created_at: Date }>>;
}

export async function markDone(
  db: Executor,
  input: { id: string; targetId: string | null; targetNumber?: string | null; result: unknown },
): Promise<void> {
  await db
    .updateTable('xero_operations')
    .set({
      status: 'done',
      target_id: input.targetId,
      target_number: input.targetNumber ?? null,
      result: JSON.stringify(input.result ?? null),
      error: null,
      updated_at: new Date(),
    })
    .where('id', '=', input.id)
    .execute();
  await db
    .updateTable('xero_operations')
    .set({ status: 'ready', updated_at: new Date() })
    .where('depends_on', '=', input.id)
    .where('status', '=', 'waiting')
    .execute();
}

/** Fails an operation and everything waiting on it, so nothing is left waiting forever. */
export async function markFailed(db: Executor, input: { id: string; error: string }): Promise<string[]> {
  const failed: string[] = [];
  let frontier = [input.id];
  let message = input.error;
  while (frontier.length > 0) {
    await db
      .updateTable('xero_operations')
      .set({ status: 'failed', error: message, batch_id: null, updated_at: new Date() })
      .where('id', 'in', frontier)
      .execute();
    failed.push(...frontier);
    const next = await db
      .selectFrom('xero_operations')
      .select('id')
      .where('depends_on', 'in', frontier)
      .where('status', 'in', ['waiting', 'ready'])
      .execute();
    frontier = next.map((r) => r.id);
    message = 'an earlier step for this order failed';
  }
  return failed;
}

export async function markReady(db: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('xero_operations')
    .set({ status: 'ready', batch_id: null, updated_at: new Date() })
    .where('id', 'in', ids)
    .execute();
}

export async function hasReadyWork(db: Kysely<DatabaseSchema>, tenantId: string): Promise<boolean> {
  const row = await db
    .selectFrom('xero_operations')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'ready')
    .executeTakeFirst();
  return Boolean(row);
}

/**
 * Heals the one race the dependency chain has: an operation inserted as waiting just as its dependency
 * finished (the dependency's wake-up could not see it yet). Run before each flush.
 */
export async function promoteSettledWaiters(db: Executor, tenantId: string): Promise<void> {
  await sql`
    update xero_operations o set status = 'ready', updated_at = now()
    from xero_operations d
    where o.depends_on = d.id and o.tenant_id = ${tenantId} and o.status = 'waiting' and d.status = 'done'`.execute(
    db,
  );
  await sql`
    update xero_operations o set status = 'failed', error = 'an earlier step for this order failed', updated_at = now()
    from xero_operations d
    where o.depends_on = d.id and o.tenant_id = ${tenantId} and o.status = 'waiting' and d.status = 'failed'`.execute(
    db,
  );
}
