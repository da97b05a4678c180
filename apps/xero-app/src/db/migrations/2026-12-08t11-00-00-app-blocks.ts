import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the app.
// Blocks of Xero's app-wide minute: a worker process takes a few calls of the app's minute at once under
// the app's lock and spends them without it until the block expires (docs/decisions/0115). Each call
// spent from a block is its tenant's call (rate_calls) marked with the block, so a block whose process
// died is closed by counting them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('xero_app_blocks')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('rate_calls').addColumn('app_block', 'uuid').execute();
  await db.schema
    .createIndex('rate_calls_app_block')
    .on('rate_calls')
    .column('app_block')
    .where(sql.ref('app_block'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('rate_calls_app_block').execute();
  await db.schema.alterTable('rate_calls').dropColumn('app_block').execute();
  await db.schema.dropTable('xero_app_blocks').execute();
}
