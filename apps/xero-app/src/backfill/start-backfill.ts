import { fail, ok, permanent, type Result } from '@ledgerbridge/canonical';
import type { Kysely } from 'kysely';
import { recordAudit } from '../timeline/audit-log-repo.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { setBackfillStatus } from './backfill-repo.ts';

/** Starts a planned history import (its pace runs from now) or cancels one; both are in the audit log. */
export async function changeBackfill(
  deps: {
    db: Kysely<DatabaseSchema>;
    /** Sends the import's first tick to the worker. */
    kick: (backfillId: string) => Promise<void>;
    now?: () => Date;
  },
  input: { workspaceId: string; actor: string; id: string; action: 'start' | 'cancel' },
): Promise<Result<void>> {
  const at = (deps.now ?? (() => new Date()))();
  const changed = await setBackfillStatus(deps.db, {
    id: input.id,
    workspaceId: input.workspaceId,
    from: input.action === 'start' ? ['planned'] : ['planned', 'running'],
    to: input.action === 'start' ? 'running' : 'canceled',
    at,
  });
  if (!changed)
    return fail(permanent('not-found', 'No such import in this workspace, or it has moved on already.'));
  await recordAudit(deps.db, {
    workspaceId: input.workspaceId,
    actor: input.actor,
    action: input.action === 'start' ? 'backfill.started' : 'backfill.canceled',
    details: { backfillId: input.id },
  });
  if (input.action === 'start') await deps.kick(input.id);
  return ok(undefined);
}
