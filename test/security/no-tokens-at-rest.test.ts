import { createTestDatabase, type TestDatabase, testBackends } from '@ledgerbridge/xero-app/testing';
import { createHmac } from 'node:crypto';
import { SEEDED_TENANT_IDS, startXeroSandbox, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { placeOrders, type Stack, startStack, TEST_WEBHOOK_HASH_KEY, waitUntil } from '../support/stack.ts';

// After real deliveries (the OrderCloud sandbox sends the shopper's JWT as UserToken, as OrderCloud
// does) and one hand-made delivery carrying a known token in every place OrderCloud can put one, no
// row of any table — the app's, the queue's — holds a JWT.
const JWT_IN_TEXT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/;
const knownToken =
  'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzaG9wcGVyLWxlYWsiLCJzY3AiOlsiRnVsbEFjY2VzcyJdfQ.bGVhay1zaWduYXR1cmU';

describe.each(testBackends)('no token at rest after deliveries on %s', (backend) => {
  let xero: XeroSandbox;
  let database: TestDatabase | undefined;
  let stack: Stack;

  beforeAll(async () => {
    xero = await startXeroSandbox();
    database =
      backend === 'postgres' ? await createTestDatabase('postgres', inject('postgresUrl')) : undefined;
    stack = await startStack({
      xero,
      tenantId: SEEDED_TENANT_IDS.au,
      ...(database?.url ? { databaseUrl: database.url } : {}),
      worker: { fillWaitMs: 0 },
      catalog: { seed: 3, profile: 'au' },
    });
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await database?.drop();
    await xero?.close();
  });

  it('stores deliveries without UserToken, headers or any JWT in any table', async () => {
    const placed = await placeOrders(stack, { seed: 3, count: 3, profile: 'au' });
    const db = stack.infra.database.db;
    const body = JSON.stringify({
      Route: 'v1/orders/{direction}/{orderID}/submit',
      RouteParams: { direction: 'Incoming', orderID: 'leak-probe' },
      QueryParams: {},
      Verb: 'POST',
      Date: new Date().toISOString(),
      LogID: 'leak-probe-1',
      UserToken: knownToken,
      ConfigData: { token: knownToken },
      Request: { Body: { Comments: knownToken }, Headers: `Authorization: Bearer ${knownToken}` },
      Response: {
        Body: { ID: 'leak-probe', xp: { note: knownToken } },
        Headers: { authorization: knownToken },
      },
    });
    const answer = await fetch(`${stack.server.url}/webhooks/ordercloud/${stack.connectionId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-oc-hash': createHmac('sha256', TEST_WEBHOOK_HASH_KEY).update(body).digest('base64'),
      },
      body,
    });
    expect(answer.status).toBe(202);
    await waitUntil(
      async () => {
        const rows = await db.selectFrom('order_syncs').select('order_id').execute();
        return rows.length >= placed.length;
      },
      { timeoutMs: 90_000, what: 'the orders to be synced' },
    );
    const stored = await db
      .selectFrom('inbound_events')
      .select(['delivery_id', 'payload'])
      .where('source', '=', 'ordercloud')
      .execute();
    expect(stored.length).toBeGreaterThan(placed.length);

    const tables = await sql<{ schema: string; name: string }>`
      select table_schema as schema, table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`.execute(
      db,
    );
    expect(tables.rows.map((t) => t.name)).toEqual(
      expect.arrayContaining(['inbound_events', 'timeline', 'job']),
    );
    const leaks: string[] = [];
    let scanned = 0;
    for (const table of tables.rows) {
      const rows = await sql<{ row: string }>`select t::text as row from ${sql.table(
        `${table.schema}.${table.name}`,
      )} t`.execute(db);
      for (const { row } of rows.rows) {
        scanned += 1;
        if (JWT_IN_TEXT.test(row) || row.includes('leak-signature'))
          leaks.push(`${table.schema}.${table.name}: ${row.slice(0, 160)}`);
      }
    }
    expect(scanned).toBeGreaterThan(20);
    expect(leaks).toEqual([]);
  });
});
