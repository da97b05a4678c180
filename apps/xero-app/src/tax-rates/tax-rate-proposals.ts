import type { AccountingTarget } from '@ledgerbridge/canonical';
import { fail, ok, permanent, type Result, SyncFailure } from '@ledgerbridge/canonical';
import { createHash } from 'node:crypto';
import { isUuid } from '../connections/uuid.ts';
import type { Db } from '../db/database.ts';
import type { TaxRateProposal } from '../mapping/tax-choice.ts';
import { referenceData } from '../sync/reference-cache.ts';
import { orderKey } from '../sync/sync-context.ts';
import { recordStep } from '../timeline/timeline-repo.ts';
import { recordAudit } from '../timeline/audit-log-repo.ts';

// US organisations start with no sales tax rate above 0 %. When an order's jurisdictions fit no rate,
// the sync stops and proposes the rates it needs (one component per jurisdiction). The merchant
// approves them in the console (audited); only then are they created in Xero and the order posted.

export type PendingTaxRates = {
  readonly connectionId: string;
  readonly orderId: string;
  readonly tenantId: string;
  readonly proposals: TaxRateProposal[];
};

export type TaxRatesJob = PendingTaxRates & { readonly workspaceId: string; readonly actor: string };

/** The rates the order's latest failed preparation asked for, if it is still waiting on them. */
export async function pendingTaxRates(
  db: Db,
  input: { workspaceId: string; orderSyncId: string },
): Promise<PendingTaxRates | undefined> {
  if (!isUuid(input.orderSyncId)) return undefined;
  const sync = await db
    .selectFrom('order_syncs')
    .select(['ordercloud_connection_id', 'order_id', 'status'])
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.orderSyncId)
    .executeTakeFirst();
  if (sync?.status !== 'needs-attention') return undefined;
  const last = await db
    .selectFrom('timeline')
    .select(['step', 'details'])
    .where('workspace_id', '=', input.workspaceId)
    .where('subject_type', '=', 'order')
    .where('subject_id', '=', orderKey(sync.ordercloud_connection_id, sync.order_id))
    .where('step', '=', 'validate')
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const details = last?.details as { taxRateProposals?: TaxRateProposal[]; tenantId?: string } | undefined;
  if (!details?.taxRateProposals?.length || !details.tenantId) return undefined;
  return {
    connectionId: sync.ordercloud_connection_id,
    orderId: sync.order_id,
    tenantId: details.tenantId,
    proposals: details.taxRateProposals,
  };
}

/** The merchant's click: audited, then handed to the worker (which owns the Xero connection). */
export async function approveTaxRates(
  deps: { db: Db; enqueue: (job: TaxRatesJob) => Promise<void> },
  input: { workspaceId: string; actor: string; orderSyncId: string },
): Promise<Result<{ count: number }>> {
  const pending = await pendingTaxRates(deps.db, input);
  if (!pending)
    return fail(permanent('not-pending', 'This order is not waiting for tax rates (it may have moved on).'));
  await recordAudit(deps.db, {
    workspaceId: input.workspaceId,
    actor: input.actor,
    action: 'xero.tax-rates-approved',
    details: {
      tenantId: pending.tenantId,
      orderId: pending.orderId,
      connectionId: pending.connectionId,
      taxRates: pending.proposals,
    },
  });
  await recordStep(deps.db, {
    workspaceId: input.workspaceId,
    orderKey: orderKey(pending.connectionId, pending.orderId),
    step: 'tax',
    outcome: 'pending',
    message: `${input.actor} approved creating ${pending.proposals.map((p) => `${p.name} (${p.ratePercent} %)`).join(', ')} in Xero.`,
  });
  await deps.enqueue({ ...pending, workspaceId: input.workspaceId, actor: input.actor });
  return ok({ count: pending.proposals.length });
}

/** Worker side: creates the approved rates (skipping any the org already has), then re-syncs the order. */
export async function createApprovedTaxRates(
  deps: {
    db: Db;
    accountingFor: (workspaceId: string) => AccountingTarget;
    requestSync: (input: { connectionId: string; orderId: string }) => Promise<void>;
  },
  job: TaxRatesJob,
): Promise<void> {
  const accounting = deps.accountingFor(job.workspaceId);
  const reference = await referenceData({
    db: deps.db,
    accounting,
    tenantId: job.tenantId,
    maxAgeMs: 0,
    force: true,
  });
  if (!reference.ok) throw new SyncFailure(reference.error);
  const existing = new Set(reference.value.taxRates.map((t) => t.name.toLowerCase()));
  const missing = job.proposals.filter((p) => !existing.has(p.name.toLowerCase()));
  const key = orderKey(job.connectionId, job.orderId);
  if (missing.length > 0) {
    const digest = createHash('sha256').update(JSON.stringify(missing)).digest('hex').slice(0, 24);
    const created = await accounting.createTaxRates({
      tenantId: job.tenantId,
      taxRates: missing.map((p) => ({ name: p.name, components: p.components })),
      idempotencyKey: `tax-rates:${job.tenantId}:${digest}`,
    });
    if (!created.ok) {
      if (created.error.kind === 'permanent')
        await recordStep(deps.db, {
          workspaceId: job.workspaceId,
          orderKey: key,
          step: 'tax',
          outcome: 'error',
          message: `Xero refused the tax rates: ${created.error.message}`,
        });
      throw new SyncFailure(created.error);
    }
    for (const rate of created.value)
      await recordStep(deps.db, {
        workspaceId: job.workspaceId,
        orderKey: key,
        step: 'tax',
        outcome: 'ok',
        message: `Created tax rate ${rate.name} (${rate.taxType}, ${rate.ratePercent} %) in Xero, as ${job.actor} approved.`,
      });
    const refreshed = await referenceData({
      db: deps.db,
      accounting,
      tenantId: job.tenantId,
      maxAgeMs: 0,
      force: true,
    });
    if (!refreshed.ok) throw new SyncFailure(refreshed.error);
  }
  await deps.requestSync({ connectionId: job.connectionId, orderId: job.orderId });
}
