import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reconcile_watermarks')
    .addColumn('connection_id', 'text', (c) => c.primaryKey())
    .addColumn('through', 'timestamptz', (c) => c.notNull())
    .addColumn('checked_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('reconcile_watermarks').execute();
}
