import { randomUUID } from 'node:crypto';
import { type AccountingInvoice, ok } from '@ledgerbridge/canonical';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { saveXeroAuthorisation } from '../connections/save-xero-authorisation.ts';
import { createFakeXeroIdentity } from '../connections/testing/fake-xero-identity.ts';
import { seedWorkspace } from '../connections/testing/seed-workspace.ts';
import { createKeyring } from '../crypto/keyring.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createJobQueue, type JobQueue } from '../queue/job-queue.ts';
import { queueNames } from '../queue/queue-names.ts';
import { createTestDatabase, type TestDatabase, testBackends } from '../testing/test-databases.ts';
import { receiveXeroEvents } from './receive-xero-events.ts';
import { startXeroEventsWith } from './xero-events-wiring.ts';

const keyring = createKeyring({ current: 'k'.repeat(43) });
const quietLogger = { debug: () => {}, info: () => {}, warn: () => {} };

// Xero webhooks that are not echoes of our own writes (invoices paid in Xero) are read in batches:
// the events met in the gather window cost one GET /Invoices?IDs=… per organisation, not one read each.
describe.each(testBackends)('Xero events read in batches (%s)', (backend) => {
  let database: TestDatabase;
  let queue: JobQueue;
  let workspaceId: string;
  let connectionId: string;
  const tenantId = `tenant-batched-${backend}`;
  const orders = ['A', 'B', 'C', 'D', 'E'];

  beforeAll(async () => {
    database = await createTestDatabase(backend, inject('postgresUrl'));
    const db = database.handle.db;
    await migrateToLatest(db);
    queue = createJobQueue(database.handle.queueConnection, { pollingIntervalSeconds: 0.5 });
    await queue.start();
    await queue.define(queueNames.xeroEvents, {
      retryLimit: 1,
      retryDelaySeconds: 1,
      retryDelayMaxSeconds: 1,
    });
    ({ workspaceId } = await seedWorkspace(db, 'Shop'));
    const saved = await saveXeroAuthorisation(
      { db, keyring, queue },
      {
        workspaceId,
        xeroUserId: 'u',
        tokens: createFakeXeroIdentity().issue(),
        tenants: [
          { id: 'c1', authEventId: 'a', tenantId, tenantType: 'ORGANISATION', tenantName: 'Shop Ltd' },
        ],
        actor: 'test',
      },
    );
    if (!saved.ok) throw new Error(saved.error.message);
    connectionId = randomUUID();
    await db
      .insertInto('ordercloud_connections')
      .values({
        id: connectionId,
        workspace_id: workspaceId,
        api_url: 'http://oc.test',
        client_id: 'client',
        key_id: keyring.currentKeyId,
        client_secret_enc: keyring.encrypt('secret', 'x'),
        hash_key_enc: keyring.encrypt('hash', 'y'),
        status: 'active',
      })
      .execute();
    await db
      .updateTable('environments')
      .set({
        xero_connection_id: saved.value.connections[0]?.id ?? null,
        xero_tenant_id: tenantId,
        ordercloud_connection_id: connectionId,
      })
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', 'prod')
      .execute();
    await db
      .insertInto('order_syncs')
      .values(
        orders.map((id) => ({
          workspace_id: workspaceId,
          ordercloud_connection_id: connectionId,
          order_id: `ORDER-${id}`,
          status: 'invoiced' as const,
          invoice_id: `inv-${id}`,
          invoice_number: `INV-${id}`,
          total: '110.00',
          currency: 'AUD',
          amount_paid: '0.00',
        })),
      )
      .execute();
  });
  afterAll(async () => {
    await queue?.stop(2_000);
    await database?.drop();
  });

  it('reads the invoices of many events with IDs= reads, fewer than the events, and applies each', async () => {
    const db = database.handle.db;
    const reads: string[][] = [];
    const written: string[] = [];
    const paid = (id: string): AccountingInvoice =>
      ({
        id,
        number: `INV-${id.slice(4)}`,
        status: 'PAID',
        total: '110.00',
        amountPaid: '110.00',
        amountDue: '0.00',
        currency: 'AUD',
      }) as AccountingInvoice;
    const unused = async () => {
      throw new Error('single reads are not used');
    };
    await startXeroEventsWith({
      db,
      queue,
      logger: quietLogger,
      gatherMs: 3_000,
      accountingFor: () => ({
        findInvoices: async ({ ids }) => {
          reads.push([...(ids ?? [])]);
          return ok((ids ?? []).map(paid));
        },
        findContacts: unused,
      }),
      commerceFor: async () => ({
        writeBack: async ({ orderId }) => {
          written.push(orderId);
          return ok(undefined);
        },
        updateCustomer: unused,
      }),
    });
    await receiveXeroEvents(
      { db, queue },
      orders.map((id) => ({
        resourceUrl: `https://api.xero.com/api.xro/2.0/Invoices/inv-${id}`,
        resourceId: `inv-${id}`,
        eventDateUtc: '2026-11-27T12:00:00.000',
        eventType: 'UPDATE',
        eventCategory: 'INVOICE',
        tenantId,
        tenantType: 'ORGANISATION',
      })),
    );
    const deadline = Date.now() + 30_000;
    for (;;) {
      const rows = await db
        .selectFrom('order_syncs')
        .select('order_id')
        .where('workspace_id', '=', workspaceId)
        .where('status', '=', 'paid')
        .execute();
      if (rows.length === orders.length) break;
      if (Date.now() > deadline) throw new Error(`only ${rows.length} orders paid`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(written.sort()).toEqual(orders.map((id) => `ORDER-${id}`));
    expect(reads.flat().sort()).toEqual(orders.map((id) => `inv-${id}`));
    expect(reads.length).toBeLessThan(orders.length);
    expect(Math.max(...reads.map((r) => r.length))).toBeGreaterThan(1);
  });
});
