import type { AccountingTarget, CommerceSource } from '@ledgerbridge/canonical';
import type { Db } from '../../db/database.ts';
import { opKey } from '../operations/operation.ts';
import { dropUnsentPlan, planLatest } from '../operations/operations-repo.ts';
import { requireSyncContext } from '../sync-context.ts';
import { mappingFor, orThrow } from './catalog-mapping.ts';
import { planItem, sellableUnits } from './plan-item.ts';

export type SyncProductDeps = {
  readonly db: Db;
  readonly commerceFor: (connectionId: string) => Promise<CommerceSource>;
  readonly accountingFor: (workspaceId: string) => AccountingTarget;
  readonly requestFlush: (tenantId: string) => Promise<void>;
};

/**
 * Brings a product's Xero items in line with OrderCloud: read the product (with its price schedule and
 * variants), plan its item or one per variant, and queue an upsert for each that differs from what Xero
 * was last told. A webhook for the app's own write (a name taken from Xero) plans the same and sends
 * nothing.
 */
export async function syncProduct(
  deps: SyncProductDeps,
  input: { connectionId: string; productId: string },
): Promise<{ planned: boolean }> {
  const ctx = await requireSyncContext(deps.db, input.connectionId);
  const source = await deps.commerceFor(ctx.connectionId);
  const mapping = await mappingFor(deps, ctx);
  // Taken before the read: a plan made from it loses to any plan or rename recorded after this moment.
  const readAt = new Date();
  const product = orThrow(await source.getProduct({ productId: input.productId, sources: mapping.sources }));
  if (product.variants && product.variants.length > 0) {
    // Sold as variants now: the product's own item, if planned but never sent, is not sent.
    const own = planItem({ product: { ...product, variants: undefined }, mapping });
    await dropUnsentPlan(
      deps.db,
      opKey({ kind: 'item-upsert', tenantId: ctx.tenantId, code: own.draft.code }),
    );
  }
  let planned = false;
  // One item per variant when the product is sold as variants (decision 0098), else the product's.
  for (const { unit, variantId } of sellableUnits(product)) {
    const { sku, draft } = planItem({ product: unit, mapping });
    const outcome = await planLatest(deps.db, {
      workspaceId: ctx.workspaceId,
      tenantId: ctx.tenantId,
      connectionId: ctx.connectionId,
      orderId: null,
      kind: 'item-upsert',
      key: opKey({ kind: 'item-upsert', tenantId: ctx.tenantId, code: draft.code }),
      payload: { productId: product.id, ...(variantId ? { variantId } : {}), sku, ...draft },
      dependsOn: null,
      readAt,
    });
    planned = planned || outcome.planned;
  }
  if (planned) await deps.requestFlush(ctx.tenantId);
  return { planned };
}

/** A spec option changed (a markup): every product the spec is assigned to is planned again. */
export async function syncSpec(
  deps: SyncProductDeps,
  input: { connectionId: string; specId: string },
): Promise<{ planned: boolean }> {
  const source = await deps.commerceFor(input.connectionId);
  if (!source.productsOfSpec) return { planned: false };
  let planned = false;
  for (const productId of orThrow(await source.productsOfSpec({ specId: input.specId })))
    planned = (await syncProduct(deps, { connectionId: input.connectionId, productId })).planned || planned;
  return { planned };
}
