import {
  type AccountingTarget,
  type CommerceSource,
  type Order,
  permanent,
  type SyncError,
  SyncFailure,
} from '@ledgerbridge/canonical';
import type { Db } from '../db/database.ts';
import { buildCreditNote } from '../mapping/credit-note-builder.ts';
import { defaultMapping } from '../mapping/default-mapping.ts';
import type { MappingConfig } from '../mapping/mapping-config.ts';
import { createMappingVersion, loadMapping, pinMapping } from '../mapping/mapping-repo.ts';
import { prepareInvoice } from '../mapping/prepare-invoice.ts';
import { cents, centsText } from '../mapping/xero-arithmetic.ts';
import { recordStep } from '../timeline/timeline-repo.ts';
import { contactName } from './contact-index.ts';
import { ensureOperation, findOperation, operationById } from './operations-repo.ts';
import { advanceOrderSync, getOrderSync, upsertOrderSync } from './order-syncs-repo.ts';
import { planPayments } from './payment-plan.ts';
import { referenceData } from './reference-cache.ts';
import { findSyncContext, orderKey, type SyncContext } from './sync-context.ts';

export type SyncOrderDeps = {
  readonly db: Db;
  readonly commerceFor: (connectionId: string) => Promise<CommerceSource>;
  readonly accountingFor: (workspaceId: string) => AccountingTarget;
  readonly requestFlush: (tenantId: string) => Promise<void>;
  readonly requestWriteBack: (input: { connectionId: string; orderId: string }) => Promise<void>;
  readonly referenceMaxAgeMs?: number;
};

/** Retryable and reconnect errors go back to the queue; permanent ones are the order's, told to the merchant. */
function orThrow<T>(result: { ok: true; value: T } | { ok: false; error: SyncError }): T {
  if (result.ok) return result.value;
  throw new SyncFailure(result.error);
}

export const invoiceKey = (ctx: SyncContext, orderId: string) =>
  `${ctx.tenantId}:invoice:${ctx.connectionId}:${orderId}`;

/**
 * Brings Xero in line with the order as OrderCloud has it now: invoice, payments, void. Every event for an
 * order runs this; operations are keyed, so running it twice (or out of order) adds nothing twice.
 */
