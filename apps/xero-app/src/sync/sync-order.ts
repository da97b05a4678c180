import {
  type AccountingTarget,
  type CommerceSource,
  permanent,
  type SyncError,
  SyncFailure,
} from '@ledgerbridge/canonical';
import type { Db } from '../db/database.ts';
import { prepareInvoice } from '../mapping/prepare-invoice.ts';
import { createStudioOrdersRepo } from '../mapping/studio/studio-orders-repo.ts';
import {
  hasSourcePaths,
  mappingFor,
  type RoutedContext,
  routeOrder,
  unrouted,
} from '../routing/route-order.ts';
import { recordStep, recordStepOnce, recordSteps } from '../timeline/timeline-repo.ts';
import { contactName } from './contact-index.ts';
import { opKey } from './operations/operation.ts';
import { findOperation, markOrderBackground } from './operations/operations-repo.ts';
import { recordOrderEvent } from './order-status/record-order-event.ts';
import { planCancellation } from './plan/plan-cancellation.ts';
import { planCredit } from './plan/plan-credit.ts';
import { planInvoice, planPaymentOperations } from './plan/plan-order.ts';
import { planPayments } from './plan/payment-plan.ts';
import { preparationNotes } from './preparation-notes.ts';
import { referenceData } from './reference-cache.ts';
import { findSyncContext, orderKey, type SyncContext } from './sync-context.ts';

export type SyncOrderDeps = {
  readonly db: Db;
  readonly commerceFor: (connectionId: string) => Promise<CommerceSource>;
  readonly accountingFor: (workspaceId: string) => AccountingTarget;
  readonly requestFlush: (tenantId: string) => Promise<void>;
  readonly requestWriteBack: (input: { connectionId: string; orderId: string }) => Promise<void>;
  readonly referenceMaxAgeMs?: number;
  /**
   * Reads that do not change between the orders of one run (the environment, the org's reference data,
   * the mapping, recent totals), kept by key: a history import plans a chunk of orders with one.
   */
  readonly memo?: SyncMemo;
};

export type SyncMemo = <T>(key: string, load: () => Promise<T>) => Promise<T>;

/** A memo for one run (plan-chunk.ts); a failed read is not kept. */
export function createSyncMemo(): SyncMemo {
  const kept = new Map<string, Promise<unknown>>();
  return <T>(key: string, load: () => Promise<T>) => {
    let value = kept.get(key) as Promise<T> | undefined;
    if (!value) {
      value = load();
      kept.set(key, value);
      value.catch(() => kept.delete(key));
    }
    return value;
  };
}

const fresh: SyncMemo = (_key, load) => load();

/** Retryable and reconnect errors go back to the queue; permanent ones are the order's, told to the merchant. */
function orThrow<T>(result: { ok: true; value: T } | { ok: false; error: SyncError }): T {
  if (result.ok) return result.value;
  throw new SyncFailure(result.error);
}

const invoiceKey = (ctx: SyncContext, orderId: string) =>
  opKey({ kind: 'invoice', tenantId: ctx.tenantId, connectionId: ctx.connectionId, orderId });

/**
 * Brings Xero in line with the order as OrderCloud has it now: invoice, payments, void. Every event for an
 * order runs this; operations are keyed, so running it twice (or out of order) adds nothing twice.
 */
export async function syncOrder(
  deps: SyncOrderDeps,
  input: { connectionId: string; orderId: string; background?: boolean },
): Promise<void> {
  await planOrderSync(deps, input);
  // A history import's order waits behind live ones for the same calls (claimReady sends live first).
  if (input.background) await markOrderBackground(deps.db, input);
}

