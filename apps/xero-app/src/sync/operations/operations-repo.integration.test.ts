import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type TestDatabase, testBackends } from '../../testing/test-databases.ts';
import { openWorkspaceDatabase } from '../../testing/workspace-database.ts';
import type { OperationStatus } from '../../db/schema.ts';
import { ensureOperation, markDone, type NewOperation } from './operations-repo.ts';

// An operation's status comes from what it depends on, read in the statement that adds it; marking one
// done readies what waited on it in the same statement.
describe.each(testBackends)('ensureOperation on %s', (backend) => {
  let database: TestDatabase;
  let workspaceId = '';
  beforeAll(async () => {
    ({ database, workspaceId } = await openWorkspaceDatabase(backend, inject('postgresUrl')));
  });
  afterAll(async () => {
    await database?.drop();
  });

  const operation = (overrides: Partial<NewOperation> = {}): NewOperation => ({
    workspaceId,
    tenantId: 'tenant-ensure',
    connectionId: 'c',
    orderId: `order-${randomUUID()}`,
    kind: 'invoice',
    key: `tenant-ensure:${randomUUID()}`,
    payload: { n: 1 },
    dependsOn: null,
    ...overrides,
  });

  const withStatus = async (status: OperationStatus) => {
    const made = await ensureOperation(database.handle.db, operation({ kind: 'contact' }));
    await database.handle.db
      .updateTable('xero_operations')
      .set({ status })
      .where('id', '=', made.id)
      .execute();
    return made.id;
  };

  it('adds an operation that depends on nothing as ready, and says it created it', async () => {
    const op = operation();
    const made = await ensureOperation(database.handle.db, op);
    expect(made).toMatchObject({ created: true, status: 'ready', op_key: op.key, payload: { n: 1 } });
  });

  it.each([
    ['done', 'ready', null],
    ['waiting', 'waiting', null],
    ['ready', 'waiting', null],
    ['sending', 'waiting', null],
    ['failed', 'failed', 'an earlier step for this order failed'],
  ] as const)('after a dependency that is %s, it is %s', async (depStatus, status, error) => {
    const dependsOn = await withStatus(depStatus);
    const made = await ensureOperation(database.handle.db, operation({ dependsOn }));
    expect(made).toMatchObject({ created: true, status, depends_on: dependsOn });
    const row = await database.handle.db
      .selectFrom('xero_operations')
      .select(['status', 'error'])
      .where('id', '=', made.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status, error });
  });

  it('finds the first by its key the second time, unchanged, and says it did not create it', async () => {
    const op = operation();
    const first = await ensureOperation(database.handle.db, op);
    const second = await ensureOperation(database.handle.db, { ...op, payload: { n: 2 } });
    expect(second).toMatchObject({ id: first.id, created: false, payload: { n: 1 } });
  });

  it('refuses a dependency that does not exist', async () => {
    await expect(
      ensureOperation(database.handle.db, operation({ dependsOn: randomUUID() })),
    ).rejects.toThrow();
  });

  it('marks an operation done with its Xero ID, and readies what waited on it, nothing else', async () => {
    const db = database.handle.db;
    const contact = await ensureOperation(db, operation({ kind: 'contact' }));
    const waiting = await ensureOperation(db, operation({ dependsOn: contact.id }));
    const failed = await ensureOperation(db, operation({ dependsOn: contact.id, kind: 'payment' }));
    await db.updateTable('xero_operations').set({ status: 'failed' }).where('id', '=', failed.id).execute();
    const elsewhere = await ensureOperation(db, operation({ dependsOn: await withStatus('ready') }));
    await markDone(db, { id: contact.id, targetId: 'xero-contact-9', targetNumber: null, result: { ok: 1 } });
    const rows = await db
      .selectFrom('xero_operations')
      .select(['id', 'status', 'target_id', 'result'])
      .where('id', 'in', [contact.id, waiting.id, failed.id, elsewhere.id])
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(contact.id)).toMatchObject({
      status: 'done',
      target_id: 'xero-contact-9',
      result: { ok: 1 },
    });
    expect(byId.get(waiting.id)?.status).toBe('ready');
    expect(byId.get(failed.id)?.status).toBe('failed');
    expect(byId.get(elsewhere.id)?.status).toBe('waiting');
  });
});
