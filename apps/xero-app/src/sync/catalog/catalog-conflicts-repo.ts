import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { CatalogConflictsTable } from '../../db/schema.ts';
import type { Executor } from '../operations/operations-repo.ts';
import { catalogFieldOwners, type Owner } from './field-ownership.ts';
import type { ItemConflict } from './item-drift.ts';

export type CatalogConflictRow = ItemConflict & {
  readonly id: string;
  readonly connectionId: string;
  readonly productId: string;
  readonly itemCode: string;
  readonly detectedAt: Date;
  /** The side the merchant chose, once settled on the conflicts page. */
  readonly resolvedSide: 'ordercloud' | 'xero' | null;
  readonly resolvedBy: string | null;
  /** Who decides the field in the organisation now (its "always", else the built-in rule). */
  readonly owner?: Owner;
};

export async function recordConflicts(
  db: Executor,
  input: {
    workspaceId: string;
    connectionId: string;
    productId: string;
    itemCode: string;
    conflicts: readonly ItemConflict[];
  },
): Promise<void> {
  if (input.conflicts.length === 0) return;
  await db
    .insertInto('catalog_conflicts')
    .values(
      input.conflicts.map((c) => ({
        workspace_id: input.workspaceId,
        connection_id: input.connectionId,
        product_id: input.productId,
        item_code: input.itemCode,
        field: c.field,
        ordercloud_value: c.ordercloud,
        xero_value: c.xero,
        winner: c.winner,
      })),
    )
    .execute();
}

/** The workspace's most recent conflicts, newest first. */
export async function listConflicts(
  db: Db,
  input: { workspaceId: string; limit?: number },
): Promise<CatalogConflictRow[]> {
  const rows = await db
    .selectFrom('catalog_conflicts as c')
    .selectAll('c')
    // The organisation's "always" for the field, if the merchant made one (else the built-in rule).
    .select((eb) =>
      eb
        .selectFrom('catalog_field_owners as f')
        .innerJoin('xero_connections as x', 'x.tenant_id', 'f.tenant_id')
        .innerJoin('environments as e', 'e.xero_connection_id', 'x.id')
        .select('f.owner')
        .whereRef('e.ordercloud_connection_id', '=', 'c.connection_id')
        .whereRef('f.workspace_id', '=', 'c.workspace_id')
        .whereRef('f.field', '=', 'c.field')
        .limit(1)
        .as('chosen_owner'),
    )
    .where('c.workspace_id', '=', input.workspaceId)
    .orderBy('c.detected_at', 'desc')
    .limit(input.limit ?? 200)
    .execute();
  return rows.map((r) => ({ ...conflictOf(r), owner: ownerOf(r.field, r.chosen_owner) }));
}

const ownerOf = (field: string, chosen: string | null): Owner =>
  chosen === 'ordercloud' || chosen === 'xero' || chosen === 'last-writer'
    ? chosen
    : (catalogFieldOwners[field as ItemConflict['field']] ?? 'ordercloud');

const conflictOf = (r: Selectable<CatalogConflictsTable>): CatalogConflictRow => ({
  id: r.id,
  connectionId: r.connection_id,
  productId: r.product_id,
  itemCode: r.item_code,
  field: r.field as ItemConflict['field'],
  ordercloud: r.ordercloud_value,
  xero: r.xero_value,
  winner: r.winner,
  detectedAt: new Date(r.detected_at),
  resolvedSide: r.resolved_side,
  resolvedBy: r.resolved_by,
});

export async function findConflict(
  db: Db,
  input: { workspaceId: string; id: string },
): Promise<CatalogConflictRow | undefined> {
  const row = await db
    .selectFrom('catalog_conflicts')
    .selectAll()
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.id)
    .executeTakeFirst();
  return row ? conflictOf(row) : undefined;
}