async function planOrderSync(
  deps: SyncOrderDeps,
  input: { connectionId: string; orderId: string },
): Promise<void> {
  const { db } = deps;
  const memo = deps.memo ?? fresh;
  const found = await memo(`context:${input.connectionId}`, () => findSyncContext(db, input.connectionId));
  if (!found)
    throw new SyncFailure(
      permanent(
        'no-environment',
        `OrderCloud connection ${input.connectionId} is not bound to an environment.`,
      ),
    );
  // Routing (routing/route-order.ts) may send the order to another of the workspace's organisations.
  let ctx: RoutedContext = unrouted(found);
  const key = orderKey(ctx.connectionId, input.orderId);
  const source = await deps.commerceFor(ctx.connectionId);
  const accounting = deps.accountingFor(ctx.workspaceId);
  const step = (
    s: string,
    outcome: 'ok' | 'info' | 'error' | 'pending',
    message: string,
    details?: Record<string, unknown>,
  ) =>
    recordStep(db, {
      workspaceId: ctx.workspaceId,
      orderKey: key,
      step: s,
      outcome,
      message,
      ...(details ? { details } : {}),
    });
  const ref = { workspaceId: ctx.workspaceId, connectionId: ctx.connectionId, orderId: input.orderId };
  const needsAttention = async (message: string, problems: string[], extra: Record<string, unknown> = {}) => {
    await recordOrderEvent({ db }, ref, { type: 'needs-attention', message });
    await step('validate', 'error', message, { problems, ...extra });
    await deps.requestWriteBack({ connectionId: ctx.connectionId, orderId: input.orderId });
  };

  const fetched = await source.getOrder({ orderId: input.orderId });
  if (!fetched.ok && fetched.error.kind === 'permanent') {
    await needsAttention(`OrderCloud: ${fetched.error.message}`, [fetched.error.message]);
    return;
  }
  let order = orThrow(fetched);
  const routed = await routeOrder(db, found, order);
  if ('held' in routed) {
    await needsAttention(routed.held, [routed.held]);
    return;
  }
  ctx = routed.ctx;
  const customerName = contactName(order.customer, 'Guest customer', false);
  await recordOrderEvent({ db }, ref, {
    type: 'received',
    currency: order.currency,
    total: order.total,
    customerName,
    ...(order.customer.email ? { customerEmail: order.customer.email } : {}),
  });

  const existingInvoice = await findOperation(db, invoiceKey(ctx, order.id));
  if (order.status === 'canceled' || order.status === 'declined') {
    await planCancellation(deps, ctx, order, existingInvoice?.id);
    return;
  }
  if (order.status === 'awaiting-approval') {
    await step('receive', 'info', 'Order awaits approval in OrderCloud; it will be invoiced once approved.');
    return;
  }

  const routedCtx = ctx;
  const reference = orThrow(
    await memo(`reference:${ctx.tenantId}`, async () => {
      const read = await referenceData({
        db,
        accounting,
        tenantId: routedCtx.tenantId,
        maxAgeMs: deps.referenceMaxAgeMs ?? 3_600_000,
      });
      if (!read.ok) throw new SyncFailure(read.error);
      return read;
    }),
  );
  const { mapping } = await memo(
    `mapping:${ctx.tenantId}:${ctx.mappingVersionId ?? ''}:${ctx.mappingOwner.table}:${ctx.mappingOwner.id}`,
    () => mappingFor(db, routedCtx, reference),
  );
  if (!existingInvoice && hasSourcePaths(mapping))
    order = orThrow(await source.getOrder({ orderId: order.id, sources: mapping.sources }));
  if (ctx.ruleName && !existingInvoice)
    await recordStepOnce(db, {
      workspaceId: ctx.workspaceId,
      orderKey: key,
      step: 'route',
      outcome: 'info',
      message: `Routed to ${ctx.tenantName ?? ctx.tenantId} by rule “${ctx.ruleName}”.`,
    });

  let invoiceOpId = existingInvoice?.id;
  let rate: string | undefined;
  if (!existingInvoice) {
    // The unusual-total check compares with the marketplace's recent totals in the order's currency.
    const recentTotals =
      mapping.validation.unusualTotal === 'off'
        ? undefined
        : await memo(`totals:${ctx.connectionId}:${order.currency}`, () =>
            createStudioOrdersRepo(db).totals(routedCtx.workspaceId, routedCtx.connectionId, order.currency),
          );
    const prepared = await prepareInvoice({
      order,
      mapping,
      reference,
      ...(recentTotals ? { recentTotals } : {}),
    });
    if (!prepared.ok) {
      await needsAttention(
        prepared.problems[0] ?? 'The order cannot be invoiced.',
        prepared.problems,
        prepared.proposals ? { taxRateProposals: prepared.proposals, tenantId: ctx.tenantId } : {},
      );
      return;
    }
    const invoice = prepared.invoice;
    rate = invoice.conversion?.rate;
    const planned = await planInvoice({ db }, ctx, { order, mapping, invoice });
    invoiceOpId = planned.id;
    await recordOrderEvent({ db }, ref, { type: 'queued' });
    // Two deliveries of one order may both get here; only the one that created the invoice says so, in
    // one statement: what was prepared, its adjustments, where values came from and why each tax type,
    // then the checks beyond Xero's (a warning is told; a hold already made the invoice a draft).
    if (planned.created)
      await recordSteps(
        db,
        [
          {
            step: 'prepare',
            outcome: 'ok' as const,
            message: `Invoice ${invoice.draft.number} prepared: ${invoice.draft.lines.length} lines, total ${invoice.total} ${invoice.draft.currency}${invoice.draftReason ? `, kept as draft (${invoice.draftReason})` : ''}.`,
            details: { adjustments: invoice.adjustments, lineAmountTypes: invoice.draft.lineAmountTypes },
          },
          ...invoice.adjustments.map((message) => ({ step: 'prepare', outcome: 'info' as const, message })),
          ...preparationNotes(order, invoice.taxReasons).map((message) => ({
            step: 'tax',
            outcome: 'info' as const,
            message,
          })),
          ...invoice.findings.map((finding) => ({
            step: 'check',
            outcome: 'info' as const,
            message: finding.message,
            details: { rule: finding.rule },
          })),
        ].map((entry) => ({ workspaceId: ctx.workspaceId, orderKey: key, ...entry })),
      );
  } else {
    const payload = existingInvoice.payload as { conversion?: { rate: string } | null };
    rate = payload.conversion?.rate;
  }

  const payments = orThrow(await source.getPayments({ orderId: order.id }));
  const plan = planPayments({ orderId: order.id, payments, mapping, ...(rate ? { rate } : {}) });
  for (const failure of plan.failedCaptures)
    await recordStepOnce(db, {
      workspaceId: ctx.workspaceId,
      orderKey: key,
      step: 'payment',
      outcome: 'error',
      message: `${failure} Take it up with the payment gateway; nothing was posted to Xero.`,
    });
  const queued = await planPaymentOperations({ db }, ctx, {
    orderId: order.id,
    invoiceOpId: invoiceOpId ?? null,
    payments: plan.planned,
  });
  await recordSteps(
    db,
    queued.map((payment) => ({
      workspaceId: ctx.workspaceId,
      orderKey: key,
      step: 'payment',
      outcome: 'pending' as const,
      message: `Payment of ${payment.amount} into account ${payment.accountCode} queued.`,
    })),
  );
  const refunds = orThrow(await source.getRefunds({ orderId: order.id }));
  for (const refund of refunds) {
    if (!invoiceOpId) break;
    await planCredit({ db }, ctx, mapping, {
      invoiceOpId,
      creditId: refund.id,
      orderId: order.id,
      amount: refund.amount,
      date: refund.issuedAt.slice(0, 10),
      moneyReturned: refund.moneyReturned,
      ...(refund.reason ? { reason: refund.reason } : {}),
      refundAccount: plan.planned[0]?.accountCode ?? mapping.payments.defaultAccount,
    });
  }
  await deps.requestFlush(ctx.tenantId);
}
