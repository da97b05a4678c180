import { type Kysely, sql, type Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { DatabaseSchema, OperationKind, OperationStatus } from '../../db/schema.ts';

export type Executor = Db | Transaction<DatabaseSchema>;

// All SQL on Xero operations, their batches and the links they leave: the plan and the flusher call these.

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
  tenant_id: string;
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
  'tenant_id',
  'result',
  'op_key',
] as const;

/**
 * Adds an operation once: its key is the operation's identity, so a second delivery finds the first.
 * A new operation is one statement (its status read from what it depends on in the same insert); an
 * existing one is a second, to read it.
 */
export async function ensureOperation(
  db: Executor,
  op: NewOperation,
): Promise<OperationRow & { created: boolean }> {
  // Ready when it depends on nothing or on a done operation, failed with it, else waiting for it. The
  // foreign key refuses a dependency that does not exist.
  const depStatus = sql<string>`(select d.status from xero_operations d where d.id = ${op.dependsOn})`;
  const status = op.dependsOn
    ? sql<OperationStatus>`case ${depStatus} when 'done' then 'ready' when 'failed' then 'failed' else 'waiting' end`
    : sql<OperationStatus>`'ready'`;
  const error = op.dependsOn
    ? sql<string | null>`case ${depStatus} when 'failed' then 'an earlier step for this order failed' end`
    : sql<string | null>`null`;
  const inserted = (await db
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
      error,
    })
    .onConflict((oc) => oc.column('op_key').doNothing())
    .returning(columns)
    .executeTakeFirst()) as OperationRow | undefined;
  if (inserted) return { ...inserted, created: true };
  const row = (await db
    .selectFrom('xero_operations')
    .select(columns)
    .where('op_key', '=', op.key)
    .executeTakeFirstOrThrow()) as OperationRow;
  return { ...row, created: false };
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

/** Claims ready operations of one kind, live before a history import's, oldest first; other workers skip the claimed rows. */
export async function claimReady(
  trx: Transaction<DatabaseSchema>,
  input: { tenantId: string; kind: OperationKind; limit: number },
) {
  return trx
    .selectFrom('xero_operations')
    .select([...columns, 'created_at', 'updated_at', 'background'])
    .where('tenant_id', '=', input.tenantId)
    .where('kind', '=', input.kind)
    .where('status', '=', 'ready')
    .orderBy('background')
    .orderBy('created_at')
    .limit(input.limit)
    .forUpdate()
    .skipLocked()
    .execute() as Promise<Array<OperationRow & { created_at: Date; updated_at: Date; background: boolean }>>;
}

/**
 * Whether a partial batch of a history import's operations (`ids`) should wait for more of its kind:
 * some wait on their dependencies (sent now), or a chunk of the tenant's import is being planned
 * (claimed, not settled) — unless a live operation depends on one of them.
 */
export async function backgroundPending(
  db: Executor,
  input: { tenantId: string; kind: OperationKind; ids: readonly string[] },
): Promise<boolean> {
  // A live order waiting on one of these (its contact made by the import) must not wait with them.
  const live = await db
    .selectFrom('xero_operations')
    .select('id')
    .where('depends_on', 'in', [...input.ids])
    .where('background', '=', false)
    .limit(1)
    .executeTakeFirst();
  if (live) return false;
  const waiting = await db
    .selectFrom('xero_operations')
    .select('id')
    .where('tenant_id', '=', input.tenantId)
    .where('kind', '=', input.kind)
    .where('status', '=', 'waiting')
    .where('background', '=', true)
    .limit(1)
    .executeTakeFirst();
  if (waiting) return true;
  const planning = await db
    .selectFrom('backfills as b')
    .innerJoin('backfill_orders as o', 'o.backfill_id', 'b.id')
    .select('o.seq')
    .where('b.tenant_id', '=', input.tenantId)
    .where('b.status', '=', 'running')
    .where('o.status', 'in', ['claimed', 'planning'])
    .limit(1)
    .executeTakeFirst();
  return Boolean(planning);
}

/**
 * When the oldest and the newest live operation of a kind still to send (ready, or waiting on what it
 * depends on) were planned; none: undefined.
 */
