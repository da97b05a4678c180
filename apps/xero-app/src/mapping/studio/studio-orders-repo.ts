import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../db/schema.ts';

export type RecentOrder = {
  readonly orderId: string;
  readonly total: string | null;
  readonly currency: string | null;
  readonly customerName: string | null;
  readonly updatedAt: Date;
};

/** What the studio reads about an environment's orders: recent ones to preview, totals for outliers. */
export function createStudioOrdersRepo(db: Kysely<DatabaseSchema>) {
  return {
    async recent(workspaceId: string, connectionId: string, limit = 20): Promise<RecentOrder[]> {
      const rows = await db
        .selectFrom('order_syncs')
        .select(['order_id', 'total', 'currency', 'customer_name', 'updated_at'])
        .where('workspace_id', '=', workspaceId)
        .where('ordercloud_connection_id', '=', connectionId)
        .orderBy('updated_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        orderId: r.order_id,
        total: r.total,
        currency: r.currency,
        customerName: r.customer_name,
        updatedAt: new Date(r.updated_at),
      }));
    },
    /** Totals of the connection's recent orders in one currency, for the unusual-total check. */
    async totals(
      workspaceId: string,
      connectionId: string,
      currency: string,
      limit = 500,
    ): Promise<string[]> {
      const rows = await db
        .selectFrom('order_syncs')
        .select('total')
        .where('workspace_id', '=', workspaceId)
        .where('ordercloud_connection_id', '=', connectionId)
        .where('currency', '=', currency)
        .where('total', 'is not', null)
        .orderBy('updated_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => r.total).filter((t): t is string => t !== null);
    },
    /** Reference data as last read from Xero, without calling Xero. */
    async cachedReference(tenantId: string): Promise<{ data: unknown; fetchedAt: Date } | undefined> {
      const row = await db
        .selectFrom('reference_cache')
        .select(['data', 'fetched_at'])
        .where('tenant_id', '=', tenantId)
        .where('kind', '=', 'all')
        .executeTakeFirst();
      return row ? { data: row.data, fetchedAt: new Date(row.fetched_at) } : undefined;
    },
  };
}

export type StudioOrdersRepo = ReturnType<typeof createStudioOrdersRepo>;
