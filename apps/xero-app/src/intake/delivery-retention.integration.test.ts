import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedWorkspace } from '../connections/testing/seed-workspace.ts';
import { Migrator } from 'kysely/migration';
import { migrateToLatest } from '../db/migrate.ts';
import { migrations } from '../db/migrations/index.ts';
import { createTestDatabase, type TestDatabase, testBackends } from '../testing/test-databases.ts';
import { purgeExpiredDeliveries } from './delivery-retention.ts';

describe.each(testBackends)('delivery retention on %s', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(backend, inject('postgresUrl'));
    // Up to the migration before the token strip, so a delivery stored the old way can be seeded.
    const migrator = new Migrator({
      db: database.handle.db as never,
      provider: { getMigrations: async () => migrations },
    });
    const before = await migrator.migrateTo('2026-11-27T13-00-00-reconcile');
    if (before.error) throw before.error;
    await database.handle.db
      .insertInto('inbound_events')
      .values({
        connection_id: '00000000-0000-4000-8000-000000000002',
        source: 'ordercloud',
        delivery_id: 'stored-before-14',
        event_type: 'order.submitted',
        payload: JSON.stringify({
          LogID: 'l',
          Route: 'r',
          UserToken: 'eyJa.eyJb.c',
          Request: { Headers: 'x' },
        }),
        status: 'queued',
      })
      .execute();
    await migrateToLatest(database.handle.db);
  });

  it('strips tokens and headers from deliveries stored before the fix (migration)', async () => {
    const row = await database.handle.db
      .selectFrom('inbound_events')
      .select('payload')
      .where('delivery_id', '=', 'stored-before-14')
      .executeTakeFirstOrThrow();
    expect(row.payload).toEqual({ LogID: 'l', Route: 'r' });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('deletes deliveries past RETENTION_DAYS and keeps recent ones, pending Xero events and the timeline', async () => {
    const db = database.handle.db;
    const { workspaceId } = await seedWorkspace(db, 'Retention');
    const day = 86_400_000;
    const now = new Date('2026-12-05T12:00:00Z');
    const row = (delivery: string, source: string, status: 'queued' | 'processed', ageDays: number) => ({
      connection_id: '00000000-0000-4000-8000-000000000001',
      source,
      delivery_id: delivery,
      event_type: 'x',
      payload: '{}',
      status,
      received_at: new Date(now.getTime() - ageDays * day),
    });
    await db
      .insertInto('inbound_events')
      .values([
        row('oc-old', 'ordercloud', 'queued', 31),
        row('oc-new', 'ordercloud', 'queued', 29),
        row('xero-old-done', 'xero', 'processed', 40),
        row('xero-old-pending', 'xero', 'queued', 40),
        row('xero-new-done', 'xero', 'processed', 1),
      ])
      .execute();
    await db
      .insertInto('timeline')
      .values({
        workspace_id: workspaceId,
        subject_type: 'order',
        subject_id: 'o-1',
        step: 'receive',
        outcome: 'ok',
        message: 'received',
        details: '{}',
        at: new Date(now.getTime() - 60 * day),
      } as never)
      .execute();

    expect(await purgeExpiredDeliveries(db, { retentionDays: 30, now })).toBe(2);
    const left = await db
      .selectFrom('inbound_events')
      .select('delivery_id')
      .where('delivery_id', '!=', 'stored-before-14')
      .orderBy('delivery_id')
      .execute();
    expect(left.map((r) => r.delivery_id)).toEqual(['oc-new', 'xero-new-done', 'xero-old-pending']);
    expect(await db.selectFrom('timeline').select('id').execute()).toHaveLength(1);
  });
});
