import {
  connectOrderCloud,
  createKeyring,
  createOrderCloudAdminHttp,
  createUserUrlFetch,
  getOrderCloudConnectionSecrets,
  migrateToLatest,
  repairOrderCloudWebhook,
} from '@ledgerbridge/xero-app';
import {
  type TestDatabase,
  createTestDatabase,
  seedWorkspace,
  testBackends,
} from '@ledgerbridge/xero-app/testing';
import {
  type RunningOrderCloudSandbox,
  sandboxDefaults,
  startOrderCloudSandbox,
} from '@ledgerbridge/ordercloud-sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const publicUrl = 'http://127.0.0.1:3999';

describe.each(testBackends)('connecting an OrderCloud marketplace (sandbox) on %s', (backend) => {
  let oc: RunningOrderCloudSandbox;
  let database: TestDatabase;
  const keyring = createKeyring({ current: 'c'.repeat(43) });
  // The sandbox is plain http on 127.0.0.1: reachable only because the test trusts that host.
  const admin = createOrderCloudAdminHttp({
    fetch: createUserUrlFetch({ ALLOWED_HTTP_HOSTS: ['127.0.0.1'] }),
  });

  beforeAll(async () => {
    oc = await startOrderCloudSandbox();
    database = await createTestDatabase(backend, inject('postgresUrl'));
    await migrateToLatest(database.handle.db);
  });
  afterAll(async () => {
    await oc?.close();
    await database?.drop();
  });

  const adminToken = () =>
    oc.admin.issueToken({
      clientId: sandboxDefaults.integrationClientId,
      username: sandboxDefaults.integrationUsername,
    });
  const webhookApi = async (method: string, id: string, body?: unknown) =>
    fetch(`${oc.url}/v1/webhooks/${id}`, {
      method,
      headers: { authorization: `Bearer ${await adminToken()}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

  it('refuses wrong credentials and stores nothing', async () => {
    const db = database.handle.db;
    const { workspaceId } = await seedWorkspace(db, 'Wrong');
    const result = await connectOrderCloud(
      { db, keyring, admin, publicUrl },
      {
        workspaceId,
        actor: 't',
        name: '',
        apiUrl: oc.url,
        clientId: sandboxDefaults.integrationClientId,
        clientSecret: 'nope',
      },
    );
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'needs-reconnect', code: 'ordercloud-credentials' },
    });
    expect(
      await db
        .selectFrom('ordercloud_connections')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .execute(),
    ).toEqual([]);
  });

  it('verifies, registers the webhook with an encrypted hash key, and repairs it when missing or changed', async () => {
    const db = database.handle.db;
    const { workspaceId } = await seedWorkspace(db, 'Right');
    const connected = await connectOrderCloud(
      { db, keyring, admin, publicUrl },
      {
        workspaceId,
        actor: 't',
        name: 'Sandbox',
        apiUrl: `${oc.url}/v1/`,
        clientId: sandboxDefaults.integrationClientId,
        clientSecret: sandboxDefaults.integrationClientSecret,
        environment: 'prod',
      },
    );
    if (!connected.ok) throw new Error(connected.error.message);
    expect(connected.value.status).toBe('active');
    const { connectionId } = connected.value;
    const secrets = await getOrderCloudConnectionSecrets({ db, keyring }, connectionId);
    expect(secrets).toMatchObject({
      apiUrl: oc.url,
      clientSecret: sandboxDefaults.integrationClientSecret,
      status: 'active',
    });
    const row = await db
      .selectFrom('ordercloud_connections')
      .selectAll()
      .where('id', '=', connectionId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(secrets?.hashKey);
    expect(JSON.stringify(row)).not.toContain(sandboxDefaults.integrationClientSecret);
    const env = await db
      .selectFrom('environments')
      .select('ordercloud_connection_id')
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', 'prod')
      .executeTakeFirstOrThrow();
    expect(env.ordercloud_connection_id).toBe(connectionId);

    const registered = (await (await webhookApi('GET', String(secrets?.webhookId))).json()) as Record<
      string,
      unknown
    >;
    expect(registered).toMatchObject({
      Url: `${publicUrl}/webhooks/ordercloud/${connectionId}`,
      HashKey: secrets?.hashKey,
      ApiClientIDs: expect.arrayContaining([
        sandboxDefaults.integrationClientId,
        sandboxDefaults.storefrontClientId,
      ]),
    });
    expect((registered.WebhookRoutes as unknown[]).length).toBeGreaterThan(10);

    const deps = { db, keyring, admin, publicUrl };
    expect(await repairOrderCloudWebhook(deps, { workspaceId, connectionId, actor: 't' })).toEqual({
      ok: true,
      value: { repaired: false, drift: [] },
    });

    await webhookApi('PATCH', String(secrets?.webhookId), { Url: 'http://127.0.0.1:1/elsewhere' });
    const changed = await repairOrderCloudWebhook(deps, { workspaceId, connectionId, actor: 't' });
    expect(changed).toMatchObject({
      ok: true,
      value: { repaired: true, drift: ['it points at http://127.0.0.1:1/elsewhere'] },
    });
    expect(
      ((await (await webhookApi('GET', String(secrets?.webhookId))).json()) as { Url: string }).Url,
    ).toBe(`${publicUrl}/webhooks/ordercloud/${connectionId}`);

    await webhookApi('DELETE', String(secrets?.webhookId));
    const missing = await repairOrderCloudWebhook(deps, { workspaceId, connectionId, actor: 't' });
    expect(missing).toMatchObject({
      ok: true,
      value: { repaired: true, drift: ['the webhook is not registered'] },
    });
    const after = await getOrderCloudConnectionSecrets({ db, keyring }, connectionId);
    expect(after?.webhookId).not.toBe(secrets?.webhookId);
    expect((await webhookApi('GET', String(after?.webhookId))).status).toBe(200);

    // Another workspace cannot repair (or learn about) this connection.
    const other = await seedWorkspace(db, 'Other');
    expect(
      await repairOrderCloudWebhook(deps, { workspaceId: other.workspaceId, connectionId, actor: 't' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});
