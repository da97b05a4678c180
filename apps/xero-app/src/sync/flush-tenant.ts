import {
  type AccountingTarget,
  type ContactDraft,
  type Customer,
  type ElementResult,
  type Result,
  type SyncError,
  SyncFailure,
} from '@ledgerbridge/canonical';
import type { Db } from '../db/database.ts';
import type { OperationKind } from '../db/schema.ts';
import { cents } from '../mapping/xero-arithmetic.ts';
import { recordStep } from '../timeline/timeline-repo.ts';
import {
  contactName,
  matchContact,
  refreshContactIndex,
  rememberContacts,
  uniqueName,
} from './contact-index.ts';
import {
  claimReady,
  markDone,
  markFailed,
  markReady,
  operationById,
  type OperationRow,
  promoteSettledWaiters,
} from './operations-repo.ts';
import { upsertOrderSync } from './order-syncs-repo.ts';
import { orderKey } from './sync-context.ts';

export type FlushDeps = {
  readonly db: Db;
  readonly accountingFor: (workspaceId: string) => AccountingTarget;
  readonly requestWriteBack: (input: { connectionId: string; orderId: string }) => Promise<void>;
  /** Many at once (one insert per batch instead of one per document), when the host offers it. */
  readonly requestWriteBacks?: (
    inputs: ReadonlyArray<{ connectionId: string; orderId: string }>,
  ) => Promise<void>;
  /** True when the tenant's minute budget is scarce: then batches are filled before they are sent. */
  readonly budgetScarce: (tenantId: string) => Promise<boolean>;
  /**
   * How long until the budget admits a call (paused, minute or day spent). A batch is not claimed before
   * then: claimed now, it would be recorded with what is ready now and sent later, smaller than it could be.
   */
  readonly budgetWaitMs?: (tenantId: string) => Promise<number>;
  readonly batchSize?: number;
  /** Batches sent at once by one flush (the rate budget caps the tenant's calls in flight at 5). */
  readonly maxInFlight?: number;
  readonly fillWaitMs?: number;
  readonly contactRefreshMs?: number;
  /** Xero remembers an Idempotency-Key for 6 minutes; past this a resend must look first. */
  readonly idempotencyWindowMs?: number;
};

export type FlushOutcome = {
  readonly calls: number;
  readonly sent: number;
  readonly again?: { readonly afterMs: number };
};

const kinds: readonly OperationKind[] = [
  'item',
  'contact',
  'invoice',
  'payment',
  'void',
  'credit-note',
  'allocation',
];
/** Kinds Xero takes one document at a time. */
const single: ReadonlySet<OperationKind> = new Set(['allocation']);
/** Budget waits up to this are slept through in the flush; longer ones end it and it comes back later. */
const shortWaitMs = 5_000;
/** Kinds whose batches are prepared against the previous batch's results: never two in flight. */
const oneAtATime: ReadonlySet<OperationKind> = new Set(['item', 'contact']);
type Sent = { op: OperationRow; draft: unknown };

/**
 * Sends a tenant's ready operations to Xero in batches of up to 50, kind by kind (items, contacts,
 * invoices, payments, voids), each element's result handled on its own. Batches are recorded before
 * they are sent and re-sent with the same Idempotency-Key after a crash or a transient failure.
 */
export async function flushTenant(outer: FlushDeps, input: { tenantId: string }): Promise<FlushOutcome> {
  // Write-backs requested while settling a batch are sent once per order, after the batch.
  const writeBacks = new Map<string, { connectionId: string; orderId: string }>();
  const sendWriteBacks = async () => {
    const list = [...writeBacks.values()];
    writeBacks.clear();
    if (list.length === 0) return;
    if (outer.requestWriteBacks) await outer.requestWriteBacks(list);
    else for (const w of list) await outer.requestWriteBack(w);
  };
  const deps: FlushDeps = {
    ...outer,
    requestWriteBack: async (w) => {
      writeBacks.set(`${w.connectionId}\u0000${w.orderId}`, w);
    },
  };
  try {
    return await flushTenantPasses(deps, input.tenantId);
  } finally {
    await sendWriteBacks();
  }
}

