import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateToLatest } from '../db/migrate.ts';
import { createJobQueue, type JobQueue } from '../queue/job-queue.ts';
import { queueNames } from '../queue/queue-names.ts';
import { createOrderStatusTokens } from '../storefront/order-status-token.ts';
import { createTestDatabase, type TestDatabase, testBackends } from '../testing/test-databases.ts';
import {
  createHarness,
  type Harness,
  harnessConfig,
  installWorkspace,
} from './testing/connected-app-harness.ts';

type Installed = Awaited<ReturnType<typeof installWorkspace>>;

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(testBackends)('console isolation and CSRF on %s', (backend) => {
  let database: TestDatabase;
  let queue: JobQueue;
  let harness: Harness;
  let a: Installed;
  let b: Installed;
  /** The workspace's dead letter now (a replayed one fails again and comes back with a new id). */
  const deadLetterOf = (w: Installed) =>
    waitFor(async () => {
      const letters = await queue.deadLetters(queueNames.sync);
      return letters.find(
        (l) => (l.data as { connectionId: string }).connectionId === w.ordercloudConnectionId,
      )?.id;
    });

  beforeAll(async () => {
    database = await createTestDatabase(backend, inject('postgresUrl'));
    const db = database.handle.db;
    await migrateToLatest(db as never);
    queue = createJobQueue(database.handle.queueConnection, { pollingIntervalSeconds: 0.5 });
    await queue.start();
    await queue.define(queueNames.sync, { retryLimit: 0, retryDelaySeconds: 1, retryDelayMaxSeconds: 1 });
    await queue.define(queueNames.xeroEvents);
    harness = createHarness({ db, queue });
    a = await installWorkspace(harness, db, queue, 'Alpha');
    b = await installWorkspace(harness, db, queue, 'Bravo');
    await queue.work(queueNames.sync, async () => {
      throw new Error('Xero refused: Account code 999 is not valid');
    });
    for (const w of [a, b]) {
      await queue.enqueue({
        queue: queueNames.sync,
        data: {
          type: 'order.submitted',
          connectionId: w.ordercloudConnectionId,
          orderId: w.orderId,
          eventId: `e-${w.orderId}`,
        },
      });
    }
    await deadLetterOf(a);
    await deadLetterOf(b);
  });
  afterAll(async () => {
    await queue?.stop(2_000);
    await database?.drop();
  });

  const request = (
    as: Installed | null,
    method: string,
    path: string,
    form?: Record<string, string>,
    headers: Record<string, string> = {},
  ) =>
    harness.app.request(path, {
      method,
      headers: {
        accept: 'text/html',
        ...(as ? { cookie: as.cookie } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...headers,
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });

  it("shows a workspace its own data and none of another's", async () => {
    await database.handle.db
      .insertInto('rate_calls')
      .values([1, 2, 3].map(() => ({ tenant_id: a.tenantId, at: new Date() })))
      .execute();
    expect(await (await request(a, 'GET', '/console/organisations')).text()).toContain('4997 / 5000');
    const pages = [
      '/console',
      '/console/organisations',
      '/console/ordercloud',
      '/console/environments',
      '/console/orders',
      '/console/dead-letters',
      '/console/api-keys',
      '/console/mapping/prod',
      '/console/mapping/prod/versions',
    ];
    for (const path of pages) {
      const response = await request(a, 'GET', path);
      expect(response.status, path).toBe(200);
      const body = await response.text();
      expect(body, path).not.toContain('Bravo');
      expect(body, path).not.toContain(b.orderId);
      expect(body, path).not.toContain(b.tenantId);
    }
    expect(await (await request(a, 'GET', '/console/orders')).text()).toContain(a.orderId);
    await deadLetterOf(a);
    expect(await (await request(a, 'GET', '/console/dead-letters')).text()).toContain(a.orderId);
    const mapping = await (await request(a, 'GET', '/console/mapping/prod')).text();
    expect(mapping).toContain('Alpha guest');
    expect(mapping).not.toContain('Bravo');
  });

  it("refuses every read and write aimed at another workspace's records (404)", async () => {
    const csrf = { _csrf: a.csrf };
    const deadB = await deadLetterOf(b);
    const attempts: [string, string, Record<string, string> | undefined][] = [
      ['GET', `/console/orders/${b.orderSyncId}`, undefined],
      ['POST', `/console/organisations/${b.xeroConnectionId}/disconnect`, csrf],
      ['POST', `/console/ordercloud/${b.ordercloudConnectionId}/repair`, csrf],
      ['POST', '/console/environments/dev', { ...csrf, xeroConnectionId: b.xeroConnectionId }],
      ['POST', '/console/environments/dev', { ...csrf, ordercloudConnectionId: b.ordercloudConnectionId }],
      ['POST', `/console/dead-letters/${deadB}/replay`, csrf],
      ['POST', `/console/api-keys/${b.apiKey.id}/revoke`, csrf],
      ['GET', `/console/mapping/prod/versions/${b.mappingVersionId}/export`, undefined],
      ['POST', '/console/mapping/dev/restore', { ...csrf, versionId: b.mappingVersionId }],
    ];
    for (const [method, path, form] of attempts) {
      const response = await request(a, method, path, form);
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    const db = database.handle.db;
    expect(
      (
        await db
          .selectFrom('xero_connections')
          .select('status')
          .where('id', '=', b.xeroConnectionId)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('active');
    expect(harness.xero.calls.deleteConnection).toEqual([]);
    expect(
      (
        await db
          .selectFrom('api_keys')
          .select('revoked_at')
          .where('id', '=', b.apiKey.id)
          .executeTakeFirstOrThrow()
      ).revoked_at,
    ).toBeNull();
    const devA = await db
      .selectFrom('environments')
      .selectAll()
      .where('workspace_id', '=', a.workspaceId)
      .where('name', '=', 'dev')
      .executeTakeFirstOrThrow();
    expect(devA.xero_connection_id).toBeNull();
    expect(devA.ordercloud_connection_id).toBeNull();
    expect((await queue.deadLetters(queueNames.sync)).map((l) => l.id)).toContain(deadB);
  });

  it("refuses another workspace's orders through the extension API and the storefront endpoint", async () => {
    const api = (key: string, path: string) =>
      harness.app.request(path, { headers: { authorization: `Bearer ${key}` } });
    expect((await api(a.apiKey.key, `/api/v1/orders/${a.orderId}`)).status).toBe(200);
    expect((await api(a.apiKey.key, `/api/v1/orders/${b.orderId}`)).status).toBe(404);
    expect((await api('lbk_not-a-key', `/api/v1/orders/${a.orderId}`)).status).toBe(401);
    const tokens = createOrderStatusTokens(harnessConfig.SESSION_SECRET);
    const status = (workspaceId: string, orderId: string, token: string) =>
      harness.app.request(`/storefront/v1/workspaces/${workspaceId}/orders/${orderId}/status?token=${token}`);
    const good = await status(a.workspaceId, a.orderId, tokens.sign(a.workspaceId, a.orderId));
    expect(good.status).toBe(200);
    expect(await good.json()).toEqual({
      status: 'Invoiced',
      invoiceNumber: 'INV-Alpha',
      amountPaid: '0.00',
      currency: 'AUD',
    });
    expect((await status(a.workspaceId, b.orderId, tokens.sign(a.workspaceId, b.orderId))).status).toBe(200);
    expect(
      await (await status(a.workspaceId, b.orderId, tokens.sign(a.workspaceId, b.orderId))).json(),
    ).toMatchObject({ status: 'Pending', invoiceNumber: null });
    expect((await status(b.workspaceId, b.orderId, tokens.sign(a.workspaceId, a.orderId))).status).toBe(404);
    expect((await status(b.workspaceId, b.orderId, 'forged')).status).toBe(404);
  });

  it('refuses writes without the CSRF token, or with another session’s token (403)', async () => {
    const deadA = await deadLetterOf(a);
    const writes: [string, Record<string, string>][] = [
      [`/console/organisations/${a.xeroConnectionId}/disconnect`, {}],
      [`/console/ordercloud/${a.ordercloudConnectionId}/repair`, {}],
      ['/console/ordercloud', { apiUrl: 'https://x.test', clientId: 'c', clientSecret: 's' }],
      ['/console/environments/dev', { xeroConnectionId: a.xeroConnectionId }],
      [`/console/dead-letters/${deadA}/replay`, {}],
      ['/console/api-keys', { name: 'sneaky' }],
      [`/console/api-keys/${a.apiKey.id}/revoke`, {}],
      ['/auth/xero/connect', {}],
      ['/auth/signout', {}],
    ];
    for (const [path, form] of writes) {
      expect((await request(a, 'POST', path, form)).status, `${path} without token`).toBe(403);
      expect(
        (await request(a, 'POST', path, { ...form, _csrf: b.csrf })).status,
        `${path} with B's token`,
      ).toBe(403);
      expect(
        (await request(a, 'POST', path, undefined, { 'x-csrf-token': 'guess' })).status,
        `${path} bad header`,
      ).toBe(403);
    }
    const db = database.handle.db;
    expect(
      (
        await db
          .selectFrom('xero_connections')
          .select('status')
          .where('id', '=', a.xeroConnectionId)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('active');
    expect((await db.selectFrom('api_keys').selectAll().where('name', '=', 'sneaky').execute()).length).toBe(
      0,
    );
  });

  it('sends visitors without a session to sign in, and JSON callers get 401', async () => {
    const page = await request(null, 'GET', '/console/orders');
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/?signin=required');
    expect((await request(null, 'POST', '/console/api-keys', { name: 'x' })).status).toBe(401);
    expect(
      (
        await harness.app.request('/console/orders', {
          headers: { cookie: 'lb_session=forged-session-token-value-123' },
        })
      ).status,
    ).toBe(401);
  });

  it('lets a workspace replay its own dead letter, with the token', async () => {
    const deadA = await deadLetterOf(a);
    const response = await request(a, 'POST', `/console/dead-letters/${deadA}/replay`, { _csrf: a.csrf });
    expect(response.status).toBe(303);
    expect((await queue.deadLetters(queueNames.sync)).map((l) => l.id)).not.toContain(deadA);
  });
});
