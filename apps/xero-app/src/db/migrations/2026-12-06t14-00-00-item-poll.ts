import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Where the Xero Items poll of each OrderCloud connection stands: the If-Modified-Since it sends next
  // and when it last read every item (a full read now and then catches stock that moved without the
  // item's UpdatedDateUTC changing).
  await db.schema
    .createTable('item_poll_watermarks')
    .addColumn('connection_id', 'uuid', (c) =>
      c.primaryKey().references('ordercloud_connections.id').onDelete('cascade'),
    )
    .addColumn('modified_since', 'timestamptz')
    .addColumn('full_read_at', 'timestamptz')
    .addColumn('polled_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('item_poll_watermarks').execute();
}
