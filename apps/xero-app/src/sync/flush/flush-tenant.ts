import { type AccountingTarget, SyncFailure } from '@ledgerbridge/canonical';
import type { Db } from '../../db/database.ts';
import { contactIndexPort } from '../contact-index.ts';
import type { OperationModule, Prepared, PrepareContext } from '../operations/operation.ts';
import { operationModules } from '../operations/operation-modules.ts';
import {
  backgroundPending,
  claimReady,
  hasReady,
  markCarried,
  markReady,
  markSending,
  markWaiting,
  soleDependent,
  type OperationRow,
  unsentSpan,
  operationsByIds,
  promoteSettledWaiters,
} from '../operations/operations-repo.ts';
import type { WriteBackRequest } from '../order-status/record-order-event.ts';
import { resendOpenBatches } from './resend-open-batches.ts';
import { sendBatch } from './send-batch.ts';
import { settleWithout } from './settle-operation.ts';

export type FlushDeps = {
  readonly db: Db;
  readonly accountingFor: (workspaceId: string) => AccountingTarget;
  readonly requestWriteBack: (input: WriteBackRequest) => Promise<void>;
  /** Many at once (one insert per batch instead of one per document), when the host offers it. */
  readonly requestWriteBacks?: (inputs: ReadonlyArray<WriteBackRequest>) => Promise<void>;
  /** True when the tenant's minute budget is scarce: then batches are filled before they are sent. */
  readonly budgetScarce: (tenantId: string) => Promise<boolean>;
  /**
   * How long until the budget admits a call (paused, minute or day spent). A batch is not claimed before
   * then: claimed now, it would be recorded with what is ready now and sent later, smaller than it could be.
   */
  readonly budgetWaitMs?: (tenantId: string) => Promise<number>;
  /**
   * A wait this short is not a reason to give the slot back: the flush was woken this much before its
   * turn so that the call goes out on time, and the budget's admission waits out the rest.
   */
  readonly turnLeadMs?: number;
  /**
   * True when other tenants' flushes are due: then this flush sends one batch and gives its slot back
   * (it comes back behind them), so one tenant's backlog never keeps the others waiting.
   */
  readonly othersWaiting?: () => Promise<boolean>;
  readonly batchSize?: number;
  /** Batches sent at once by one flush (the rate budget caps the tenant's calls in flight at 5). */
  readonly maxInFlight?: number;
  readonly fillWaitMs?: number;
  /**
   * How long partial batches wait to fill so the day's calls last (rate-policy.ts paceDay), asked at
   * each pass of a flush; 0 when the day has room.
   */
  readonly paceFillWaitMs?: (tenantId: string) => Promise<DayPace>;
  /** How long a partial batch of catalog items waits to fill (patient kinds). */
  readonly catalogFillWaitMs?: number;
  /** How long at most a history import's partial batch waits for the rest of its chunk (30 s). */
  readonly backgroundHoldMaxMs?: number;
  /** How soon a flush holding an import's partial batch looks again (250 ms). */
  readonly backgroundHoldPollMs?: number;
  readonly contactRefreshMs?: number;
  /** Xero remembers an Idempotency-Key for 6 minutes; past this a resend must look first. */
  readonly idempotencyWindowMs?: number;
  /**
   * A new customer's contact travels inside its invoice (decision 0111); false sends every contact on
   * its own (POST /Contacts), as before.
   */
  readonly carryContacts?: boolean;
};

/** The day's pace: how long partial batches wait, on the way to the invoice and after it (0: not paced). */
export type DayPace = { readonly fillWaitMs: number; readonly followOnWaitMs: number };

/** How soon a flush comes back for ready operations it found locked by another transaction. */
const lockedRetryMs = 250;
const unpaced: DayPace = { fillWaitMs: 0, followOnWaitMs: 0 };

export type FlushOutcome = {
  readonly calls: number;
  readonly sent: number;
  readonly again?: { readonly afterMs: number };
};

/**
 * Sends a tenant's ready operations to Xero in batches of up to 50, kind by kind (items, contacts,
 * invoices, payments, voids, credit notes, allocations), each element's result handled on its own.
 * Batches are recorded before they are sent and re-sent with the same Idempotency-Key after a crash
 * or a transient failure. What varies by kind lives in ../operations; this is the claim-and-send loop.
 */
