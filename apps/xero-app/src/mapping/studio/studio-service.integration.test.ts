import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKeyring } from '../../crypto/keyring.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { fixtureReference } from '../../testing/fixture-reference.ts';
import { seedSyncContext } from '../../testing/seed-sync-context.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-databases.ts';
import { createStudioOrdersRepo } from './studio-orders-repo.ts';
import { createMappingStudio, type MappingStudio } from './studio-service.ts';
import { createVersionsRepo } from './versions-repo.ts';

const tenantId = 'tenant-au-studio';

describe('mapping studio: versions, preview, import (PGlite)', () => {
  let database: TestDatabase;
  let studio: MappingStudio;
  let workspaceId: string;
  const who = () => ({ workspaceId, actor: 'bookkeeper@example.com' });

  beforeAll(async () => {
    database = await createTestDatabase('pglite', inject('postgresUrl'));
    const db = database.handle.db;
    await migrateToLatest(db);
    const ctx = await seedSyncContext(db, createKeyring({ current: 'k'.repeat(43) }), {
      tenantId,
      tenantName: 'Demo AU',
      accessToken: 'a',
      refreshToken: 'r',
      orderCloud: { apiUrl: 'http://127.0.0.1:1', clientId: 'c', clientSecret: 's', hashKey: 'h' },
    });
    workspaceId = ctx.workspaceId;
    const reference = fixtureReference('au', {
      trackingCategories: [
        { name: 'Sales Channel', active: true, options: [{ name: 'Wholesale', active: true }] },
      ],
    });
    await db
      .insertInto('reference_cache')
      .values({ tenant_id: tenantId, kind: 'all', data: JSON.stringify(reference) })
      .execute();
    studio = createMappingStudio({ versions: createVersionsRepo(db), orders: createStudioOrdersRepo(db) });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('opens with the org’s suggestions, saves versions (author, parent), restores, previews, exports and imports', async () => {
    const first = await studio.load(workspaceId, 'prod');
    expect(first?.pinned).toBeUndefined();
    expect(first?.draft?.accounts.sales).toBe('200');
    expect(first?.reference?.organisation.name).toBeTruthy();
    const v1 = await studio.save(who(), 'prod', { config: first!.draft!, note: 'first', parentId: null });
    expect(v1).toEqual({ ok: true, value: { version: 1, changes: expect.any(Number) } });

    const loaded = await studio.load(workspaceId, 'prod');
    const edited = {
      ...loaded!.pinned!.config,
      accounts: { ...loaded!.pinned!.config.accounts, shipping: '260' },
      tax: { ...loaded!.pinned!.config.tax, byClass: { GST: 'OUTPUT' } },
    };
    const unchanged = await studio.save(who(), 'prod', {
      config: loaded!.pinned!.config,
      note: '',
      parentId: loaded!.pinned!.id,
    });
    expect(!unchanged.ok && unchanged.error.code).toBe('unchanged');
    const v2 = await studio.save(who(), 'prod', {
      config: edited,
      note: 'shipping income',
      parentId: loaded!.pinned!.id,
    });
    expect(v2).toEqual({ ok: true, value: { version: 2, changes: 2 } });

    const versions = await studio.versions.list(workspaceId);
    expect(versions.map((v) => [v.version, v.parentVersion, v.author, v.pinnedIn])).toEqual([
      [2, 1, 'bookkeeper@example.com', ['prod']],
      [1, null, 'bookkeeper@example.com', []],
    ]);
    const restored = await studio.promote(who(), 'prod', {
      versionId: versions[1]!.id,
      action: 'mapping.restored',
    });
    expect(restored).toEqual({ ok: true, value: { kind: 'promoted', version: 1, translated: 0 } });
    expect((await studio.load(workspaceId, 'prod'))?.pinned?.version).toBe(1);
    const audit = await studio.versions.audit(workspaceId);
    expect(audit.map((e) => e.action)).toEqual(['mapping.restored', 'mapping.saved', 'mapping.saved']);

    // Preview: a generated order through the draft and through the version in use; nothing is sent.
    const state = await studio.load(workspaceId, 'prod');
    const draft = {
      ...state!.draft!,
      accounts: { ...state!.draft!.accounts, rules: [{ category: 'Gift cards', account: '260' }] },
      transforms: [
        { target: 'tracking' as const, when: 'total > 1000', category: 'Sales Channel', option: 'Wholesale' },
      ],
    };
    const preview = await studio.preview(workspaceId, 'prod', draft, undefined);
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.sample).toBe(true);
    if (!preview.value.draft.ok || !preview.value.pinned?.ok)
      throw new Error(JSON.stringify([preview.value.draft, preview.value.pinned]));
    const gift = preview.value.draft.invoice.draft.lines.find((l) => l.description.startsWith('Gift card'));
    expect(gift?.accountCode).toBe('260');
    expect(gift?.tracking).toEqual([{ category: 'Sales Channel', option: 'Wholesale' }]);
    const before = preview.value.pinned.invoice.draft.lines.find((l) =>
      l.description.startsWith('Gift card'),
    );
    expect(before?.accountCode).toBe('200');

    // Export, then import: schema-checked, the error naming the field at fault.
    const exported = await studio.exportVersion(
      workspaceId,
      (await studio.versions.list(workspaceId))[0]!.id,
    );
    expect(exported?.filename).toBe('ledgerbridge-mapping-v2.json');
    const broken = JSON.parse(exported!.json);
    broken.payments.defaultAccount = '';
    const refused = await studio.importVersion(who(), 'prod', { text: JSON.stringify(broken), note: '' });
    expect(refused).toEqual({
      ok: false,
      errors: [
        { field: 'payments.defaultAccount', message: expect.stringMatching(/^Payments › default account: /) },
      ],
    });
    const notJson = await studio.importVersion(who(), 'prod', { text: '{', note: '' });
    expect(!notJson.ok && notJson.errors[0]?.field).toBe('(file)');
    const imported = await studio.importVersion(who(), 'prod', { text: exported!.json, note: 'from git' });
    expect(imported).toEqual({ ok: true, version: 3 });
  });
});
