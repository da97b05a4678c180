import type { Kysely, Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';

/**
 * One line of the workspace's audit log: who did what, with what it concerned. Called in the transaction
 * of the change it records, where there is one.
 */
export async function recordAudit(
  db: Kysely<DatabaseSchema> | Transaction<DatabaseSchema>,
  entry: { workspaceId: string; actor: string; action: string; details: object },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      workspace_id: entry.workspaceId,
      actor: entry.actor,
      action: entry.action,
      details: JSON.stringify(entry.details),
    })
    .execute();
}