async function flushTenantPasses(deps: FlushDeps, tenantId: string): Promise<FlushOutcome> {
  const { db } = deps;
  await promoteSettledWaiters(db, tenantId);
  const batchSize = deps.batchSize ?? 50;
  let calls = 0;
  let sent = 0;
  let again: { afterMs: number } | undefined;

  const recovered = await resendOpenBatches(deps, tenantId);
  calls += recovered.calls;
  sent += recovered.sent;
  if (recovered.retryAfterMs) return { calls, sent, again: { afterMs: recovered.retryAfterMs } };

  // Up to `maxInFlight` batches travel at once (the rate budget still admits each call); contacts and
  // items go one batch at a time, because each batch's names and codes are chosen against the last's.
  const maxInFlight = Math.max(1, deps.maxInFlight ?? 4);
  const inFlight = new Set<Promise<void>>();
  let stop: { afterMs: number } | { error: unknown } | undefined;
  let progressed = false;
  const launch = (kind: OperationKind, prepared: Sent[]): Promise<void> => {
    const sending: Promise<void> = sendBatch(deps, { tenantId, kind, items: prepared, batchId: undefined })
      .then(
        (outcome) => {
          calls += 1;
          if (outcome.ok) {
            sent += prepared.length;
            progressed = true;
          } else if (outcome.error.kind === 'retry-after') stop ??= { afterMs: outcome.error.retryAfterMs };
          else stop ??= { error: new SyncFailure(outcome.error) };
        },
        (error: unknown) => {
          stop ??= { error };
        },
      )
      .finally(() => inFlight.delete(sending));
    inFlight.add(sending);
    return sending;
  };

  // Passes repeat while they make progress: a step can free later kinds and, through them, earlier
  // ones (a credit note frees its refund payment).
  try {
    for (let pass = 0; pass < 10; pass += 1) {
      progressed = false;
      for (const kind of kinds) {
        for (;;) {
          if (stop) break;
          if (inFlight.size >= maxInFlight) {
            await Promise.race(inFlight);
            continue;
          }
          const wait = (await deps.budgetWaitMs?.(tenantId)) ?? 0;
          if (wait > shortWaitMs) {
            stop ??= { afterMs: wait };
            break;
          }
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          const claimed = await db.transaction().execute(async (trx) => {
            const ops = await claimReady(trx, { tenantId, kind, limit: single.has(kind) ? 1 : batchSize });
            if (ops.length === 0) return { ops, deferred: false };
            const oldest = Math.min(...ops.map((o) => new Date(o.created_at).getTime()));
            if (
              !single.has(kind) &&
              ops.length < batchSize &&
              Date.now() - oldest < (deps.fillWaitMs ?? 1_000) &&
              (await deps.budgetScarce(tenantId))
            ) {
              return { ops: [], deferred: true, waitMs: (deps.fillWaitMs ?? 1_000) - (Date.now() - oldest) };
            }
            await trx
              .updateTable('xero_operations')
              .set({ status: 'sending', updated_at: new Date() })
              .where(
                'id',
                'in',
                ops.map((o) => o.id),
              )
              .execute();
            return { ops, deferred: false };
          });
          if (claimed.deferred) {
            again = { afterMs: Math.max(100, 'waitMs' in claimed ? (claimed.waitMs ?? 500) : 500) };
            break;
          }
          if (claimed.ops.length === 0) break;
          const prepared = await prepareBatch(deps, tenantId, kind, claimed.ops);
          if (prepared.length === 0) continue;
          const sending = launch(kind, prepared);
          if (oneAtATime.has(kind)) await sending;
        }
      }
      await Promise.all(inFlight);
      if (stop || !progressed) break;
    }
  } finally {
    // Nothing left travelling when the flush ends, even on a throw: a batch still in flight must not
    // meet the next flush's resend of it.
    await Promise.allSettled(inFlight);
  }
  if (stop && 'error' in stop) throw stop.error;
  if (stop) return { calls, sent, again: { afterMs: stop.afterMs } };
  return again ? { calls, sent, again } : { calls, sent };
}

