import {
  type AccountingTarget,
  type CommerceSource,
  type ItemDraft,
  permanent,
  SyncFailure,
} from '@ledgerbridge/canonical';
import type { Db } from '../../db/database.ts';
import { opKey, payloadOf } from '../operations/operation.ts';
import { planLatest } from '../operations/operations-repo.ts';
import { findSyncContext } from '../sync-context.ts';
import { mappingFor, orThrow } from './catalog-mapping.ts';
import { linkedItemCode, reviewOpen } from './catalog-review-repo.ts';
import { ownersWith } from './field-ownership.ts';
import { fieldOwnerChoices } from './item-poll-repo.ts';
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
  const ctx = await findSyncContext(deps.db, input.connectionId);
  if (!ctx)
    throw new SyncFailure(
      permanent(
        'no-environment',
        `OrderCloud connection ${input.connectionId} is not bound to an environment.`,
      ),
    );
  // A first-connect review is open: nothing goes to Xero before Apply, which plans every product.
  if (await reviewOpen(deps.db, ctx.connectionId)) return { planned: false };
  const source = await deps.commerceFor(ctx.connectionId);
  // Taken before the read: a plan made from it loses to any plan or rename recorded after this moment.
  const readAt = new Date();
  const product = orThrow(await source.getProduct({ productId: input.productId }));
  const mapping = await mappingFor(deps, ctx);
  const code = await linkedItemCode(deps.db, ctx.connectionId, product.id);
  const planned = planItem({ product, mapping, ...(code ? { code } : {}) });
  const { sku } = planned;
  const key = opKey({ kind: 'item-upsert', tenantId: ctx.tenantId, code: planned.draft.code });
  const draft = await keepXeroOwned(deps.db, { ...ctx, key, draft: planned.draft });
  const outcome = await planLatest(deps.db, {
    workspaceId: ctx.workspaceId,
    tenantId: ctx.tenantId,
    connectionId: ctx.connectionId,
    orderId: null,
    kind: 'item-upsert',
    key,
    payload: { productId: product.id, sku, ...draft },
    dependsOn: null,
    readAt,
  });
  if (outcome.planned) await deps.requestFlush(ctx.tenantId);
  return outcome;
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
  const row = await db
    .selectFrom('xero_operations')
    .select('payload')
    .where('op_key', '=', input.key)
    .executeTakeFirst();
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
