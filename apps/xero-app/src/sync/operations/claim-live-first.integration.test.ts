import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type TestDatabase, testBackends } from '../../testing/test-databases.ts';
import { openWorkspaceDatabase } from '../../testing/workspace-database.ts';
import { claimReady, ensureOperation, markOrderBackground } from './operations-repo.ts';

// During a history import, a live order's invoice goes in the next batch, not after the import's backlog.
describe.each(testBackends)('claimReady on %s', (backend) => {
  let database: TestDatabase;
  let workspaceId = '';
  beforeAll(async () => {
    ({ database, workspaceId } = await openWorkspaceDatabase(backend, inject('postgresUrl')));
  });
  afterAll(async () => {
    await database?.drop();
  });

  const invoice = (orderId: string) =>
    ensureOperation(database.handle.db, {
      workspaceId,
      tenantId: 'tenant-live-first',
      connectionId: 'c',
      orderId,
      kind: 'invoice',
      key: `tenant-live-first:invoice:${orderId}`,
      payload: {},
      dependsOn: null,
    });

  it('sends live operations before older ones of a history import, each oldest first', async () => {
    const db = database.handle.db;
    for (const id of ['old-1', 'old-2', 'old-3']) {
      await invoice(id);
      await markOrderBackground(db, { connectionId: 'c', orderId: id });
    }
    await invoice('live-1');
    await invoice('live-2');
    const claimed = await db
      .transaction()
      .execute((trx) => claimReady(trx, { tenantId: 'tenant-live-first', kind: 'invoice', limit: 3 }));
    expect(claimed.map((o) => o.order_id)).toEqual(['live-1', 'live-2', 'old-1']);
  });

  it('marks only what is still to send: a sent operation stays as it was', async () => {
    const db = database.handle.db;
    await invoice('sent-1');
    await db
      .updateTable('xero_operations')
      .set({ status: 'done' })
      .where('order_id', '=', 'sent-1')
      .execute();
    await markOrderBackground(db, { connectionId: 'c', orderId: 'sent-1' });
    const row = await db
      .selectFrom('xero_operations')
      .select('background')
      .where('order_id', '=', 'sent-1')
      .executeTakeFirstOrThrow();
    expect(row.background).toBe(false);
  });
});
