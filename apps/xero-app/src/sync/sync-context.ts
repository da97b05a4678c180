import { permanent, SyncFailure } from '@ledgerbridge/canonical';
import type { Db } from '../db/database.ts';

/** Where an OrderCloud connection's orders go: its environment's Xero tenant and pinned mapping. */
export type SyncContext = {
  readonly workspaceId: string;
  readonly environmentId: string;
  readonly connectionId: string;
  readonly tenantId: string;
  readonly mappingVersionId: string | null;
};

export async function findSyncContext(db: Db, connectionId: string): Promise<SyncContext | undefined> {
  const row = await db
    .selectFrom('environments as e')
    .innerJoin('xero_connections as x', 'x.id', 'e.xero_connection_id')
    .select(['e.workspace_id', 'e.id as environment_id', 'x.tenant_id', 'e.mapping_version_id'])
    .where('e.ordercloud_connection_id', '=', connectionId)
    .executeTakeFirst();
  if (!row) return findSitecoreSiteContext(db, connectionId);
  return {
    workspaceId: row.workspace_id,
    environmentId: row.environment_id,
    connectionId,
    tenantId: row.tenant_id,
    mappingVersionId: row.mapping_version_id,
  };
}

/** A Sitecore site (apps/sitecore-extension's emitter) sends orders to its environment's organisation. */
async function findSitecoreSiteContext(db: Db, siteId: string): Promise<SyncContext | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(siteId)) return undefined;
  const row = await db
    .selectFrom('sitecore_sites as s')
    .innerJoin('environments as e', 'e.id', 's.environment_id')
    .innerJoin('xero_connections as x', 'x.id', 'e.xero_connection_id')
    .select(['e.workspace_id', 'e.id as environment_id', 'x.tenant_id', 'e.mapping_version_id'])
    .where('s.id', '=', siteId)
    .where('s.status', '=', 'active')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    workspaceId: row.workspace_id,
    environmentId: row.environment_id,
    connectionId: siteId,
    tenantId: row.tenant_id,
    mappingVersionId: row.mapping_version_id,
  };
}

/** The console and the timeline name an order by its connection and OrderCloud ID. */
export function orderKey(connectionId: string, orderId: string): string {
  return `${connectionId}:${orderId}`;
}

/** The environment a connection syncs into; a connection bound to none cannot sync (permanent). */
export async function requireSyncContext(db: Db, connectionId: string): Promise<SyncContext> {
  const ctx = await findSyncContext(db, connectionId);
  if (!ctx)
    throw new SyncFailure(
      permanent('no-environment', `OrderCloud connection ${connectionId} is not bound to an environment.`),
    );
  return ctx;
}
