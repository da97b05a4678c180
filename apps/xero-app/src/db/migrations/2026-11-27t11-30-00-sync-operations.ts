import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = (c: ColumnDefinitionBuilder) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = sql`now()`;

  // The outbox of Xero writes: one row per document operation, batched per tenant by the flusher.
  await db.schema
    .createTable('xero_operations')
    .addColumn('id', 'uuid', id)
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('source_connection_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('op_key', 'text', (c) => c.notNull().unique())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('depends_on', 'uuid', (c) => c.references('xero_operations.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'uuid')
    .addColumn('target_id', 'text')
    .addColumn('target_number', 'text')
    .addColumn('result', 'jsonb')
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex('xero_operations_ready')
    .on('xero_operations')
    .columns(['tenant_id', 'status', 'kind', 'created_at'])
    .execute();
  await db.schema
    .createIndex('xero_operations_order')
    .on('xero_operations')
    .columns(['source_connection_id', 'order_id'])
    .execute();
  await db.schema.createIndex('xero_operations_depends').on('xero_operations').column('depends_on').execute();

  await db.schema
    .createTable('xero_batches')
    .addColumn('id', 'uuid', id)
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('operation_ids', 'jsonb', (c) => c.notNull())
    .addColumn('request', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('xero_batches_status')
    .on('xero_batches')
    .columns(['tenant_id', 'status'])
    .execute();

  // A local index of the org's contacts, kept fresh with If-Modified-Since, so matching costs no calls.
  await db.schema
    .createTable('xero_contact_index')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('contact_number', 'text')
    .addColumn('email_key', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('archived', 'boolean', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz')
    .addPrimaryKeyConstraint('xero_contact_index_pk', ['tenant_id', 'contact_id'])
    .execute();
  await db.schema
    .createIndex('xero_contact_index_number')
    .on('xero_contact_index')
    .columns(['tenant_id', 'contact_number'])
    .execute();
  await db.schema
    .createIndex('xero_contact_index_email')
    .on('xero_contact_index')
    .columns(['tenant_id', 'email_key'])
    .execute();
  await db.schema
    .createIndex('xero_contact_index_name')
    .on('xero_contact_index')
    .columns(['tenant_id', 'name_key'])
    .execute();
  await db.schema
    .createTable('xero_contact_sync')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey())
    .addColumn('modified_through', 'timestamptz')
    .addColumn('refreshed_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // Calls made per tenant: a sliding window over them keeps every fixed window Xero uses within limits.
  await db.schema
    .createTable('rate_calls')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_calls_tenant_at').on('rate_calls').columns(['tenant_id', 'at']).execute();
  await db.schema.alterTable('rate_budgets').addColumn('day_remaining_reported', 'integer').execute();
  await db.schema.alterTable('rate_budgets').addColumn('reported_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('rate_budgets')
    .dropColumn('day_remaining_reported')
    .dropColumn('reported_at')
    .execute();
  for (const table of [
    'rate_calls',
    'xero_contact_sync',
    'xero_contact_index',
    'xero_batches',
    'xero_operations',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
