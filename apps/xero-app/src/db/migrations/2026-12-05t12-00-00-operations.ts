import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Why an order needs attention, as a code the console filters and retries by (the message says it in words).
  await db.schema.alterTable('order_syncs').addColumn('reason', 'text').execute();
  await db.schema
    .createIndex('order_syncs_attention')
    .on('order_syncs')
    .columns(['workspace_id', 'status', 'reason'])
    .execute();
  await db.schema
    .createIndex('order_syncs_recent')
    .on('order_syncs')
    .columns(['workspace_id', 'updated_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('order_syncs_recent').execute();
  await db.schema.dropIndex('order_syncs_attention').execute();
  await db.schema.alterTable('order_syncs').dropColumn('reason').execute();
}
