import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createHarness, type Harness, installWorkspace } from '../console/testing/connected-app-harness.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createJobQueue, type JobQueue } from '../queue/job-queue.ts';
import { createTestDatabase, type TestDatabase, testBackends } from '../testing/test-databases.ts';

type Installed = Awaited<ReturnType<typeof installWorkspace>>;
type Listed = { orderId: string; problem: string | null; retryable: boolean };

// A step a console retry or the automatic re-check retired (its key suffixed, still `failed`) was planned
// afresh: the storefront admin must neither show its old refusal nor send it again on its own retry.
describe.each(testBackends)('extension API: retired steps of an order on %s', (backend) => {
  let database: TestDatabase;
  let queue: JobQueue;
  let harness: Harness;
  let a: Installed;

  const api = (path: string, method = 'GET') =>
    harness.app.request(path, { method, headers: { authorization: `Bearer ${a.apiKey.key}` } });

  beforeAll(async () => {
    database = await createTestDatabase(backend, inject('postgresUrl'));
    const db = database.handle.db;
    await migrateToLatest(db);
    queue = createJobQueue(database.handle.queueConnection, { pollingIntervalSeconds: 0.5 });
    await queue.start();
    harness = createHarness({ db, queue });
    a = await installWorkspace(harness, db, queue, 'Alpha');
    // The harness's order is invoiced; its first invoice attempt was refused and then retired by a retry.
    await db
      .insertInto('xero_operations')
      .values({
        workspace_id: a.workspaceId,
        tenant_id: a.tenantId,
        source_connection_id: a.ordercloudConnectionId,
        order_id: a.orderId,
        kind: 'invoice',
        op_key: `${a.tenantId}:invoice:${a.ordercloudConnectionId}:${a.orderId}:retired:1`,
        payload: '{}',
        status: 'failed',
        error: 'The document date cannot be before the period lock date (retired for a retry)',
      })
      .execute();
  }, 60_000);

  afterAll(async () => {
    await queue?.stop();
    await database?.drop();
  });

  it('lists the invoiced order without a problem and counts no failure', async () => {
    const { orders } = (await (await api('/api/v1/orders')).json()) as { orders: Listed[] };
    expect(orders.find((o) => o.orderId === a.orderId)).toMatchObject({ problem: null, retryable: false });
    const health = (await (await api('/api/v1/health')).json()) as { failures: number };
    expect(health.failures).toBe(0);
  });

  it('has nothing to retry, and leaves the retired step alone', async () => {
    expect((await api(`/api/v1/orders/${a.orderId}/retry`, 'POST')).status).toBe(409);
    const retired = await database.handle.db
      .selectFrom('xero_operations')
      .select('status')
      .where('order_id', '=', a.orderId)
      .where('op_key', 'like', '%:retired:%')
      .executeTakeFirstOrThrow();
    expect(retired.status).toBe('failed');
  });
});
