import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordFigures } from '../../../../test/reliability/figures.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createApiKeyStore } from './api-keys.ts';
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
    await migrateToLatest(db);
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
      '/console/catalog/conflicts',
      '/console/catalog/duplicates',
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
    const good = await status(
      a.workspaceId,
      a.orderId,
      tokens.sign(a.workspaceId, a.orderId, { keyId: a.apiKey.id }),
    );
    expect(good.status).toBe(200);
    expect(await good.json()).toEqual({
      status: 'Invoiced',
      invoiceNumber: 'INV-Alpha',
      amountPaid: '0.00',
      currency: 'AUD',
    });
    expect(
      (await status(a.workspaceId, b.orderId, tokens.sign(a.workspaceId, b.orderId, { keyId: a.apiKey.id })))
        .status,
    ).toBe(200);
    expect(
      await (
        await status(a.workspaceId, b.orderId, tokens.sign(a.workspaceId, b.orderId, { keyId: a.apiKey.id }))
      ).json(),
    ).toMatchObject({ status: 'Pending', invoiceNumber: null });
    expect(
      (await status(b.workspaceId, b.orderId, tokens.sign(a.workspaceId, a.orderId, { keyId: a.apiKey.id })))
        .status,
    ).toBe(404);
    expect((await status(b.workspaceId, b.orderId, 'forged')).status).toBe(404);
  });

  it("keeps each workspace's alert destinations and signing secret to itself", async () => {
    const save = (w: Installed, url: string) =>
      request(w, 'POST', '/console/alerts', {
        _csrf: w.csrf,
        webhookUrl: url,
        emailTo: '',
        events: 'dead-letter',
        quietMinutes: '30',
        attentionThreshold: '5',
      });
    expect((await save(a, 'https://alpha-hooks.example.com/a')).status).toBe(303);
    expect((await save(b, 'https://bravo-hooks.example.com/b')).status).toBe(303);
    const alpha = await (await request(a, 'GET', '/console/alerts')).text();
    const bravo = await (await request(b, 'GET', '/console/alerts')).text();
    expect(alpha).toContain('alpha-hooks.example.com');
    expect(alpha).not.toContain('bravo-hooks.example.com');
    const secretOf = (page: string) => /id="alert-secret">([^<]+)</.exec(page)?.[1];
    expect(secretOf(alpha)).toMatch(/^whsec_/);
    expect(secretOf(bravo)).toMatch(/^whsec_/);
    expect(alpha).not.toContain(secretOf(bravo) ?? 'missing');
  });

  it('gives status links that die with the API key that issued them', async () => {
    const keys = createApiKeyStore(database.handle.db);
    const issued = await keys.create({ workspaceId: a.workspaceId, name: 'short-lived', actor: 't' });
    const link = await harness.app.request(`/api/v1/orders/${a.orderId}/status-link`, {
      headers: { authorization: `Bearer ${issued.key}` },
    });
    const { shopperStatusUrl } = (await link.json()) as { shopperStatusUrl: string };
    const path = new URL(shopperStatusUrl).pathname + new URL(shopperStatusUrl).search;
    expect((await harness.app.request(path)).status).toBe(200);
    expect(await keys.revoke({ workspaceId: a.workspaceId, id: issued.id, actor: 't' })).toBe(true);
    expect((await harness.app.request(path)).status).toBe(404);
  });

  it("enumerates every route of the router and refuses each one aimed at another workspace's IDs", async () => {
    const deadB = await deadLetterOf(b);
    // A catalog conflict of B's, which A's conflicts page must not show.
    const { id: conflictB } = await database.handle.db
      .insertInto('catalog_conflicts')
      .values({
        workspace_id: b.workspaceId,
        connection_id: b.ordercloudConnectionId,
        product_id: 'Bravo lamp',
        item_code: 'BRAVO-LAMP',
        field: 'price',
        ordercloud_value: '20',
        xero_value: '15',
        winner: 'ordercloud',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const csrf = { _csrf: a.csrf };
    const bVersion =
      (
        await database.handle.db
          .selectFrom('mapping_versions')
          .select('id')
          .where('workspace_id', '=', b.workspaceId)
          .executeTakeFirst()
      )?.id ?? '00000000-0000-4000-8000-000000000000';
    const bMarkers = [
      'Bravo',
      b.orderId,
      b.tenantId,
      b.workspaceId,
      b.xeroConnectionId,
      b.ordercloudConnectionId,
    ];
    // An ID no workspace owns stands for another workspace's report or import.
    const elsewhere = '00000000-0000-4000-8000-0000000000b2';
    type Attempt = { path: string; form?: Record<string, string>; api?: boolean; expect: number[] };
    // Every route must be listed: a new route fails this test until someone says how it is isolated.
    const plan: Record<string, Attempt[] | 'no workspace ids'> = {
      'GET /': 'no workspace ids',
      'GET /auth/xero/signup': 'no workspace ids',
      'GET /auth/xero/signin': 'no workspace ids',
      'POST /auth/xero/connect': 'no workspace ids',
      'GET /auth/xero/callback': 'no workspace ids',
      'POST /auth/signout': 'no workspace ids',
      'GET /console/assets/console.css': 'no workspace ids',
      'GET /console/assets/console.js': 'no workspace ids',
      'GET /console': 'no workspace ids',
      'GET /console/organisations': 'no workspace ids',
      'GET /console/environments': 'no workspace ids',
      'GET /console/ordercloud': 'no workspace ids',
      'POST /console/ordercloud': 'no workspace ids',
      'GET /console/orders': 'no workspace ids',
      'GET /console/dead-letters': 'no workspace ids',
      'GET /console/api-keys': 'no workspace ids',
      // Operations pages (#13): lists and forms scoped to the session's workspace; IDs refused when not its own.
      'GET /console/attention': 'no workspace ids',
      'POST /console/attention/retry': [
        { path: '/console/attention/retry', form: { ...csrf, ids: b.orderSyncId }, expect: [302, 303] },
      ],
      'GET /console/backfill': 'no workspace ids',
      'POST /console/backfill': 'no workspace ids',
      'POST /console/backfill/:id/:action{start|cancel}': [
        { path: `/console/backfill/${elsewhere}/start`, form: csrf, expect: [404] },
      ],
      'GET /console/reconciliation': 'no workspace ids',
      'POST /console/reconciliation': 'no workspace ids',
      'GET /console/reconciliation/:id': [{ path: `/console/reconciliation/${elsewhere}`, expect: [404] }],
      'GET /console/reconciliation/:id/findings.csv': [
        { path: `/console/reconciliation/${elsewhere}/findings.csv`, expect: [404] },
      ],
      'POST /console/reconciliation/:id/heal': [
        { path: `/console/reconciliation/${elsewhere}/heal`, form: csrf, expect: [404] },
      ],
      // Refused with a message back on the order page ("not waiting for tax rates"); nothing is approved.
      'POST /console/orders/:id/tax-rates': [
        { path: `/console/orders/${b.orderSyncId}/tax-rates`, form: csrf, expect: [303] },
      ],
      'POST /console/dead-letters/replay-all': 'no workspace ids',
      'GET /console/catalog/conflicts': 'no workspace ids',
      'GET /console/catalog/duplicates': 'no workspace ids',
      // Catalog review and conflict choices (#16): a marketplace, review or conflict of B's is not found.
      'GET /console/catalog/review': 'no workspace ids',
      'POST /console/catalog/review': [
        {
          path: '/console/catalog/review',
          form: { ...csrf, connectionId: b.ordercloudConnectionId },
          expect: [404],
        },
      ],
      'POST /console/catalog/review/:id/apply': [
        { path: `/console/catalog/review/${elsewhere}/apply`, form: csrf, expect: [404] },
      ],
      'POST /console/catalog/conflicts/:id/choose': [
        {
          path: `/console/catalog/conflicts/${conflictB}/choose`,
          form: { ...csrf, side: 'xero' },
          expect: [404],
        },
      ],
      'POST /console/dead-letters/:id/skip': [
        { path: `/console/dead-letters/${deadB}/skip`, form: { ...csrf, reason: 'not mine' }, expect: [404] },
      ],
      // Alerts (#13): one settings row and log per workspace, always the session's.
      'GET /console/alerts': 'no workspace ids',
      'POST /console/alerts': 'no workspace ids',
      'POST /console/alerts/test': 'no workspace ids',
      'POST /console/alerts/rotate-secret': 'no workspace ids',
      'GET /console/sitecore': 'no workspace ids',
      'POST /console/sitecore': 'no workspace ids',
      'GET /storefront/v1/workspaces/:workspaceId/orders/:orderId/invoice.pdf': [
        {
          path: `/storefront/v1/workspaces/${b.workspaceId}/orders/${b.orderId}/invoice.pdf?token=${createOrderStatusTokens(harnessConfig.SESSION_SECRET).sign(b.workspaceId, b.orderId, { keyId: a.apiKey.id })}`,
          expect: [404],
        },
      ],
      'GET /api/v1/orders': [{ path: '/api/v1/orders', api: true, expect: [200] }],
      'POST /api/v1/orders/:orderId/retry': [
        { path: `/api/v1/orders/${b.orderId}/retry`, api: true, expect: [404] },
      ],
      'GET /api/v1/health': [{ path: '/api/v1/health', api: true, expect: [200] }],
      'POST /console/api-keys': 'no workspace ids',
      'POST /webhooks/xero': 'no workspace ids',
      'GET /console/environments/:name/mapping': 'no workspace ids',
      // The mapping studio addresses environments by name, always within the session's workspace.
      'GET /console/mapping': 'no workspace ids',
      'GET /console/mapping/:env': 'no workspace ids',
      'POST /console/mapping/:env/refresh': 'no workspace ids',
      'POST /console/mapping/:env/preview': 'no workspace ids',
      'POST /console/mapping/:env': 'no workspace ids',
      'GET /console/mapping/:env/versions': 'no workspace ids',
      'POST /console/mapping/:env/promote': 'no workspace ids',
      'POST /console/mapping/:env/restore': 'no workspace ids',
      'POST /console/mapping/:env/setup': 'no workspace ids',
      'GET /console/mapping/:env/suggestions': 'no workspace ids',
      'POST /console/mapping/:env/suggestions/accept': 'no workspace ids',
      'POST /console/mapping/:env/suggestions/reject': 'no workspace ids',
      'POST /console/mapping/:env/import': 'no workspace ids',
      'GET /console/mapping/:env/versions/:id/export': [
        { path: `/console/mapping/prod/versions/${bVersion}/export`, expect: [404] },
      ],
      'POST /console/organisations/:id/disconnect': [
        { path: `/console/organisations/${b.xeroConnectionId}/disconnect`, form: csrf, expect: [404] },
      ],
      'POST /console/environments/:name': [
        {
          path: '/console/environments/dev',
          form: { ...csrf, xeroConnectionId: b.xeroConnectionId },
          expect: [404],
        },
        {
          path: '/console/environments/dev',
          form: { ...csrf, ordercloudConnectionId: b.ordercloudConnectionId },
          expect: [404],
        },
      ],
      'POST /console/ordercloud/:id/repair': [
        { path: `/console/ordercloud/${b.ordercloudConnectionId}/repair`, form: csrf, expect: [404] },
      ],
      'GET /console/orders/:id': [{ path: `/console/orders/${b.orderSyncId}`, expect: [404] }],
      'POST /console/dead-letters/:id/replay': [
        { path: `/console/dead-letters/${deadB}/replay`, form: csrf, expect: [404] },
      ],
      'POST /console/api-keys/:id/revoke': [
        { path: `/console/api-keys/${b.apiKey.id}/revoke`, form: csrf, expect: [404] },
      ],
      'GET /storefront/v1/workspaces/:workspaceId/orders/:orderId/status': [
        {
          path: `/storefront/v1/workspaces/${b.workspaceId}/orders/${b.orderId}/status?token=${createOrderStatusTokens(harnessConfig.SESSION_SECRET).sign(a.workspaceId, a.orderId, { keyId: a.apiKey.id })}`,
          expect: [404],
        },
        {
          path: `/storefront/v1/workspaces/${b.workspaceId}/orders/${b.orderId}/status?token=${createOrderStatusTokens(harnessConfig.SESSION_SECRET).sign(b.workspaceId, b.orderId, { keyId: a.apiKey.id })}`,
          expect: [404],
        },
      ],
      'GET /api/v1/orders/:orderId': [{ path: `/api/v1/orders/${b.orderId}`, api: true, expect: [404] }],
      // Scoped like orders (extension-products.integration.test.ts seeds another workspace's item).
      'GET /api/v1/products/:productId': [
        { path: '/api/v1/products/product-of-b', api: true, expect: [404] },
      ],
      // A link for an order A's key names is always A's workspace's link: it can only ever show A's data.
      'GET /api/v1/orders/:orderId/status-link': [
        { path: `/api/v1/orders/${b.orderId}/status-link`, api: true, expect: [200] },
      ],
      'POST /api/v1/*': [{ path: `/api/v1/orders/${b.orderId}`, api: true, expect: [405] }],
      'PUT /api/v1/*': [{ path: `/api/v1/orders/${b.orderId}`, api: true, expect: [405] }],
      'PATCH /api/v1/*': [{ path: `/api/v1/orders/${b.orderId}`, api: true, expect: [405] }],
      'DELETE /api/v1/*': [{ path: `/api/v1/orders/${b.orderId}`, api: true, expect: [405] }],
    };
    const routes = harness.app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path}`)
      .filter((r, i, all) => all.indexOf(r) === i);
    expect(
      routes.filter((r) => !(r in plan)),
      'routes nobody classified',
    ).toEqual([]);
    let checks = 0;
    const breaches: string[] = [];
    for (const route of routes) {
      const attempts = plan[route];
      const [method = 'GET'] = route.split(' ');
      if (attempts === 'no workspace ids' || attempts === undefined) {
        if (method !== 'GET' || route.includes('callback') || route.includes('/auth/')) continue;
        // Pages that take no ID show only the session's workspace.
        const body = await (await request(a, 'GET', route.split(' ')[1] ?? '/')).text();
        checks += 1;
        for (const marker of bMarkers) if (body.includes(marker)) breaches.push(`${route} shows ${marker}`);
        continue;
      }
      for (const attempt of attempts) {
        const response = attempt.api
          ? await harness.app.request(attempt.path, {
              method,
              headers: { authorization: `Bearer ${a.apiKey.key}` },
            })
          : await request(a, method, attempt.path, attempt.form);
        const body = await response.text();
        checks += 1;
        if (!attempt.expect.includes(response.status))
          breaches.push(`${route} → ${response.status} (expected ${attempt.expect.join('/')})`);
        // The order ID A itself sent may be echoed; nothing else of B's may appear.
        const answer = body.split(b.orderId).join('');
        for (const marker of bMarkers)
          if (answer.includes(marker)) breaches.push(`${route} answered with ${marker}`);
        if (route.endsWith('status-link') && !body.includes(a.workspaceId))
          breaches.push(`${route} linked outside A's workspace`);
      }
    }
    recordFigures(`isolation-${backend}`, {
      isolationChecks: checks,
      isolationBreaches: breaches.length,
      breaches,
    });
    expect(breaches).toEqual([]);
    const attemptsPlanned = Object.values(plan).reduce((n, p) => n + (Array.isArray(p) ? p.length : 0), 0);
    expect(checks).toBeGreaterThan(attemptsPlanned);
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
