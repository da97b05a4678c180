import type { AccountingTarget, Result } from '@ledgerbridge/canonical';
import type { Db } from '../../db/database.ts';
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
  if (!results.ok) {
    if (results.error.kind === 'permanent') {
      for (const item of input.items) await settleFailure(deps, item.op, results.error);
      await finishBatch(deps.db, { id: batch.id, status: 'failed' });
      return { ok: true, value: undefined };
    }
    // Left 'sending': the next flush re-sends this exact batch under the same key, or, when Xero keeps
    // the error for the key, looks for its documents and sends the rest under a new one.
    if (results.error.kind === 'retryable' && results.error.keptForKey)
      await markBatchErrorKept(deps.db, batch.id);
    return results;
  }
  for (const [index, item] of input.items.entries()) {
    const result = results.value[index];
    if (result?.ok) await settleSuccess(deps, item.op, result.value);
    else if (result) await settleFailure(deps, item.op, result.error);
  }
  await finishBatch(deps.db, { id: batch.id, status: 'done' });
  return { ok: true, value: undefined };
}
