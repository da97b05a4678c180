import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Frozen in time: imports nothing from the app.
// Routing rules: one marketplace, several Xero organisations. Ordered per environment; the first
// rule that matches an order sends it to its Xero connection with its mapping version.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('routing_rules')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('environment_id', 'uuid', (c) => c.notNull().references('environments.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('match_kind', 'text', (c) => c.notNull())
    .addColumn('match_value', 'text', (c) => c.notNull())
    .addColumn('xero_connection_id', 'uuid', (c) =>
      c.notNull().references('xero_connections.id').onDelete('cascade'),
    )
    .addColumn('mapping_version_id', 'uuid', (c) => c.references('mapping_versions.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('routing_rules_environment_position')
    .on('routing_rules')
    .columns(['environment_id', 'position'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('routing_rules').execute();
}
