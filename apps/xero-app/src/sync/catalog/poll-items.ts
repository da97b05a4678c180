import { type AccountingTarget, type CommerceSource, SyncFailure } from '@ledgerbridge/canonical';
import { itemDrift } from './item-drift.ts';
import type { ItemPollStore } from './item-poll-repo.ts';
import { nextModifiedSince, type StockTarget, stockEntityId, stockWrites } from './stock-writes.ts';

export type PollItemsDeps = {
  readonly store: ItemPollStore;
  readonly accountingFor: (workspaceId: string) => Pick<AccountingTarget, 'listItems'>;
  readonly commerceFor: (
    connectionId: string,
  ) => Promise<Pick<CommerceSource, 'setProductStock' | 'renameProduct' | 'setProductField'>>;
  readonly now: () => Date;
  /** How often every item is read, not only those changed since the last poll (1 hour by default). */
  readonly fullReadEveryMs?: number;
  /** Asked when an item must be sent again (OrderCloud's price over one edited in Xero). */
  readonly requestFlush?: (tenantId: string) => Promise<void>;
};

export type PollItemsOutcome = {
  readonly skipped?: 'no-environment' | 'nothing-to-poll';
  readonly read: number;
  readonly written: number;
  /**
   * Products (or `{productID}/{variantID}`) OrderCloud refused (deleted since, say): named, not retried
   * until their quantity moves.
   */
  readonly refused: readonly string[];
  readonly renamed: number;
  readonly resent: number;
  readonly conflicts: number;
};

const none = { read: 0, written: 0, refused: [], renamed: 0, resent: 0, conflicts: 0 } as const;

/**
 * Xero has no item webhooks: the catalog's way back polls Items. Items changed since the last poll
 * (If-Modified-Since), and every item once an hour in case stock moved without the item changing,
 * are read in one call. For each item a product (or a product's variant) of this connection became: a
 * tracked item's whole-unit QuantityOnHand becomes the product's (or variant's) Inventory.QuantityAvailable
 * when the mapping gives stock to Xero;
 * a name, description or price edited in Xero is settled by the ownership table (item-drift.ts) — the
 * overwritten values listed as conflicts. What was written is recorded, so nothing comes back as a change.
 */
export async function pollItems(
  deps: PollItemsDeps,
  input: { connectionId: string },
): Promise<PollItemsOutcome> {
  const ctx = await deps.store.context(input.connectionId);
  if (!ctx) return { skipped: 'no-environment', ...none };
  // No synced products and stock not Xero's: not even the one call a poll costs.
  if (!ctx.stockFromXero && !ctx.catalogSynced) return { skipped: 'nothing-to-poll', ...none };
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
  const codes = items.map((i) => i.code);
  const ops = await deps.store.itemOps({ tenantId: ctx.tenantId, connectionId: input.connectionId, codes });
  let commerce: Awaited<ReturnType<PollItemsDeps['commerceFor']>> | undefined;
  const commerceOf = async () => {
    commerce ??= await deps.commerceFor(input.connectionId);
    return commerce;
  };

  // Names, descriptions and prices: one winner per field.
  const agreed = await deps.store.agreedStates(input.connectionId, [...ops.keys()]);
  let renamed = 0;
  let resent = 0;
  let conflicts = 0;
  for (const item of items) {
    const op = ops.get(item.code);
    if (!op) continue;
    const drift = itemDrift({
      xero: item,
      sent: op.fields,
      pending: op.pending,
      plannedAt: op.plannedAt,
      ...(agreed.has(item.code) ? { agreed: agreed.get(item.code) } : {}),
      ...(ctx.owners ? { owners: ctx.owners } : {}),
    });
    // A variant's item writes to the variant: its own name, description and inventory (decision 0123).
    const target = { productId: op.productId, ...(op.variantId ? { variantId: op.variantId } : {}) };
    if (drift.nameToOrderCloud) {
      const result = await (await commerceOf()).renameProduct({ ...target, name: drift.nameToOrderCloud });
      if (!result.ok && result.error.kind !== 'permanent') throw new SyncFailure(result.error);
      await deps.store.adoptName(op.key, drift.nameToOrderCloud, deps.now());
      renamed += 1;
    }
    for (const [field, value] of Object.entries(drift.toOrderCloud ?? {})) {
      const source = await commerceOf();
      if (!source.setProductField) break;
      const f = field as 'description' | 'price';
      // A variant has no price of its own (the product's plus its markups): Xero's price, given to
      // Xero by the organisation, is kept on the item only.
      const result =
        f === 'price' && op.variantId
          ? undefined
          : await source.setProductField({ ...target, field: f, value });
      if (result && !result.ok && result.error.kind !== 'permanent') throw new SyncFailure(result.error);
      await deps.store.adoptField(op.key, f === 'price' ? 'salesUnitPrice' : f, value, deps.now());
    }
    if (drift.resend) {
      await deps.store.reopenItem(op.key);
      resent += 1;
    }
    if (drift.conflicts.length > 0) {
      await deps.store.recordConflicts({
        workspaceId: ctx.workspaceId,
        connectionId: input.connectionId,
        productId: op.productId,
        itemCode: item.code,
        conflicts: drift.conflicts,
      });
      conflicts += drift.conflicts.length;
    }
    if (drift.agreed) await deps.store.saveAgreed(input.connectionId, item.code, drift.agreed);
  }
  if (resent > 0) await deps.requestFlush?.(ctx.tenantId);

  // Stock, when Xero owns it.
  const refused: string[] = [];
  let written = 0;
  if (ctx.stockFromXero) {
    const targetOfCode = new Map(
      items.flatMap((i) => {
        const op = i.isTrackedAsInventory ? ops.get(i.code) : undefined;
        if (!op) return [];
        const target: StockTarget = op.variantId
          ? { productId: op.productId, variantId: op.variantId }
          : { productId: op.productId };
        return [[i.code, target] as const];
      }),
    );
    const lastWritten = await deps.store.lastStock(
      ctx.workspaceId,
      [...targetOfCode.values()].map(stockEntityId),
    );
    for (const write of stockWrites({ items, targetOfCode, lastWritten })) {
      const result = await (await commerceOf()).setProductStock({
        productId: write.productId,
        ...(write.variantId ? { variantId: write.variantId } : {}),
        quantityAvailable: write.quantityAvailable,
      });
      if (!result.ok) {
        // Transient: the watermark stays, the next poll tries again. Permanent: remember the quantity,
        // so one deleted product does not stop the rest or cost a write on every poll.
        if (result.error.kind !== 'permanent') throw new SyncFailure(result.error);
        refused.push(stockEntityId(write));
      } else written += 1;
      await deps.store.recordStock(ctx.workspaceId, stockEntityId(write), write.fingerprint);
    }
  }
  await deps.store.saveWatermark(input.connectionId, {
    modifiedSince: nextModifiedSince(items, mark.modifiedSince),
    fullReadAt: full ? now : mark.fullReadAt,
    polledAt: now,
  });
  return { read: items.length, written, refused, renamed, resent, conflicts };
}
