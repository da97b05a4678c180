import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
// Xero's app-wide minute (10,000 calls across every connected org), counted in short buckets that every
// worker shares through the database (docs/decisions/0033).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('xero_app_calls')
    .addColumn('bucket', 'timestamptz', (c) => c.primaryKey())
    .addColumn('calls', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('xero_app_calls').execute();
}