export async function flushTenant(outer: FlushDeps, input: { tenantId: string }): Promise<FlushOutcome> {
  // Write-backs requested while settling a batch are sent once per order, after the batch.
  const writeBacks = new Map<string, WriteBackRequest>();
  const deps: FlushDeps = {
    ...outer,
    requestWriteBack: async (w) => {
      writeBacks.set(`${w.connectionId}\u0000${w.orderId}`, w);
    },
  };
  try {
    return await flushTenantPasses(deps, input.tenantId);
  } finally {
    const list = [...writeBacks.values()];
    if (list.length > 0) {
      if (outer.requestWriteBacks) await outer.requestWriteBacks(list);
      else for (const w of list) await outer.requestWriteBack(w);
    }
  }
}

function prepareContextFor(deps: FlushDeps, tenantId: string) {
  return (workspaceId: string): PrepareContext => ({
    tenantId,
    accounting: deps.accountingFor(workspaceId),
    contacts: contactIndexPort({ db: deps.db, accounting: deps.accountingFor(workspaceId), tenantId }),
    contactRefreshMs: deps.contactRefreshMs ?? 60_000,
  });
}

type Claim = { ops: OperationRow[] } | { deferMs: number };

/**
 * Claims ready operations of a kind. A partial batch younger than the fill wait is left to fill when the
 * minute is scarce; scarcity is asked outside the claim's transaction (PGlite has one session).
 */
async function claim(
  deps: FlushDeps,
  tenantId: string,
  module: OperationModule,
  pace: DayPace,
): Promise<Claim> {
  const batchSize = deps.batchSize ?? 50;
  const paceMs = module.follows ? pace.followOnWaitMs : pace.fillWaitMs;
  const leadWaitMs = Math.max(deps.fillWaitMs ?? 1_000, pace.fillWaitMs);
  const fillWaitMs = module.patient
    ? (deps.catalogFillWaitMs ?? 5_000)
    : Math.max(deps.fillWaitMs ?? 1_000, paceMs);
  // A kind that leads to another (contacts to invoices) is due when that kind is: its documents then
  // join the batch going now instead of costing a batch of their own a cycle later.
  const ledDue = async () => {
    if (!module.leads || paceMs === 0) return false;
    const span = await unsentSpan(deps.db, { tenantId, kind: module.leads });
    return span !== undefined && Date.now() - span.oldest.getTime() >= fillWaitMs;
  };
  // Whether a kind that follows the invoice is still arriving: its newest operation planned, ready or
  // still waiting on its invoice (payments become ready a batch at a time, when their invoices go).
  const lastPlannedMs = async () =>
    module.follows && paceMs > 0
      ? (await unsentSpan(deps.db, { tenantId, kind: module.kind }))?.newest.getTime()
      : undefined;
  const limit = module.single ? 1 : batchSize;
  const take = (mayDefer: boolean, lastPlanned?: number) =>
    deps.db.transaction().execute(async (trx): Promise<Claim | { askMs: number } | { holdMs: number }> => {
      const ops = await claimReady(trx, { tenantId, kind: module.kind, limit });
      if (ops.length === 0) return { ops };
      if (
        !module.single &&
        ops.length < batchSize &&
        ops.every((o) => o.background) &&
        Date.now() - Math.max(...ops.map((o) => new Date(o.updated_at).getTime())) <
          (deps.backgroundHoldMaxMs ?? 30_000) &&
        (await backgroundPending(trx, { tenantId, kind: module.kind, ids: ops.map((o) => o.id) }))
      )
        // A history import's partial batch waits for the rest of its chunk (documents still being planned,
        // or waiting on the contacts or invoices in flight): the dry run counted full batches, and the
        // import's days are predicted from that count. Live operations never wait here.
        // Looked at again soon: while this flush waits queued, a live order's request joins it.
        return { holdMs: Math.min(fillWaitMs, deps.backgroundHoldPollMs ?? 250) };
      const times = ops.map((o) => new Date(o.created_at).getTime());
      // What follows the invoice is aged from when it became ready (its invoice or credit note sent): a
      // refund planned long before its credit note went is not a reason to send a partial batch at once.
      const readyTimes = module.follows
        ? ops.map((o) => Math.max(new Date(o.created_at).getTime(), new Date(o.updated_at).getTime()))
        : times;
      const age = Date.now() - Math.min(...readyTimes);
      if (mayDefer && !module.single && ops.length < batchSize) {
        const quiet = Date.now() - Math.max(lastPlanned ?? 0, ...times);
        if (module.follows && paceMs > 0) {
          // What follows the invoice waits while its kind keeps arriving (a shop's pace), up to its own
          // wait; after a burst it goes once the invoice path's wait has passed without new arrivals.
          if (quiet < leadWaitMs && age < fillWaitMs)
            return { askMs: Math.min(leadWaitMs - quiet, fillWaitMs - age) };
        } else if (!module.patient && age < fillWaitMs) return { askMs: fillWaitMs - age };
        // A patient kind waits while its operations keep arriving (a quiet fill wait since the newest),
        // but never more than ten fill waits since the oldest.
        if (module.patient && quiet < fillWaitMs && age < fillWaitMs * 10)
          return { askMs: fillWaitMs - quiet };
      }
      await markSending(
        trx,
        ops.map((o) => o.id),
      );
      return { ops };
    });
  const first = await take(!(await ledDue()), await lastPlannedMs());
  if ('holdMs' in first) return { deferMs: first.holdMs };
  if (!('askMs' in first)) return first;
  // The day's pace and patient kinds hold partial batches without asking; the minute's scarcity is asked
  // when it matters.
  if (module.patient || paceMs > 0 || (await deps.budgetScarce(tenantId))) return { deferMs: first.askMs };
  const second = await take(false);
  return 'ops' in second ? second : { ops: [] };
}