export async function syncOrder(
  deps: SyncOrderDeps,
  input: { connectionId: string; orderId: string },
): Promise<void> {
  const { db } = deps;
  const ctx = await findSyncContext(db, input.connectionId);
  if (!ctx)
    throw new SyncFailure(
      permanent(
        'no-environment',
        `OrderCloud connection ${input.connectionId} is not bound to an environment.`,
      ),
    );
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
  const needsAttention = async (message: string, problems: string[]) => {
    await upsertOrderSync(db, {
      workspaceId: ctx.workspaceId,
      connectionId: ctx.connectionId,
      orderId: input.orderId,
      status: 'needs-attention',
      message,
    });
    await step('validate', 'error', message, { problems });
    await deps.requestWriteBack({ connectionId: ctx.connectionId, orderId: input.orderId });
  };

  const fetched = await source.getOrder({ orderId: input.orderId });
  if (!fetched.ok && fetched.error.kind === 'permanent') {
    await needsAttention(`OrderCloud: ${fetched.error.message}`, [fetched.error.message]);
    return;
  }
  const order = orThrow(fetched);
  const customerName = contactName(order.customer, 'Guest customer', false);
  await upsertOrderSync(db, {
    workspaceId: ctx.workspaceId,
    connectionId: ctx.connectionId,
    orderId: order.id,
    status: 'received',
    keepStatus: true,
    currency: order.currency,
    total: order.total,
    customerName,
    customerEmail: order.customer.email ?? null,
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

  const reference = orThrow(
    await referenceData({
      db,
      accounting,
      tenantId: ctx.tenantId,
      maxAgeMs: deps.referenceMaxAgeMs ?? 3_600_000,
    }),
  );
  let mappingVersionId = ctx.mappingVersionId;
  if (!mappingVersionId) {
    const created = await createMappingVersion(db, {
      workspaceId: ctx.workspaceId,
      config: defaultMapping(reference),
      note: 'generated from the organisation',
    });
    await pinMapping(db, { environmentId: ctx.environmentId, versionId: created.id });
    mappingVersionId = created.id;
  }
  const mapping = await loadMapping(db, mappingVersionId);

  let invoiceOpId = existingInvoice?.id;
  let rate: string | undefined;
  if (!existingInvoice) {
    const prepared = await prepareInvoice({ order, mapping, reference });
    if (!prepared.ok) {
      await needsAttention(prepared.problems[0] ?? 'The order cannot be invoiced.', prepared.problems);
      return;
    }
    const invoice = prepared.invoice;
    rate = invoice.conversion?.rate;
    // Every OrderCloud user has a CompanyID (its buyer org); only B2B customers are invoiced as the company.
    const asCompany =
      mapping.contacts.companyContactsForB2B &&
      order.customer.kind === 'company' &&
      Boolean(order.customer.companyId);
    const customerKey = asCompany ? `company:${order.customer.companyId}` : order.customer.id;
    const planned = await db.transaction().execute(async (trx) => {
      for (const code of invoice.missingItemCodes) {
        const line = order.lines.find((l) => l.sku === code);
        await ensureOperation(trx, {
          workspaceId: ctx.workspaceId,
          tenantId: ctx.tenantId,
          connectionId: ctx.connectionId,
          orderId: null,
          kind: 'item',
          key: `${ctx.tenantId}:item:${code}`,
          payload: { code, name: line?.name ?? code, salesAccountCode: mapping.accounts.sales },
          dependsOn: null,
        });
      }
      const contact = await ensureOperation(trx, {
        workspaceId: ctx.workspaceId,
        tenantId: ctx.tenantId,
        connectionId: ctx.connectionId,
        orderId: order.id,
        kind: 'contact',
        key: `${ctx.tenantId}:contact:${customerKey}`,
        payload: {
          customer: order.customer,
          asCompany,
          guestName: mapping.contacts.guestName,
          contactNumber: customerKey,
        },
        dependsOn: null,
      });
      const op = await ensureOperation(trx, {
        workspaceId: ctx.workspaceId,
        tenantId: ctx.tenantId,
        connectionId: ctx.connectionId,
        orderId: order.id,
        kind: 'invoice',
        key: invoiceKey(ctx, order.id),
        payload: {
          ...invoice.draft,
          status: invoice.status,
          total: invoice.total,
          conversion: invoice.conversion ?? null,
        },
        dependsOn: contact.id,
      });
      return { id: op.id, created: op.created };
    });
    invoiceOpId = planned.id;
    await advanceOrderSync(db, {
      connectionId: ctx.connectionId,
      orderId: order.id,
      from: ['received', 'needs-attention'],
      to: 'queued',
      message: null,
    });
    // Two deliveries of one order may both get here; only the one that created the invoice says so.
    if (planned.created)
      await step(
        'prepare',
        'ok',
        `Invoice ${invoice.draft.number} prepared: ${invoice.draft.lines.length} lines, total ${invoice.total} ${invoice.draft.currency}${invoice.draftReason ? `, kept as draft (${invoice.draftReason})` : ''}.`,
        {
          adjustments: invoice.adjustments,
          lineAmountTypes: invoice.draft.lineAmountTypes,
        },
      );
    if (planned.created)
      for (const adjustment of invoice.adjustments) await step('prepare', 'info', adjustment);
  } else {
    const payload = existingInvoice.payload as { conversion?: { rate: string } | null };
    rate = payload.conversion?.rate;
  }

  const payments = orThrow(await source.getPayments({ orderId: order.id }));
  const plan = planPayments({ orderId: order.id, payments, mapping, ...(rate ? { rate } : {}) });
  for (const failure of plan.failedCaptures)
    await step(
      'payment',
      'error',
      `${failure} Take it up with the payment gateway; nothing was posted to Xero.`,
    );
  for (const payment of plan.planned) {
    const op = await ensureOperation(db, {
      workspaceId: ctx.workspaceId,
      tenantId: ctx.tenantId,
      connectionId: ctx.connectionId,
      orderId: order.id,
      kind: 'payment',
      key: `${ctx.tenantId}:payment:${ctx.connectionId}:${payment.key}`,
      payload: {
        amount: payment.amount,
        accountCode: payment.accountCode,
        date: payment.date,
        reference: payment.reference,
      },
      dependsOn: invoiceOpId ?? null,
    });
    if (op.created)
      await step(
        'payment',
        'pending',
        `Payment of ${payment.amount} into account ${payment.accountCode} queued.`,
      );
  }
  const refunds = orThrow(await source.getRefunds({ orderId: order.id }));
  for (const refund of refunds) {
    if (!invoiceOpId) break;
    await planCredit(deps, ctx, mapping, {
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

/** A credit note for a refund (or a paid order's cancellation), then its allocation or refund payment. */
async function planCredit(
  deps: SyncOrderDeps,
  ctx: SyncContext,
  mapping: MappingConfig,
  input: {
    invoiceOpId: string;
    creditId: string;
    orderId: string;
    amount: string;
    date: string;
    moneyReturned: boolean;
    reason?: string;
    refundAccount: string;
  },
): Promise<void> {
  const { db } = deps;
  const invoiceOp = await operationById(db, input.invoiceOpId);
  const draft = buildCreditNote({
    refundId: input.creditId,
    orderId: input.orderId,
    amount: input.amount,
    date: input.date,
    invoice: invoiceOp.payload as Parameters<typeof buildCreditNote>[0]['invoice'],
    mapping,
    ...(input.reason ? { reason: input.reason } : {}),
  });
  // The credit note and what settles it are planned in one transaction: a crash between them would
  // leave a note whose allocation or refund is never planned (the note's key would say it exists).
  const created = await db.transaction().execute(async (trx) => {
    const note = await ensureOperation(trx, {
      workspaceId: ctx.workspaceId,
      tenantId: ctx.tenantId,
      connectionId: ctx.connectionId,
      orderId: input.orderId,
      kind: 'credit-note',
      key: `${ctx.tenantId}:credit-note:${ctx.connectionId}:${input.creditId}`,
      payload: draft,
      dependsOn: input.invoiceOpId,
    });
    if (!note.created) return undefined;
    // Decided once, when the credit note is planned: what the invoice still owes takes the credit first
    // (an allocation); what is left is paid back (a refund payment, batched with other payments) when the
    // money went back, or stays on the customer's account as credit.
    const credit = draft.lines.reduce((acc, l) => acc + cents(l.unitAmount), 0n);
    const invoiceTotal = cents((invoiceOp.payload as { total: string }).total);
    const others = await trx
      .selectFrom('xero_operations')
      .select(['kind', 'payload'])
      .where('source_connection_id', '=', ctx.connectionId)
      .where('order_id', '=', input.orderId)
      .where('kind', 'in', ['payment', 'allocation'])
      .where('status', '!=', 'failed')
      .execute();
    const settled = others.reduce((acc, o) => {
      const p = o.payload as { amount: string; refund?: boolean };
      return p.refund ? acc : acc + cents(p.amount);
    }, 0n);
    const due = invoiceTotal - settled > 0n ? invoiceTotal - settled : 0n;
    const allocated = credit < due ? credit : due;
    const refunded = input.moneyReturned ? credit - allocated : 0n;
    const common = {
      workspaceId: ctx.workspaceId,
      tenantId: ctx.tenantId,
      connectionId: ctx.connectionId,
      orderId: input.orderId,
      dependsOn: note.id,
    };
    if (allocated > 0n) {
      await ensureOperation(trx, {
        ...common,
        kind: 'allocation',
        key: `${ctx.tenantId}:allocation:${ctx.connectionId}:${input.creditId}`,
        payload: { invoiceOpId: input.invoiceOpId, amount: centsText(allocated), date: input.date },
      });
    }
    if (refunded > 0n) {
      await ensureOperation(trx, {
        ...common,
        kind: 'payment',
        key: `${ctx.tenantId}:refund:${ctx.connectionId}:${input.creditId}`,
        payload: {
          refund: true,
          amount: centsText(refunded),
          accountCode: input.refundAccount,
          date: input.date,
          reference: `Refund ${input.creditId} / ${input.orderId}`,
        },
      });
    }
    return { allocated, refunded };
  });
  if (!created) return;
  // Exactly what happens to the credit: taken off what the invoice still owes (an allocation), paid
  // back to the customer (a refund), or left on their account.
  const money = (c: bigint) => centsText(c);
  const settles = [
    created.allocated > 0n ? `${money(created.allocated)} taken off what the invoice still owes` : '',
    created.refunded > 0n ? `${money(created.refunded)} paid back to the customer` : '',
  ].filter(Boolean);
  await recordStep(db, {
    workspaceId: ctx.workspaceId,
    orderKey: orderKey(ctx.connectionId, input.orderId),
    step: 'refund',
    outcome: 'pending',
    message: `Credit note ${draft.number} for ${input.amount} queued: ${settles.length > 0 ? settles.join(', ') : "left as credit on the customer's account"}.`,
  });
}

async function planCancellation(
  deps: SyncOrderDeps,
  ctx: SyncContext,
  order: Order,
  invoiceOpId: string | undefined,
): Promise<void> {
  const { db } = deps;
  const orderId = order.id;
  const key = orderKey(ctx.connectionId, orderId);
  // Every later event of a canceled order comes here again: the cancellation is told once.
  const already =
    (await getOrderSync(db, { connectionId: ctx.connectionId, orderId }))?.status === 'canceled';
  if (!invoiceOpId) {
    if (already) return;
    await upsertOrderSync(db, {
      workspaceId: ctx.workspaceId,
      connectionId: ctx.connectionId,
      orderId,
      status: 'canceled',
      message: 'Canceled before it was invoiced.',
    });
    await recordStep(db, {
      workspaceId: ctx.workspaceId,
      orderKey: key,
      step: 'cancel',
      outcome: 'info',
      message: 'Order canceled before it reached Xero; nothing to post.',
    });
    return;
  }
  const invoice = await db
    .selectFrom('xero_operations')
    .select(['status'])
    .where('id', '=', invoiceOpId)
    .executeTakeFirstOrThrow();
  if (invoice.status === 'failed' && already) return;
  if (invoice.status === 'waiting' || invoice.status === 'ready') {
    await db
      .updateTable('xero_operations')
      .set({ status: 'failed', error: 'order canceled before posting', updated_at: new Date() })
      .where('id', '=', invoiceOpId)
      .where('status', 'in', ['waiting', 'ready'])
      .execute();
    await upsertOrderSync(db, {
      workspaceId: ctx.workspaceId,
      connectionId: ctx.connectionId,
      orderId,
      status: 'canceled',
      message: 'Canceled before it was invoiced.',
    });
    await recordStep(db, {
      workspaceId: ctx.workspaceId,
      orderKey: key,
      step: 'cancel',
      outcome: 'info',
      message: 'Order canceled before its invoice was sent; nothing was posted.',
    });
    return;
  }
  const paid = await db
    .selectFrom('xero_operations')
    .select('id')
    .where('depends_on', '=', invoiceOpId)
    .where('kind', '=', 'payment')
    .where('status', 'in', ['done', 'sending'])
    .executeTakeFirst();
  if (paid && ctx.mappingVersionId) {
    // Xero cannot void a paid invoice: credit it in full and pay the money back.
    const mapping = await loadMapping(db, ctx.mappingVersionId);
    await planCredit(deps, ctx, mapping, {
      invoiceOpId,
      creditId: `cancel-${orderId}`,
      orderId,
      amount: order.total,
      date: new Date().toISOString().slice(0, 10),
      moneyReturned: true,
      reason: 'order canceled',
      refundAccount: mapping.payments.defaultAccount,
    });
    await deps.requestFlush(ctx.tenantId);
    return;
  }
  await db
    .updateTable('xero_operations')
    .set({ status: 'failed', error: 'order canceled before the payment was posted', updated_at: new Date() })
    .where('depends_on', '=', invoiceOpId)
    .where('kind', '=', 'payment')
    .where('status', 'in', ['waiting', 'ready'])
    .execute();
  const voiding = await ensureOperation(db, {
    workspaceId: ctx.workspaceId,
    tenantId: ctx.tenantId,
    connectionId: ctx.connectionId,
    orderId,
    kind: 'void',
    key: `${ctx.tenantId}:void:${ctx.connectionId}:${orderId}`,
    payload: {},
    dependsOn: invoiceOpId,
  });
  if (voiding.created)
    await recordStep(db, {
      workspaceId: ctx.workspaceId,
      orderKey: key,
      step: 'cancel',
      outcome: 'pending',
      message: 'Order canceled: voiding its invoice in Xero.',
    });
  await deps.requestFlush(ctx.tenantId);
}
