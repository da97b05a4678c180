import { sql, type Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
// The unusual-total check reads a connection's last 500 totals in the order's currency for every new
// order (decision 0137). Without an index in that order the database sorted all the connection's orders
// each time: 39 ms at 30,000 orders and growing with every one. Scanned backwards, this index reads 500.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists order_syncs_recent_totals on order_syncs (ordercloud_connection_id, currency, updated_at) where total is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists order_syncs_recent_totals`.execute(db);
}
