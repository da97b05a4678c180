import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createHarness, type Harness, installWorkspace } from '../console/testing/connected-app-harness.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createJobQueue, type JobQueue } from '../queue/job-queue.ts';
import { createTestDatabase, type TestDatabase, testBackends } from '../testing/test-databases.ts';

type Installed = Awaited<ReturnType<typeof installWorkspace>>;

// The XM Cloud panel's product status, through the extension API: read from the catalog sync's
// item-upsert operations and the batches that carried them, scoped to the key's workspace.
describe.each(testBackends)('extension API: a product’s Xero item on %s', (backend) => {
  let database: TestDatabase;
  let queue: JobQueue;
  let harness: Harness;
  let a: Installed;
  let b: Installed;

  const api = (as: Installed, path: string) =>
    harness.app.request(path, { headers: { authorization: `Bearer ${as.apiKey.key}` } });

  const item = async (
    as: Installed,
    input: { productId: string; code: string; price: string; status: 'done' | 'ready' | 'failed' },
    answered?: { price: string },
    error?: string,
  ) => {
    const db = database.handle.db;
    const op = await db
      .insertInto('xero_operations')
      .values({
        workspace_id: as.workspaceId,
        tenant_id: as.tenantId,
        source_connection_id: as.ordercloudConnectionId,
        order_id: null,
        kind: 'item-upsert',
        op_key: `item-upsert:${as.tenantId}:${input.code}`,
        payload: JSON.stringify({
          productId: input.productId,
          sku: input.code,
          code: input.code,
          name: `Product ${input.productId}`,
          salesUnitPrice: input.price,
        }),
        status: input.status,
        target_id: answered ? `item-${input.code}` : null,
        result: answered
          ? JSON.stringify({ id: `item-${input.code}`, code: input.code, salesUnitPrice: answered.price })
          : null,
        error: error ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (answered)
      await db
        .insertInto('xero_batches')
        .values({
          tenant_id: as.tenantId,
          kind: 'item-upsert',
          idempotency_key: `batch-${op.id}`,
          operation_ids: JSON.stringify([op.id]),
          request: JSON.stringify([{ code: input.code, salesUnitPrice: answered.price }]),
          status: 'done',
          finished_at: new Date('2026-12-06T09:30:00Z'),
        })
        .execute();
  };

  beforeAll(async () => {
    database = await createTestDatabase(backend, inject('postgresUrl'));
    const db = database.handle.db;
    await migrateToLatest(db);
    queue = createJobQueue(database.handle.queueConnection, { pollingIntervalSeconds: 0.5 });
    await queue.start();
    harness = createHarness({ db, queue });
    a = await installWorkspace(harness, db, queue, 'Alpha');
    b = await installWorkspace(harness, db, queue, 'Bravo');
    await item(a, { productId: 'mug', code: 'MUG-1', price: '26.00', status: 'ready' }, { price: '24.5' });
    await item(a, { productId: 'lamp', code: 'LAMP-1', price: '80.00', status: 'done' }, { price: '80' });
    await item(
      a,
      { productId: 'vase', code: 'VASE-1', price: '12.00', status: 'failed' },
      undefined,
      'Account code 999 is not a valid code.',
    );
    await item(b, { productId: 'secret', code: 'SECRET-1', price: '1.00', status: 'done' }, { price: '1' });
  }, 60_000);

  afterAll(async () => {
    await queue?.stop();
    await database?.drop();
  });

  it("answers a product's item per organisation: code, both prices, last sync and the pending change", async () => {
    const mug = await api(a, '/api/v1/products/mug');
    expect(mug.status).toBe(200);
    expect(mug.headers.get('cache-control')).toBe('no-store');
    expect(await mug.json()).toEqual({
      productId: 'mug',
      items: [
        {
          organisation: 'Alpha Org',
          state: 'pending',
          itemCode: 'MUG-1',
          itemId: 'item-MUG-1',
          sku: 'MUG-1',
          orderCloudPrice: '26.00',
          xeroPrice: '24.5',
          pricesMatch: false,
          lastSyncAt: '2026-12-06T09:30:00.000Z',
          problem: 'A change is waiting to be sent to Xero (items travel in batches of up to 50).',
        },
      ],
    });
    const lamp = (await (await api(a, '/api/v1/products/lamp')).json()) as {
      items: Array<{ state: string; pricesMatch: boolean; problem: string | null }>;
    };
    expect(lamp.items).toMatchObject([{ state: 'synced', pricesMatch: true, problem: null }]);
  });

  it("tells a refused item's reason in plain words", async () => {
    const vase = (await (await api(a, '/api/v1/products/vase')).json()) as {
      items: Array<{ state: string; xeroPrice: string | null; problem: string }>;
    };
    expect(vase.items[0]).toMatchObject({ state: 'failed', xeroPrice: null });
    expect(vase.items[0]?.problem).toMatch(/^Xero refused the item: Account code 999 is not a valid code\. /);
  });

  it("sees only its own workspace's products, and says when a product was never seen", async () => {
    expect((await api(a, '/api/v1/products/secret')).status).toBe(404);
    expect((await api(b, '/api/v1/products/secret')).status).toBe(200);
    const unknown = await api(a, '/api/v1/products/never-synced');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { message: string }).message).toMatch(/has not seen this product/);
    const anonymous = await harness.app.request('/api/v1/products/mug');
    expect(anonymous.status).toBe(401);
  });
});
