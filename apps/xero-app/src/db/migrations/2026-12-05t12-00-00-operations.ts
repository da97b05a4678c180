import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Why an order needs attention, as a code the console filters and retries by (the message says it in words).
  await db.schema.alterTable('order_syncs').addColumn('reason', 'text').execute();
  // The console finds orders by the customer's e-mail too.
  await db.schema.alterTable('order_syncs').addColumn('customer_email', 'text').execute();
  await db.schema
    .createIndex('order_syncs_attention')
    .on('order_syncs')
    .columns(['workspace_id', 'status', 'reason'])
    .execute();
  await db.schema
    .createIndex('order_syncs_recent')
    .on('order_syncs')
    .columns(['workspace_id', 'updated_at'])
    .execute();

  // History imports: the dry run's estimate and the paced import's progress, resumable after a restart.
  await db.schema
    .createTable('backfills')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('connection_id', 'uuid', (c) => c.notNull())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('estimate', 'jsonb', (c) => c.notNull())
    .addColumn('total_orders', 'integer', (c) => c.notNull())
    .addColumn('fed_orders', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped_orders', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('backfill_orders')
    .addColumn('backfill_id', 'uuid', (c) => c.notNull().references('backfills.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('backfill_orders_pk', ['backfill_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('backfill_orders_pending')
    .on('backfill_orders')
    .columns(['backfill_id', 'status', 'seq'])
    .execute();

  // Three-way reconciliation reports (OrderCloud, Xero, Ledgerbridge) with their findings and heals.
  await db.schema
    .createTable('reconciliation_reports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('summary', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('findings', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('healed', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('reconciliation_reports_recent')
    .on('reconciliation_reports')
    .columns(['workspace_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('reconciliation_reports').execute();
  await db.schema.dropTable('backfill_orders').execute();
  await db.schema.dropTable('backfills').execute();
  await db.schema.dropIndex('order_syncs_recent').execute();
  await db.schema.dropIndex('order_syncs_attention').execute();
  await db.schema.alterTable('order_syncs').dropColumn('reason').execute();
  await db.schema.alterTable('order_syncs').dropColumn('customer_email').execute();
}