/** Turns claimed operations into drafts, resolving IDs from what they depend on; contacts are matched first. */
async function prepareBatch(
  deps: FlushDeps,
  tenantId: string,
  kind: OperationKind,
  ops: OperationRow[],
): Promise<Sent[]> {
  const { db } = deps;
  if (kind === 'contact') return prepareContacts(deps, tenantId, ops);
  const items: Sent[] = [];
  for (const op of ops) {
    const dependency = op.depends_on ? await operationById(db, op.depends_on) : undefined;
    const payload = op.payload as Record<string, unknown>;
    if (kind === 'item') items.push({ op, draft: payload });
    if (kind === 'invoice') {
      const { total: _t, conversion: _c, ...draft } = payload;
      items.push({ op, draft: { ...draft, contactId: dependency?.target_id } });
    }
    if (kind === 'payment') {
      // A refund is a payment out of the credit note it depends on; others pay the invoice.
      const { refund, ...fields } = payload;
      items.push({
        op,
        draft: refund
          ? { ...fields, creditNoteId: dependency?.target_id }
          : { ...fields, invoiceId: dependency?.target_id },
      });
    }
    if (kind === 'void') items.push({ op, draft: { invoiceId: dependency?.target_id } });
    if (kind === 'credit-note') {
      const invoice = dependency?.result as { contactId?: string } | null;
      items.push({ op, draft: { ...payload, contactId: invoice?.contactId } });
    }
    if (kind === 'allocation') {
      const invoiceOp = await operationById(db, String(payload.invoiceOpId));
      items.push({
        op,
        draft: { ...payload, creditNoteId: dependency?.target_id, invoiceId: invoiceOp.target_id },
      });
    }
  }
  return items;
}

async function prepareContacts(deps: FlushDeps, tenantId: string, ops: OperationRow[]): Promise<Sent[]> {
  const { db } = deps;
  const first = ops[0];
  if (!first) return [];
  const accounting = deps.accountingFor(first.workspace_id);
  const refreshed = await refreshContactIndex({
    db,
    accounting,
    tenantId,
    minAgeMs: deps.contactRefreshMs ?? 60_000,
  });
  if (!refreshed.ok) {
    await markReady(
      db,
      ops.map((o) => o.id),
    );
    throw new SyncFailure(refreshed.error);
  }
  const items: Sent[] = [];
  const namesInBatch = new Set<string>();
  for (const op of ops) {
    const payload = op.payload as {
      customer: Customer;
      asCompany: boolean;
      guestName: string;
      contactNumber: string;
    };
    const name = contactName(payload.customer, payload.guestName, payload.asCompany);
    const match = await matchContact(db, tenantId, {
      contactNumber: payload.contactNumber,
      name,
      ...(payload.customer.email ? { email: payload.customer.email } : {}),
    });
    if (match && !match.archived) {
      await markDone(db, { id: op.id, targetId: match.contactId, result: { matchedBy: match.by } });
      await noteOrder(deps, op, 'contact', 'ok', `Matched existing Xero contact by ${match.by}.`);
      continue;
    }
    let unique = await uniqueName(db, tenantId, {
      name,
      contactNumber: payload.contactNumber,
      ...(payload.customer.email ? { email: payload.customer.email } : {}),
      ...(match ? { exceptContactId: match.contactId } : {}),
    });
    if (namesInBatch.has(unique.toLowerCase())) {
      const withEmail = payload.customer.email ? `${name} (${payload.customer.email})` : undefined;
      unique =
        withEmail && !namesInBatch.has(withEmail.toLowerCase())
          ? withEmail
          : `${name} (#${payload.contactNumber})`;
    }
    namesInBatch.add(unique.toLowerCase());
    const c = payload.customer;
    const address = c.billingAddress;
    const draft: ContactDraft & { unarchive?: boolean } = {
      contactNumber: payload.contactNumber.slice(0, 50),
      name: unique,
      ...(match ? { existingId: match.contactId, unarchive: true } : {}),
      ...(c.firstName && !payload.asCompany ? { firstName: c.firstName } : {}),
      ...(c.lastName && !payload.asCompany ? { lastName: c.lastName } : {}),
      ...(c.email ? { email: c.email } : {}),
      ...(c.phone ? { phone: c.phone } : {}),
      ...(address
        ? {
            address: {
              line1: address.line1,
              line2: address.line2,
              city: address.city,
              region: address.region,
              postalCode: address.postalCode,
              country: address.country,
            },
          }
        : {}),
    };
    items.push({ op, draft });
  }
  return items;
}

type SendInput = {
  tenantId: string;
  kind: OperationKind;
  items: Sent[];
  batchId: string | undefined;
  idempotencyKey?: string;
};

