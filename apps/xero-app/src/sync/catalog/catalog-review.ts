import {
  type AccountingItem,
  type AccountingTarget,
  type CommerceSource,
  fail,
  ok,
  permanent,
  type Result,
} from '@ledgerbridge/canonical';
import type { MappingConfig } from '../../mapping/mapping-config.ts';
import type { SyncContext } from '../sync-context.ts';
import type { CatalogReviewStore, StoredReview } from './catalog-review-repo.ts';
import { type MatchProposal, matchItems, type ProductForMatch } from './match-items.ts';
import { planItem } from './plan-item.ts';
import { readItemsForReview } from './read-items-for-review.ts';
import { type ReviewChoices, reviewPlan } from './review-plan.ts';

export type CatalogReviewDeps = {
  readonly store: CatalogReviewStore;
  readonly commerceFor: (connectionId: string) => Promise<Pick<CommerceSource, 'listProducts'>>;
  /** Xero through the organisation's rate budget (the adapter waits for its turn). */
  readonly accountingFor: (workspaceId: string) => Pick<AccountingTarget, 'listItems'>;
  readonly mappingOf: (ctx: SyncContext) => Promise<MappingConfig>;
  readonly requestFlush: (tenantId: string) => Promise<void>;
  readonly now?: () => Date;
  /** How a read waits out Xero's "retry after" a moment (tests pass their own). */
  readonly sleep?: (ms: number) => Promise<void>;
};

type Actor = { workspaceId: string; actor: string };

export type ReviewView = {
  readonly connectionId: string;
  readonly name: string;
  readonly tenantName: string;
  readonly environment: string;
  readonly review?: StoredReview & { readonly proposal: MatchProposal };
};

const notFound = () => fail(permanent('not-found', 'There is nothing like that in this workspace.'));

async function productsFor(deps: CatalogReviewDeps, ctx: SyncContext): Promise<Result<ProductForMatch[]>> {
  const source = await deps.commerceFor(ctx.connectionId);
  if (!source.listProducts)
    return fail(permanent('not-supported', 'This marketplace cannot list its products.'));
  const products = await source.listProducts();
  if (!products.ok) return products;
  const mapping = await deps.mappingOf(ctx);
  // A product paired before with an item of another code keeps it (reviewed again, it matches by code).
  const links = await deps.store.links(ctx.connectionId);
  return ok(
    products.value.map((product) => {
      const code = links.get(product.id);
      const { sku, draft } = planItem({ product, mapping, ...(code ? { code } : {}) });
      return { productId: product.id, sku, draft };
    }),
  );
}

/** Who a review opened by the catalog's first sync (decision 0126) names as its author. */
export const firstSyncActor = 'Ledgerbridge (first catalog sync)';

/**
 * Reads both catalogs for a first-connect review and keeps what was read: OrderCloud's products with
 * their price schedules (pages of 100) and the organisation's items (one call: Xero does not page
 * Items; or the items the caller has just read). Nothing is written to Xero; product changes wait until
 * the review is applied.
 */
export async function startCatalogReview(
  deps: CatalogReviewDeps,
  input: Actor & { connectionId: string; items?: readonly AccountingItem[] },
): Promise<Result<{ id: string }>> {
  const ctx = await deps.store.context(input.workspaceId, input.connectionId);
  if (!ctx) return notFound();
  const products = await productsFor(deps, ctx);
  if (!products.ok) return products;
  const accounting = deps.accountingFor(ctx.workspaceId);
  const items = input.items
    ? ok(input.items)
    : await readItemsForReview(() => accounting.listItems({ tenantId: ctx.tenantId }), {
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
      });
  if (!items.ok) return items;
  const id = await deps.store.save({
    workspaceId: ctx.workspaceId,
    connectionId: ctx.connectionId,
    tenantId: ctx.tenantId,
    products: products.value,
    items: items.value,
    actor: input.actor,
  });
  return ok({ id });
}

/** Each bound marketplace with its latest review and the match proposed from what was read. */
export async function catalogReviews(deps: CatalogReviewDeps, workspaceId: string): Promise<ReviewView[]> {
  const connections = await deps.store.connections(workspaceId);
  return Promise.all(
    connections.map(async (c) => {
      const review = await deps.store.latest(workspaceId, c.connectionId);
      return review
        ? {
            ...c,
            review: { ...review, proposal: matchItems({ products: review.products, items: review.items }) },
          }
        : c;
    }),
  );
}

/**
 * The merchant's Apply: the products are read again (a product added since the review follows the
 * proposal), the choices checked, and then, in one transaction, item creates and updates planned on the
 * outbox (sent in batches of 50 like every catalog change), equal pairs recorded as synced, chosen items
 * archived, the review closed and the audit log written. From then on product changes sync as usual.
 */
export async function applyCatalogReview(
  deps: CatalogReviewDeps,
  input: Actor & { reviewId: string; choices: ReviewChoices },
): Promise<Result<{ created: number; updated: number; adopted: number; archived: number }>> {
  const review = await deps.store.find(input.workspaceId, input.reviewId);
  if (!review) return notFound();
  if (review.status !== 'open')
    return fail(
      permanent('invalid', 'This review was applied already: read the catalogs again for a new one.'),
    );
  const latest = await deps.store.latest(input.workspaceId, review.connectionId);
  if (latest?.id !== review.id)
    return fail(permanent('invalid', 'The catalogs were read again since: apply the newer review.'));
  const ctx = await deps.store.context(input.workspaceId, review.connectionId);
  if (!ctx || ctx.tenantId !== review.tenantId)
    return fail(permanent('invalid', 'The marketplace is bound to another organisation now: read again.'));
  const readAt = (deps.now ?? (() => new Date()))();
  const products = await productsFor(deps, ctx);
  if (!products.ok) return products;
  const planned = reviewPlan({ products: products.value, items: review.items, choices: input.choices });
  if (!planned.ok) return fail(permanent('invalid', planned.reason));
  const { plan } = planned;
  const applied = await deps.store.apply({ review, plan, actor: input.actor, readAt });
  if (!applied) return fail(permanent('invalid', 'This review was applied already.'));
  if (plan.create.length + plan.update.length + plan.archive.length > 0)
    await deps.requestFlush(ctx.tenantId);
  return ok({
    created: plan.create.length,
    updated: plan.update.length,
    adopted: plan.adopt.length,
    archived: plan.archive.length,
  });
}
