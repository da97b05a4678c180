import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type TestDatabase, testBackends } from '../../testing/test-databases.ts';
import { openWorkspaceDatabase } from '../../testing/workspace-database.ts';
import { findOperation, planLatest } from './operations-repo.ts';

// A catalog operation carries the latest payload: reopened when it changes, untouched when it does not.
describe.each(testBackends)('planLatest on %s', (backend) => {
  let database: TestDatabase;
  let workspaceId = '';
  beforeAll(async () => {
    ({ database, workspaceId } = await openWorkspaceDatabase(backend, inject('postgresUrl')));
  });
  afterAll(async () => {
    await database?.drop();
  });
  const db = () => database.handle.db;

  const plan = (payload: unknown, key = 't:item-upsert:MUG') =>
    planLatest(db(), {
      workspaceId,
      tenantId: 't',
      connectionId: 'c',
      orderId: null,
      kind: 'item-upsert',
      key,
      payload,
      dependsOn: null,
    });
  const markDone = () =>
    db()
      .updateTable('xero_operations')
      .set({ status: 'done' })
      .where('op_key', '=', 't:item-upsert:MUG')
      .execute();
  const setSending = (key: string) =>
    db().updateTable('xero_operations').set({ status: 'sending' }).where('op_key', '=', key).execute();

  it('plans once, ignores the same payload, and reopens a done operation whose payload changed', async () => {
    expect(await plan({ code: 'MUG', price: '1.00' })).toEqual({ planned: true });
    await markDone();
    expect(await plan({ price: '1.00', code: 'MUG' })).toEqual({ planned: false });
    expect((await findOperation(db(), 't:item-upsert:MUG'))?.status).toBe('done');
    expect(await plan({ code: 'MUG', price: '2.00' })).toEqual({ planned: true });
    const reopened = await findOperation(db(), 't:item-upsert:MUG');
    expect(reopened?.status).toBe('ready');
    expect(reopened?.payload).toEqual({ code: 'MUG', price: '2.00' });
  });

  it('leaves a batch in flight alone', async () => {
    const key = 't:item-upsert:CUP';
    expect(await plan({ code: 'CUP', price: '2.50' }, key)).toEqual({ planned: true });
    await setSending(key);
    expect(await plan({ code: 'CUP', price: '3.00' }, key)).toEqual({ planned: false });
    expect((await findOperation(db(), key))?.status).toBe('sending');
  });

  it('drops a plan made from a read older than the latest one (a slower job, or a read overtaken)', async () => {
    const key = 't:item-upsert:LAMP';
    const at = (s: number) => new Date(Date.UTC(2026, 11, 6, 10, 0, s));
    const planRead = (payload: unknown, readAt: Date) =>
      planLatest(db(), {
        workspaceId,
        tenantId: 't',
        connectionId: 'c',
        orderId: null,
        kind: 'item-upsert',
        key,
        payload,
        dependsOn: null,
        readAt,
      });
    expect(await planRead({ code: 'LAMP', name: 'New' }, at(20))).toEqual({ planned: true });
    expect(await planRead({ code: 'LAMP', name: 'Old' }, at(10))).toEqual({ planned: false });
    expect((await findOperation(db(), key))?.payload).toEqual({ code: 'LAMP', name: 'New' });
    // A newer read of the same product that changed nothing still outdates older reads.
    expect(await planRead({ code: 'LAMP', name: 'New' }, at(30))).toEqual({ planned: false });
    expect(await planRead({ code: 'LAMP', name: 'Older' }, at(25))).toEqual({ planned: false });
    expect(await planRead({ code: 'LAMP', name: 'Newest' }, at(40))).toEqual({ planned: true });
    expect((await findOperation(db(), key))?.payload).toEqual({ code: 'LAMP', name: 'Newest' });
  });
});
