import { type Kysely, sql, type Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';

type Db = Kysely<DatabaseSchema>;
type Executor = Db | Transaction<DatabaseSchema>;

export type AttentionRow = {
  readonly id: string;
  readonly connectionId: string;
  readonly connectionName: string;
  readonly orderId: string;
  readonly reason: string | null;
  readonly message: string | null;
  readonly status: string;
  readonly customerName: string | null;
  readonly total: string | null;
  readonly currency: string | null;
  readonly updatedAt: Date;
};

/** Orders the merchant must act on: stuck with a problem, or an invoice voided in Xero by someone. */
const attentionFilter = sql<boolean>`(order_syncs.status = 'needs-attention' or (order_syncs.status = 'voided' and order_syncs.message is not null))`;

export async function listAttention(
  db: Db,
  input: { workspaceId: string; reason?: string; ids?: readonly string[]; limit?: number },
): Promise<AttentionRow[]> {
  let query = db
    .selectFrom('order_syncs')
    .leftJoin('ordercloud_connections', 'ordercloud_connections.id', 'order_syncs.ordercloud_connection_id')
    .select([
      'order_syncs.id',
      'order_syncs.ordercloud_connection_id',
      'ordercloud_connections.name as connection_name',
      'order_syncs.order_id',
      'order_syncs.reason',
      'order_syncs.message',
      'order_syncs.status',
      'order_syncs.customer_name',
      'order_syncs.total',
      'order_syncs.currency',
      'order_syncs.updated_at',
    ])
    .where('order_syncs.workspace_id', '=', input.workspaceId)
    .where(attentionFilter)
    .orderBy('order_syncs.updated_at', 'desc')
    .limit(input.limit ?? 500);
  if (input.reason)
    query = query.where(sql<string>`coalesce(order_syncs.reason, 'other')`, '=', input.reason);
  if (input.ids) {
    if (input.ids.length === 0) return [];
    query = query.where('order_syncs.id', 'in', [...input.ids]);
  }
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    connectionId: r.ordercloud_connection_id,
    connectionName: r.connection_name ?? '',
    orderId: r.order_id,
    reason: r.reason,
    message: r.message,
    status: r.status,
    customerName: r.customer_name,
    total: r.total,
    currency: r.currency,
    updatedAt: new Date(r.updated_at),
  }));
}

export async function countAttentionByReason(db: Db, workspaceId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('order_syncs')
    .select([sql<string>`coalesce(reason, 'other')`.as('reason'), sql<number>`count(*)::int`.as('n')])
    .where('workspace_id', '=', workspaceId)
    .where(attentionFilter)
    .groupBy(sql`coalesce(reason, 'other')`)
    .execute();
  return new Map(rows.map((r) => [r.reason, Number(r.n)]));
}

/**
 * The Xero organisation each order source posts to (through its environment): an OrderCloud connection,
 * or a Sitecore site, whose ID stands where a connection's does on its orders.
 */
export async function tenantsOfConnections(
  db: Executor,
  connectionIds: readonly string[],
): Promise<Map<string, string>> {
  if (connectionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('environments as e')
    .innerJoin('xero_connections as x', 'x.id', 'e.xero_connection_id')
    .select(['e.ordercloud_connection_id', 'x.tenant_id'])
    .where('e.ordercloud_connection_id', 'in', [...connectionIds])
    .execute();
  const sites = await db
    .selectFrom('sitecore_sites as s')
    .innerJoin('environments as e', 'e.id', 's.environment_id')
    .innerJoin('xero_connections as x', 'x.id', 'e.xero_connection_id')
    .select(['s.id', 'x.tenant_id'])
    .where('s.id', 'in', [...connectionIds])
    .execute();
  return new Map([
    ...rows.map((r) => [r.ordercloud_connection_id ?? '', r.tenant_id] as const),
    ...sites.map((r) => [r.id, r.tenant_id] as const),
  ]);
}

/**
 * Operations of the order Xero never accepted (failed, nothing created) are retired: their keys get a
 * suffix, so the next sync plans them afresh from the order, the mapping and the org as they are now.
 */
export async function retireFailedOperations(
  trx: Executor,
  input: { connectionId: string; orderId: string },
): Promise<number> {
  const retired = await trx
    .updateTable('xero_operations')
    .set({
      op_key: sql`op_key || ':retired:' || id::text`,
      error: sql`coalesce(error, '') || ' (retired for a retry)'`,
      updated_at: new Date(),
    })
    .where('source_connection_id', '=', input.connectionId)
    .where('order_id', '=', input.orderId)
    .where('status', '=', 'failed')
    .where('target_id', 'is', null)
    .where('op_key', 'not like', '%:retired:%')
    .returning('id')
    .execute();
  return retired.length;
}

/** The org's settings and reference data are read from Xero again at the next use. */
export async function markReferenceStale(trx: Executor, tenantIds: readonly string[]): Promise<void> {
  if (tenantIds.length === 0) return;
  await trx
    .updateTable('reference_cache')
    .set({ fetched_at: new Date(0) })
    .where('tenant_id', 'in', [...tenantIds])
    .where('kind', '=', 'all')
    .execute();
}

export async function recordRetryStep(
  trx: Executor,
  input: { workspaceId: string; connectionId: string; orderId: string; message: string },
): Promise<void> {
  await trx
    .insertInto('timeline')
    .values({
      workspace_id: input.workspaceId,
      subject_type: 'order',
      subject_id: `${input.connectionId}:${input.orderId}`,
      step: 'retry',
      outcome: 'info',
      message: input.message,
      details: '{}',
    })
    .execute();
}
