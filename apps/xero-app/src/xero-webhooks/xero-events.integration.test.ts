import { randomUUID } from 'node:crypto';
import { fail, needsReconnect, ok, type Result } from '@ledgerbridge/canonical';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resumeParkedJobs } from '../connections/parked-jobs.ts';
import { saveXeroAuthorisation } from '../connections/save-xero-authorisation.ts';
import { createFakeXeroIdentity } from '../connections/testing/fake-xero-identity.ts';
import { seedWorkspace } from '../connections/testing/seed-workspace.ts';
import { createKeyring } from '../crypto/keyring.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createJobQueue, type JobQueue } from '../queue/job-queue.ts';
import { queueNames } from '../queue/queue-names.ts';
import { createTestDatabase, type TestDatabase, testBackends } from '../testing/test-databases.ts';
import { createXeroEventHandler } from './handle-xero-event.ts';
import type {
  OrderCloudCustomerWriter,
  OrderCloudWriteBack,
  XeroContactSnapshot,
  XeroInvoiceSnapshot,
} from './ports.ts';
import { receiveXeroEvents } from './receive-xero-events.ts';
import { startXeroEventWorker } from './xero-events-worker.ts';

const keyring = createKeyring({ current: 'k'.repeat(43) });
const quietLogger = { debug: () => {}, info: () => {}, warn: () => {} };

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(testBackends)('Xero events back to OrderCloud on %s', (backend) => {
  let database: TestDatabase;
  let queue: JobQueue;
  let workspaceId: string;
  let connectionId: string;
  const tenantId = `tenant-${backend}`;

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
    const fake = createFakeXeroIdentity();
    const saved = await saveXeroAuthorisation(
      { db, keyring, queue },
      {
        workspaceId,
        xeroUserId: 'u',
        tokens: fake.issue(),
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
        xero_connection_id: saved.value.connections[0]!.id,
        xero_tenant_id: tenantId,
        ordercloud_connection_id: connectionId,
      })
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', 'prod')
      .execute();
    await db
      .insertInto('order_syncs')
      .values({
        workspace_id: workspaceId,
        ordercloud_connection_id: connectionId,
        order_id: 'ORDER-1',
        status: 'invoiced',
        invoice_id: 'inv-1',
        invoice_number: 'INV-0001',
        total: '110.00',
        currency: 'AUD',
        amount_paid: '0.00',
      })
      .execute();
  });
  afterAll(async () => {
    await queue?.stop(2_000);
    await database?.drop();
  });

  const event = (category: string, resourceId: string, at = '2026-11-27T12:00:00.000') => ({
    resourceUrl: `https://api.xero.com/api.xro/2.0/${category}s/${resourceId}`,
    resourceId,
    eventDateUtc: at,
    eventType: 'UPDATE',
    eventCategory: category,
    tenantId,
    tenantType: 'ORGANISATION',
  });

  function fakes(invoice: Partial<XeroInvoiceSnapshot> = {}) {
    const fetched: string[] = [];
    const writes: Parameters<OrderCloudWriteBack['writeBack']>[0][] = [];
    const invoices = {
      async getInvoice(input: { invoiceId: string }): Promise<Result<XeroInvoiceSnapshot>> {
        fetched.push(input.invoiceId);
        return ok({
          id: input.invoiceId,
          number: 'INV-0001',
          status: 'PAID',
          total: '110.00',
          amountPaid: '110.00',
          amountDue: '0.00',
          currency: 'AUD',
          ...invoice,
        });
      },
    };
    const orders: OrderCloudWriteBack = {
      async writeBack(input) {
        writes.push(input);
        return ok(undefined);
      },
    };
    return { invoices, orders, fetched, writes };
  }

  it('stores each event once and enqueues its job in the same transaction', async () => {
    const db = database.handle.db;
    const deps = { db, queue };
    const first = await receiveXeroEvents(deps, [event('INVOICE', 'inv-queued', '2026-11-27T13:00:00.000')]);
    const again = await receiveXeroEvents(deps, [event('INVOICE', 'inv-queued', '2026-11-27T13:00:00.000')]);
    const stranger = await receiveXeroEvents(deps, [
      { ...event('INVOICE', 'inv-x'), tenantId: 'someone-else' },
    ]);
    expect(first).toEqual({ queued: 1, duplicates: 0, ignored: 0 });
    expect(again).toEqual({ queued: 0, duplicates: 1, ignored: 0 });
    expect(stranger).toEqual({ queued: 0, duplicates: 0, ignored: 1 });
    const stored = await db.selectFrom('inbound_events').selectAll().where('source', '=', 'xero').execute();
    const mine = stored.filter((e) => (e.payload as { resourceId: string }).resourceId === 'inv-queued');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ event_type: 'INVOICE.UPDATE' });
  });

  it('paying an invoice in Xero marks the OrderCloud order paid and completed, once', async () => {
    const db = database.handle.db;
    const f = fakes();
    const handle = createXeroEventHandler({ db, invoices: f.invoices, orders: f.orders });
    const job = {
      workspaceId,
      inboundEventId: randomUUID(),
      tenantId,
      category: 'INVOICE',
      type: 'UPDATE',
      resourceId: 'inv-1',
      eventDateUtc: 'x',
    };
    expect(await handle(job)).toBe('paid');
    expect(f.writes).toEqual([
      {
        connectionId,
        orderId: 'ORDER-1',
        status: 'Completed',
        state: expect.objectContaining({
          invoiceId: 'inv-1',
          invoiceNumber: 'INV-0001',
          invoiceStatus: 'paid',
          amountPaid: '110.00',
          needsAttention: false,
        }),
      },
    ]);
    const sync = await db
      .selectFrom('order_syncs')
      .selectAll()
      .where('order_id', '=', 'ORDER-1')
      .executeTakeFirstOrThrow();
    expect(sync).toMatchObject({ status: 'paid', amount_paid: '110.00' });
    const steps = await db
      .selectFrom('timeline')
      .selectAll()
      .where('subject_id', '=', `${connectionId}:ORDER-1`)
      .execute();
    expect(steps.map((s) => s.step)).toContain('xero-update');
    // Xero sends more than one UPDATE for a change: the second is not written again.
    expect(await handle({ ...job, inboundEventId: randomUUID() })).toBe('unchanged');
    expect(f.writes).toHaveLength(1);
  });

  it('does not spend a Xero call on invoices it did not create', async () => {
    const f = fakes();
    const handle = createXeroEventHandler({ db: database.handle.db, invoices: f.invoices, orders: f.orders });
    const outcome = await handle({
      workspaceId,
      inboundEventId: randomUUID(),
      tenantId,
      category: 'INVOICE',
      type: 'UPDATE',
      resourceId: 'not-ours',
      eventDateUtc: 'x',
    });
    expect(outcome).toBe('not-ours');
    expect(f.fetched).toEqual([]);
  });

  it('a contact change from Xero writes only Xero-owned fields, and our own echo is dropped', async () => {
    const db = database.handle.db;
    await db
      .insertInto('xero_contact_index')
      .values({
        tenant_id: tenantId,
        contact_id: 'contact-1',
        contact_number: 'buyer-user-7',
        email_key: null,
        name: 'Ann',
        name_key: 'ann',
        archived: false,
        updated_at: null,
      })
      .execute();
    let contact: XeroContactSnapshot = {
      id: 'contact-1',
      contactNumber: 'buyer-user-7',
      name: 'Ann Changed-In-Xero',
      email: 'changed@xero.example',
      phone: '+61 2 5550 1234',
      billingAddress: { street1: '1 Pitt St', city: 'Sydney', postalCode: '2000', country: 'AU' },
    };
    const updates: Parameters<OrderCloudCustomerWriter['updateCustomer']>[0][] = [];
    const handle = createXeroEventHandler({
      db,
      ...fakes(),
      contacts: { getContact: async () => ok(contact) },
      customers: {
        async updateCustomer(input) {
          updates.push(input);
          return ok(undefined);
        },
      },
    });
    const job = {
      workspaceId,
      inboundEventId: randomUUID(),
      tenantId,
      category: 'CONTACT',
      type: 'UPDATE',
      resourceId: 'contact-1',
      eventDateUtc: 'x',
    };
    expect(await handle(job)).toBe('updated');
    expect(updates).toEqual([
      {
        connectionId,
        customerId: 'buyer-user-7',
        fields: {
          phone: '+61 2 5550 1234',
          billingAddress: { street1: '1 Pitt St', city: 'Sydney', postalCode: '2000', country: 'AU' },
        },
      },
    ]);
    // The same owned fields again (e.g. the echo of our name/email push to Xero): nothing written.
    contact = { ...contact, name: 'Ann From OrderCloud' };
    expect(await handle({ ...job, inboundEventId: randomUUID() })).toBe('echo');
    contact = { ...contact, phone: '+61 2 5550 9999' };
    expect(await handle({ ...job, inboundEventId: randomUUID() })).toBe('updated');
    expect(updates).toHaveLength(2);
    expect(await handle({ ...job, resourceId: 'unknown-contact', inboundEventId: randomUUID() })).toBe(
      'not-ours',
    );
  });

  it('through the queue: a disconnected Xero parks the event instead of dead-lettering it', async () => {
    const db = database.handle.db;
    await db
      .insertInto('order_syncs')
      .values({
        workspace_id: workspaceId,
        ordercloud_connection_id: connectionId,
        order_id: 'ORDER-2',
        status: 'invoiced',
        invoice_id: 'inv-2',
        invoice_number: 'INV-0002',
        total: '50.00',
        currency: 'AUD',
      })
      .execute();
    let connected = false;
    const f = fakes({
      id: 'inv-2',
      number: 'INV-0002',
      total: '50.00',
      amountPaid: '20.00',
      amountDue: '30.00',
      status: 'AUTHORISED',
    });
    const handle = createXeroEventHandler({
      db,
      orders: f.orders,
      invoices: {
        getInvoice: async (input) =>
          connected
            ? f.invoices.getInvoice(input)
            : fail(needsReconnect('xero-invalid-grant', 'Reconnect Xero.')),
      },
    });
    await startXeroEventWorker({ db, queue, handle, logger: quietLogger });
    await receiveXeroEvents({ db, queue }, [event('INVOICE', 'inv-2', '2026-11-27T14:00:00.000')]);
    const parked = await waitFor(async () => {
      const rows = await db
        .selectFrom('parked_jobs')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .execute();
      return rows.length > 0 ? rows : undefined;
    });
    expect(parked[0]).toMatchObject({ queue: queueNames.xeroEvents, reason: 'Reconnect Xero.' });
    expect(await queue.deadLetters(queueNames.xeroEvents)).toEqual([]);
    connected = true;
    await db.transaction().execute((trx) => resumeParkedJobs(trx, { workspaceId, queue }));
    await waitFor(async () => {
      const row = await db
        .selectFrom('order_syncs')
        .select('status')
        .where('order_id', '=', 'ORDER-2')
        .executeTakeFirstOrThrow();
      return row.status === 'part-paid' ? true : undefined;
    });
    expect(f.writes.at(-1)).toMatchObject({
      orderId: 'ORDER-2',
      state: { amountPaid: '20.00', invoiceStatus: 'part-paid' },
    });
    expect(f.writes.at(-1)?.status).toBeUndefined();
  });
});
