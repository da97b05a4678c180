import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('ordercloud_connections')
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('api_client_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status_reason', 'text')
    .addColumn('verified_at', 'timestamptz')
    .execute();

  // What we last wrote to the other side per entity: an update arriving with the same fingerprint is
  // our own write coming back (echo), not a change to sync.
  await db.schema
    .createTable('echo_fingerprints')
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('echo_fingerprints_pk', [
      'workspace_id',
      'direction',
      'entity_type',
      'entity_id',
    ])
    .execute();

  // Jobs set aside while a Xero connection needs reconnecting; re-enqueued when it is reconnected.
  await db.schema
    .createTable('parked_jobs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('queue', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('parked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('parked_jobs_workspace').on('parked_jobs').column('workspace_id').execute();

  // Xero webhooks name a tenant and a resource; these find the workspace and order they belong to.
  await db.schema.createIndex('xero_connections_tenant').on('xero_connections').column('tenant_id').execute();
  await db.schema.createIndex('order_syncs_invoice').on('order_syncs').column('invoice_id').execute();
  await db.schema.createIndex('links_target').on('links').columns(['target_type', 'target_id']).execute();
  await db.schema
    .createIndex('alerts_open')
    .on('alerts')
    .columns(['workspace_id', 'subject_id'])
    .where(sql.ref('resolved_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of ['alerts_open', 'links_target', 'order_syncs_invoice', 'xero_connections_tenant']) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.dropTable('parked_jobs').execute();
  await db.schema.dropTable('echo_fingerprints').execute();
  await db.schema
    .alterTable('ordercloud_connections')
    .dropColumn('name')
    .dropColumn('api_client_ids')
    .dropColumn('status_reason')
    .dropColumn('verified_at')
    .execute();
}
