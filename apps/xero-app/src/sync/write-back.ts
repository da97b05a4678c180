import type { CommerceSource, IntegrationState } from '@ledgerbridge/canonical';
import { SyncFailure } from '@ledgerbridge/canonical';
import type { Db } from '../db/database.ts';
import { loadMapping } from '../mapping/mapping-repo.ts';
import { needsAttention } from './order-status/order-status.ts';
import { getOrderSync } from './order-status/order-syncs-repo.ts';
import { findSyncContext } from './sync-context.ts';

/** Tells OrderCloud what Xero has: invoice, status, amount paid in the order's xp; Completed when paid, if chosen. */
export async function writeBackOrder(
  deps: { db: Db; commerceFor: (connectionId: string) => Promise<CommerceSource>; now?: () => Date },
  input: { connectionId: string; orderId: string },
): Promise<void> {
  const sync = await getOrderSync(deps.db, input);
  if (!sync) return;
  const ctx = await findSyncContext(deps.db, input.connectionId);
  const mapping = ctx?.mappingVersionId ? await loadMapping(deps.db, ctx.mappingVersionId) : undefined;
  const state: IntegrationState = {
    needsAttention: needsAttention(sync),
    syncedAt: (deps.now?.() ?? new Date()).toISOString(),
    ...(sync.invoice_id ? { invoiceId: sync.invoice_id } : {}),
    ...(sync.invoice_number ? { invoiceNumber: sync.invoice_number } : {}),
    invoiceStatus: sync.status,
    ...(sync.amount_paid ? { amountPaid: sync.amount_paid } : {}),
    ...(sync.message ? { message: sync.message } : {}),
  };
  const complete = sync.status === 'paid' && mapping?.writeBack.paidStatus === 'Completed';
  const source = await deps.commerceFor(input.connectionId);
  const result = await source.writeBack({
    orderId: input.orderId,
    state,
    ...(complete ? { status: 'Completed' as const } : {}),
  });
  if (!result.ok) throw new SyncFailure(result.error);
}
