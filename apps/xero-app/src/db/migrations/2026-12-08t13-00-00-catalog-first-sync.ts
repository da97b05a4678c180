import { sql, type Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A marketplace's first product sync into its organisation: checked once whether Xero already holds
  // items the app did not make (then the match review opens by itself, decision 0126). `checking` is a
  // claim by one job; `clear` and `opened` are settled.
  await db.schema
    .createTable('catalog_first_syncs')
    .addColumn('connection_id', 'uuid', (c) =>
      c.primaryKey().references('ordercloud_connections.id').onDelete('cascade'),
    )
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('foreign_items', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('review_id', 'uuid')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('catalog_first_syncs').execute();
}