/** Records the batch, calls Xero once, and settles each element. Transient failures leave it open for a resend. */
async function sendBatch(deps: FlushDeps, input: SendInput): Promise<Result<void>> {
  const { db } = deps;
  const first = input.items[0];
  if (!first) return { ok: true, value: undefined };
  const batch = input.batchId
    ? { id: input.batchId, idempotency_key: input.idempotencyKey ?? input.batchId }
    : await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('xero_batches')
          .values({
            tenant_id: input.tenantId,
            kind: input.kind,
            idempotency_key: 'pending',
            operation_ids: JSON.stringify(input.items.map((i) => i.op.id)),
            request: JSON.stringify(input.items.map((i) => i.draft)),
            status: 'sending',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const key = `lb-${input.kind}-${row.id}`;
        await trx
          .updateTable('xero_batches')
          .set({ idempotency_key: key })
          .where('id', '=', row.id)
          .execute();
        await trx
          .updateTable('xero_operations')
          .set({ batch_id: row.id })
          .where(
            'id',
            'in',
            input.items.map((i) => i.op.id),
          )
          .execute();
        return { id: row.id, idempotency_key: key };
      });
  const accounting = deps.accountingFor(first.op.workspace_id);
  const results = await callXero(accounting, input.tenantId, input.kind, input.items, batch.idempotency_key);
  if (!results.ok) {
    if (results.error.kind === 'permanent') {
      for (const item of input.items) await settleFailure(deps, item.op, results.error);
      await db
        .updateTable('xero_batches')
        .set({ status: 'failed', finished_at: new Date() })
        .where('id', '=', batch.id)
        .execute();
      return { ok: true, value: undefined };
    }
    // Left 'sending': the next flush re-sends this exact batch under the same key.
    return results;
  }
  for (const [index, item] of input.items.entries()) {
    const result = results.value[index];
    if (result?.ok) await settleSuccess(deps, input.tenantId, input.kind, item, result.value);
    else if (result) await settleFailure(deps, item.op, result.error);
  }
  await db
    .updateTable('xero_batches')
    .set({ status: 'done', finished_at: new Date() })
    .where('id', '=', batch.id)
    .execute();
  return { ok: true, value: undefined };
}

async function callXero(
  accounting: AccountingTarget,
  tenantId: string,
  kind: OperationKind,
  items: Sent[],
  idempotencyKey: string,
): Promise<Result<ElementResult<Record<string, unknown>>[]>> {
  const drafts = items.map((i) => i.draft) as never[];
  switch (kind) {
    case 'item':
      return accounting.createItems({ tenantId, items: drafts, idempotencyKey });
    case 'contact':
      return accounting.upsertContacts({ tenantId, contacts: drafts, idempotencyKey });
    case 'invoice':
      return accounting.createInvoices({ tenantId, invoices: drafts, idempotencyKey }) as never;
    case 'payment':
      return accounting.createPayments({ tenantId, payments: drafts, idempotencyKey }) as never;
    case 'void':
      return accounting.voidInvoices({
        tenantId,
        invoiceIds: items.map((i) => (i.draft as { invoiceId: string }).invoiceId),
        idempotencyKey,
      }) as never;
    case 'credit-note':
      return accounting.createCreditNotes({ tenantId, creditNotes: drafts, idempotencyKey }) as never;
    case 'allocation':
      return allocate(accounting, tenantId, items[0]?.draft as AllocationDraft, idempotencyKey);
    default:
      return { ok: true, value: [] };
  }
}

type AllocationDraft = { creditNoteId: string; invoiceId: string; amount: string; date: string };

async function allocate(
  accounting: AccountingTarget,
  tenantId: string,
  draft: AllocationDraft,
  idempotencyKey: string,
): Promise<Result<ElementResult<Record<string, unknown>>[]>> {
  const result = await accounting.allocateCreditNote({ tenantId, ...draft, idempotencyKey });
  if (!result.ok) return result;
  return { ok: true, value: [{ ok: true, value: { id: draft.creditNoteId, allocated: draft.amount } }] };
}

