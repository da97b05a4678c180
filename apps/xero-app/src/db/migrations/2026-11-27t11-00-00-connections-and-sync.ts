import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = (c: ColumnDefinitionBuilder) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = sql`now()`;

  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', id)
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('xero_user_id', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'uuid', id)
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  // One row per Xero authorisation: the token set covers every tenant the user connected.
  await db.schema
    .createTable('xero_token_sets')
    .addColumn('id', 'uuid', id)
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('xero_user_id', 'text')
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('access_token_enc', 'text', (c) => c.notNull())
    .addColumn('refresh_token_enc', 'text', (c) => c.notNull())
    .addColumn('access_expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('refresh_expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('status_reason', 'text')
    .addColumn('refreshed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('xero_connections')
    .addColumn('id', 'uuid', id)
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('token_set_id', 'uuid', (c) =>
      c.notNull().references('xero_token_sets.id').onDelete('cascade'),
    )
    .addColumn('xero_connection_id', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('tenant_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('xero_connections_workspace_tenant', ['workspace_id', 'tenant_id'])
    .execute();

  await db.schema
    .createTable('ordercloud_connections')
    .addColumn('id', 'uuid', id)
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('api_url', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('client_secret_enc', 'text', (c) => c.notNull())
    .addColumn('hash_key_enc', 'text', (c) => c.notNull())
    .addColumn('webhook_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('mapping_versions')
    .addColumn('id', 'uuid', id)
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('config', 'jsonb', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('mapping_versions_workspace_version', ['workspace_id', 'version'])
    .execute();

  await db.schema
    .alterTable('environments')
    .addColumn('xero_connection_id', 'uuid', (c) => c.references('xero_connections.id').onDelete('set null'))
    .addColumn('ordercloud_connection_id', 'uuid', (c) =>
      c.references('ordercloud_connections.id').onDelete('set null'),
    )
    .addColumn('mapping_version_id', 'uuid', (c) => c.references('mapping_versions.id'))
    .execute();

  await db.schema
    .createTable('reference_cache')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('fetched_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('reference_cache_pk', ['tenant_id', 'kind'])
    .execute();

  // The per-tenant rate budget every worker shares; leases count calls in flight and expire on a crash.
  await db.schema
    .createTable('rate_budgets')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey())
    .addColumn('minute_started_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('minute_used', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('day_started_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('day_used', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('day_limit', 'integer', (c) => c.notNull())
    .addColumn('paused_until', 'timestamptz')
    .addColumn('pause_reason', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createTable('rate_leases')
    .addColumn('id', 'uuid', id)
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rate_leases_tenant')
    .on('rate_leases')
    .columns(['tenant_id', 'expires_at'])
    .execute();

  // One row per order per environment: what the console lists.
  await db.schema
    .createTable('order_syncs')
    .addColumn('id', 'uuid', id)
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('ordercloud_connection_id', 'uuid', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('currency', 'text')
    .addColumn('total', 'text')
    .addColumn('customer_name', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('invoice_id', 'text')
    .addColumn('invoice_number', 'text')
    .addColumn('amount_paid', 'text')
    .addColumn('message', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('order_syncs_connection_order', ['ordercloud_connection_id', 'order_id'])
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'uuid', id)
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('resolved_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'uuid', id)
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('environments')
    .dropColumn('xero_connection_id')
    .dropColumn('ordercloud_connection_id')
    .dropColumn('mapping_version_id')
    .execute();
  for (const table of [
    'audit_log',
    'alerts',
    'order_syncs',
    'rate_leases',
    'rate_budgets',
    'reference_cache',
    'mapping_versions',
    'ordercloud_connections',
    'xero_connections',
    'xero_token_sets',
    'api_keys',
    'sessions',
    'users',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
