import {
  type Db,
  ensureOperation,
  markDone,
  migrateToLatest,
  promoteSettledWaiters,
} from '@ledgerbridge/xero-app';
import { type TestDatabase, createTestDatabase, testBackends } from '@ledgerbridge/xero-app/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

// Two workers, one order each from the same customer. Worker A's flush is sending the customer's contact
// when worker B syncs the second order: in one transaction B finds the contact operation (not done yet),
// so it adds the invoice operation as 'waiting' on it. Before B commits, A's batch comes back and
// markDone(contact) wakes the contact's waiting dependants — B's invoice is not committed, so it is not
// among them. B commits: the invoice waits on a contact that is already done, for ever.
// The race needs a second connection completing A's contact while B's transaction is open; PGlite has
// one session, so there it cannot happen (and the session guard refuses the attempt): PostgreSQL only.
describe.each(testBackends.filter((backend) => backend === 'postgres'))(
  'an operation added while the operation it depends on is being completed (%s)',
  (backend) => {
    let database: TestDatabase;
    let db: Db;
    let workspaceId: string;

    beforeAll(async () => {
      database = await createTestDatabase(backend, inject('postgresUrl'));
      db = database.handle.db;
      await migrateToLatest(db);
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
