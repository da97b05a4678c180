import { SEEDED_TENANT_IDS, startXeroSandbox, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../apps/xero-app/src/testing/test-databases.ts';
import { placeOrders, type Stack, startStack, waitUntil } from '../support/stack.ts';

describe('order to cash: OrderCloud sandbox → webhook → worker → Xero sandbox', () => {
  let xero: XeroSandbox;
  let database: TestDatabase;
  let stack: Stack;

  beforeAll(async () => {
    xero = await startXeroSandbox({ contractCheck: true } as never);
    database = await createTestDatabase('postgres', inject('postgresUrl'));
    stack = await startStack({
      xero,
      tenantId: SEEDED_TENANT_IDS.au,
      databaseUrl: database.url ?? '',
      worker: { fillWaitMs: 0 },
      catalog: { seed: 7, profile: 'au' },
    });
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await database?.drop();
    await xero?.close();
  });

  it('invoices AU orders placed through OrderCloud, each once, to the cent', async () => {
    const orders = (await placeOrders(stack, { seed: 7, count: 12, profile: 'au' })).map((o) => o.placed);
    const submitted = orders.filter((o) => o.status !== 'Canceled' && o.status !== 'Unsubmitted');
    const db = stack.infra.database.db;
    await waitUntil(
      async () => {
        const rows = await db.selectFrom('order_syncs').select(['order_id', 'status']).execute();
        return rows.length >= orders.length && rows.every((r) => !['received', 'queued'].includes(r.status))
          ? rows
          : undefined;
      },
      { timeoutMs: 60_000, what: 'every order to be settled' },
    );
    const docs = await xero.admin.documents(SEEDED_TENANT_IDS.au);
    const rows = await db.selectFrom('order_syncs').selectAll().execute();
    const attention = rows.filter((r) => r.status === 'needs-attention');
    expect(attention.map((r) => r.message)).toEqual([]);
    for (const order of submitted) {
      const invoices = docs.invoices.filter((i) => i.Reference === order.orderId);
      expect(invoices, `order ${order.orderId}`).toHaveLength(1);
    }
    expect(await xero.admin.contractViolations()).toEqual([]);
  }, 120_000);
});
