import type { Order } from '@ledgerbridge/canonical';
import { SyncFailure } from '@ledgerbridge/canonical';
import type { Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import type { WriteBackRequest } from '../sync/order-status/record-order-event.ts';
import { referenceData } from '../sync/reference-cache.ts';
import { findSyncContext } from '../sync/sync-context.ts';
import { createSyncMemo, syncOrder, type SyncOrderDeps } from '../sync/sync-order.ts';
import { prefetchOrders } from './prefetched-source.ts';
import { sliceByBuyer } from './slice-by-buyer.ts';

export type PlanChunkDeps = SyncOrderDeps & {
  /** Orders read from the commerce source at once before the chunk is planned. */
  readonly prefetchConcurrency?: number;
  /** Transactions planning the chunk side by side (each waits on the database most of the time). */
  readonly slices?: number;
};

/**
 * A history import's chunk planned as one: its orders read first, then planned (the same sync as a live
 * order's, its operations marked background) in a few transactions side by side, the orders of one buyer
 * in one of them so two never wait on each other's new contact. The chunk is settled once all have
 * committed; until then the flush holds the import's partial batches (the chunk is still claimed), so its
 * documents leave in full batches as the dry run counted. A worker killed part-way leaves the chunk
 * claimed and the next tick plans it again (keyed operations add nothing twice). Flushes and write-backs
 * asked for while planning are sent once the transactions have committed.
 */
export async function planChunk(
  deps: PlanChunkDeps,
  input: {
    connectionId: string;
    orderIds: readonly string[];
    settle: (trx: Transaction<DatabaseSchema>) => Promise<void>;
  },
): Promise<void> {
  const maxAgeMs = deps.referenceMaxAgeMs ?? 3_600_000;
  const ctx = await findSyncContext(deps.db, input.connectionId);
  if (ctx) {
    // Read (or refreshed) outside the transactions, so no Xero call waits inside one.
    const reference = await referenceData({
      db: deps.db,
      accounting: deps.accountingFor(ctx.workspaceId),
      tenantId: ctx.tenantId,
      maxAgeMs: maxAgeMs / 2,
    });
    if (!reference.ok) throw new SyncFailure(reference.error);
  }
  const { source, orders } = await prefetchOrders(await deps.commerceFor(input.connectionId), {
    orderIds: input.orderIds,
    concurrency: deps.prefetchConcurrency ?? 16,
  });
  const flushes = new Set<string>();
  const writeBacks = new Map<string, WriteBackRequest>();
  // The environment, the org's reference data, the mapping and recent totals, read once for the chunk.
  const memo = createSyncMemo();
  const planSlice = (orderIds: readonly string[]) =>
    deps.db.transaction().execute(async (trx) => {
      const inner: SyncOrderDeps = {
        ...deps,
        db: trx,
        referenceMaxAgeMs: maxAgeMs,
        memo,
        commerceFor: async () => source,
        requestFlush: async (tenantId) => {
          flushes.add(tenantId);
        },
        requestWriteBack: async (w) => {
          writeBacks.set(`${w.connectionId}\u0000${w.orderId}`, w);
        },
      };
      for (const orderId of orderIds)
        await syncOrder(inner, { connectionId: input.connectionId, orderId, background: true });
    });
  const slices = sliceByBuyer(
    input.orderIds.map((id) => ({ id, buyer: buyerOf(orders.get(id)) })),
    deps.slices ?? 4,
  );
  const outcomes = await Promise.allSettled(slices.map(planSlice));
  // A slice that failed (two slices after one item, a deadlock the database broke) goes again alone.
  for (const [i, outcome] of outcomes.entries())
    if (outcome.status === 'rejected') await planSlice(slices[i] ?? []);
  await deps.db.transaction().execute(input.settle);
  for (const tenantId of flushes) await deps.requestFlush(tenantId);
  for (const w of writeBacks.values()) await deps.requestWriteBack(w);
}

/** Orders of one buyer company (or one person, or one guest order) plan in the same slice. */
function buyerOf(order: Order | undefined): string | undefined {
  return order ? (order.customer.companyId ?? order.customer.id) : undefined;
}
