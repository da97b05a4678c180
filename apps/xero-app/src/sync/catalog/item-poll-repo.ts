import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { loadMapping } from '../../mapping/mapping-repo.ts';
import { recordFingerprint } from '../../xero-webhooks/echo-fingerprints.ts';
import { opKey, payloadOf } from '../operations/operation.ts';
import { findSyncContext } from '../sync-context.ts';
import { recordConflicts } from './catalog-conflicts-repo.ts';
import { type FieldOwners, ownersWith } from './field-ownership.ts';
import type { ItemConflict, ItemFields } from './item-drift.ts';

/** A product's item as the app last planned it (the item-upsert operation). */
export type ItemOp = {
  readonly key: string;
  readonly productId: string;
  /** The item is this variant of the product (decision 0098): writes go to the variant. */
  readonly variantId?: string;
  readonly fields: ItemFields;
  /** OrderCloud's payload has not reached Xero yet. */
  readonly pending: boolean;
  readonly plannedAt: Date;
};

/** What the Items poll reads and records, apart from Xero and OrderCloud themselves. */
export type ItemPollStore = {
  /** The connection's organisation, whether Xero owns stock, and whether its products are synced at all. */
  context(connectionId: string): Promise<
    | {
        workspaceId: string;
        tenantId: string;
        stockFromXero: boolean;
        catalogSynced: boolean;
        /** The organisation's field ownership, with the merchant's "always" choices. */
        owners?: FieldOwners;
      }
    | undefined
  >;
  watermark(connectionId: string): Promise<{ modifiedSince: Date | null; fullReadAt: Date | null }>;
  saveWatermark(
    connectionId: string,
    mark: { modifiedSince: Date | null; fullReadAt: Date | null; polledAt: Date },
  ): Promise<void>;
  /** Item code → its operation, for the items this connection's products became. */
  itemOps(input: {
    tenantId: string;
    connectionId: string;
    codes: readonly string[];
  }): Promise<Map<string, ItemOp>>;
  /** Keyed by stockEntityId: a product's ID, or `{productID}/{variantID}` for a variant. */
  lastStock(workspaceId: string, entityIds: readonly string[]): Promise<Map<string, string>>;
  recordStock(workspaceId: string, entityId: string, fingerprint: string): Promise<void>;
  agreedStates(connectionId: string, codes: readonly string[]): Promise<Map<string, ItemFields>>;
  saveAgreed(connectionId: string, code: string, fields: ItemFields): Promise<void>;
  /** OrderCloud's values go to Xero again: a done operation becomes ready. */
  reopenItem(key: string): Promise<void>;
  /**
   * Xero's name won and was written to OrderCloud at `at`: it is what Xero holds, so OrderCloud's
   * webhook for it plans nothing new, and a product read before `at` plans nothing stale.
   */
  adoptName(key: string, name: string, at: Date): Promise<void>;
  /** As adoptName, for a description or price the organisation gave to Xero. */
  adoptField(key: string, field: keyof ItemFields, value: string, at: Date): Promise<void>;
  recordConflicts(input: {
    workspaceId: string;
    connectionId: string;
    productId: string;
    itemCode: string;
    conflicts: readonly ItemConflict[];
  }): Promise<void>;
};

const stockEntity = 'product-stock';
const stockEcho = (workspaceId: string, entityId: string) =>
  ({ workspaceId, direction: 'to-ordercloud', entityType: stockEntity, entityId }) as const;

const asDate = (value: Date | string | null | undefined) =>
  value === null || value === undefined ? null : new Date(value);

const fieldsOf = (payload: ReturnType<typeof payloadOf<'item-upsert'>>): ItemFields => ({
  name: payload.name,
  ...(payload.description !== undefined ? { description: payload.description } : {}),
  ...(payload.salesUnitPrice !== undefined ? { salesUnitPrice: payload.salesUnitPrice } : {}),
});

/** The merchant's "always" choices of one organisation: field → owner. */
export async function fieldOwnerChoices(
  db: Db,
  workspaceId: string,
  tenantId: string,
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('catalog_field_owners')
    .select(['field', 'owner'])
    .where('workspace_id', '=', workspaceId)
    .where('tenant_id', '=', tenantId)
    .execute();
  return new Map(rows.map((r) => [r.field, r.owner]));
}

/**
 * A value written to OrderCloud from Xero (or chosen by the merchant) becomes the item operation's: the
 * product webhook of that write plans the same payload and sends nothing, and a product read before
 * `at` plans nothing stale.
 */
export async function adoptItemField(
  db: Db,
  input: { key: string; field: keyof ItemFields; value: string; at: Date },
): Promise<void> {
  await db
    .updateTable('xero_operations')
    .set({
      payload: sql`jsonb_set(payload, ${`{${input.field}}`}::text[], to_jsonb(${input.value}::text))`,
      source_read_at: sql`greatest(coalesce(source_read_at, ${input.at}), ${input.at})`,
    })
    .where('op_key', '=', input.key)
    .execute();
}

