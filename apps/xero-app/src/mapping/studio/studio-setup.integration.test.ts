import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKeyring } from '../../crypto/keyring.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { fixtureReference } from '../../testing/fixture-reference.ts';
import { seedSyncContext } from '../../testing/seed-sync-context.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-databases.ts';
import { createStudioOrdersRepo } from './studio-orders-repo.ts';
import { createMappingStudio } from './studio-service.ts';
import { createVersionsRepo } from './versions-repo.ts';

describe('first-connection questions (PGlite)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pglite', inject('postgresUrl'));
    await migrateToLatest(database.handle.db);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('turns the answers into the first version of the environment', async () => {
    const db = database.handle.db;
    const ctx = await seedSyncContext(db, createKeyring({ current: 'k'.repeat(43) }), {
      tenantId: 'tenant-setup',
      accessToken: 'a',
      refreshToken: 'r',
      orderCloud: { apiUrl: 'http://127.0.0.1:1', clientId: 'c', clientSecret: 's', hashKey: 'h' },
    });
    const reference = fixtureReference('au', {
      trackingCategories: [
        { name: 'Sales Channel', active: true, options: [{ name: 'Online', active: true }] },
      ],
    });
    await db
      .insertInto('reference_cache')
      .values({ tenant_id: 'tenant-setup', kind: 'all', data: JSON.stringify(reference) })
      .execute();
    const studio = createMappingStudio({
      versions: createVersionsRepo(db),
      orders: createStudioOrdersRepo(db),
    });
    const who = { workspaceId: ctx.workspaceId, actor: 'owner@example.com' };
    const result = await studio.setup(who, 'prod', {
      sells: 'b2c',
      gateways: ['stripe', 'paypal'],
      bankAccount: '090',
      clearingAccount: '091',
      status: 'DRAFT',
      channel: { category: 'Sales Channel', option: 'Online' },
    });
    expect(result).toEqual({ ok: true, value: { version: 1, suggestions: expect.any(Number) } });
    const state = await studio.load(ctx.workspaceId, 'prod');
    expect(state?.pinned?.note).toMatch(/^first version from the setup questions/);
    expect(state?.pinned?.config).toMatchObject({
      invoice: { status: 'DRAFT' },
      contacts: { companyContactsForB2B: false },
      payments: { defaultAccount: '090', byGateway: { stripe: '091', paypal: '091' } },
      tracking: { defaults: [{ category: 'Sales Channel', option: 'Online' }] },
    });
  });
});