/** What exists in Xero for which source entity: customer → contact, order → invoice, payment, credit note. */
async function recordLink(
  db: FlushDeps['db'],
  op: OperationRow,
  kind: OperationKind,
  targetId: string | null,
  targetNumber: string | null,
): Promise<void> {
  const customer = kind === 'contact';
  const sourceId = customer
    ? String((op.payload as { contactNumber?: string }).contactNumber ?? op.op_key)
    : (op.order_id ?? op.op_key);
  await db
    .insertInto('links')
    .values({
      workspace_id: op.workspace_id,
      source_type: customer ? 'customer' : kind === 'item' ? 'product' : 'order',
      source_id: sourceId,
      operation: op.op_key,
      operation_key: op.op_key,
      target_type: kind,
      target_id: targetId,
      target_number: targetNumber,
      status: 'done',
      details: '{}',
    })
    .onConflict((oc) => oc.column('operation_key').doNothing())
    .execute();
}

async function settleSuccess(
  deps: FlushDeps,
  tenantId: string,
  kind: OperationKind,
  item: Sent,
  value: Record<string, unknown>,
): Promise<void> {
  const { db } = deps;
  const id = typeof value.id === 'string' ? value.id : typeof value.code === 'string' ? value.code : null;
  const number = typeof value.number === 'string' ? value.number : null;
  await markDone(db, { id: item.op.id, targetId: id, targetNumber: number, result: value });
  await recordLink(db, item.op, kind, id, number);
  if (kind === 'contact') {
    await rememberContacts(db, tenantId, [value as never]);
    await noteOrder(deps, item.op, 'contact', 'ok', `Xero contact “${String(value.name)}” saved.`);
  }
  if (kind === 'invoice') await onInvoiceCreated(deps, item.op, value);
  if (kind === 'payment') await onPaymentCreated(deps, item.op);
  if (kind === 'credit-note') {
    await noteOrder(
      deps,
      item.op,
      'refund',
      'ok',
      `Credit note ${String(value.number)} for ${String(value.total)} created in Xero.`,
    );
  }
  if (kind === 'allocation') {
    await upsertOrderSync(db, {
      workspaceId: item.op.workspace_id,
      connectionId: item.op.source_connection_id,
      orderId: item.op.order_id ?? '',
      status: 'credited',
      message: null,
    });
    await noteOrder(
      deps,
      item.op,
      'refund',
      'ok',
      `Credit note of ${String((item.op.payload as { amount?: string }).amount ?? '')} allocated against the invoice in Xero (taken off what it still owed; no money paid back).`,
    );
    await deps.requestWriteBack({
      connectionId: item.op.source_connection_id,
      orderId: item.op.order_id ?? '',
    });
  }
  if (kind === 'void') {
    await upsertOrderSync(db, {
      workspaceId: item.op.workspace_id,
      connectionId: item.op.source_connection_id,
      orderId: item.op.order_id ?? '',
      status: 'voided',
      message: null,
    });
    await noteOrder(deps, item.op, 'void', 'ok', 'Invoice voided in Xero.');
    await deps.requestWriteBack({
      connectionId: item.op.source_connection_id,
      orderId: item.op.order_id ?? '',
    });
  }
}

async function onInvoiceCreated(
  deps: FlushDeps,
  op: OperationRow,
  value: Record<string, unknown>,
): Promise<void> {
  await upsertOrderSync(deps.db, {
    workspaceId: op.workspace_id,
    connectionId: op.source_connection_id,
    orderId: op.order_id ?? '',
    status: 'invoiced',
    invoiceId: String(value.id),
    invoiceNumber: String(value.number),
    amountPaid: String(value.amountPaid ?? '0'),
    message: null,
  });
  await noteOrder(
    deps,
    op,
    'invoice',
    'ok',
    `Invoice ${String(value.number)} created in Xero (${String(value.status)}), total ${String(value.total)} ${String(value.currency)}.`,
  );
  await deps.requestWriteBack({ connectionId: op.source_connection_id, orderId: op.order_id ?? '' });
}

