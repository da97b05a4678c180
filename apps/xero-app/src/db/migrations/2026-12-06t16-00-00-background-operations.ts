import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A history import's operations go after live ones of the same kind: a shopper's order placed during
  // an import is not queued behind thousands of old ones.
  await db.schema
    .alterTable('xero_operations')
    .addColumn('background', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .createIndex('xero_operations_ready_live_first')
    .on('xero_operations')
    .columns(['tenant_id', 'status', 'kind', 'background', 'created_at'])
    .execute();
  await db.schema.dropIndex('xero_operations_ready').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('xero_operations_ready')
    .on('xero_operations')
    .columns(['tenant_id', 'status', 'kind', 'created_at'])
    .execute();
  await db.schema.dropIndex('xero_operations_ready_live_first').execute();
  await db.schema.alterTable('xero_operations').dropColumn('background').execute();
}
