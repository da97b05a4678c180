import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createHarness, type Harness } from '../console/testing/connected-app-harness.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createJobQueue, type JobQueue } from '../queue/job-queue.ts';
import { createTestDatabase, type TestDatabase, testBackends } from '../testing/test-databases.ts';

const cookieValue = (response: Response, name: string) =>
  response.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0]
    ?.slice(name.length + 1);

describe.each(testBackends)('Sign up / sign in with Xero on %s', (backend) => {
  let database: TestDatabase;
  let queue: JobQueue;
  let harness: Harness;

  beforeAll(async () => {
    database = await createTestDatabase(backend, inject('postgresUrl'));
    await migrateToLatest(database.handle.db);
    queue = createJobQueue(database.handle.queueConnection, { pollingIntervalSeconds: 0.5 });
    await queue.start();
    harness = createHarness({ db: database.handle.db, queue });
  });
  afterAll(async () => {
    await queue?.stop(2_000);
    await database?.drop();
  });

  /** Follows the redirect to Xero and back, as the browser would, with Xero answering `code`. */
  async function roundTrip(start: Response, options: { cookie?: string; oauthCookie?: string } = {}) {
    const location = new URL(start.headers.get('location') ?? '');
    const state = location.searchParams.get('state') ?? '';
    const oauth = options.oauthCookie ?? cookieValue(start, 'lb_oauth');
    const cookies = [oauth ? `lb_oauth=${oauth}` : '', options.cookie ?? ''].filter(Boolean).join('; ');
    return harness.app.request(`/auth/xero/callback?code=code-1&state=${encodeURIComponent(state)}`, {
      headers: { cookie: cookies, accept: 'text/html' },
    });
  }

  it('signs up: the workspace and its first user from the id_token, the chosen organisations connected, a session cookie', async () => {
    harness.xero.setClaims({
      sub: `sub-new-${backend}`,
      email: 'nia@example.com',
      name: 'Nia Newcomer',
      xeroUserId: 'xu',
    });
    const start = await harness.app.request('/auth/xero/signup');
    expect(start.status).toBe(302);
    expect(start.headers.get('location')).toContain('accounting.invoices');
    const oauthCookie = start.headers.getSetCookie().find((c) => c.startsWith('lb_oauth='));
    expect(oauthCookie).toMatch(/HttpOnly/i);
    expect(oauthCookie).toMatch(/SameSite=Lax/i);

    const callback = await roundTrip(start);
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/console/environments');
    const session = callback.headers.getSetCookie().find((c) => c.startsWith('lb_session='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).not.toMatch(/Secure/);

    const db = database.handle.db;
    const user = await db
      .selectFrom('users')
      .selectAll()
      .where('xero_user_id', '=', `sub-new-${backend}`)
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ email: 'nia@example.com', name: 'Nia Newcomer' });
    const envs = await db
      .selectFrom('environments')
      .select('name')
      .where('workspace_id', '=', user.workspace_id)
      .execute();
    expect(envs.map((e) => e.name).sort()).toEqual(['dev', 'prod', 'qa']);
    const connections = await db
      .selectFrom('xero_connections')
      .selectAll()
      .where('workspace_id', '=', user.workspace_id)
      .execute();
    expect(connections).toMatchObject([{ tenant_id: 'tenant-1', status: 'active' }]);

    const page = await harness.app.request('/console/environments', {
      headers: { cookie: `lb_session=${cookieValue(callback, 'lb_session')}`, accept: 'text/html' },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Demo Company (AU)');
  });

  it('signs an existing user in to their own workspace, asking only for OpenID scopes', async () => {
    harness.xero.setClaims({
      sub: `sub-again-${backend}`,
      email: 'r@example.com',
      name: 'Rita Returning',
      xeroUserId: 'xu',
    });
    await roundTrip(await harness.app.request('/auth/xero/signup'));
    const start = await harness.app.request('/auth/xero/signin');
    const scope = new URL(start.headers.get('location') ?? '').searchParams.get('scope');
    expect(scope).toBe('openid profile email');
    const callback = await roundTrip(start);
    expect(callback.status).toBe(302);
    const users = await database.handle.db
      .selectFrom('users')
      .selectAll()
      .where('xero_user_id', '=', `sub-again-${backend}`)
      .execute();
    expect(users).toHaveLength(1);
  });

  it('refuses a callback from another browser, a forged state, or a state from another workspace', async () => {
    harness.xero.setClaims({
      sub: `sub-victim-${backend}`,
      email: 'v@example.com',
      name: 'Vic',
      xeroUserId: 'xu',
    });
    const victimStart = await harness.app.request('/auth/xero/signup');
    const attackerStart = await harness.app.request('/auth/xero/signup');
    expect(
      (await roundTrip(victimStart, { oauthCookie: cookieValue(attackerStart, 'lb_oauth') })).status,
    ).toBe(403);
    expect((await roundTrip(victimStart, { oauthCookie: '' })).status).toBe(403);
    const forged = await harness.app.request('/auth/xero/callback?code=c&state=eyJwIjoiY29ubmVjdCJ9.sig', {
      headers: { cookie: `lb_oauth=${cookieValue(victimStart, 'lb_oauth')}` },
    });
    expect(forged.status).toBe(403);

    // Workspace V starts a connect; the callback arrives with workspace W's session: refused.
    const v = await roundTrip(await harness.app.request('/auth/xero/signup'));
    const vCookie = `lb_session=${cookieValue(v, 'lb_session')}`;
    harness.xero.setClaims({
      sub: `sub-other-${backend}`,
      email: 'w@example.com',
      name: 'Wes',
      xeroUserId: 'xu',
    });
    const w = await roundTrip(await harness.app.request('/auth/xero/signup'));
    const wCookie = `lb_session=${cookieValue(w, 'lb_session')}`;
    const csrf = await database.handle.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select('csrf_token')
      .where('users.xero_user_id', '=', `sub-victim-${backend}`)
      .executeTakeFirstOrThrow();
    const connect = await harness.app.request('/auth/xero/connect', {
      method: 'POST',
      headers: { cookie: vCookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${csrf.csrf_token}`,
    });
    expect(connect.status).toBe(303);
    expect((await roundTrip(connect, { cookie: wCookie })).status).toBe(403);
    const ok = await roundTrip(connect, { cookie: vCookie, oauthCookie: cookieValue(connect, 'lb_oauth') });
    expect(ok.status).toBe(302);
  });
});
