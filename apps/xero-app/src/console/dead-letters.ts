import { fail, ok, permanent, type Result } from '@ledgerbridge/canonical';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import type { DeadLetter, JobQueue } from '../queue/job-queue.ts';
import { queueNames } from '../queue/queue-names.ts';
import type { DeadLetterView } from './console-views-model.ts';
import { recordAudit } from '../timeline/audit-log-repo.ts';

type Data = Record<string, unknown>;
const asData = (value: unknown): Data => (value && typeof value === 'object' ? (value as Data) : {});
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

function errorMessage(error: unknown): string {
  if (typeof error === 'string') return error;
  const e = asData(error);
  return (
    text(e.message) ??
    text(asData(e.value).message) ??
    JSON.stringify(error ?? 'no error recorded').slice(0, 300)
  );
}

function summary(queue: string, data: Data): string {
  const subject =
    text(data.orderId) ??
    text(data.customerId) ??
    text(data.productId) ??
    text(data.companyId) ??
    text(data.specId) ??
    text(data.username) ??
    text(data.resourceId) ??
    '';
  const type = text(data.type) ?? text(data.category) ?? queue;
  return subject ? `${type} · ${subject}` : type;
}

/**
 * Dead letters of the sync and Xero-event queues, each shown only to the workspace it belongs to
 * (its OrderCloud connection or its workspace id), and replayed by re-enqueueing its data and
 * deleting the dead letter in one transaction.
 */
export function createDeadLetterConsole(deps: {
  db: Kysely<DatabaseSchema>;
  queue: Pick<JobQueue, 'deadLetters' | 'enqueue' | 'deleteDeadLetter'>;
}) {
  const queues = [queueNames.sync, queueNames.xeroEvents] as const;

  async function ownedBy(workspaceId: string): Promise<DeadLetter[]> {
    const connections = await deps.db
      .selectFrom('ordercloud_connections')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .execute();
    const ocIds = new Set(connections.map((c) => c.id));
    const all = (await Promise.all(queues.map((q) => deps.queue.deadLetters(q, 500)))).flat();
    return all.filter((letter) => {
      const data = asData(letter.data);
      if (letter.queue === queueNames.xeroEvents) return data.workspaceId === workspaceId;
      return typeof data.connectionId === 'string' && ocIds.has(data.connectionId);
    });
  }

  /** Re-enqueues the letters' data (when replayed) and deletes them, audited, in one transaction. */
  function settle(
    input: { workspaceId: string; actor: string },
    letters: readonly DeadLetter[],
    how: { replay: boolean; action: string; details: object },
  ): Promise<void> {
    return deps.db.transaction().execute(async (trx) => {
      for (const letter of letters) {
        if (how.replay) await deps.queue.enqueue({ queue: letter.queue, data: asData(letter.data), trx });
        await deps.queue.deleteDeadLetter(letter.queue, letter.id, trx);
      }
      await recordAudit(trx, {
        workspaceId: input.workspaceId,
        actor: input.actor,
        action: how.action,
        details: how.details,
      });
    });
  }

  return {
    async list(workspaceId: string): Promise<DeadLetterView[]> {
      const letters = await ownedBy(workspaceId);
      return letters
        .map((l) => ({
          id: l.id,
          queue: l.queue,
          summary: summary(l.queue, asData(l.data)),
          error: errorMessage(l.error),
          retries: l.retries,
          createdOn: l.createdOn,
        }))
        .sort((a, b) => b.createdOn.getTime() - a.createdOn.getTime());
    },

    /** Replays every dead letter of the workspace (or those named), each as `replay` does. */
    async replayAll(input: {
      workspaceId: string;
      actor: string;
      ids?: readonly string[];
    }): Promise<Result<{ replayed: number }>> {
      const letters = (await ownedBy(input.workspaceId)).filter(
        (l) => !input.ids || input.ids.includes(l.id),
      );
      if (letters.length === 0) return fail(permanent('not-found', 'No dead letters to replay.'));
      await settle(input, letters, {
        replay: true,
        action: 'dead-letter.replayed',
        details: {
          count: letters.length,
          summaries: letters.map((l) => summary(l.queue, asData(l.data))),
        },
      });
      return ok({ replayed: letters.length });
    },

    /** Sets a dead letter aside for good, with the merchant's reason kept in the audit log. */
    async skip(input: {
      workspaceId: string;
      id: string;
      actor: string;
      reason: string;
    }): Promise<Result<void>> {
      const reason = input.reason.trim().slice(0, 500);
      if (!reason)
        return fail(permanent('invalid', 'Say why it is skipped: the reason stays in the audit log.'));
      const letter = (await ownedBy(input.workspaceId)).find((l) => l.id === input.id);
      if (!letter) return fail(permanent('not-found', 'No such dead letter in this workspace.'));
      await settle(input, [letter], {
        replay: false,
        action: 'dead-letter.skipped',
        details: {
          queue: letter.queue,
          summary: summary(letter.queue, asData(letter.data)),
          error: errorMessage(letter.error),
          reason,
          data: letter.data,
        },
      });
      return ok(undefined);
    },

    async replay(input: { workspaceId: string; id: string; actor: string }): Promise<Result<void>> {
      const letter = (await ownedBy(input.workspaceId)).find((l) => l.id === input.id);
      if (!letter) return fail(permanent('not-found', 'No such dead letter in this workspace.'));
      await settle(input, [letter], {
        replay: true,
        action: 'dead-letter.replayed',
        details: { queue: letter.queue, summary: summary(letter.queue, asData(letter.data)) },
      });
      return ok(undefined);
    },
  };
}

export type DeadLetterConsole = ReturnType<typeof createDeadLetterConsole>;
