import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../database.ts';
import { migrations } from './index.ts';

// Operation rows written before decision 0031 keep working: re-keyed through their parents, links too.
describe('migration 2026-12-05: keys through parents', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openDatabase({ dataDir: 'memory://' });
  });
  afterAll(async () => handle?.close());

  it('re-keys payments through their order and users’ contacts through their buyer, and their links', async () => {
    const db = handle.db;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const before = await migrator.migrateTo('2026-11-27T13-00-00-reconcile');
    expect(before.error).toBeUndefined();
    const ws = await sql<{ id: string }>`insert into workspaces (name) values ('w') returning id`.execute(db);
    const workspaceId = ws.rows[0]?.id;
    const row = (kind: string, orderId: string | null, key: string, payload: unknown) => sql`
      insert into xero_operations (workspace_id, tenant_id, source_connection_id, order_id, kind, op_key, payload, status)
      values (${workspaceId}, 't', 'c', ${orderId}, ${kind}, ${key}, ${JSON.stringify(payload)}, 'done')`;
    await row('payment', 'O1', 't:payment:c:P1:P1-capture-1', { amount: '1.00' }).execute(db);
    await row('payment', 'O1', 't:refund:c:R1', { amount: '1.00', refund: true }).execute(db);
    await row('invoice', 'O1', 't:invoice:c:O1', {}).execute(db);
    const customer = (id: string, companyId?: string, kind = 'person') => ({
      id,
      kind,
      ...(companyId ? { companyId } : {}),
    });
    await row('contact', 'O1', 't:contact:u1', {
      contactNumber: 'u1',
      customer: customer('u1', 'b1'),
    }).execute(db);
    await row('contact', 'O1', 't:contact:company:b1', {
      contactNumber: 'company:b1',
      customer: customer('u2', 'b1'),
    }).execute(db);
    await row('contact', 'O2', 't:contact:guest-O2', {
      contactNumber: 'guest-O2',
      customer: customer('guest-O2', undefined, 'guest'),
    }).execute(db);
    await sql`insert into links (workspace_id, source_type, source_id, operation, operation_key, target_type, status, details)
      values (${workspaceId}, 'order', 'O1', 't:payment:c:P1:P1-capture-1', 't:payment:c:P1:P1-capture-1', 'payment', 'done', '{}')`.execute(
      db,
    );

    const after = await migrator.migrateToLatest();
    expect(after.error).toBeUndefined();
    const keys = await sql<{ op_key: string }>`select op_key from xero_operations order by op_key`.execute(
      db,
    );
    expect(keys.rows.map((r) => r.op_key)).toEqual([
      't:contact:b1/u1',
      't:contact:company:b1',
      't:contact:guest-O2',
      't:invoice:c:O1',
      't:payment:c:O1:P1:P1-capture-1',
      't:refund:c:R1',
    ]);
    const links = await sql<{ operation_key: string }>`select operation_key from links`.execute(db);
    expect(links.rows.map((r) => r.operation_key)).toEqual(['t:payment:c:O1:P1:P1-capture-1']);

    const down = await migrator.migrateDown();
    expect(down.error).toBeUndefined();
    const restored = await sql<{
      op_key: string;
    }>`select op_key from xero_operations order by op_key`.execute(db);
    expect(restored.rows.map((r) => r.op_key)).toContain('t:payment:c:P1:P1-capture-1');
    expect(restored.rows.map((r) => r.op_key)).toContain('t:contact:u1');
  });
});
