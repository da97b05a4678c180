import { type Order, OrderSchema } from '@ledgerbridge/canonical';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKeyring } from '../crypto/keyring.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { MappingConfigSchema } from '../mapping/mapping-config.ts';
import { fixtureReference } from '../testing/fixture-reference.ts';
import { seedSyncContext } from '../testing/seed-sync-context.ts';
import { createTestDatabase, type TestDatabase, testBackends } from '../testing/test-databases.ts';
import { findSyncContext } from '../sync/sync-context.ts';
import { addRoutingRule, deleteRoutingRule, listRoutingRules, moveRoutingRule } from './routing-repo.ts';
import { mappingFor, routeOrder, unrouted } from './route-order.ts';

const keyring = createKeyring({ current: 'test-key-test-key-test-key-test-key-1234' });

function order(id: string, country: string): Order {
  return OrderSchema.parse({
    id,
    status: 'open',
    currency: 'AUD',
    placedAt: '2026-12-01T00:00:00Z',
    customer: { id: 'u1', kind: 'person', firstName: 'A' },
    billingAddress: { country },
    pricesIncludeTax: false,
    lines: [],
    taxTotal: '0',
    total: '0',
  });
}

describe.each(testBackends)('routing on %s', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(backend, inject('postgresUrl'));
    await migrateToLatest(database.handle.db);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('concurrent first orders create and pin one default mapping version', async () => {
    const db = database.handle.db;
    const seeded = await seedSyncContext(db, keyring, {
      tenantId: 'tenant-au',
      accessToken: 'a',
      refreshToken: 'r',
      orderCloud: { apiUrl: 'http://127.0.0.1:1', clientId: 'c', clientSecret: 's', hashKey: 'h' },
    });
    const ctx = await findSyncContext(db, seeded.connectionId);
    if (!ctx) throw new Error('no context');
    const reference = fixtureReference('au');
    const results = await Promise.all([1, 2, 3, 4].map(() => mappingFor(db, unrouted(ctx), reference)));
    expect(new Set(results.map((r) => r.mappingVersionId)).size).toBe(1);
    const versions = await db
      .selectFrom('mapping_versions')
      .select('id')
      .where('workspace_id', '=', seeded.workspaceId)
      .execute();
    expect(versions).toHaveLength(1);
    expect(MappingConfigSchema.parse(results[0]?.mapping).tax.mode).toBe('tax-rates');
  });

  it('routes by the first matching rule, holds unmatched orders, keeps invoiced orders where they are', async () => {
    const db = database.handle.db;
    const seeded = await seedSyncContext(db, keyring, {
      tenantId: 'tenant-au-2',
      accessToken: 'a',
      refreshToken: 'r',
      orderCloud: { apiUrl: 'http://127.0.0.1:1', clientId: 'c', clientSecret: 's', hashKey: 'h' },
    });
    const ctx = await findSyncContext(db, seeded.connectionId);
    if (!ctx) throw new Error('no context');
    const nz = await db
      .insertInto('xero_connections')
      .values({
        workspace_id: seeded.workspaceId,
        token_set_id: (
          await db
            .selectFrom('xero_connections')
            .select('token_set_id')
            .where('id', '=', seeded.xeroConnectionId)
            .executeTakeFirstOrThrow()
        ).token_set_id,
        xero_connection_id: 'conn-nz',
        tenant_id: 'tenant-nz',
        tenant_name: 'NZ company',
        status: 'active',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const who = { workspaceId: seeded.workspaceId, actor: 'test' };
    // No rules: the environment's own organisation, as before routing existed.
    const plain = await routeOrder(db, ctx, order('O-1', 'NZ'));
    expect('ctx' in plain && plain.ctx.tenantId).toBe('tenant-au-2');

    const nzRule = await addRoutingRule(db, {
      ...who,
      environmentId: ctx.environmentId,
      name: 'New Zealand',
      kind: 'billing-country',
      value: 'NZ',
      xeroConnectionId: nz.id,
    });
    await addRoutingRule(db, {
      ...who,
      environmentId: ctx.environmentId,
      name: 'Everything in AUD',
      kind: 'currency',
      value: 'AUD',
      xeroConnectionId: seeded.xeroConnectionId,
    });
    const toNz = await routeOrder(db, ctx, order('O-2', 'NZ'));
    expect('ctx' in toNz && [toNz.ctx.tenantId, toNz.ctx.ruleName]).toEqual(['tenant-nz', 'New Zealand']);
    // Reordered: the AUD rule now comes first and takes the NZ-billed AUD order.
    await moveRoutingRule(db, { ...who, ruleId: nzRule, direction: 'down' });
    expect((await listRoutingRules(db, ctx.environmentId)).map((r) => r.name)).toEqual([
      'Everything in AUD',
      'New Zealand',
    ]);
    const reordered = await routeOrder(db, ctx, order('O-3', 'NZ'));
    expect('ctx' in reordered && reordered.ctx.tenantId).toBe('tenant-au-2');

    // An order already invoiced in the NZ organisation stays there.
    await db
      .insertInto('xero_operations')
      .values({
        workspace_id: seeded.workspaceId,
        tenant_id: 'tenant-nz',
        source_connection_id: seeded.connectionId,
        order_id: 'O-4',
        kind: 'invoice',
        op_key: 'tenant-nz:invoice:x:O-4',
        payload: '{}',
        status: 'done',
      })
      .execute();
    const sticky = await routeOrder(db, ctx, order('O-4', 'NZ'));
    expect('ctx' in sticky && sticky.ctx.tenantId).toBe('tenant-nz');

    const rules = await listRoutingRules(db, ctx.environmentId);
    for (const r of rules) await deleteRoutingRule(db, { ...who, ruleId: r.id });
    await addRoutingRule(db, {
      ...who,
      environmentId: ctx.environmentId,
      name: 'UK',
      kind: 'billing-country',
      value: 'GB',
      xeroConnectionId: nz.id,
    });
    const held = await routeOrder(db, ctx, order('O-5', 'US'));
    expect(held).toEqual({ held: expect.stringContaining('No routing rule matches this order') });
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('workspace_id', '=', seeded.workspaceId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['routing.rule-added', 'routing.rule-moved', 'routing.rule-deleted']),
    );
  });
});
