import type { AccountingItem } from '@ledgerbridge/canonical';
import { type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type { CatalogReviewsTable, DatabaseSchema } from '../../db/schema.ts';
import type { Db } from '../../db/database.ts';
import { opKey } from '../operations/operation.ts';
import { type Executor, planLatest } from '../operations/operations-repo.ts';
import { findSyncContext, type SyncContext } from '../sync-context.ts';
import { recordConflicts } from './catalog-conflicts-repo.ts';
import type { ItemFields } from './item-drift.ts';
import type { ProductForMatch } from './match-items.ts';
import type { ReviewPlan } from './review-plan.ts';
import { recordAudit } from '../../timeline/audit-log-repo.ts';

export type StoredReview = {
  readonly id: string;
  readonly workspaceId: string;
  readonly connectionId: string;
  readonly tenantId: string;
  readonly status: 'open' | 'applied';
  readonly products: readonly ProductForMatch[];
  readonly items: readonly AccountingItem[];
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly appliedAt: Date | null;
  readonly appliedBy: string | null;
};

/** What the catalog review reads and records, apart from Xero and OrderCloud themselves. */
export type CatalogReviewStore = {
  /** The connection's environment, when it is this workspace's and bound to an organisation. */
  context(workspaceId: string, connectionId: string): Promise<SyncContext | undefined>;
  /** The workspace's OrderCloud connections bound to an organisation, with their organisation's name. */
  connections(
    workspaceId: string,
  ): Promise<Array<{ connectionId: string; name: string; tenantName: string; environment: string }>>;
  save(input: {
    workspaceId: string;
    connectionId: string;
    tenantId: string;
    products: readonly ProductForMatch[];
    items: readonly AccountingItem[];
    actor: string;
  }): Promise<string>;
  find(workspaceId: string, reviewId: string): Promise<StoredReview | undefined>;
  /** Products paired earlier with an item of another code (catalog_item_links): product → item code. */
  links(connectionId: string): Promise<Map<string, string>>;
  latest(workspaceId: string, connectionId: string): Promise<StoredReview | undefined>;
  /** Records what Apply decided in one transaction; false when the review was applied meanwhile. */
  apply(input: { review: StoredReview; plan: ReviewPlan; actor: string; readAt: Date }): Promise<boolean>;
};

const fieldsOf = (draft: ProductForMatch['draft']): ItemFields => ({
  name: draft.name,
  ...(draft.description !== undefined ? { description: draft.description } : {}),
  ...(draft.salesUnitPrice !== undefined ? { salesUnitPrice: draft.salesUnitPrice } : {}),
});

const reviewOf = (r: Selectable<CatalogReviewsTable>): StoredReview => ({
  id: r.id,
  workspaceId: r.workspace_id,
  connectionId: r.connection_id,
  tenantId: r.tenant_id,
  status: r.status,
  products: r.products as ProductForMatch[],
  items: r.items as AccountingItem[],
  createdAt: new Date(r.created_at),
  createdBy: r.created_by,
  appliedAt: r.applied_at ? new Date(r.applied_at) : null,
  appliedBy: r.applied_by,
});

/** A review is open for the connection: product changes wait for Apply (which plans every product). */
export async function reviewOpen(db: Db, connectionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('catalog_reviews')
    .select('status')
    .where('connection_id', '=', connectionId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.status === 'open';
}

/** The item a product was paired with in a review, when its code is not the product's own. */
export async function linkedItemCode(
  db: Db,
  connectionId: string,
  productId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('catalog_item_links')
    .select('item_code')
    .where('connection_id', '=', connectionId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  return row?.item_code;
}

async function writePlan(
  trx: Executor,
  input: { review: StoredReview; plan: ReviewPlan; actor: string; readAt: Date },
): Promise<void> {
  const { review, plan, readAt } = input;
  const base = {
    workspaceId: review.workspaceId,
    tenantId: review.tenantId,
    connectionId: review.connectionId,
    orderId: null,
    dependsOn: null,
  };
  const upsert = (product: ProductForMatch, code: string) =>
    planLatest(trx, {
      ...base,
      kind: 'item-upsert',
      key: opKey({ kind: 'item-upsert', tenantId: review.tenantId, code }),
      payload: { productId: product.productId, sku: product.sku, ...product.draft, code },
      readAt,
    });
  const paired = [...plan.adopt, ...plan.update];
  for (const { product, code } of paired) {
    if (code === product.draft.code) continue;
    await trx
      .insertInto('catalog_item_links')
      .values({ connection_id: review.connectionId, product_id: product.productId, item_code: code })
      .onConflict((oc) => oc.columns(['connection_id', 'product_id']).doUpdateSet({ item_code: code }))
      .execute();
  }
  for (const product of plan.create) await upsert(product, product.draft.code);
  for (const { product, code, differences } of plan.update) {
    await upsert(product, code);
    // First connect: OrderCloud's values go to Xero (the catalog is the source); each overwritten value
    // is listed, so the merchant can choose Xero's instead on the conflicts page.
    await recordConflicts(trx, {
      workspaceId: review.workspaceId,
      connectionId: review.connectionId,
      productId: product.productId,
      itemCode: code,
      conflicts: differences.map((d) => ({ ...d, winner: 'ordercloud' as const })),
    });
  }
  // Equal on both sides: recorded as sent and agreed, so nothing is written and the poll sees no edit.
  for (const { product, code } of plan.adopt) {
    const payload = JSON.stringify({
      productId: product.productId,
      sku: product.sku,
      ...product.draft,
      code,
    });
    await trx
      .insertInto('xero_operations')
      .values({
        workspace_id: review.workspaceId,
        tenant_id: review.tenantId,
        source_connection_id: review.connectionId,
        order_id: null,
        kind: 'item-upsert',
        op_key: opKey({ kind: 'item-upsert', tenantId: review.tenantId, code }),
        payload,
        depends_on: null,
        status: 'done',
        target_id: code,
        source_read_at: readAt,
      })
      // Reviewed again after an earlier sync: what Xero holds now is what it was last told.
      .onConflict((oc) =>
        oc
          .column('op_key')
          .doUpdateSet({ payload, status: 'done', error: null, source_read_at: readAt })
          .where('xero_operations.status', '!=', 'sending'),
      )
      .execute();
    const fields = JSON.stringify(fieldsOf({ ...product.draft, code }));
    await trx
      .insertInto('catalog_item_states')
      .values({ connection_id: review.connectionId, item_code: code, fields })
      .onConflict((oc) => oc.columns(['connection_id', 'item_code']).doUpdateSet({ fields }))
      .execute();
  }
  for (const item of plan.archive) {
    await planLatest(trx, {
      ...base,
      kind: 'item-archive',
      key: opKey({ kind: 'item-archive', tenantId: review.tenantId, code: item.code }),
      payload: { code: item.code, ...(item.name ? { name: item.name } : {}) },
    });
  }
  await recordAudit(trx, {
    workspaceId: review.workspaceId,
    actor: input.actor,
    action: 'catalog.review-applied',
    details: {
      reviewId: review.id,
      connectionId: review.connectionId,
      tenantId: review.tenantId,
      created: plan.create.length,
      updated: plan.update.map((u) => ({ productId: u.product.productId, code: u.code })),
      adopted: plan.adopt.length,
      archived: plan.archive.map((i) => i.code),
    },
  });
}

type ReviewQuery = SelectQueryBuilder<DatabaseSchema, 'catalog_reviews', Selectable<CatalogReviewsTable>>;

async function firstReview(
  db: Db,
  workspaceId: string,
  narrow: (query: ReviewQuery) => ReviewQuery,
): Promise<StoredReview | undefined> {
  const row = await narrow(
    db.selectFrom('catalog_reviews').selectAll().where('workspace_id', '=', workspaceId),
  ).executeTakeFirst();
  return row ? reviewOf(row) : undefined;
}

export function createCatalogReviewStore(db: Db): CatalogReviewStore {
  return {
    async context(workspaceId, connectionId) {
      const ctx = await findSyncContext(db, connectionId);
      return ctx?.workspaceId === workspaceId ? ctx : undefined;
    },
    async connections(workspaceId) {
      const rows = await db
        .selectFrom('environments as e')
        .innerJoin('xero_connections as x', 'x.id', 'e.xero_connection_id')
        .innerJoin('ordercloud_connections as o', 'o.id', 'e.ordercloud_connection_id')
        .select(['o.id', 'o.name', 'x.tenant_name', 'e.name as environment'])
        .where('e.workspace_id', '=', workspaceId)
        .orderBy('e.name')
        .execute();
      return rows.map((r) => ({
        connectionId: r.id,
        name: r.name,
        tenantName: r.tenant_name ?? '',
        environment: r.environment,
      }));
    },
    async save(input) {
      const row = await db
        .insertInto('catalog_reviews')
        .values({
          workspace_id: input.workspaceId,
          connection_id: input.connectionId,
          tenant_id: input.tenantId,
          status: 'open',
          products: JSON.stringify(input.products),
          items: JSON.stringify(input.items),
          created_by: input.actor,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async links(connectionId) {
      const rows = await db
        .selectFrom('catalog_item_links')
        .select(['product_id', 'item_code'])
        .where('connection_id', '=', connectionId)
        .execute();
      return new Map(rows.map((r) => [r.product_id, r.item_code]));
    },
    find: (workspaceId, reviewId) => firstReview(db, workspaceId, (q) => q.where('id', '=', reviewId)),
    latest: (workspaceId, connectionId) =>
      firstReview(db, workspaceId, (q) =>
        q.where('connection_id', '=', connectionId).orderBy('created_at', 'desc').limit(1),
      ),
    apply: (input) =>
      db.transaction().execute(async (trx) => {
        const claimed = await trx
          .updateTable('catalog_reviews')
          .set({ status: 'applied', applied_by: input.actor, applied_at: sql`now()` })
          .where('id', '=', input.review.id)
          .where('status', '=', 'open')
          .returning('id')
          .executeTakeFirst();
        if (!claimed) return false;
        await writePlan(trx, input);
        return true;
      }),
  };
}
