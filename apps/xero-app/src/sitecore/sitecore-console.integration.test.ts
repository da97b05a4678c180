import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createHarness, type Harness, installWorkspace } from '../console/testing/connected-app-harness.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createJobQueue, type JobQueue } from '../queue/job-queue.ts';
import { createTestDatabase, type TestDatabase, testBackends } from '../testing/test-databases.ts';
import { getSitecoreSiteSecret } from './sitecore-sites-repo.ts';

type Installed = Awaited<ReturnType<typeof installWorkspace>>;

describe.each(testBackends)('console: connecting a Sitecore site on %s', (backend) => {
  let database: TestDatabase;
  let queue: JobQueue;
  let harness: Harness;
  let a: Installed;
  let b: Installed;

  const request = (as: Installed, method: string, path: string, form?: Record<string, string>) =>
    harness.app.request(path, {
      method,
      headers: {
        cookie: as.cookie,
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });

  beforeAll(async () => {
    database = await createTestDatabase(backend, inject('postgresUrl'));
    const db = database.handle.db;
    await migrateToLatest(db);
    queue = createJobQueue(database.handle.queueConnection, { pollingIntervalSeconds: 0.5 });
    await queue.start();
    harness = createHarness({ db, queue });
    a = await installWorkspace(harness, db, queue, 'Alpha');
    b = await installWorkspace(harness, db, queue, 'Bravo');
  }, 60_000);

  afterAll(async () => {
    await queue?.stop();
    await database?.drop();
  });

  it('creates a site with its own API key and signing secret, shown once as env lines to paste', async () => {
    const db = database.handle.db;
    const env = await db
      .selectFrom('environments')
      .select('id')
      .where('workspace_id', '=', a.workspaceId)
      .where('name', '=', 'prod')
      .executeTakeFirstOrThrow();
    const page = await request(a, 'GET', '/console/sitecore');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Connect a site');

    const created = await request(a, 'POST', '/console/sitecore', {
      _csrf: a.csrf,
      name: 'XM Cloud storefront',
      environment: env.id,
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const html = await created.text();
    const line = (name: string) => new RegExp(`${name}=([^\\s<]+)`).exec(html)?.[1];
    const siteId = line('LEDGERBRIDGE_SITE_ID') ?? '';
    const apiKey = line('LEDGERBRIDGE_API_KEY') ?? '';
    const secret = line('LEDGERBRIDGE_SIGNING_SECRET') ?? '';
    expect(line('LEDGERBRIDGE_WORKSPACE_ID')).toBe(a.workspaceId);
    expect(line('LEDGERBRIDGE_URL')).toMatch(/^https?:\/\//);
    expect(apiKey).toMatch(/^lbk_/);
    // The key works against the extension API and sees only its workspace's orders.
    const api = (path: string) =>
      harness.app.request(path, { headers: { authorization: `Bearer ${apiKey}` } });
    expect((await api(`/api/v1/orders/${a.orderId}`)).status).toBe(200);
    expect((await api(`/api/v1/orders/${b.orderId}`)).status).toBe(404);
    // The secret is stored sealed and reads back for the intake.
    expect((await getSitecoreSiteSecret({ db, keyring: harness.keyring }, siteId))?.signingSecret).toBe(
      secret,
    );
    const sealed = await db
      .selectFrom('sitecore_sites')
      .select('signing_secret_enc')
      .executeTakeFirstOrThrow();
    expect(sealed.signing_secret_enc).not.toContain(secret);
    // Listed afterwards without the secrets.
    const listed = await (await request(a, 'GET', '/console/sitecore')).text();
    expect(listed).toContain('XM Cloud storefront');
    expect(listed).not.toContain(secret);
    expect(listed).not.toContain(apiKey);
    expect(await (await request(b, 'GET', '/console/sitecore')).text()).not.toContain('XM Cloud storefront');
  });

  it("refuses a missing CSRF token and another workspace's environment", async () => {
    const envB = await database.handle.db
      .selectFrom('environments')
      .select('id')
      .where('workspace_id', '=', b.workspaceId)
      .where('name', '=', 'prod')
      .executeTakeFirstOrThrow();
    expect((await request(a, 'POST', '/console/sitecore', { name: 'x', environment: envB.id })).status).toBe(
      403,
    );
    expect(
      (await request(a, 'POST', '/console/sitecore', { _csrf: a.csrf, name: 'x', environment: envB.id }))
        .status,
    ).toBe(400);
    // Not an ID at all (found by the fuzz suite: it was a 500).
    expect(
      (await request(a, 'POST', '/console/sitecore', { _csrf: a.csrf, name: 'x', environment: 'prod' }))
        .status,
    ).toBe(400);
  });
});
