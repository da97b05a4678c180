import { sql, type Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  // When the source was read for a catalog operation's latest plan: a job that read the product before
  // a newer plan was recorded (a slower webhook job, or a read overtaken by the app's own rename) must
  // not overwrite it with what it saw.
  await db.schema.alterTable('xero_operations').addColumn('source_read_at', 'timestamptz').execute();

  // What Xero and OrderCloud last both held for an item (name, description, price): a value that
  // differs from it on one side was edited there, on both sides is a concurrent edit.
  await db.schema
    .createTable('catalog_item_states')
    .addColumn('connection_id', 'uuid', (c) =>
      c.notNull().references('ordercloud_connections.id').onDelete('cascade'),
    )
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('fields', 'jsonb', (c) => c.notNull())
    .addColumn('agreed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('catalog_item_states_pk', ['connection_id', 'item_code'])
    .execute();

  // A value one side held that the field-ownership rule overwrote with the other side's, for the console.
  await db.schema
    .createTable('catalog_conflicts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('connection_id', 'uuid', (c) =>
      c.notNull().references('ordercloud_connections.id').onDelete('cascade'),
    )
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('ordercloud_value', 'text')
    .addColumn('xero_value', 'text')
    .addColumn('winner', 'text', (c) => c.notNull())
    .addColumn('detected_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('catalog_conflicts_workspace')
    .on('catalog_conflicts')
    .columns(['workspace_id', 'detected_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('catalog_conflicts').execute();
  await db.schema.dropTable('catalog_item_states').execute();
  await db.schema.alterTable('xero_operations').dropColumn('source_read_at').execute();
}
