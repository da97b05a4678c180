import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { type CatalogConflictRow, findConflict } from './catalog-conflicts-repo.ts';
import type { ItemFields } from './item-drift.ts';
import { adoptItemField } from './item-poll-repo.ts';
import { recordAudit } from '../../timeline/audit-log-repo.ts';

/** What settling a catalog conflict reads and records, apart from OrderCloud and Xero. */
export type ConflictChoiceStore = {
  find(workspaceId: string, conflictId: string): Promise<CatalogConflictRow | undefined>;
  /** The item operation of the conflict's item, and the organisation it goes to. */
  itemOp(
    connectionId: string,
    code: string,
  ): Promise<{ key: string; tenantId: string; variantId?: string } | undefined>;
  /** The chosen value becomes what Xero is told (and the product webhook of OrderCloud's write a no-op). */
  adopt(key: string, field: keyof ItemFields, value: string, at: Date): Promise<void>;
  /** The operation is sent again (a done one becomes ready). */
  reopen(key: string): Promise<void>;
  /** Marks the conflict settled, stores an "always" choice, and writes the audit log, together. */
  settle(input: {
    conflict: CatalogConflictRow;
    workspaceId: string;
    tenantId: string;
    side: 'ordercloud' | 'xero';
    always: boolean;
    actor: string;
  }): Promise<boolean>;
};

export function createConflictChoiceStore(db: Db): ConflictChoiceStore {
  return {
    find: (workspaceId, id) => findConflict(db, { workspaceId, id }),
    async itemOp(connectionId, code) {
      const row = await db
        .selectFrom('xero_operations')
        .select(['op_key', 'tenant_id', sql<string | null>`payload->>'variantId'`.as('variant_id')])
        .where('source_connection_id', '=', connectionId)
        .where('kind', '=', 'item-upsert')
        .where(sql<string>`payload->>'code'`, '=', code)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        key: row.op_key,
        tenantId: row.tenant_id,
        ...(row.variant_id ? { variantId: row.variant_id } : {}),
      };
    },
    adopt: (key, field, value, at) => adoptItemField(db, { key, field, value, at }),
    async reopen(key) {
      await db
        .updateTable('xero_operations')
        .set({ status: 'ready', error: null, updated_at: sql`now()` })
        .where('op_key', '=', key)
        .where('status', 'in', ['done', 'failed'])
        .execute();
    },
    settle: (input) =>
      db.transaction().execute(async (trx) => {
        const settled = await trx
          .updateTable('catalog_conflicts')
          .set({ resolved_side: input.side, resolved_by: input.actor, resolved_at: sql`now()` })
          .where('id', '=', input.conflict.id)
          .where('workspace_id', '=', input.workspaceId)
          .where('resolved_side', 'is', null)
          .returning('id')
          .executeTakeFirst();
        if (!settled) return false;
        if (input.always) {
          await trx
            .insertInto('catalog_field_owners')
            .values({
              workspace_id: input.workspaceId,
              tenant_id: input.tenantId,
              field: input.conflict.field,
              owner: input.side,
            })
            .onConflict((oc) =>
              oc
                .columns(['workspace_id', 'tenant_id', 'field'])
                .doUpdateSet({ owner: input.side, updated_at: sql`now()` }),
            )
            .execute();
        }
        await recordAudit(trx, {
          workspaceId: input.workspaceId,
          actor: input.actor,
          action: 'catalog.conflict-chosen',
          details: {
            conflictId: input.conflict.id,
            productId: input.conflict.productId,
            itemCode: input.conflict.itemCode,
            field: input.conflict.field,
            side: input.side,
            value: input.side === 'xero' ? input.conflict.xero : input.conflict.ordercloud,
            always: input.always,
            tenantId: input.tenantId,
          },
        });
        return true;
      }),
  };
}
