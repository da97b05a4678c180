import { sql, type Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A Sitecore site (a JSS / XM Cloud head) that sends orders and customers to the app.
  await db.schema
    .createTable('sitecore_sites')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('environment_id', 'uuid', (c) => c.notNull().references('environments.id').onDelete('cascade'))
    .addColumn('api_key_id', 'uuid', (c) => c.references('api_keys.id').onDelete('set null'))
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signing_secret_enc', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The latest canonical document the site sent for each order, payment and customer: the commerce
  // source the sync reads for these sites (they have no API of their own to read back from).
  await db.schema
    .createTable('sitecore_documents')
    .addColumn('site_id', 'uuid', (c) => c.notNull().references('sitecore_sites.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('sitecore_documents_pk', ['site_id', 'kind', 'document_id'])
    .execute();
  await db.schema
    .createIndex('sitecore_documents_parent')
    .on('sitecore_documents')
    .columns(['site_id', 'kind', 'parent_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sitecore_documents').execute();
  await db.schema.dropTable('sitecore_sites').execute();
}
