import type { Db } from '../../db/database.ts';
import { loadMapping } from '../../mapping/mapping-repo.ts';
import { recordFingerprint } from '../../xero-webhooks/echo-fingerprints.ts';
import { opKey, payloadOf } from '../operations/operation.ts';
import { itemUpsertsByCode } from '../operations/operations-repo.ts';
import { findSyncContext } from '../sync-context.ts';

/** What the Items poll reads and records, apart from Xero and OrderCloud themselves. */
export type ItemPollStore = {
  /** The connection's organisation and whether its pinned mapping gives stock to Xero. */
  context(
    connectionId: string,
  ): Promise<{ workspaceId: string; tenantId: string; stockFromXero: boolean } | undefined>;
  watermark(connectionId: string): Promise<{ modifiedSince: Date | null; fullReadAt: Date | null }>;
  saveWatermark(
    connectionId: string,
    mark: { modifiedSince: Date | null; fullReadAt: Date | null; polledAt: Date },
  ): Promise<void>;
  /** Item code → OrderCloud product, for the items this connection's products became. */
  productsOfCodes(input: {
    tenantId: string;
    connectionId: string;
    codes: readonly string[];
  }): Promise<Map<string, string>>;
  lastStock(workspaceId: string, productIds: readonly string[]): Promise<Map<string, string>>;
  recordStock(workspaceId: string, productId: string, fingerprint: string): Promise<void>;
};

const stockEntity = 'product-stock';
const stockEcho = (workspaceId: string, productId: string) =>
  ({ workspaceId, direction: 'to-ordercloud', entityType: stockEntity, entityId: productId }) as const;

const asDate = (value: Date | string | null | undefined) =>
  value === null || value === undefined ? null : new Date(value);

export function createItemPollStore(db: Db): ItemPollStore {
  return {
    async context(connectionId) {
      const ctx = await findSyncContext(db, connectionId);
      if (!ctx) return undefined;
      // No pinned mapping yet: stock stays OrderCloud's (the setting is off by default).
      const stockFromXero = ctx.mappingVersionId
        ? (await loadMapping(db, ctx.mappingVersionId)).items.stockFromXero
        : false;
      return { workspaceId: ctx.workspaceId, tenantId: ctx.tenantId, stockFromXero };
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
    async productsOfCodes({ tenantId, connectionId, codes }) {
      const keyOf = (code: string) => opKey({ kind: 'item-upsert', tenantId, code });
      const ops = await itemUpsertsByCode(db, { tenantId, keys: codes.map(keyOf) });
      const products = new Map<string, string>();
      for (const code of codes) {
        const op = ops.get(keyOf(code));
        if (op && op.connectionId === connectionId)
          products.set(code, payloadOf('item-upsert', op).productId);
      }
      return products;
    },
    async lastStock(workspaceId, productIds) {
      if (productIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('echo_fingerprints')
        .select(['entity_id', 'fingerprint'])
        .where('workspace_id', '=', workspaceId)
        .where('direction', '=', 'to-ordercloud')
        .where('entity_type', '=', stockEntity)
        .where('entity_id', 'in', [...productIds])
        .execute();
      return new Map(rows.map((r) => [r.entity_id, r.fingerprint]));
    },
    async recordStock(workspaceId, productId, fingerprint) {
      await recordFingerprint(db, { ...stockEcho(workspaceId, productId), fingerprint });
    },
  };
}