async function onPaymentCreated(deps: FlushDeps, op: OperationRow): Promise<void> {
  const { db } = deps;
  const payload = op.payload as { amount: string; accountCode: string; refund?: boolean };
  if (payload.refund) {
    await upsertOrderSync(db, {
      workspaceId: op.workspace_id,
      connectionId: op.source_connection_id,
      orderId: op.order_id ?? '',
      status: 'credited',
      message: null,
    });
    await noteOrder(
      deps,
      op,
      'refund',
      'ok',
      `Refund of ${payload.amount} paid out of account ${payload.accountCode}.`,
    );
    await deps.requestWriteBack({ connectionId: op.source_connection_id, orderId: op.order_id ?? '' });
    return;
  }
  const paid = await db
    .selectFrom('xero_operations')
    .select('payload')
    .where('source_connection_id', '=', op.source_connection_id)
    .where('order_id', '=', op.order_id)
    .where('kind', '=', 'payment')
    .where('status', '=', 'done')
    .execute();
  const totalPaid = paid.reduce((acc, row) => {
    if ((row.payload as { refund?: boolean }).refund) return acc;
    const [w = '0', f = ''] = (row.payload as { amount: string }).amount.split('.');
    return acc + BigInt(w + f.padEnd(2, '0').slice(0, 2));
  }, 0n);
  const sync = await db
    .selectFrom('order_syncs')
    .select(['total'])
    .where('ordercloud_connection_id', '=', op.source_connection_id)
    .where('order_id', '=', op.order_id ?? '')
    .executeTakeFirst();
  const invoice = await db
    .selectFrom('xero_operations')
    .select('payload')
    .where('id', '=', op.depends_on ?? '')
    .executeTakeFirst();
  const invoiceTotal = (invoice?.payload as { total?: string } | undefined)?.total ?? sync?.total ?? '0';
  const [tw = '0', tf = ''] = invoiceTotal.split('.');
  const totalCents = BigInt(tw + tf.padEnd(2, '0').slice(0, 2));
  const paidText = `${totalPaid / 100n}.${(totalPaid % 100n).toString().padStart(2, '0')}`;
  await upsertOrderSync(db, {
    workspaceId: op.workspace_id,
    connectionId: op.source_connection_id,
    orderId: op.order_id ?? '',
    status: totalPaid >= totalCents ? 'paid' : 'part-paid',
    amountPaid: paidText,
  });
  await noteOrder(
    deps,
    op,
    'payment',
    'ok',
    `Payment of ${payload.amount} recorded in Xero into account ${payload.accountCode}.`,
  );
  await deps.requestWriteBack({ connectionId: op.source_connection_id, orderId: op.order_id ?? '' });
}

async function settleFailure(deps: FlushDeps, op: OperationRow, error: SyncError): Promise<void> {
  await markFailed(deps.db, { id: op.id, error: error.message });
  if (op.order_id) {
    await upsertOrderSync(deps.db, {
      workspaceId: op.workspace_id,
      connectionId: op.source_connection_id,
      orderId: op.order_id,
      status: 'needs-attention',
      message: `Xero refused the ${op.kind}: ${error.message}`,
    });
    await deps.requestWriteBack({ connectionId: op.source_connection_id, orderId: op.order_id });
  }
  await noteOrder(deps, op, op.kind, 'error', `Xero refused the ${op.kind}: ${error.message}`);
}

async function noteOrder(
  deps: FlushDeps,
  op: OperationRow,
  step: string,
  outcome: 'ok' | 'error' | 'info',
  message: string,
): Promise<void> {
  if (!op.order_id) return;
  await recordStep(deps.db, {
    workspaceId: op.workspace_id,
    orderKey: orderKey(op.source_connection_id, op.order_id),
    step,
    outcome,
    message,
  });
}

/**
 * Batches left 'sending' by a crash or a transient failure: inside Xero's 6-minute window the same request
 * under the same key is replayed by Xero, never duplicated; past it, we look for the documents first.
 */
