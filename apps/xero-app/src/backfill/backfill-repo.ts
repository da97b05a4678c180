import { type Kysely, sql, type Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import type { BackfillEstimate } from './backfill-estimate.ts';

type Db = Kysely<DatabaseSchema>;
type Executor = Db | Transaction<DatabaseSchema>;

export type BackfillRow = {
  readonly id: string;
  readonly workspaceId: string;
  readonly connectionId: string;
  readonly tenantId: string;
  readonly from: string;
  readonly to: string;
  readonly status: 'planned' | 'running' | 'done' | 'canceled';
  readonly estimate: BackfillEstimate;
  readonly totalOrders: number;
  readonly fedOrders: number;
  readonly skippedOrders: number;
  readonly createdAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
};

const toRow = (r: {
  id: string;
  workspace_id: string;
  connection_id: string;
  tenant_id: string;
  from_date: string;
  to_date: string;
  status: BackfillRow['status'];
  estimate: unknown;
  total_orders: number;
  fed_orders: number;
  skipped_orders: number;
  created_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
}): BackfillRow => ({
  id: r.id,
  workspaceId: r.workspace_id,
  connectionId: r.connection_id,
  tenantId: r.tenant_id,
  from: r.from_date,
  to: r.to_date,
  status: r.status,
  estimate: r.estimate as BackfillEstimate,
  totalOrders: r.total_orders,
  fedOrders: r.fed_orders,
  skippedOrders: r.skipped_orders,
  createdAt: new Date(r.created_at),
  startedAt: r.started_at ? new Date(r.started_at) : null,
  finishedAt: r.finished_at ? new Date(r.finished_at) : null,
});

export async function insertBackfill(
  db: Db,
  input: {
    workspaceId: string;
    connectionId: string;
    tenantId: string;
    from: string;
    to: string;
    estimate: BackfillEstimate;
    orderIds: readonly string[];
    actor: string;
  },
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('backfills')
      .values({
        workspace_id: input.workspaceId,
        connection_id: input.connectionId,
        tenant_id: input.tenantId,
        from_date: input.from,
        to_date: input.to,
        status: 'planned',
        estimate: JSON.stringify(input.estimate),
        total_orders: input.orderIds.length,
        created_by: input.actor,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let start = 0; start < input.orderIds.length; start += 1000) {
      await trx
        .insertInto('backfill_orders')
        .values(
          input.orderIds.slice(start, start + 1000).map((orderId, i) => ({
            backfill_id: row.id,
            seq: start + i,
            order_id: orderId,
            status: 'pending' as const,
          })),
        )
        .execute();
    }
    return row.id;
  });
}

export async function findBackfill(db: Executor, id: string): Promise<BackfillRow | undefined> {
  const row = await db.selectFrom('backfills').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRow(row) : undefined;
}

export async function listBackfills(db: Db, workspaceId: string): Promise<BackfillRow[]> {
  const rows = await db
    .selectFrom('backfills')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
  return rows.map(toRow);
}

export async function runningBackfillIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('backfills').select('id').where('status', '=', 'running').execute();
  return rows.map((r) => r.id);
}

export async function setBackfillStatus(
  db: Executor,
  input: {
    id: string;
    workspaceId: string;
    from: readonly BackfillRow['status'][];
    to: BackfillRow['status'];
    at: Date;
  },
): Promise<boolean> {
  const updated = await db
    .updateTable('backfills')
    .set({
      status: input.to,
      updated_at: input.at,
      ...(input.to === 'running' ? { started_at: input.at } : {}),
      ...(input.to === 'done' || input.to === 'canceled' ? { finished_at: input.at } : {}),
    })
    .where('id', '=', input.id)
    .where('workspace_id', '=', input.workspaceId)
    .where('status', 'in', [...input.from])
    .returning('id')
    .executeTakeFirst();
  return Boolean(updated);
}

/**
 * The chunk in hand: rows claimed by a tick that did not finish (`planning` ones were already judged to
 * be fed), else the next pending ones, claimed now.
 */
