import type { AccountingTarget, SyncEvent } from '@ledgerbridge/canonical';
import { SyncFailure } from '@ledgerbridge/canonical';
import type { Kysely, Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import type { TenantBudget } from '../dashboard/budget-reads.ts';
import { BACKFILL_CHUNK, LOOKUP_BATCH, ordersAllowedBy } from './backfill-estimate.ts';
import {
  claimChunk,
  findBackfill,
  inFlight,
  judgeChunk,
  knownOrders,
  setBackfillStatus,
  settleChunk,
} from './backfill-repo.ts';

export type BackfillTickDeps = {
  readonly db: Kysely<DatabaseSchema>;
  readonly accountingFor: (workspaceId: string) => AccountingTarget;
  readonly budgetOf: (tenantId: string) => Promise<TenantBudget | undefined>;
  readonly enqueue: (events: readonly SyncEvent[], trx: Transaction<DatabaseSchema>) => Promise<void>;
  /**
   * Plans a chunk's orders in one transaction with `settle` (plan-chunk.ts). Without it, or when it
   * fails, the orders go to the import's queue one by one (each retried on its own).
   */
  readonly planChunk?: (input: {
    connectionId: string;
    orderIds: readonly string[];
    settle: (trx: Transaction<DatabaseSchema>) => Promise<void>;
  }) => Promise<void>;
  readonly onChunkFallback?: (error: unknown) => void;
  /** Length of Xero's day for the org (1,440 of its possibly compressed minutes). */
  readonly dayMs: number;
  readonly now?: () => Date;
};

/** The invoice numbering of the environment's pinned mapping (the mapping's default without one). */
async function numberTemplate(db: Kysely<DatabaseSchema>, connectionId: string): Promise<string> {
  const row = await db
    .selectFrom('environments as e')
    .leftJoin('mapping_versions as m', 'm.id', 'e.mapping_version_id')
    .select('m.config')
    .where('e.ordercloud_connection_id', '=', connectionId)
    .executeTakeFirst();
  const config = row?.config as { invoice?: { numberTemplate?: string } } | null | undefined;
  return config?.invoice?.numberTemplate ?? 'OC-{orderId}';
}

/** What the tick did, and when the next should come (undefined: the import is over). */
export type TickOutcome = {
  fed: number;
  skipped: number;
  waitMs?: number;
  reason?: string;
  /** The fed orders were planned here (planChunk), not handed to the import's queue. */
  planned?: boolean;
};

/**
 * One step of a running history import: when its even pace allows another chunk, the day's share for
 * the import is not spent and live orders have no queue, the next chunk's orders that Xero already has
 * (matched by invoice number) or that arrived live are skipped and the others planned (or fed to the
 * import's queue). A chunk left claimed by a worker that died goes on as it was judged.
 */
export async function backfillTick(
  deps: BackfillTickDeps,
  input: { backfillId: string },
): Promise<TickOutcome> {
  const now = (deps.now ?? (() => new Date()))();
  const b = await findBackfill(deps.db, input.backfillId);
  if (b?.status !== 'running' || !b.startedAt) return { fed: 0, skipped: 0 };
  const tick = Math.max(50, Math.round(deps.dayMs / 2880));
  const done = b.fedOrders + b.skippedOrders;

  if (done >= b.totalOrders) {
    const flight = await inFlight(deps.db, {
      backfillId: b.id,
      connectionId: b.connectionId,
      tenantId: b.tenantId,
    });
    if (flight.unsettledOrders === 0 && flight.outbox === 0) {
      await setBackfillStatus(deps.db, {
        id: b.id,
        workspaceId: b.workspaceId,
        from: ['running'],
        to: 'done',
        at: now,
      });
      return { fed: 0, skipped: 0 };
    }
    return { fed: 0, skipped: 0, waitMs: tick, reason: 'sending the last documents' };
  }

  const chunk = Math.min(BACKFILL_CHUNK, b.totalOrders - done);
  const allowed = ordersAllowedBy({
    ordersPerDay: b.estimate.ordersPerDay,
    startedAt: b.startedAt,
    now,
    dayMs: deps.dayMs,
  });
  if (allowed < done + chunk) {
    const dueAt =
      b.startedAt.getTime() + Math.ceil(((done + chunk) * deps.dayMs) / Math.max(1, b.estimate.ordersPerDay));
    return { fed: 0, skipped: 0, waitMs: Math.max(tick, dueAt - now.getTime()), reason: 'pace' };
  }
  const budget = await deps.budgetOf(b.tenantId);
  // The pace aims at the import's share; this stops it outright when the day is nearly spent, so a tenth
  // of the limit always stays for live orders whatever happens to the pace. Counted in calls left: the
  // budget's limit may be the configured 5,000 while Xero's answers say what is left of the org's 1,000.
  if (budget && budget.dayLimit - budget.dayUsed <= b.estimate.dayLimit * (b.estimate.headroom / 2)) {
    return { fed: 0, skipped: 0, waitMs: tick * 10, reason: 'the day’s share for the import is spent' };
  }
  const flight = await inFlight(deps.db, {
    backfillId: b.id,
    connectionId: b.connectionId,
    tenantId: b.tenantId,
  });
  if (flight.unsettledOrders > 2 * BACKFILL_CHUNK || flight.outbox > 4 * BACKFILL_CHUNK) {
    return { fed: 0, skipped: 0, waitMs: tick, reason: 'earlier chunks are still being sent' };
  }

  const rows = await claimChunk(deps.db, { backfillId: b.id, size: chunk });
  if (rows.length === 0) return { fed: 0, skipped: 0, waitMs: tick };
  // Rows `planning` were judged by a tick whose worker died; only the ones just claimed are judged here.
  const ids = rows.filter((r) => r.status === 'claimed').map((r) => r.order_id);
  const known = await knownOrders(deps.db, { connectionId: b.connectionId, orderIds: ids });
  const unknown = ids.filter((id) => !known.has(id));
  // Orders invoiced in Xero before (an earlier install, a restore) carry the invoice number the mapping
  // gives them: looked up by number, a chunk a call.
  const inXero = new Set<string>();
  const template = await numberTemplate(deps.db, b.connectionId);
  const byNumber = new Map(unknown.map((id) => [template.replaceAll('{orderId}', id), id]));
  const numbers = [...byNumber.keys()];
  for (let i = 0; i < numbers.length; i += LOOKUP_BATCH) {
    const found = await deps
      .accountingFor(b.workspaceId)
      .findInvoices({ tenantId: b.tenantId, numbers: numbers.slice(i, i + LOOKUP_BATCH) });
    if (!found.ok) throw new SyncFailure(found.error);
    for (const invoice of found.value) {
      const orderId = byNumber.get(invoice.number);
      if (orderId) inXero.add(orderId);
    }
  }
  const seqOf = (want: (id: string) => boolean) => rows.filter((r) => want(r.order_id)).map((r) => r.seq);
  const skippedSet = new Set([...known, ...inXero]);
  const feed = rows.filter((r) => !skippedSet.has(r.order_id)).map((r) => r.order_id);
  const fedSet = new Set(feed);
  const skipped = rows.length - feed.length;
  // The judgement is kept before planning, so a chunk resumed after a kill counts each order once, as
  // it was judged: the orders it planned are fed, not "seen live".
  await deps.db.transaction().execute((trx) =>
    judgeChunk(trx, {
      backfillId: b.id,
      planning: rows.filter((r) => r.status === 'claimed' && fedSet.has(r.order_id)).map((r) => r.seq),
      known: seqOf((id) => known.has(id)),
      inXero: seqOf((id) => inXero.has(id)),
      at: now,
    }),
  );
  const events: SyncEvent[] = feed.map((orderId) => ({
    type: 'order.submitted',
    eventId: `backfill:${b.id}:${orderId}`,
    connectionId: b.connectionId,
    occurredAt: now.toISOString(),
    source: 'backfill',
    orderId,
  }));
  const settle = (trx: Transaction<DatabaseSchema>) =>
    settleChunk(trx, { backfillId: b.id, fed: seqOf((id) => fedSet.has(id)), at: now });
  if (deps.planChunk && feed.length > 0) {
    try {
      await deps.planChunk({ connectionId: b.connectionId, orderIds: feed, settle });
      return { fed: feed.length, skipped, waitMs: tick, planned: true };
    } catch (error) {
      deps.onChunkFallback?.(error);
    }
  }
  await deps.db.transaction().execute(async (trx) => {
    await settle(trx);
    await deps.enqueue(events, trx);
  });
  return { fed: feed.length, skipped, waitMs: tick };
}
