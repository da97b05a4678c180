import { SEEDED_TENANT_IDS, startXeroSandbox, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createStackDatabase, type StackDatabase, testBackends } from '../support/backends.ts';
import { placeOrders, type Stack, startStack, waitUntil } from '../support/stack.ts';

describe.each(testBackends)('deliveries that never come (%s)', (backend) => {
  let xero: XeroSandbox;
  let database: StackDatabase;
  let stack: Stack;

  beforeAll(async () => {
    xero = await startXeroSandbox();
    database = await createStackDatabase(backend, inject('postgresUrl'));
    stack = await startStack({
      xero,
      tenantId: SEEDED_TENANT_IDS.au,
      databaseUrl: database.url,
      // Only when the test asks: once a year.
      worker: { reconcileCron: '0 0 1 1 *' },
      catalog: { seed: 3, profile: 'au' },
    });
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await database?.drop();
    await xero?.close();
  });

  it('finds submitted orders whose webhooks were all dropped, and invoices each once', async () => {
    // Drop counts deliveries: every one of these orders' deliveries is lost.
    await stack.orderCloud.admin.setFaults({ webhooks: { drop: 10_000 } });
    const placed = await placeOrders(stack, { seed: 3, count: 4, profile: 'au' });
    await stack.orderCloud.admin.flushDeliveries();
    await stack.orderCloud.admin.clearFaults();
    const db = stack.infra.database.db;
    expect(await db.selectFrom('inbound_events').select('id').execute()).toHaveLength(0);

    await stack.infra.queue.enqueue({ queue: 'reconcile', data: {} });
    const submitted = placed.filter((p) => p.placed.status !== 'Unsubmitted').map((p) => p.placed.orderId);
    await waitUntil(
      async () => {
        const rows = await db.selectFrom('order_syncs').select(['order_id', 'status']).execute();
        return submitted.every((id) =>
          rows.some((r) => r.order_id === id && !['received', 'queued'].includes(r.status)),
        )
          ? true
          : undefined;
      },
      { timeoutMs: 60_000, what: 'the reconciled orders to be settled' },
    );
    const events = await db.selectFrom('inbound_events').select(['source', 'delivery_id']).execute();
    expect(events.every((e) => e.source === 'reconciler')).toBe(true);
    // A second pass finds nothing new.
    await stack.infra.queue.enqueue({ queue: 'reconcile', data: {} });
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await db.selectFrom('inbound_events').select('id').execute()).toHaveLength(events.length);
    const docs = await xero.admin.documents(SEEDED_TENANT_IDS.au);
    for (const order of placed.filter(
      (p) => p.placed.status !== 'Canceled' && p.placed.status !== 'Unsubmitted',
    )) {
      expect(docs.invoices.filter((i) => i.Reference === order.placed.orderId)).toHaveLength(1);
    }
  }, 120_000);
});