/** Turns claimed operations into drafts; a kind that settles some without a call (contacts) does so here. */
async function prepare(
  deps: FlushDeps,
  context: PrepareContext,
  module: OperationModule,
  ops: OperationRow[],
): Promise<Prepared[]> {
  if (module.prepare) {
    let send: Prepared[];
    try {
      const batch = await module.prepare(context, ops);
      for (const s of batch.settled) await settleWithout(deps, s);
      send = batch.send;
    } catch (error) {
      await markReady(
        deps.db,
        ops.map((o) => o.id),
      );
      throw error;
    }
    // Outside the catch: a document already settled as carried must never be made ready again.
    return carryWherePossible(deps, module, send);
  }
  const relatedIds = ops.flatMap((op) => [
    ...(op.depends_on ? [op.depends_on] : []),
    ...(module.related?.(op) ?? []),
  ]);
  const related = await operationsByIds(deps.db, relatedIds);
  const draft = module.draft;
  if (!draft) throw new Error(`Operation kind ${module.kind} has neither prepare nor draft`);
  const waiting = ops.filter((op) => module.waits?.(op, related));
  await markWaiting(
    deps.db,
    waiting.map((op) => op.id),
  );
  return ops.filter((op) => !waiting.includes(op)).map((op) => ({ op, draft: draft(op, related) }));
}

/**
 * Documents that may travel inside the one document depending on them (a new customer's contact inside
 * its invoice, decision 0111) are settled as carried by it instead of costing a call; the rest are sent.
 */
async function carryWherePossible(
  deps: FlushDeps,
  module: OperationModule,
  prepared: Prepared[],
): Promise<Prepared[]> {
  const carriedBy = module.carriedBy;
  if (!carriedBy || deps.carryContacts === false) return prepared;
  const send: Prepared[] = [];
  for (const item of prepared) {
    const carrier =
      module.mayCarry?.(item.draft) === true
        ? await soleDependent(deps.db, { id: item.op.id, kind: carriedBy })
        : undefined;
    if (carrier) await markCarried(deps.db, { id: item.op.id, by: carrier, draft: item.draft });
    else send.push(item);
  }
  return send;
}