export async function unsentSpan(
  db: Executor,
  input: { tenantId: string; kind: OperationKind },
): Promise<{ oldest: Date; newest: Date } | undefined> {
  const row = await db
    .selectFrom('xero_operations')
    .select([sql<Date | null>`min(created_at)`.as('oldest'), sql<Date | null>`max(created_at)`.as('newest')])
    .where('tenant_id', '=', input.tenantId)
    .where('kind', '=', input.kind)
    .where('status', 'in', ['ready', 'waiting'])
    .where('background', '=', false)
    .executeTakeFirst();
  return row?.oldest && row.newest
    ? { oldest: new Date(row.oldest), newest: new Date(row.newest) }
    : undefined;
}

/** Whether the tenant has operations of the kind ready to send (unclaimed ones; a claim may still miss). */
export async function hasReady(
  db: Executor,
  input: { tenantId: string; kind: OperationKind },
): Promise<boolean> {
  const row = await db
    .selectFrom('xero_operations')
    .select('id')
    .where('tenant_id', '=', input.tenantId)
    .where('kind', '=', input.kind)
    .where('status', '=', 'ready')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** An order's operations still to send become background work: its sync came from a history import. */
export async function markOrderBackground(
  db: Executor,
  input: { connectionId: string; orderId: string },
): Promise<void> {
  await db
    .updateTable('xero_operations')
    .set({ background: true })
    .where('source_connection_id', '=', input.connectionId)
    .where('order_id', '=', input.orderId)
    .where('status', 'in', ['ready', 'waiting'])
    .where('background', '=', false)
    .execute();
}

/** Done, and what waited on it ready: one statement (a batch of 50 settles in fewer round trips). */
export async function markDone(
  db: Executor,
  input: { id: string; targetId: string | null; targetNumber?: string | null; result: unknown },
): Promise<void> {
  const now = new Date();
  await db
    .with('done', (qb) =>
      qb
        .updateTable('xero_operations')
        .set({
          status: 'done',
          target_id: input.targetId,
          target_number: input.targetNumber ?? null,
          result: JSON.stringify(input.result ?? null),
          error: null,
          updated_at: now,
        })
        .where('id', '=', input.id)
        .returning('id'),
    )
    .updateTable('xero_operations')
    .set({ status: 'ready', updated_at: now })
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

/** Operations by ID, in one query (the dependencies a batch is prepared from). */
export async function operationsByIds(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, OperationRow>> {
  if (ids.length === 0) return new Map();
  const rows = (await db
    .selectFrom('xero_operations')
    .select(columns)
    .where('id', 'in', [...new Set(ids)])
    .execute()) as OperationRow[];
  return new Map(rows.map((r) => [r.id, r]));
}

export async function markSending(trx: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('xero_operations')
    .set({ status: 'sending', updated_at: new Date() })
    .where('id', 'in', [...ids])
    .execute();
}

/** Records a batch before it is sent; its Idempotency-Key is derived from its ID, so a resend reuses it. */
export async function recordBatch(
  db: Db,
  input: {
    tenantId: string;
    kind: OperationKind;
    operationIds: readonly string[];
    request: readonly unknown[];
  },
): Promise<{ id: string; idempotencyKey: string }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('xero_batches')
      .values({
        tenant_id: input.tenantId,
        kind: input.kind,
        idempotency_key: 'pending',
        operation_ids: JSON.stringify(input.operationIds),
        request: JSON.stringify(input.request),
        status: 'sending',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const key = `lb-${input.kind}-${row.id}`;
    await trx.updateTable('xero_batches').set({ idempotency_key: key }).where('id', '=', row.id).execute();
    await trx
      .updateTable('xero_operations')
      .set({ batch_id: row.id })
      .where('id', 'in', [...input.operationIds])
      .execute();
    return { id: row.id, idempotencyKey: key };
  });
}

export async function finishBatch(
  db: Executor,
  input: { id: string; status: 'done' | 'failed' },
): Promise<void> {
  await db
    .updateTable('xero_batches')
    .set({ status: input.status, finished_at: new Date() })
    .where('id', '=', input.id)
    .execute();
}

/** Xero answered the batch with an error it keeps for the batch's key: the next resend looks first, under a new key. */
export async function markBatchErrorKept(db: Executor, id: string): Promise<void> {
  await db.updateTable('xero_batches').set({ error_kept_at: new Date() }).where('id', '=', id).execute();
}

/**
 * Claimed but never recorded as a batch (the worker died in between): nothing was sent, so ready again.
 * Also those of a batch closed to send its rest under a new key when the worker died before the new batch
 * was recorded: they were looked for in Xero and not found just before, so ready again too.
 */
export async function releaseOrphanedClaims(db: Executor, input: { tenantId: string; olderThanMs: number }) {
  await db
    .updateTable('xero_operations')
    .set({ status: 'ready', updated_at: new Date() })
    .where('tenant_id', '=', input.tenantId)
    .where('status', '=', 'sending')
    .where((eb) =>
      eb.or([
        eb.and([eb('batch_id', 'is', null), eb('updated_at', '<', new Date(Date.now() - input.olderThanMs))]),
        eb.exists(
          eb
            .selectFrom('xero_batches')
            .select('xero_batches.id')
            .whereRef('xero_batches.id', '=', 'xero_operations.batch_id')
            .where('xero_batches.status', '!=', 'sending'),
        ),
      ]),
    )
    .execute();
}

/** Batches recorded as sending and never finished (a crash, a transient failure), oldest first. */
export async function openBatches(db: Executor, tenantId: string) {
  const rows = await db
    .selectFrom('xero_batches')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'sending')
    .orderBy('started_at')
    .execute();
  return rows.map((b) => ({
    id: b.id,
    kind: b.kind,
    idempotencyKey: b.idempotency_key,
    operationIds: b.operation_ids as string[],
    request: b.request as unknown[],
    startedAt: new Date(b.started_at),
    errorKept: b.error_kept_at !== null,
  }));
}

/** What exists in Xero for which source entity: customer → contact, product → item, order → documents. */
export async function recordLink(
  db: Executor,
  input: {
    op: OperationRow;
    sourceType: 'customer' | 'product' | 'order';
    sourceId: string;
    targetId: string | null;
    targetNumber: string | null;
  },
): Promise<void> {
  await db
    .insertInto('links')
    .values({
      workspace_id: input.op.workspace_id,
      source_type: input.sourceType,
      source_id: input.sourceId,
      operation: input.op.op_key,
      operation_key: input.op.op_key,
      target_type: input.op.kind,
      target_id: input.targetId,
      target_number: input.targetNumber,
      status: 'done',
      details: '{}',
    })
    .onConflict((oc) => oc.column('operation_key').doNothing())
    .execute();
}

/** An order's payments and allocations that are not failed (what a credit note is measured against). */
export async function orderSettlements(
  db: Executor,
  input: { connectionId: string; orderId: string; statuses?: 'done' | 'not-failed' },
): Promise<Array<{ kind: OperationKind; payload: unknown }>> {
  let query = db
    .selectFrom('xero_operations')
    .select(['kind', 'payload'])
    .where('source_connection_id', '=', input.connectionId)
    .where('order_id', '=', input.orderId);
  query =
    input.statuses === 'done'
      ? query.where('kind', '=', 'payment').where('status', '=', 'done')
      : query.where('kind', 'in', ['payment', 'allocation']).where('status', '!=', 'failed');
  return query.execute();
}

/** Fails the not-yet-sent operations of a kind that wait on `dependsOn` (or the operation itself). */
export async function abandonUnsent(
  db: Executor,
  input: { id?: string; dependsOn?: string; kind?: OperationKind; error: string },
): Promise<void> {
  let query = db
    .updateTable('xero_operations')
    .set({ status: 'failed', error: input.error, updated_at: new Date() })
    .where('status', 'in', ['waiting', 'ready']);
  if (input.id) query = query.where('id', '=', input.id);
  if (input.dependsOn) query = query.where('depends_on', '=', input.dependsOn);
  if (input.kind) query = query.where('kind', '=', input.kind);
  await query.execute();
}

/** Whether any payment on the invoice has been sent or is being sent. */
export async function invoiceHasPayment(db: Executor, invoiceOpId: string): Promise<boolean> {
  const row = await db
    .selectFrom('xero_operations')
    .select('id')
    .where('depends_on', '=', invoiceOpId)
    .where('kind', '=', 'payment')
    .where('status', 'in', ['done', 'sending'])
    .executeTakeFirst();
  return Boolean(row);
}

/** The workspace a tenant's operations belong to (for parking a flush that gave up). */
export async function workspaceOfTenant(db: Executor, tenantId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('xero_operations')
    .select('workspace_id')
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return row?.workspace_id;
}

export async function operationStatus(db: Executor, id: string): Promise<string> {
  const row = await db
    .selectFrom('xero_operations')
    .select('status')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.status;
}

/** Operations planned for a tenant since a moment, by kind: the arrival rate the day is paced by. */
export async function arrivalsSince(
  db: Executor,
  input: { tenantId: string; since: Date },
): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('xero_operations')
    .select(['kind', sql<number>`count(*)::int`.as('n')])
    .where('tenant_id', '=', input.tenantId)
    .where('created_at', '>', input.since)
    // A history import paces its own calls (its share of the day): only live arrivals pace the batches.
    .where('background', '=', false)
    .groupBy('kind')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

/**
 * Whether something we are sending right now changes the order's invoice (a payment, void or allocation
 * in a batch not yet settled): its webhook may arrive before we know the invoice's new UpdatedDateUTC.
 */
export async function orderWriteInFlight(
  db: Executor,
  input: { connectionId: string; orderId: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('xero_operations')
    .select('id')
    .where('source_connection_id', '=', input.connectionId)
    .where('order_id', '=', input.orderId)
    .where('kind', 'in', ['payment', 'void', 'allocation'])
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Boolean(row);
}

/**
 * A catalog operation planned, or reopened when what it should send changed: the same key (one per
 * item code) carries the latest payload. An unchanged payload is left alone (a webhook for our own
 * write, or a delivery twice); a batch in flight is not disturbed (the next change or poll reopens it).
 * Returns whether anything is to be sent.
 */
export async function planLatest(
  db: Executor,
  op: NewOperation & {
    /**
     * When the source was read (taken before reading). A plan from a read older than one already
     * recorded is stale — a slower job, or a read overtaken by the app's own write — and is dropped.
     */
    readAt?: Date;
  },
): Promise<{ planned: boolean }> {
  const payload = JSON.stringify(op.payload);
  const readAt = op.readAt;
  if (readAt) {
    const newest = await db
      .updateTable('xero_operations')
      .set({ source_read_at: sql`greatest(coalesce(source_read_at, ${readAt}), ${readAt})` })
      .where('op_key', '=', op.key)
      .returning('source_read_at')
      .executeTakeFirst();
    if (newest?.source_read_at && new Date(newest.source_read_at) > readAt) return { planned: false };
  }
  const row = await db
    .insertInto('xero_operations')
    .values({
      workspace_id: op.workspaceId,
      tenant_id: op.tenantId,
      source_connection_id: op.connectionId,
      order_id: null,
      kind: op.kind,
      op_key: op.key,
      payload,
      depends_on: null,
      status: 'ready',
      ...(readAt ? { source_read_at: readAt } : {}),
    })
    .onConflict((oc) => {
      const changed = oc
        .column('op_key')
        .doUpdateSet({
          payload: sql`excluded.payload`,
          status: 'ready',
          error: null,
          updated_at: sql`now()`,
        })
        .where(sql<boolean>`xero_operations.payload <> excluded.payload`)
        .where('xero_operations.status', 'in', ['done', 'failed', 'ready']);
      return readAt
        ? changed.where(
            sql<boolean>`(xero_operations.source_read_at is null or xero_operations.source_read_at <= ${readAt})`,
          )
        : changed;
    })
    .returning('id')
    .executeTakeFirst();
  return { planned: Boolean(row) };
}

/**
 * Serialises the plans of one operation key until the transaction ends: a plan that reads the previous
 * payload to build the next must not interleave with another plan of the same key.
 */
export async function lockOperationKey(trx: Executor, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`operation:${key}`}))`.execute(trx);
}

/**
 * Drops a plan nothing was ever sent for (ready, in no batch, no Xero ID): a product planned as its own
 * item just before its variants were generated. A plan that reached Xero once is kept: nothing in Xero
 * is removed automatically.
 */
export async function dropUnsentPlan(db: Executor, key: string): Promise<void> {
  await db
    .deleteFrom('xero_operations')
    .where('op_key', '=', key)
    .where('status', '=', 'ready')
    .where('batch_id', 'is', null)
    .where('target_id', 'is', null)
    .execute();
}

/** The payload Xero was last sent for each item code (the catalog's way back compares against it). */
export async function itemUpsertsByCode(
  db: Executor,
  input: { tenantId: string; keys: readonly string[] },
): Promise<Map<string, { payload: unknown; status: string; connectionId: string; workspaceId: string }>> {
  if (input.keys.length === 0) return new Map();
  const rows = await db
    .selectFrom('xero_operations')
    .select(['op_key', 'payload', 'status', 'source_connection_id', 'workspace_id'])
    .where('tenant_id', '=', input.tenantId)
    .where('op_key', 'in', [...input.keys])
    .execute();
  return new Map(
    rows.map((r) => [
      r.op_key,
      {
        payload: r.payload,
        status: r.status,
        connectionId: r.source_connection_id,
        workspaceId: r.workspace_id,
      },
    ]),
  );
}

/**
 * The one operation that depends on `id`, when exactly one does (failed ones aside) and it is still to
 * be sent: the invoice that may carry a new customer's contact (decision 0111). Several (a company's
 * orders), none, or one already sent: undefined.
 */
export async function soleDependent(
  db: Executor,
  input: { id: string; kind: OperationKind },
): Promise<string | undefined> {
  const rows = await db
    .selectFrom('xero_operations')
    .select(['id', 'kind', 'status'])
    .where('depends_on', '=', input.id)
    .where('status', '!=', 'failed')
    .limit(2)
    .execute();
  const [only, second] = rows;
  // Only one still to send can carry it: one already sent (a contact planned again) cannot.
  return only && !second && only.kind === input.kind && ['waiting', 'ready'].includes(only.status)
    ? only.id
    : undefined;
}

/**
 * Settles an operation as carried inside its dependent (a contact inside its invoice): done without a
 * target yet, its draft kept for the carrier. What waits on it becomes ready; the carrier's settlement
 * gives it its target (markDone again).
 */
export async function markCarried(
  db: Executor,
  input: { id: string; by: string; draft: unknown },
): Promise<void> {
  await markDone(db, {
    id: input.id,
    targetId: null,
    result: { carried: { by: input.by, draft: input.draft } },
  });
}

/** Back to waiting: a claimed operation whose dependency is carried by another (it waits for its ID). */
export async function markWaiting(db: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('xero_operations')
    .set({ status: 'waiting', batch_id: null, updated_at: new Date() })
    .where('id', 'in', ids)
    .execute();
}

/**
 * A carried operation whose carrier failed or put it on someone else's document is planned again on
 * its own (ready): only while it is still carried by that carrier and has no target. `avoid`: the
 * Xero contact it must not be matched to (someone else's, decision 0111).
 */
export async function reopenCarried(
  db: Executor,
  input: { id: string; carrierId: string; avoid?: string },
): Promise<void> {
  const op = await db
    .selectFrom('xero_operations')
    .select(['status', 'target_id', 'result'])
    .where('id', '=', input.id)
    .executeTakeFirst();
  const result = (typeof op?.result === 'string' ? JSON.parse(op.result) : op?.result) as
    | { carried?: { by?: string } }
    | null
    | undefined;
  if (op?.status !== 'done' || op.target_id || result?.carried?.by !== input.carrierId) return;
  await db
    .updateTable('xero_operations')
    .set({
      status: 'ready',
      result: input.avoid ? JSON.stringify({ avoid: input.avoid }) : null,
      updated_at: new Date(),
    })
    .where('id', '=', input.id)
    .execute();
}

/** The customer our links name for a Xero contact, if any. */
export async function customerOfContact(
  db: Executor,
  input: { workspaceId: string; contactId: string },
): Promise<string | undefined> {
  const row = await db
    .selectFrom('links')
    .select('source_id')
    .where('workspace_id', '=', input.workspaceId)
    .where('source_type', '=', 'customer')
    .where('target_type', 'in', ['contact', 'contact-upsert'])
    .where('target_id', '=', input.contactId)
    .executeTakeFirst();
  return row?.source_id;
}

/**
 * The names of new contacts travelling inside invoices Xero has not answered yet (decision 0111): taken,
 * though the contact index cannot know them until the invoices settle.
 */
export async function carriedContactNames(db: Executor, tenantId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('xero_operations')
    .select(sql<string | null>`result->'carried'->'draft'->>'name'`.as('name'))
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'contact')
    .where('status', '=', 'done')
    .where('target_id', 'is', null)
    .execute();
  return rows.flatMap((r) => (r.name ? [r.name] : []));
}