export async function claimChunk(db: Db, input: { backfillId: string; size: number }) {
  return db.transaction().execute(async (trx) => {
    const left = await trx
      .selectFrom('backfill_orders')
      .select(['seq', 'order_id', 'status'])
      .where('backfill_id', '=', input.backfillId)
      .where('status', 'in', ['claimed', 'planning'])
      .orderBy('seq')
      .execute();
    if (left.length > 0) return left;
    const next = await trx
      .selectFrom('backfill_orders')
      .select(['seq', 'order_id', 'status'])
      .where('backfill_id', '=', input.backfillId)
      .where('status', '=', 'pending')
      .orderBy('seq')
      .limit(input.size)
      .forUpdate()
      .skipLocked()
      .execute();
    if (next.length > 0)
      await trx
        .updateTable('backfill_orders')
        .set({ status: 'claimed' })
        .where('backfill_id', '=', input.backfillId)
        .where(
          'seq',
          'in',
          next.map((n) => n.seq),
        )
        .execute();
    return next.map((n) => ({ ...n, status: 'claimed' as const }));
  });
}

export async function knownOrders(
  db: Executor,
  input: { connectionId: string; orderIds: readonly string[] },
) {
  if (input.orderIds.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('order_syncs')
    .select('order_id')
    .where('ordercloud_connection_id', '=', input.connectionId)
    .where('order_id', 'in', [...input.orderIds])
    .execute();
  return new Set(rows.map((r) => r.order_id));
}

/**
 * Judges a claimed chunk before it is planned: orders seen live or already in Xero are skipped (counted
 * now), the others are marked `planning`. A chunk resumed after a worker died is judged no more: the
 * orders it planned have records by then and would read as seen live.
 */
export async function judgeChunk(
  trx: Transaction<DatabaseSchema>,
  input: {
    backfillId: string;
    planning: readonly number[];
    known: readonly number[];
    inXero: readonly number[];
    at: Date;
  },
): Promise<void> {
  await mark(trx, input.backfillId, input.planning, 'planning');
  await mark(trx, input.backfillId, input.known, 'known');
  await mark(trx, input.backfillId, input.inXero, 'in-xero');
  const skipped = input.known.length + input.inXero.length;
  if (skipped === 0) return;
  await trx
    .updateTable('backfills')
    .set({ skipped_orders: sql`skipped_orders + ${skipped}`, updated_at: input.at })
    .where('id', '=', input.backfillId)
    .execute();
}

/** Settles a judged chunk: its orders fed (planned, or their jobs enqueued in the same transaction). */
export async function settleChunk(
  trx: Transaction<DatabaseSchema>,
  input: { backfillId: string; fed: readonly number[]; at: Date },
): Promise<void> {
  await mark(trx, input.backfillId, input.fed, 'fed');
  await trx
    .updateTable('backfills')
    .set({ fed_orders: sql`fed_orders + ${input.fed.length}`, updated_at: input.at })
    .where('id', '=', input.backfillId)
    .execute();
}

async function mark(
  trx: Transaction<DatabaseSchema>,
  backfillId: string,
  seqs: readonly number[],
  status: 'planning' | 'fed' | 'known' | 'in-xero',
): Promise<void> {
  if (seqs.length === 0) return;
  await trx
    .updateTable('backfill_orders')
    .set({ status })
    .where('backfill_id', '=', backfillId)
    .where('seq', 'in', [...seqs])
    .execute();
}

/**
 * The import's orders handed over but not through yet: not planned (no record, or planned but its
 * documents not sent), and its documents still waiting to go to Xero. Live orders do not count.
 */
export async function inFlight(
  db: Db,
  input: { backfillId: string; connectionId: string; tenantId: string },
) {
  const unsettled = await db
    .selectFrom('backfill_orders as b')
    .leftJoin('order_syncs as s', (j) =>
      j.onRef('s.order_id', '=', 'b.order_id').on('s.ordercloud_connection_id', '=', input.connectionId),
    )
    .select(sql<number>`count(*)::int`.as('n'))
    .where('b.backfill_id', '=', input.backfillId)
    .where('b.status', '=', 'fed')
    .where((eb) => eb.or([eb('s.status', 'is', null), eb('s.status', '=', 'queued')]))
    .executeTakeFirstOrThrow();
  const outbox = await db
    .selectFrom('xero_operations as o')
    .innerJoin('backfill_orders as b', (j) =>
      j.onRef('b.order_id', '=', 'o.order_id').on('b.backfill_id', '=', input.backfillId),
    )
    .select(sql<number>`count(*)::int`.as('n'))
    .where('o.tenant_id', '=', input.tenantId)
    .where('o.source_connection_id', '=', input.connectionId)
    .where('o.status', 'in', ['ready', 'waiting', 'sending'])
    .executeTakeFirstOrThrow();
  return { unsettledOrders: Number(unsettled.n), outbox: Number(outbox.n) };
}