async function flushTenantPasses(deps: FlushDeps, tenantId: string): Promise<FlushOutcome> {
  const { db } = deps;
  await promoteSettledWaiters(db, tenantId);
  const contextFor = prepareContextFor(deps, tenantId);
  const paceNow = async () => (await deps.paceFillWaitMs?.(tenantId)) ?? unpaced;
  let pace = await paceNow();
  let calls = 0;
  let sent = 0;
  let again: { afterMs: number } | undefined;

  const recovered = await resendOpenBatches({ ...deps, prepareContext: contextFor }, tenantId);
  calls += recovered.calls;
  sent += recovered.sent;
  if (recovered.retryAfterMs) return { calls, sent, again: { afterMs: recovered.retryAfterMs } };

  // Up to `maxInFlight` batches travel at once (the rate budget still admits each call); contacts and
  // items go one batch at a time, because each batch's names and codes are chosen against the last's.
  const maxInFlight = Math.max(1, deps.maxInFlight ?? 4);
  // A turn: one batch when other tenants wait for a worker slot, else as many as the budget admits.
  const turnCalls = (await deps.othersWaiting?.()) ? 1 : Number.POSITIVE_INFINITY;
  let launched = 0;
  const inFlight = new Set<Promise<void>>();
  // A wait is counted from when it was read (`at`): the flush drains its batches in flight before it
  // returns, and a wait handed back whole after that brought the flush back late by the drain.
  let stop: { afterMs: number; at: number } | { error: unknown } | undefined;
  let progressed = false;
  const launch = (module: OperationModule, prepared: Prepared[]): Promise<void> => {
    const sending: Promise<void> = sendBatch(deps, { tenantId, kind: module.kind, items: prepared })
      .then(
        (outcome) => {
          calls += 1;
          if (outcome.ok) {
            sent += prepared.length;
            progressed = true;
          } else if (outcome.error.kind === 'retry-after')
            stop ??= { afterMs: outcome.error.retryAfterMs, at: Date.now() };
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
      // A flush that keeps finding work paces each pass by the arrivals so far: paced once at its start,
      // the first flush of a busy morning sent every order as it came.
      if (pass > 0) pace = await paceNow();
      for (const module of operationModules) {
        for (;;) {
          if (stop) break;
          if (inFlight.size >= maxInFlight) {
            await Promise.race(inFlight);
            continue;
          }
          if (launched >= turnCalls) {
            stop ??= { afterMs: 0, at: Date.now() };
            break;
          }
          // Nothing of this kind to send: the budget is not asked (a tenant asking takes its place in
          // the line for the app's minute, and one with nothing to send would hold others' moments back).
          if (!(await hasReady(db, { tenantId, kind: module.kind }))) break;
          // A tenant at its own limit (minute, day, a pause) or the app's gives its worker slot back
          // rather than sleeping in it: the flush comes back when the budget admits a call.
          const wait = (await deps.budgetWaitMs?.(tenantId)) ?? 0;
          if (wait > (deps.turnLeadMs ?? 0)) {
            stop ??= { afterMs: wait, at: Date.now() };
            break;
          }
          const claimed = await claim(deps, tenantId, module, pace);
          if ('deferMs' in claimed) {
            // Back when the first held batch is due, not the last one asked about.
            const afterMs = Math.max(100, claimed.deferMs);
            again = { afterMs: Math.min(afterMs, again?.afterMs ?? afterMs) };
            break;
          }
          const first = claimed.ops[0];
          if (!first) {
            // Ready, yet none claimed: another transaction held them this instant (a plan of the same key
            // being written; the claim skips locked rows). The flush comes back for them: ending here left
            // them ready with no flush to come.
            again = { afterMs: Math.min(lockedRetryMs, again?.afterMs ?? lockedRetryMs) };
            break;
          }
          const prepared = await prepare(deps, contextFor(first.workspace_id), module, claimed.ops);
          if (prepared.length === 0) continue;
          launched += 1;
          const sending = launch(module, prepared);
          if (module.oneAtATime) await sending;
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
  if (stop) return { calls, sent, again: { afterMs: Math.max(0, stop.afterMs - (Date.now() - stop.at)) } };
  if (!again) return { calls, sent };
  // The queue keeps one flush per organisation: a flush due only in minutes (payments held to fill)
  // would hold back the orders placed meanwhile. It comes back within the invoice path's wait instead.
  const leadWaitMs = Math.max(100, deps.fillWaitMs ?? 1_000, pace.fillWaitMs);
  return { calls, sent, again: { afterMs: Math.min(again.afterMs, leadWaitMs) } };
}
