import type { AccountingTarget, CommerceSource, ItemDraft } from '@ledgerbridge/canonical';
import type { Db } from '../../db/database.ts';
import { opKey, payloadOf } from '../operations/operation.ts';
import { dropUnsentPlan, findOperation, planLatest } from '../operations/operations-repo.ts';
import { requireSyncContext, type SyncContext } from '../sync-context.ts';
import { mappingFor, orThrow } from './catalog-mapping.ts';
import { createCatalogReviewStore, linkedItemCode, reviewOpen } from './catalog-review-repo.ts';
import { firstSyncActor, startCatalogReview } from './catalog-review.ts';
import { createFirstSyncStore } from './first-sync-repo.ts';
import { firstSyncGate } from './first-sync.ts';
import { ownersWith } from './field-ownership.ts';
import { fieldOwnerChoices } from './item-poll-repo.ts';
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
  // A first-connect review is open: nothing goes to Xero before Apply, which plans every product.
  if (await reviewOpen(deps.db, ctx.connectionId)) return { planned: false };
  const source = await deps.commerceFor(ctx.connectionId);
  // The catalog's first sync into an organisation that already has items opens the review instead.
  if ((await firstSync(deps, ctx, source)) === 'review') return { planned: false };
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
    // A review pairs products (not variants) with an existing item by name: later changes go to it.
    const code = variantId ? undefined : await linkedItemCode(deps.db, ctx.connectionId, product.id);
    const unitPlan = planItem({ product: unit, mapping, ...(code ? { code } : {}) });
    const key = opKey({ kind: 'item-upsert', tenantId: ctx.tenantId, code: unitPlan.draft.code });
    const draft = await keepXeroOwned(deps.db, { ...ctx, key, draft: unitPlan.draft });
    const outcome = await planLatest(deps.db, {
      workspaceId: ctx.workspaceId,
      tenantId: ctx.tenantId,
      connectionId: ctx.connectionId,
      orderId: null,
      kind: 'item-upsert',
      key,
      payload: { productId: product.id, ...(variantId ? { variantId } : {}), sku: unitPlan.sku, ...draft },
      dependsOn: null,
      readAt,
    });
    planned = planned || outcome.planned;
  }
  if (planned) await deps.requestFlush(ctx.tenantId);
  return { planned };
}

/** The first-sync check (decision 0126) over this product's connection; skipped by sources that cannot list. */
async function firstSync(
  deps: SyncProductDeps,
  ctx: SyncContext,
  source: CommerceSource,
): Promise<'proceed' | 'review'> {
  const accounting = deps.accountingFor(ctx.workspaceId);
  if (!source.listProducts || typeof accounting.listItems !== 'function') return 'proceed';
  const listItems = accounting.listItems.bind(accounting);
  return firstSyncGate(
    {
      store: createFirstSyncStore(deps.db),
      listItems: () => listItems({ tenantId: ctx.tenantId }),
      openReview: (items) =>
        startCatalogReview(
          {
            store: createCatalogReviewStore(deps.db),
            commerceFor: async () => source,
            accountingFor: () => accounting,
            mappingOf: (c) => mappingFor(deps, c),
            requestFlush: deps.requestFlush,
          },
          { workspaceId: ctx.workspaceId, connectionId: ctx.connectionId, actor: firstSyncActor, items },
        ),
    },
    { connectionId: ctx.connectionId, tenantId: ctx.tenantId },
  );
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

/**
 * A description or price the organisation gave to Xero ("always Xero's" on the conflicts page) keeps the
 * value Xero holds (adopted into the operation by the poll): OrderCloud's edit of it is not sent.
 */
async function keepXeroOwned(
  db: Db,
  input: { workspaceId: string; tenantId: string; key: string; draft: ItemDraft },
): Promise<ItemDraft> {
  const owners = ownersWith(await fieldOwnerChoices(db, input.workspaceId, input.tenantId));
  if (owners.price !== 'xero' && owners.description !== 'xero') return input.draft;
  const row = await findOperation(db, input.key);
  if (!row) return input.draft;
  const held = payloadOf('item-upsert', row);
  const { salesUnitPrice: _p, description: _d, ...rest } = input.draft;
  const price = owners.price === 'xero' ? held.salesUnitPrice : input.draft.salesUnitPrice;
  const description = owners.description === 'xero' ? held.description : input.draft.description;
  return {
    ...rest,
    ...(price !== undefined ? { salesUnitPrice: price } : {}),
    ...(description !== undefined ? { description } : {}),
  };
}
