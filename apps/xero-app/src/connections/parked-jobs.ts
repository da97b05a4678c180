import type { Kysely, Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { isUuid } from './uuid.ts';

// A job whose Xero connection needs reconnecting is set aside here instead of burning its retries
// into a dead letter; reconnecting the workspace puts every parked job back on its queue.

export async function parkJob(
  db: Kysely<DatabaseSchema>,
  input: { workspaceId: string; queue: string; data: unknown; reason: string },
): Promise<void> {
  await db
    .insertInto('parked_jobs')
    .values({
      workspace_id: input.workspaceId,
      queue: input.queue,
      data: JSON.stringify(input.data),
      reason: input.reason,
    })
    .execute();
}

/** Inside the reconnect transaction, so a rollback leaves the jobs parked. */
export async function resumeParkedJobs(
  trx: Transaction<DatabaseSchema>,
  input: { workspaceId: string; queue: Pick<JobQueue, 'enqueue'> },
): Promise<number> {
  const parked = await trx
    .deleteFrom('parked_jobs')
    .where('workspace_id', '=', input.workspaceId)
    .returning(['queue', 'data'])
    .execute();
  for (const job of parked) {
    await input.queue.enqueue({ queue: job.queue, data: job.data as object, trx });
  }
  return parked.length;
}

export async function countParkedJobs(db: Kysely<DatabaseSchema>, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('parked_jobs')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function workspaceOfOrderCloudConnection(
  db: Kysely<DatabaseSchema>,
  connectionId: string,
): Promise<string | undefined> {
  if (!isUuid(connectionId)) return undefined;
  const row = await db
    .selectFrom('ordercloud_connections')
    .select('workspace_id')
    .where('id', '=', connectionId)
    .executeTakeFirst();
  return row?.workspace_id;
}

/**
 * For queue handlers: a needs-reconnect failure parks the job (the handler then returns normally, so
 * the queue neither retries nor dead-letters it). Returns whether it parked.
 */
export async function parkIfNeedsReconnect(
  db: Kysely<DatabaseSchema>,
  input: { error: unknown; workspaceId: string | undefined; queue: string; data: unknown },
): Promise<boolean> {
  const failure = input.error as { error?: { kind?: string; message?: string } } | null;
  if (failure?.error?.kind !== 'needs-reconnect' || !input.workspaceId) return false;
  await parkJob(db, {
    workspaceId: input.workspaceId,
    queue: input.queue,
    data: input.data,
    reason: failure.error.message ?? 'The Xero connection needs reconnecting.',
  });
  return true;
}
