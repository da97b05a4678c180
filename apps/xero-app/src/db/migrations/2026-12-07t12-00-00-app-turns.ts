import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
// The line of tenants waiting for Xero's app-wide minute, shared by every worker process: a tenant's
// place (its ticket, taken when it first found the minute full) and the moment its turn is expected
// (docs/decisions/0105).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('xero_app_turns')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey())
    .addColumn('ticket', 'bigserial', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('xero_app_turns_ticket').on('xero_app_turns').column('ticket').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('xero_app_turns').execute();
}
