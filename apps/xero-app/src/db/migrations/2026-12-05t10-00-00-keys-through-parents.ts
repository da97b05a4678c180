import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the app.
// Operation keys built from OrderCloud IDs now carry the parents the IDs are reached through
// (docs/decisions/0031): a payment through its order, a user's contact through its buyer. Existing
// rows are re-keyed, and the links that mirror their keys with them, so a later delivery of an old
// order finds its operations and nothing is sent twice.

const paymentKey = sql`tenant_id || ':payment:' || source_connection_id || ':' || order_id || ':' ||
  substr(op_key, length(tenant_id || ':payment:' || source_connection_id || ':') + 1)`;
const paymentOld = sql`kind = 'payment' and order_id is not null
  and left(op_key, length(tenant_id || ':payment:' || source_connection_id || ':')) = tenant_id || ':payment:' || source_connection_id || ':'`;

const contactKey = sql`tenant_id || ':contact:' || (payload->'customer'->>'companyId') || '/' || (payload->>'contactNumber')`;
const contactOld = sql`kind = 'contact'
  and op_key = tenant_id || ':contact:' || (payload->>'contactNumber')
  and payload->>'contactNumber' not like 'company:%' and payload->>'contactNumber' not like 'guest-%'
  and payload->'customer'->>'kind' <> 'guest'
  and coalesce(payload->'customer'->>'companyId', '') <> ''`;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [key, old] of [
    [paymentKey, paymentOld],
    [contactKey, contactOld],
  ] as const) {
    await sql`
      update links l set operation_key = n.new_key, operation = n.new_key
      from (select op_key as old_key, ${key} as new_key from xero_operations where ${old}) n
      where l.operation_key = n.old_key`.execute(db);
    await sql`update xero_operations set op_key = ${key} where ${old}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const paymentBack = sql`tenant_id || ':payment:' || source_connection_id || ':' ||
    substr(op_key, length(tenant_id || ':payment:' || source_connection_id || ':' || order_id || ':') + 1)`;
  const paymentNew = sql`kind = 'payment' and order_id is not null
    and left(op_key, length(tenant_id || ':payment:' || source_connection_id || ':' || order_id || ':'))
      = tenant_id || ':payment:' || source_connection_id || ':' || order_id || ':'`;
  const contactBack = sql`tenant_id || ':contact:' || (payload->>'contactNumber')`;
  const contactNew = sql`kind = 'contact'
    and op_key = tenant_id || ':contact:' || (payload->'customer'->>'companyId') || '/' || (payload->>'contactNumber')`;
  for (const [key, current] of [
    [paymentBack, paymentNew],
    [contactBack, contactNew],
  ] as const) {
    await sql`
      update links l set operation_key = n.new_key, operation = n.new_key
      from (select op_key as old_key, ${key} as new_key from xero_operations where ${current}) n
      where l.operation_key = n.old_key`.execute(db);
    await sql`update xero_operations set op_key = ${key} where ${current}`.execute(db);
  }
}
