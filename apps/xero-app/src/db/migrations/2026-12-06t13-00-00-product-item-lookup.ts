import { sql, type Kysely } from 'kysely';

// Frozen in time: imports nothing from the app.
// The XM Cloud panel asks for a product's item operations by product ID (decision 0088): an index over
// the catalog's operations only, so a panel view never scans every order's operations.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index xero_operations_item_product on xero_operations (workspace_id, (payload->>'productId')) where kind = 'item-upsert'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists xero_operations_item_product`.execute(db);
}
