import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Where a workspace's alerts go, which events alert, and what the last check saw (open conditions).
  await db.schema
    .createTable('alert_settings')
    .addColumn('workspace_id', 'uuid', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('webhook_url', 'text')
    .addColumn('webhook_secret_enc', 'text')
    .addColumn('key_id', 'text')
    .addColumn('email_to', 'text')
    .addColumn('events', 'jsonb', (c) => c.notNull())
    .addColumn('quiet_minutes', 'integer', (c) => c.notNull())
    .addColumn('attention_threshold', 'integer', (c) => c.notNull())
    .addColumn('open_keys', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('checked_at', 'timestamptz')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Every alert sent (and how many like it the quiet period held back), with what each destination said.
  await db.schema
    .createTable('alert_log')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dedup_key', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('suppressed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deliveries', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('alert_log_recent')
    .on('alert_log')
    .columns(['workspace_id', 'dedup_key', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('alert_log').execute();
  await db.schema.dropTable('alert_settings').execute();
}
