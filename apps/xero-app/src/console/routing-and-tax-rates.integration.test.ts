import { ok, OrderSchema } from '@ledgerbridge/canonical';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateToLatest } from '../db/migrate.ts';
import { queueNames } from '../queue/queue-names.ts';
import { recordStep } from '../timeline/timeline-repo.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-databases.ts';
import { createConnectedApp } from './connected-app.ts';
import { createHarness, harnessConfig, installWorkspace } from './testing/connected-app-harness.ts';

// The console's routing page and the one-click approval of an order's missing tax rates, as a signed-in
// merchant uses them: forms with the CSRF token, redirects, audited changes, nothing across workspaces.
describe('console: routing rules and tax-rate approval', () => {
  let database: TestDatabase;
  const enqueued: Array<{ queue: string; data: unknown }> = [];
  const queue = {
    enqueue: async (input: { queue: string; data: object }) => {
      enqueued.push(input);
      return 'job';
    },
    deadLetters: async () => [],
    deleteDeadLetter: async () => {},
  };
  let app: ReturnType<typeof createConnectedApp>['routes'];
  let a: Awaited<ReturnType<typeof installWorkspace>>;
  let b: Awaited<ReturnType<typeof installWorkspace>>;

  beforeAll(async () => {
    database = await createTestDatabase('pglite', inject('postgresUrl'));
    const db = database.handle.db;
    await migrateToLatest(db);
    const harness = createHarness({ db, queue: queue as never });
    a = await installWorkspace(harness, db, queue as never, 'Alpha');
    b = await installWorkspace(harness, db, queue as never, 'Bravo');
    app = createConnectedApp({
      db,
      queue: queue as never,
      identity: harness.xero.identity,
      orderCloudAdmin: harness.oc.admin,
      keyring: harness.keyring,
      config: harnessConfig,
      logger: { error: () => {} },
      orderFor: async ({ orderId }) =>
        ok(
          OrderSchema.parse({
            id: orderId,
            status: 'open',
            currency: 'NZD',
            placedAt: '2026-12-01T00:00:00Z',
            customer: { id: 'u1', kind: 'person', firstName: 'Aroha' },
            billingAddress: { country: 'NZ' },
            pricesIncludeTax: true,
            lines: [],
            taxTotal: '0',
            total: '0',
            attributes: { buyerId: 'retail-nz' },
          }),
        ),
    }).routes;
  });
  afterAll(async () => {
    await database?.drop();
  });

  const post = (as: typeof a, path: string, form: Record<string, string>) =>
    app.request(path, {
      method: 'POST',
      headers: {
        cookie: as.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
      },
      body: new URLSearchParams({ _csrf: as.csrf, ...form }).toString(),
    });
  const get = (as: typeof a, path: string) =>
    app.request(path, { headers: { cookie: as.cookie, accept: 'text/html' } });

  it('adds, validates, reorders, tests and deletes routing rules, each audited', async () => {
    const bad = await post(a, '/console/environments/prod/routing', {
      name: 'Kiwis',
      kind: 'billing-country',
      value: 'New Zealand',
      xeroConnectionId: a.xeroConnectionId,
    });
    expect(bad.status).toBe(303);
    for (const [name, kind, value] of [
      ['Kiwis', 'billing-country', 'NZ'],
      ['Big orders', 'condition', 'total > 1000'],
    ] as const)
      expect(
        (
          await post(a, '/console/environments/prod/routing', {
            name,
            kind,
            value,
            xeroConnectionId: a.xeroConnectionId,
          })
        ).status,
      ).toBe(303);
    // Another workspace's organisation cannot be a target.
    await post(a, '/console/environments/prod/routing', {
      name: 'Theirs',
      kind: 'currency',
      value: 'AUD',
      xeroConnectionId: b.xeroConnectionId,
    });
    const page = await (await get(a, '/console/environments/prod/routing')).text();
    expect(page.match(/data-rule="[^"]+"/g)).toEqual(['data-rule="Kiwis"', 'data-rule="Big orders"']);

    const db = database.handle.db;
    const rules = await db
      .selectFrom('routing_rules')
      .select(['id', 'name'])
      .where('workspace_id', '=', a.workspaceId)
      .execute();
    const big = rules.find((r) => r.name === 'Big orders')?.id ?? '';
    expect(
      (await post(a, `/console/routing/${big}/move`, { direction: 'up', environment: 'prod' })).status,
    ).toBe(303);
    const reordered = await (await get(a, '/console/environments/prod/routing')).text();
    expect(reordered.match(/data-rule="[^"]+"/g)).toEqual(['data-rule="Big orders"', 'data-rule="Kiwis"']);

    const tested = await (
      await post(a, '/console/environments/prod/routing/test', { orderId: 'NZ-1' })
    ).text();
    expect(tested).toContain('Big orders: no match');
    expect(tested).toContain('Kiwis: <strong>matches</strong>');
    expect(tested).toContain('by rule “Kiwis”');

    // Bravo can neither see nor change Alpha's rules.
    expect((await post(b, `/console/routing/${big}/delete`, { environment: 'prod' })).status).toBe(404);
    expect((await post(a, `/console/routing/${big}/delete`, { environment: 'prod' })).status).toBe(303);
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('workspace_id', '=', a.workspaceId)
      .execute();
    expect(audit.map((r) => r.action).filter((x) => x.startsWith('routing.'))).toEqual([
      'routing.rule-added',
      'routing.rule-added',
      'routing.rule-moved',
      'routing.rule-deleted',
    ]);
  });

  it('shows an order’s missing tax rates and approves them with one click (audited, queued for the worker)', async () => {
    const db = database.handle.db;
    await db
      .updateTable('order_syncs')
      .set({ status: 'needs-attention' })
      .where('id', '=', a.orderSyncId)
      .execute();
    await recordStep(db, {
      workspaceId: a.workspaceId,
      orderKey: `${a.ordercloudConnectionId}:${a.orderId}`,
      step: 'validate',
      outcome: 'error',
      message: 'No active sales tax rate in Xero fits line “Mug”.',
      details: {
        problems: [],
        tenantId: a.tenantId,
        taxRateProposals: [
          {
            name: 'Sales Tax CALIFORNIA + LOS ANGELES',
            ratePercent: '7',
            components: [
              { name: 'CALIFORNIA', ratePercent: '6' },
              { name: 'LOS ANGELES', ratePercent: '1' },
            ],
          },
        ],
      },
    });
    const page = await (await get(a, `/console/orders/${a.orderSyncId}`)).text();
    expect(page).toContain('Sales Tax CALIFORNIA + LOS ANGELES');
    expect(page).toContain('CALIFORNIA 6 % + LOS ANGELES 1 %');
    expect(page).toContain(`action="/console/orders/${a.orderSyncId}/tax-rates"`);
    expect((await post(b, `/console/orders/${a.orderSyncId}/tax-rates`, {})).status).toBe(303);
    expect(enqueued.filter((j) => j.queue === queueNames.taxRates)).toEqual([]);
    expect((await post(a, `/console/orders/${a.orderSyncId}/tax-rates`, {})).status).toBe(303);
    expect(enqueued.filter((j) => j.queue === queueNames.taxRates)).toEqual([
      {
        queue: queueNames.taxRates,
        data: expect.objectContaining({
          tenantId: a.tenantId,
          orderId: a.orderId,
          actor: expect.any(String),
        }),
      },
    ]);
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('workspace_id', '=', a.workspaceId)
      .where('action', '=', 'xero.tax-rates-approved')
      .execute();
    expect(audit).toHaveLength(1);
  });
});
