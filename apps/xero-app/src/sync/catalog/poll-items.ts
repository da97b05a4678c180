import { type AccountingTarget, type CommerceSource, SyncFailure } from '@ledgerbridge/canonical';
import type { ItemPollStore } from './item-poll-repo.ts';
import { nextModifiedSince, stockWrites } from './stock-writes.ts';

export type PollItemsDeps = {
  readonly store: ItemPollStore;
  readonly accountingFor: (workspaceId: string) => Pick<AccountingTarget, 'listItems'>;
  readonly commerceFor: (connectionId: string) => Promise<Pick<CommerceSource, 'setProductStock'>>;
  readonly now: () => Date;
  /** How often every item is read, not only those changed since the last poll (1 hour by default). */
  readonly fullReadEveryMs?: number;
};

export type PollItemsOutcome = {
  readonly skipped?: 'no-environment' | 'stock-not-from-xero';
  readonly read: number;
  readonly written: number;
  /** Products OrderCloud refused (deleted since, say): named, not retried until their quantity moves. */
  readonly refused: readonly string[];
};

/**
 * Xero has no item webhooks: the catalog's way back polls Items. Items changed since the last poll
 * (If-Modified-Since), and every item once an hour in case stock moved without the item changing,
 * are read in one call; a tracked item's whole-unit QuantityOnHand becomes its product's
 * Inventory.QuantityAvailable when the mapping gives stock to Xero. The quantity written is recorded,
 * so a poll that reads it again, or the webhook of the write, changes nothing.
 */
export async function pollItems(
  deps: PollItemsDeps,
  input: { connectionId: string },
): Promise<PollItemsOutcome> {
  const ctx = await deps.store.context(input.connectionId);
  if (!ctx) return { skipped: 'no-environment', read: 0, written: 0, refused: [] };
  // Off: not even the one call a poll costs.
  if (!ctx.stockFromXero) return { skipped: 'stock-not-from-xero', read: 0, written: 0, refused: [] };
  const now = deps.now();
  const mark = await deps.store.watermark(input.connectionId);
  const full =
    !mark.fullReadAt || now.getTime() - mark.fullReadAt.getTime() >= (deps.fullReadEveryMs ?? 3_600_000);
  const listed = await deps.accountingFor(ctx.workspaceId).listItems({
    tenantId: ctx.tenantId,
    ...(!full && mark.modifiedSince ? { modifiedSince: mark.modifiedSince } : {}),
  });
  if (!listed.ok) throw new SyncFailure(listed.error);
  const items = listed.value;
  const productOfCode = await deps.store.productsOfCodes({
    tenantId: ctx.tenantId,
    connectionId: input.connectionId,
    codes: items.filter((i) => i.isTrackedAsInventory).map((i) => i.code),
  });
  const lastWritten = await deps.store.lastStock(ctx.workspaceId, [...productOfCode.values()]);
  const writes = stockWrites({ items, productOfCode, lastWritten });
  const commerce = writes.length > 0 ? await deps.commerceFor(input.connectionId) : undefined;
  const refused: string[] = [];
  for (const write of writes) {
    const result = await commerce?.setProductStock({
      productId: write.productId,
      quantityAvailable: write.quantityAvailable,
    });
    if (result && !result.ok) {
      // Transient: the watermark stays, the next poll tries again. Permanent: remember the quantity,
      // so one deleted product does not stop the rest or cost a write on every poll.
      if (result.error.kind !== 'permanent') throw new SyncFailure(result.error);
      refused.push(write.productId);
    }
    await deps.store.recordStock(ctx.workspaceId, write.productId, write.fingerprint);
  }
  await deps.store.saveWatermark(input.connectionId, {
    modifiedSince: nextModifiedSince(items, mark.modifiedSince),
    fullReadAt: full ? now : mark.fullReadAt,
    polledAt: now,
  });
  return { read: items.length, written: writes.length - refused.length, refused };
}
