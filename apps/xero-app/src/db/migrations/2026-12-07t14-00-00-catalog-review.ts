import { sql, type Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A first-connect match of an OrderCloud catalog against a Xero organisation's items: what was read
  // on both sides, kept until the merchant applies it. While one is open, product changes wait for it.
  await db.schema
    .createTable('catalog_reviews')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('connection_id', 'uuid', (c) =>
      c.notNull().references('ordercloud_connections.id').onDelete('cascade'),
    )
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('products', 'jsonb', (c) => c.notNull())
    .addColumn('items', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('applied_by', 'text')
    .addColumn('applied_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('catalog_reviews_connection')
    .on('catalog_reviews')
    .columns(['connection_id', 'created_at'])
    .execute();

  // A product paired with an item whose code is not the product's own (matched by name, or chosen).
  await db.schema
    .createTable('catalog_item_links')
    .addColumn('connection_id', 'uuid', (c) =>
      c.notNull().references('ordercloud_connections.id').onDelete('cascade'),
    )
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalog_item_links_pk', ['connection_id', 'product_id'])
    .execute();

  // The merchant's "always" for a field in one organisation, over the built-in ownership table.
  await db.schema
    .createTable('catalog_field_owners')
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('catalog_field_owners_pk', ['workspace_id', 'tenant_id', 'field'])
    .execute();

  // A conflict the merchant settled: which side's value now stands, who chose, when.
  await db.schema
    .alterTable('catalog_conflicts')
    .addColumn('resolved_side', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('catalog_conflicts')
    .dropColumn('resolved_side')
    .dropColumn('resolved_by')
    .dropColumn('resolved_at')
    .execute();
  await db.schema.dropTable('catalog_field_owners').execute();
  await db.schema.dropTable('catalog_item_links').execute();
  await db.schema.dropTable('catalog_reviews').execute();
}
