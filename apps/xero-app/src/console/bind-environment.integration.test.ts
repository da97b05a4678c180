import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKeyring } from '../crypto/keyring.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { seedSyncContext } from '../testing/seed-sync-context.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-databases.ts';
import { bindEnvironment } from './bind-environment.ts';

describe('binding away from prod asks first (PGlite)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pglite', inject('postgresUrl'));
    await migrateToLatest(database.handle.db);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('refuses, saying what stops syncing, until confirmed; then moves the marketplace', async () => {
    const db = database.handle.db;
    const ctx = await seedSyncContext(db, createKeyring({ current: 'k'.repeat(43) }), {
      tenantId: 'tenant-bind',
      tenantName: 'Shop Ltd',
      accessToken: 'a',
      refreshToken: 'r',
      orderCloud: { apiUrl: 'http://127.0.0.1:1', clientId: 'c', clientSecret: 's', hashKey: 'h' },
    });
    await db.insertInto('environments').values({ workspace_id: ctx.workspaceId, name: 'dev' }).execute();
    const move = {
      workspaceId: ctx.workspaceId,
      environment: 'dev',
      ordercloudConnectionId: ctx.connectionId,
      actor: 'me',
    };
    const refused = await bindEnvironment(db, move);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe('needs-confirmation');
    expect(!refused.ok && refused.error.message).toMatch(
      /will stop syncing to Shop Ltd \(PROD\) and go to DEV instead\.$/,
    );
    const prodBefore = await db
      .selectFrom('environments')
      .select('ordercloud_connection_id')
      .where('name', '=', 'prod')
      .executeTakeFirstOrThrow();
    expect(prodBefore.ordercloud_connection_id).toBe(ctx.connectionId);

    // Unbinding prod's organisation says so too; keeping prod as it is asks nothing.
    const unbind = await bindEnvironment(db, {
      workspaceId: ctx.workspaceId,
      environment: 'prod',
      xeroConnectionId: null,
      actor: 'me',
    });
    expect(!unbind.ok && unbind.error.message).toMatch(/PROD will have no Xero organisation/);
    const same = await bindEnvironment(db, {
      workspaceId: ctx.workspaceId,
      environment: 'prod',
      xeroConnectionId: ctx.xeroConnectionId,
      ordercloudConnectionId: ctx.connectionId,
      actor: 'me',
    });
    expect(same.ok).toBe(true);

    expect((await bindEnvironment(db, { ...move, confirmed: true })).ok).toBe(true);
    const rows = await db
      .selectFrom('environments')
      .select(['name', 'ordercloud_connection_id'])
      .where('workspace_id', '=', ctx.workspaceId)
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.name, r.ordercloud_connection_id]))).toEqual({
      prod: null,
      dev: ctx.connectionId,
    });
  });
});
