import type { ValueProfile } from '@ledgerbridge/canonical';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKeyring } from '../../crypto/keyring.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { fixtureReference } from '../../testing/fixture-reference.ts';
import { seedSyncContext } from '../../testing/seed-sync-context.ts';
import { createTestDatabase, type TestDatabase, testBackends } from '../../testing/test-databases.ts';
import { routingFingerprint } from './routing-codec.ts';
import { createStudioOrdersRepo } from './studio-orders-repo.ts';
import { createMappingStudio, type MappingStudio } from './studio-service.ts';
import { createVersionsRepo } from './versions-repo.ts';

const profiles: ValueProfile[] = [
  {
    path: 'product.xp.TaxCategory',
    level: 'line',
    present: 3,
    of: 3,
    distinct: 2,
    samples: ['GST', 'GST-FREE'],
    kinds: ['string'],
  },
];

describe.each(testBackends)(
  'mapping studio: routing saved with versions, source profiles (%s)',
  (backend) => {
    let database: TestDatabase;
    let studio: MappingStudio;
    let workspaceId: string;
    let connectionId: string;
    let xeroConnectionId: string;
    const asked: Array<readonly string[]> = [];
    const tenantId = `tenant-au-routing-${backend}`;
    const who = () => ({ workspaceId, actor: 'bookkeeper@example.com' });

    beforeAll(async () => {
      database = await createTestDatabase(backend, inject('postgresUrl'));
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
      connectionId = ctx.connectionId;
      xeroConnectionId = (await db.selectFrom('xero_connections').select('id').executeTakeFirstOrThrow()).id;
      await db
        .insertInto('reference_cache')
        .values({ tenant_id: tenantId, kind: 'all', data: JSON.stringify(fixtureReference('au')) })
        .execute();
      await db
        .insertInto('order_syncs')
        .values(
          ['O-1', 'O-2'].map((orderId) => ({
            workspace_id: workspaceId,
            ordercloud_connection_id: connectionId,
            order_id: orderId,
            currency: 'AUD',
            total: '10.00',
            customer_name: 'Jane',
            status: 'synced',
            invoice_id: null,
            invoice_number: null,
            amount_paid: null,
            message: null,
            reason: null,
          })),
        )
        .execute();
      studio = createMappingStudio({
        versions: createVersionsRepo(db),
        orders: createStudioOrdersRepo(db),
        profileSources: async ({ orderIds }) => {
          asked.push(orderIds);
          return { ok: true, value: profiles };
        },
      });
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('suggests source paths from the profiles of the recent orders, only when asked', async () => {
      const plain = await studio.load(workspaceId, 'prod');
      expect(plain?.sourceProfiles).toBeUndefined();
      const state = await studio.load(workspaceId, 'prod', { profiles: true });
      expect(asked.at(-1)?.toSorted()).toEqual(['O-1', 'O-2']);
      expect(state?.sourceProfiles?.orders).toBe(2);
      expect(state?.sourceProfiles?.candidates.taxCode.map((c) => c.path)).toEqual([
        'product.xp.TaxCategory',
      ]);
    });

    it('saves routing rules with a version: validated, recorded, changed alone is a version, removed', async () => {
      const state = await studio.load(workspaceId, 'prod');
      const base = await studio.save(who(), 'prod', { config: state!.draft!, note: 'base', parentId: null });
      if (!base.ok) throw new Error(base.error.message);
      const form = (value: string) => ({
        'routing.id': [''],
        'routing.position': ['1'],
        'routing.name': ['Oceania'],
        'routing.kind': ['billing-country'],
        'routing.value': [value],
        'routing.organisation': [xeroConnectionId],
      });
      const loaded = await studio.load(workspaceId, 'prod');
      const refused = studio.decode(form('Australia') as never, loaded!.draft!, loaded!.organisations);
      expect(refused.ok).toBe(false);
      // The routing form alone (no mapping fields) decodes the mapping from base: check only routing here.
      const decoded = studio.decode(form('AU, NZ') as never, loaded!.draft!, loaded!.organisations);
      expect(decoded.routing).toEqual([
        { name: 'Oceania', kind: 'billing-country', value: 'AU, NZ', xeroConnectionId },
      ]);

      const parentId = loaded!.pinned!.id;

      // A form opened before someone changed the rules elsewhere does not undo that change.

      const stale = await studio.save(who(), 'prod', {
        config: loaded!.draft!,

        note: 'stale',

        parentId,

        routing: decoded.routing!,

        routingSeen: 'opened-before',
      });

      expect(!stale.ok && stale.error.code).toBe('conflict');
      const withRule = await studio.save(who(), 'prod', {
        config: loaded!.draft!,
        note: 'route Oceania',
        parentId,
        routing: decoded.routing!,
        routingSeen: routingFingerprint([]),
      });
      expect(withRule).toEqual({ ok: true, value: { version: base.value.version + 1, changes: 4 } });
      const after = await studio.load(workspaceId, 'prod');
      expect(after?.routing.map((r) => [r.name, r.kind, r.value, r.tenantName])).toEqual([
        ['Oceania', 'billing-country', 'AU, NZ', 'Demo AU'],
      ]);
      expect(after?.pinned?.routing).toEqual([
        {
          name: 'Oceania',
          match: 'Billing country',
          value: 'AU, NZ',
          organisation: 'Demo AU',
          xeroConnectionId,
        },
      ]);

      const kept = after!.routing.map((r) => ({
        id: r.id,
        name: r.name,
        kind: r.kind,
        value: r.value,
        xeroConnectionId: r.xeroConnectionId,
      }));
      const same = await studio.save(who(), 'prod', {
        config: after!.draft!,
        note: '',
        parentId: after!.pinned!.id,
        routing: kept,
      });
      expect(!same.ok && same.error.code).toBe('unchanged');
      const narrowed = await studio.save(who(), 'prod', {
        config: after!.draft!,
        note: 'AU only',
        parentId: after!.pinned!.id,
        routing: kept.map((r) => ({ ...r, value: 'AU' })),
      });
      expect(narrowed).toEqual({ ok: true, value: { version: base.value.version + 2, changes: 1 } });
      expect((await studio.load(workspaceId, 'prod'))?.routing.map((r) => [r.id, r.value])).toEqual([
        [kept[0]!.id, 'AU'],
      ]);
      const removed = await studio.save(who(), 'prod', {
        config: after!.draft!,
        note: 'no routing',
        parentId: (await studio.load(workspaceId, 'prod'))!.pinned!.id,
        routing: [],
      });
      expect(removed.ok).toBe(true);
      expect((await studio.load(workspaceId, 'prod'))?.routing).toEqual([]);
    });
  },
);