async function resendOpenBatches(
  deps: FlushDeps,
  tenantId: string,
): Promise<{ calls: number; sent: number; retryAfterMs?: number }> {
  const { db } = deps;
  // Claimed but never recorded as a batch (the worker died in between): nothing was sent, so ready again.
  await db
    .updateTable('xero_operations')
    .set({ status: 'ready', updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'sending')
    .where('batch_id', 'is', null)
    .where('updated_at', '<', new Date(Date.now() - 60_000))
    .execute();
  const open = await db
    .selectFrom('xero_batches')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'sending')
    .orderBy('started_at')
    .execute();
  let calls = 0;
  let sent = 0;
  for (const batch of open) {
    const ids = batch.operation_ids as string[];
    const drafts = batch.request as unknown[];
    const ops = await Promise.all(ids.map((id) => operationById(db, id)));
    const items = ops.map((op, i) => ({ op, draft: drafts[i] }));
    const age = Date.now() - new Date(batch.started_at).getTime();
    if (age > (deps.idempotencyWindowMs ?? 5.5 * 60_000)) {
      const stillMissing = await lookUpBeforeResend(deps, tenantId, batch.kind, items);
      calls += stillMissing.calls;
      await db
        .updateTable('xero_batches')
        .set({ status: 'failed', finished_at: new Date() })
        .where('id', '=', batch.id)
        .execute();
      if (stillMissing.items.length > 0) {
        const outcome = await sendBatch(deps, {
          tenantId,
          kind: batch.kind,
          items: stillMissing.items,
          batchId: undefined,
        });
        calls += 1;
        if (!outcome.ok)
          return outcome.error.kind === 'retry-after'
            ? { calls, sent, retryAfterMs: outcome.error.retryAfterMs }
            : Promise.reject(new SyncFailure(outcome.error));
        sent += stillMissing.items.length;
      }
      continue;
    }
    const outcome = await sendBatch(deps, {
      tenantId,
      kind: batch.kind,
      items,
      batchId: batch.id,
      idempotencyKey: batch.idempotency_key,
    });
    calls += 1;
    if (!outcome.ok) {
      if (outcome.error.kind === 'retry-after')
        return { calls, sent, retryAfterMs: outcome.error.retryAfterMs };
      throw new SyncFailure(outcome.error);
    }
    sent += items.length;
  }
  return { calls, sent };
}

/** Past the idempotency window: documents Xero already has are settled from what it returns. */
async function lookUpBeforeResend(
  deps: FlushDeps,
  tenantId: string,
  kind: OperationKind,
  items: Sent[],
): Promise<{ items: Sent[]; calls: number }> {
  const first = items[0];
  if (!first) return { items, calls: 0 };
  const accounting = deps.accountingFor(first.op.workspace_id);
  if (kind === 'invoice') {
    const numbers = items.map((i) => (i.draft as { number: string }).number);
    const found = await accounting.findInvoices({ tenantId, numbers });
    if (!found.ok) throw new SyncFailure(found.error);
    const remaining: Sent[] = [];
    for (const item of items) {
      const existing = found.value.find((inv) => inv.number === (item.draft as { number: string }).number);
      if (existing)
        await settleSuccess(deps, tenantId, kind, item, existing as unknown as Record<string, unknown>);
      else remaining.push(item);
    }
    return { items: remaining, calls: 1 };
  }
  if (kind === 'contact') {
    const refreshed = await refreshContactIndex({ db: deps.db, accounting, tenantId, minAgeMs: 0 });
    if (!refreshed.ok) throw new SyncFailure(refreshed.error);
    const remaining: Sent[] = [];
    for (const item of items) {
      const draft = item.draft as ContactDraft;
      const match = await matchContact(deps.db, tenantId, {
        contactNumber: draft.contactNumber,
        name: draft.name,
      });
      if (match?.by === 'contact number')
        await markDone(deps.db, { id: item.op.id, targetId: match.contactId, result: { recovered: true } });
      else remaining.push(item);
    }
    return { items: remaining, calls: refreshed.value.calls };
  }
  if (kind === 'payment') {
    const remaining: Sent[] = [];
    let calls = 0;
    for (const item of items) {
      const draft = item.draft as { invoiceId?: string; reference: string; amount: string };
      if (!draft.invoiceId) {
        // A refund out of a credit note: Xero's credit note lists no payments by reference to match on.
        remaining.push(item);
        continue;
      }
      const invoice = await accounting.getInvoice({ tenantId, invoiceId: draft.invoiceId });
      calls += 1;
      if (!invoice.ok) throw new SyncFailure(invoice.error);
      const existing = invoice.value.payments?.find(
        (p) => p.reference === draft.reference && cents(p.amount) === cents(draft.amount),
      );
      if (existing)
        await settleSuccess(deps, tenantId, kind, item, existing as unknown as Record<string, unknown>);
      else remaining.push(item);
    }
    return { items: remaining, calls };
  }
  return { items, calls: 0 };
}
