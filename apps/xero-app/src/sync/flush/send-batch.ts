import type { AccountingTarget, Result } from '@ledgerbridge/canonical';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../in-transaction.ts';
import type { OperationKind } from '../../db/schema.ts';
import { operationModule } from '../operations/operation-modules.ts';
import type { Prepared } from '../operations/operation.ts';
import { finishBatch, markBatchErrorKept, recordBatch } from '../operations/operations-repo.ts';
import { type SettleDeps, settleFailure, settleSuccess } from './settle-operation.ts';

export type SendDeps = SettleDeps & { readonly accountingFor: (workspaceId: string) => AccountingTarget };

export type SendInput = {
  readonly tenantId: string;
  readonly kind: OperationKind;
  readonly items: readonly Prepared[];
  /** A batch recorded earlier, re-sent under its own Idempotency-Key. */
  readonly batch?: { readonly id: string; readonly idempotencyKey: string };
};

/** Records the batch, calls Xero once, and settles each element. Transient failures leave it open for a resend. */
export async function sendBatch(deps: SendDeps & { db: Db }, input: SendInput): Promise<Result<void>> {
  const first = input.items[0];
  if (!first) return { ok: true, value: undefined };
  const batch =
    input.batch ??
    (await recordBatch(deps.db, {
      tenantId: input.tenantId,
      kind: input.kind,
      operationIds: input.items.map((i) => i.op.id),
      request: input.items.map((i) => i.draft),
    }));
  const module = operationModule(input.kind);
  const results = await module.send(deps.accountingFor(first.op.workspace_id), {
    tenantId: input.tenantId,
    drafts: input.items.map((i) => i.draft),
    idempotencyKey: batch.idempotencyKey,
  });
  if (!results.ok && results.error.kind !== 'permanent') {
    // Left 'sending': the next flush re-sends this exact batch under the same key, or, when Xero keeps
    // the error for the key, looks for its documents and sends the rest under a new one.
    if (results.error.kind === 'retryable' && results.error.keptForKey)
      await markBatchErrorKept(deps.db, batch.id);
    return results;
  }
  // The batch settles in one transaction: one commit instead of several per document (a batch of 50
  // took seconds on a loaded machine, and live orders waited for it); a crash part-way settles nothing,
  // and the resend under the same key gets Xero's same answer.
  await inTransaction(deps.db, async (trx) => {
    const within = { ...deps, db: trx };
    if (!results.ok) {
      for (const item of input.items) await settleFailure(within, item.op, results.error);
      await finishBatch(trx, { id: batch.id, status: 'failed' });
      return;
    }
    for (const [index, item] of input.items.entries()) {
      const result = results.value[index];
      if (result?.ok) await settleSuccess(within, item.op, result.value);
      else if (result) await settleFailure(within, item.op, result.error);
    }
    await finishBatch(trx, { id: batch.id, status: 'done' });
  });
  return { ok: true, value: undefined };
}
