import { SyncFailure } from '@ledgerbridge/canonical';
import type { Prepared, PrepareContext } from '../operations/operation.ts';
import { operationModule } from '../operations/operation-modules.ts';
import {
  finishBatch,
  openBatches,
  operationsByIds,
  releaseOrphanedClaims,
} from '../operations/operations-repo.ts';
import { type SendDeps, sendBatch } from './send-batch.ts';
import { settleSuccess, settleWithout } from './settle-operation.ts';

export type ResendDeps = SendDeps & {
  readonly prepareContext: (workspaceId: string) => PrepareContext;
  /** Xero remembers an Idempotency-Key for 6 minutes; past this a resend must look first. */
  readonly idempotencyWindowMs?: number;
};

/**
 * Batches left 'sending' by a crash or a transient failure: inside Xero's 6-minute window the same request
 * under the same key is replayed by Xero, never duplicated; past it, or when Xero answered an error it keeps
 * for the key (it would answer it again for the rest of the window), we look for the documents first and
 * send the rest under a new key.
 */
export async function resendOpenBatches(
  deps: ResendDeps,
  tenantId: string,
): Promise<{ calls: number; sent: number; retryAfterMs?: number }> {
  await releaseOrphanedClaims(deps.db, { tenantId, olderThanMs: 60_000 });
  let calls = 0;
  let sent = 0;
  for (const batch of await openBatches(deps.db, tenantId)) {
    const ops = await operationsByIds(deps.db, batch.operationIds);
    const items: Prepared[] = batch.operationIds.map((id, i) => {
      const op = ops.get(id);
      if (!op) throw new Error(`Batch ${batch.id} names operation ${id}, which does not exist`);
      return { op, draft: batch.request[i] };
    });
    const age = Date.now() - batch.startedAt.getTime();
    let toSend = items;
    let resend: { id: string; idempotencyKey: string } | undefined = batch;
    if (batch.errorKept || age > (deps.idempotencyWindowMs ?? 5.5 * 60_000)) {
      const first = items[0];
      const module = operationModule(batch.kind);
      if (first && module.lookUp) {
        const looked = await module.lookUp(deps.prepareContext(first.op.workspace_id), items);
        calls += looked.calls;
        for (const hit of looked.found) await settleSuccess(deps, hit.item.op, hit.value);
        for (const hit of looked.recovered)
          await settleWithout(deps, { op: hit.item.op, targetId: hit.targetId, result: { recovered: true } });
        toSend = looked.remaining;
      }
      await finishBatch(deps.db, { id: batch.id, status: 'failed' });
      resend = undefined;
      if (toSend.length === 0) continue;
    }
    const outcome = await sendBatch(deps, {
      tenantId,
      kind: batch.kind,
      items: toSend,
      ...(resend ? { batch: resend } : {}),
    });
    calls += 1;
    if (!outcome.ok) {
      if (outcome.error.kind === 'retry-after')
        return { calls, sent, retryAfterMs: outcome.error.retryAfterMs };
      throw new SyncFailure(outcome.error);
    }
    sent += toSend.length;
  }
  return { calls, sent };
}
