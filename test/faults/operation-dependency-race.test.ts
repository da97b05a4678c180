import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Db } from '../../apps/xero-app/src/db/database.ts';
import { migrateToLatest } from '../../apps/xero-app/src/db/migrate.ts';
import {
  ensureOperation,
  markDone,
  promoteSettledWaiters,
} from '../../apps/xero-app/src/sync/operations-repo.ts';
import {
  createTestDatabase,
  type TestDatabase,
  testBackends,
} from '../../apps/xero-app/src/testing/test-databases.ts';

// Two workers, one order each from the same customer. Worker A's flush is sending the customer's contact
// when worker B syncs the second order: in one transaction B finds the contact operation (not done yet),
// so it adds the invoice operation as 'waiting' on it. Before B commits, A's batch comes back and
// markDone(contact) wakes the contact's waiting dependants — B's invoice is not committed, so it is not
// among them. B commits: the invoice waits on a contact that is already done, for ever.
describe.each(testBackends)(
  'an operation added while the operation it depends on is being completed (%s)',
  (backend) => {
    let database: TestDatabase;
    let db: Db;
    let workspaceId: string;

    beforeAll(async () => {
      database = await createTestDatabase(backend, inject('postgresUrl'));
      db = database.handle.db;
      await migrateToLatest(db as never);
      workspaceId = (
        await db.insertInto('workspaces').values({ name: 'Race' }).returning('id').executeTakeFirstOrThrow()
      ).id;
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('is sent once its dependency is done, not left waiting for ever', async () => {
      const base = { workspaceId, tenantId: 'tenant-1', connectionId: 'oc-1' };
      const contact = await ensureOperation(db, {
        ...base,
        orderId: 'order-1',
        kind: 'contact',
        key: 'tenant-1:contact:customer-1',
        payload: {},
        dependsOn: null,
      });
      await db
        .updateTable('xero_operations')
        .set({ status: 'sending' })
        .where('id', '=', contact.id)
        .execute();

      await db.transaction().execute(async (trx) => {
        await ensureOperation(trx, {
          ...base,
          orderId: 'order-2',
          kind: 'contact',
          key: 'tenant-1:contact:customer-1',
          payload: {},
          dependsOn: null,
        });
        await ensureOperation(trx, {
          ...base,
          orderId: 'order-2',
          kind: 'invoice',
          key: 'tenant-1:invoice:oc-1:order-2',
          payload: {},
          dependsOn: contact.id,
        });
        // Worker A's contact batch is answered now, on its own connection.
        await markDone(db, { id: contact.id, targetId: 'xero-contact-1', result: {} });
      });

      // What the flush that B's sync requests does before it claims anything.
      await promoteSettledWaiters(db, 'tenant-1');
      const invoice = await db
        .selectFrom('xero_operations')
        .select('status')
        .where('op_key', '=', 'tenant-1:invoice:oc-1:order-2')
        .executeTakeFirstOrThrow();
      expect(invoice.status, "the second order's invoice, whose contact is done").toBe('ready');
    });
  },
);
