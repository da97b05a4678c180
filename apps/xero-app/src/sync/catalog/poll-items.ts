import { type AccountingTarget, type CommerceSource, SyncFailure } from '@ledgerbridge/canonical';
import { itemDrift } from './item-drift.ts';
import type { ItemPollStore } from './item-poll-repo.ts';
import { nextModifiedSince, stockWrites } from './stock-writes.ts';

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
  /** Products OrderCloud refused (deleted since, say): named, not retried until their quantity moves. */
  readonly refused: readonly string[];
  readonly renamed: number;
  readonly resent: number;
  readonly conflicts: number;
};

const none = { read: 0, written: 0, refused: [], renamed: 0, resent: 0, conflicts: 0 } as const;

/**
 * Xero has no item webhooks: the catalog's way back polls Items. Items changed since the last poll
 * (If-Modified-Since), and every item once an hour in case stock moved without the item changing,
 * are read in one call. For each item a product of this connection became: a tracked item's whole-unit
 * QuantityOnHand becomes the product's Inventory.QuantityAvailable when the mapping gives stock to Xero;
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
    if (drift.nameToOrderCloud) {
      const result = await (await commerceOf()).renameProduct({
        productId: op.productId,
        name: drift.nameToOrderCloud,
      });
      if (!result.ok && result.error.kind !== 'permanent') throw new SyncFailure(result.error);
      await deps.store.adoptName(op.key, drift.nameToOrderCloud, deps.now());
      renamed += 1;
    }
    for (const [field, value] of Object.entries(drift.toOrderCloud ?? {})) {
      const source = await commerceOf();
      if (!source.setProductField) break;
      const f = field as 'description' | 'price';
      const result = await source.setProductField({ productId: op.productId, field: f, value });
      if (!result.ok && result.error.kind !== 'permanent') throw new SyncFailure(result.error);
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
    const productOfCode = new Map(
      items.flatMap((i) => {
        const op = i.isTrackedAsInventory ? ops.get(i.code) : undefined;
        return op ? [[i.code, op.productId] as const] : [];
      }),
    );
    const lastWritten = await deps.store.lastStock(ctx.workspaceId, [...productOfCode.values()]);
    for (const write of stockWrites({ items, productOfCode, lastWritten })) {
      const result = await (await commerceOf()).setProductStock({
        productId: write.productId,
        quantityAvailable: write.quantityAvailable,
      });
      if (!result.ok) {
        // Transient: the watermark stays, the next poll tries again. Permanent: remember the quantity,
        // so one deleted product does not stop the rest or cost a write on every poll.
        if (result.error.kind !== 'permanent') throw new SyncFailure(result.error);
        refused.push(write.productId);
      } else written += 1;
      await deps.store.recordStock(ctx.workspaceId, write.productId, write.fingerprint);
    }
  }
  await deps.store.saveWatermark(input.connectionId, {
    modifiedSince: nextModifiedSince(items, mark.modifiedSince),
    fullReadAt: full ? now : mark.fullReadAt,
    polledAt: now,
  });
  return { read: items.length, written, refused, renamed, resent, conflicts };
}
