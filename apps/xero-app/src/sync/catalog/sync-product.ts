import type { AccountingTarget, CommerceSource } from '@ledgerbridge/canonical';
import type { Db } from '../../db/database.ts';
import { opKey } from '../operations/operation.ts';
import { planLatest } from '../operations/operations-repo.ts';
import { requireSyncContext } from '../sync-context.ts';
import { mappingFor, orThrow } from './catalog-mapping.ts';
import { planItem } from './plan-item.ts';

export type SyncProductDeps = {
  readonly db: Db;
  readonly commerceFor: (connectionId: string) => Promise<CommerceSource>;
  readonly accountingFor: (workspaceId: string) => AccountingTarget;
  readonly requestFlush: (tenantId: string) => Promise<void>;
};

/**
 * Brings a product's Xero item in line with OrderCloud: read the product (with its price schedule),
 * plan the item, and queue an upsert when it differs from what Xero was last told. A webhook for the
 * app's own write (a name taken from Xero) plans the same item again and sends nothing.
 */
export async function syncProduct(
  deps: SyncProductDeps,
  input: { connectionId: string; productId: string },
): Promise<{ planned: boolean }> {
  const ctx = await requireSyncContext(deps.db, input.connectionId);
  const source = await deps.commerceFor(ctx.connectionId);
  // Taken before the read: a plan made from it loses to any plan or rename recorded after this moment.
  const readAt = new Date();
  const product = orThrow(await source.getProduct({ productId: input.productId }));
  const mapping = await mappingFor(deps, ctx);
  const { sku, draft } = planItem({ product, mapping });
  const outcome = await planLatest(deps.db, {
    workspaceId: ctx.workspaceId,
    tenantId: ctx.tenantId,
    connectionId: ctx.connectionId,
    orderId: null,
    kind: 'item-upsert',
    key: opKey({ kind: 'item-upsert', tenantId: ctx.tenantId, code: draft.code }),
    payload: { productId: product.id, sku, ...draft },
    dependsOn: null,
    readAt,
  });
  if (outcome.planned) await deps.requestFlush(ctx.tenantId);
  return outcome;
}
