import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  // When Xero answered a batch with an error it keeps for the batch's Idempotency-Key: resending under
  // that key would get the same error for Xero's 6 minutes, so the batch is looked up and sent anew.
  await db.schema.alterTable('xero_batches').addColumn('error_kept_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('xero_batches').dropColumn('error_kept_at').execute();
}