export function createItemPollStore(db: Db): ItemPollStore {
  return {
    async context(connectionId) {
      const ctx = await findSyncContext(db, connectionId);
      if (!ctx) return undefined;
      // No pinned mapping yet: stock stays OrderCloud's (the setting is off by default).
      const stockFromXero = ctx.mappingVersionId
        ? (await loadMapping(db, ctx.mappingVersionId)).items.stockFromXero
        : false;
      const synced = await db
        .selectFrom('xero_operations')
        .select('id')
        .where('tenant_id', '=', ctx.tenantId)
        .where('kind', '=', 'item-upsert')
        .where('source_connection_id', '=', connectionId)
        .limit(1)
        .executeTakeFirst();
      return {
        workspaceId: ctx.workspaceId,
        tenantId: ctx.tenantId,
        stockFromXero,
        catalogSynced: synced !== undefined,
        owners: ownersWith(await fieldOwnerChoices(db, ctx.workspaceId, ctx.tenantId)),
      };
    },
    async watermark(connectionId) {
      const row = await db
        .selectFrom('item_poll_watermarks')
        .select(['modified_since', 'full_read_at'])
        .where('connection_id', '=', connectionId)
        .executeTakeFirst();
      return { modifiedSince: asDate(row?.modified_since), fullReadAt: asDate(row?.full_read_at) };
    },
    async saveWatermark(connectionId, mark) {
      const values = {
        modified_since: mark.modifiedSince,
        full_read_at: mark.fullReadAt,
        polled_at: mark.polledAt,
      };
      await db
        .insertInto('item_poll_watermarks')
        .values({ connection_id: connectionId, ...values })
        .onConflict((oc) => oc.column('connection_id').doUpdateSet(values))
        .execute();
    },
    async itemOps({ tenantId, connectionId, codes }) {
      if (codes.length === 0) return new Map();
      const keyOf = (code: string) => opKey({ kind: 'item-upsert', tenantId, code });
      const rows = await db
        .selectFrom('xero_operations')
        .select(['op_key', 'payload', 'status', 'updated_at'])
        .where('tenant_id', '=', tenantId)
        .where('source_connection_id', '=', connectionId)
        .where('op_key', 'in', codes.map(keyOf))
        .execute();
      const ops = new Map<string, ItemOp>();
      for (const row of rows) {
        const payload = payloadOf('item-upsert', row);
        ops.set(payload.code, {
          key: row.op_key,
          productId: payload.productId,
          ...(payload.variantId ? { variantId: payload.variantId } : {}),
          fields: fieldsOf(payload),
          pending: row.status !== 'done',
          plannedAt: new Date(row.updated_at),
        });
      }
      return ops;
    },
    async lastStock(workspaceId, entityIds) {
      if (entityIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('echo_fingerprints')
        .select(['entity_id', 'fingerprint'])
        .where('workspace_id', '=', workspaceId)
        .where('direction', '=', 'to-ordercloud')
        .where('entity_type', '=', stockEntity)
        .where('entity_id', 'in', [...entityIds])
        .execute();
      return new Map(rows.map((r) => [r.entity_id, r.fingerprint]));
    },
    async recordStock(workspaceId, entityId, fingerprint) {
      await recordFingerprint(db, { ...stockEcho(workspaceId, entityId), fingerprint });
    },
    async agreedStates(connectionId, codes) {
      if (codes.length === 0) return new Map();
      const rows = await db
        .selectFrom('catalog_item_states')
        .select(['item_code', 'fields'])
        .where('connection_id', '=', connectionId)
        .where('item_code', 'in', [...codes])
        .execute();
      return new Map(rows.map((r) => [r.item_code, r.fields as ItemFields]));
    },
    async saveAgreed(connectionId, code, fields) {
      const json = JSON.stringify(fields);
      await db
        .insertInto('catalog_item_states')
        .values({ connection_id: connectionId, item_code: code, fields: json })
        .onConflict((oc) =>
          oc.columns(['connection_id', 'item_code']).doUpdateSet({ fields: json, agreed_at: new Date() }),
        )
        .execute();
    },
    async reopenItem(key) {
      await db
        .updateTable('xero_operations')
        .set({ status: 'ready', error: null, updated_at: sql`now()` })
        .where('op_key', '=', key)
        .where('status', '=', 'done')
        .execute();
    },
    adoptName: (key, name, at) => adoptItemField(db, { key, field: 'name', value: name, at }),
    adoptField: (key, field, value, at) => adoptItemField(db, { key, field, value, at }),
    recordConflicts: (input) => recordConflicts(db, input),
  };
}
