import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKeyring } from '../crypto/keyring.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createTestDatabase, type TestDatabase, testBackends } from '../testing/test-databases.ts';
import { createAccessTokenProvider } from './access-token-provider.ts';
import { disconnectXero } from './disconnect-xero.ts';
import { saveXeroAuthorisation } from './save-xero-authorisation.ts';
import { createFakeXeroIdentity } from './testing/fake-xero-identity.ts';
import { seedWorkspace } from './testing/seed-workspace.ts';

const keyring = createKeyring({ current: 'd'.repeat(43) });
const noQueue = { enqueue: async () => null };

describe.each(testBackends)('disconnecting a Xero organisation on %s', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(backend, inject('postgresUrl'));
    await migrateToLatest(database.handle.db);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('removes the connection at Xero, unbinds it, and revokes the refresh token once no organisation uses it', async () => {
    const db = database.handle.db;
    const fake = createFakeXeroIdentity();
    const { workspaceId } = await seedWorkspace(db, 'Leaving');
    const tenants = ['t-au', 't-nz'].map((t) => ({
      id: `xc-${t}`,
      authEventId: 'a',
      tenantId: `${t}-${backend}`,
      tenantType: 'ORGANISATION',
      tenantName: t,
    }));
    const saved = await saveXeroAuthorisation(
      { db, keyring, queue: noQueue },
      { workspaceId, xeroUserId: 'u', tokens: fake.issue(), tenants, actor: 't' },
    );
    if (!saved.ok) throw new Error(saved.error.message);
    const au = saved.value.connections[0]!;
    const nz = saved.value.connections[1]!;
    await db
      .updateTable('environments')
      .set({ xero_connection_id: au.id, xero_tenant_id: au.tenantId })
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', 'prod')
      .execute();
    const deps = {
      db,
      identity: fake.identity,
      tokens: createAccessTokenProvider({ db, identity: fake.identity, keyring }),
      keyring,
    };

    expect(await disconnectXero(deps, { workspaceId, connectionId: au.id, actor: 't' })).toEqual({
      ok: true,
      value: { revoked: false, removedAtXero: true },
    });
    expect(fake.calls.deleteConnection).toEqual(['xc-t-au']);
    expect(fake.calls.revoke).toBe(0);
    const prod = await db
      .selectFrom('environments')
      .select('xero_connection_id')
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', 'prod')
      .executeTakeFirstOrThrow();
    expect(prod.xero_connection_id).toBeNull();

    expect(await disconnectXero(deps, { workspaceId, connectionId: nz.id, actor: 't' })).toEqual({
      ok: true,
      value: { revoked: true, removedAtXero: true },
    });
    expect(fake.calls.revoke).toBe(1);
    const tokenSet = await db
      .selectFrom('xero_token_sets')
      .select('status')
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    expect(tokenSet.status).toBe('revoked');
    expect(await disconnectXero(deps, { workspaceId, connectionId: nz.id, actor: 't' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await disconnectXero(deps, { workspaceId, connectionId: 'not-a-uuid', actor: 't' })).toMatchObject(
      { ok: false, error: { code: 'not-found' } },
    );
  });
});
