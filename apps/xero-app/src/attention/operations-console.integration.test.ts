import { randomUUID } from 'node:crypto';
import type { SyncEvent } from '@ledgerbridge/canonical';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedWorkspace } from '../connections/testing/seed-workspace.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { readTenantBudgets } from '../dashboard/budget-reads.ts';
import { dailyFigures } from '../dashboard/dashboard-queries.ts';
import { recordOrderEvent } from '../sync/order-status/record-order-event.ts';
import { createTestDatabase, type TestDatabase, testBackends } from '../testing/test-databases.ts';
import { countAttentionByReason, listAttention } from './attention-repo.ts';
import { recheckAttention } from './recheck-attention.ts';
import { retryOrders } from './retry-orders.ts';

describe.each(testBackends)('needs attention, retry and dashboard figures on %s', (backend) => {
  let database: TestDatabase;

  /** A workspace whose prod environment joins a marketplace to a Xero org (tests run shuffled: one each). */
  async function boundWorkspace() {
    const db = database.handle.db;
    const { workspaceId } = await seedWorkspace(db, 'Ops');
    const tenantId = `tenant-${randomUUID()}`;
    const oc = await db
      .insertInto('ordercloud_connections')
      .values({
        workspace_id: workspaceId,
        api_url: 'https://oc.test',
        client_id: 'c',
        key_id: 'k',
        client_secret_enc: 'x',
        hash_key_enc: 'x',
        status: 'active',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const tokenSet = await db
      .insertInto('xero_token_sets')
      .values({
        workspace_id: workspaceId,
        xero_user_id: null,
        key_id: 'k',
        access_token_enc: 'x',
        refresh_token_enc: 'x',
        access_expires_at: new Date(),
        refresh_expires_at: new Date(),
        scopes: '',
        status: 'active',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const xc = await db
      .insertInto('xero_connections')
      .values({
        workspace_id: workspaceId,
        token_set_id: tokenSet.id,
        xero_connection_id: `xc-${tenantId}`,
        tenant_id: tenantId,
        tenant_name: 'Ops Org',
        status: 'active',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('environments')
      .set({ xero_connection_id: xc.id, ordercloud_connection_id: oc.id })
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', 'prod')
      .execute();
    await db
      .insertInto('reference_cache')
      .values({ tenant_id: tenantId, kind: 'all', data: '{}', fetched_at: new Date() })
      .execute();
    return { workspaceId, connectionId: oc.id, tenantId };
  }

  beforeAll(async () => {
    database = await createTestDatabase(backend, inject('postgresUrl'));
    await migrateToLatest(database.handle.db);
  });
  afterAll(async () => database?.drop());

  it('keeps the reason of an order that needs attention and clears it when the order moves on', async () => {
    const db = database.handle.db;
    const { workspaceId, connectionId } = await boundWorkspace();
    const base = { workspaceId, connectionId };
    await recordOrderEvent(
      { db },
      { ...base, orderId: 'o-lock' },
      {
        type: 'needs-attention',
        message: 'The order date 2026-12-01 is on or before the period lock date 2026-12-03 in Xero.',
      },
    );
    await recordOrderEvent(
      { db },
      { ...base, orderId: 'o-tax' },
      {
        type: 'needs-attention',
        message: 'Tax type GSTX does not exist in Xero (line “Mug”).',
      },
    );
    await recordOrderEvent(
      { db },
      { ...base, orderId: 'o-ok' },
      { type: 'invoiced', invoiceId: 'i-ok', invoiceNumber: 'OC-ok', amountPaid: '0' },
    );
    // A later event that only refreshes the totals keeps the reason.
    await recordOrderEvent(
      { db },
      { ...base, orderId: 'o-lock' },
      { type: 'received', currency: 'AUD', total: '10.00', customerName: 'A' },
    );
    expect(Object.fromEntries(await countAttentionByReason(db, workspaceId))).toEqual({
      'lock-date': 1,
      tax: 1,
    });
    const locked = await listAttention(db, { workspaceId, reason: 'lock-date' });
    expect(locked.map((r) => r.orderId)).toEqual(['o-lock']);
    await recordOrderEvent(
      { db },
      { ...base, orderId: 'o-tax' },
      { type: 'invoiced', invoiceId: 'i-tax', invoiceNumber: 'OC-tax', amountPaid: '0' },
    );
    expect(Object.fromEntries(await countAttentionByReason(db, workspaceId))).toEqual({ 'lock-date': 1 });
  });

  it('retries every order of one reason: stale org data, failed operations retired, one sync job each', async () => {
    const db = database.handle.db;
    const { workspaceId, connectionId, tenantId } = await boundWorkspace();
    await recordOrderEvent(
      { db },
      { workspaceId, connectionId, orderId: 'o-lock' },
      {
        type: 'needs-attention',
        message:
          'Xero refused the invoice: The document date cannot be before the period lock date, currently set at 3 Dec 2026',
      },
    );
    await db
      .insertInto('xero_operations')
      .values({
        workspace_id: workspaceId,
        tenant_id: tenantId,
        source_connection_id: connectionId,
        order_id: 'o-lock',
        kind: 'invoice',
        op_key: `${tenantId}:invoice:${connectionId}:o-lock`,
        payload: '{}',
        status: 'failed',
        error: 'Xero refused',
      })
      .execute();
    const sent: SyncEvent[] = [];
    const result = await retryOrders(
      { db, enqueueSync: async (events) => void sent.push(...events) },
      { workspaceId, actor: 'ops@example.com', reason: 'lock-date' },
    );
    expect(result).toEqual({ ok: true, value: { retried: 1 } });
    expect(sent).toMatchObject([
      { type: 'order.submitted', orderId: 'o-lock', connectionId, source: 'console' },
    ]);
    const op = await db
      .selectFrom('xero_operations')
      .select('op_key')
      .where('order_id', '=', 'o-lock')
      .executeTakeFirstOrThrow();
    expect(op.op_key).toMatch(/:retired:/);
    const cache = await db
      .selectFrom('reference_cache')
      .select('fetched_at')
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    expect(new Date(cache.fetched_at).getTime()).toBe(0);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('workspace_id', '=', workspaceId)
      .execute();
    expect(audit).toContainEqual({ action: 'orders.retried', actor: 'ops@example.com' });
    const steps = await db
      .selectFrom('timeline')
      .select('message')
      .where('subject_id', '=', `${connectionId}:o-lock`)
      .execute();
    expect(steps.map((s) => s.message)).toContain('Retried by ops@example.com (period locked in xero).');
    const nothing = await retryOrders(
      { db, enqueueSync: async () => {} },
      { workspaceId, actor: 'x', ids: ['not-a-uuid'] },
    );
    expect(nothing.ok).toBe(false);
  });

  it('re-checks by itself: orders blocked by a lock date are retried once Xero’s lock date moves', async () => {
    const db = database.handle.db;
    const { workspaceId, connectionId, tenantId } = await boundWorkspace();
    const reference = (lockDate: string | undefined) => ({
      organisation: {
        name: 'Ops Org',
        baseCurrency: 'AUD',
        countryCode: 'AU',
        isStarterTier: false,
        ...(lockDate ? { lockDate } : {}),
      },
      accounts: [],
      taxRates: [],
      trackingCategories: [],
      currencies: ['AUD'],
      itemCodes: [],
    });
    await db
      .updateTable('reference_cache')
      .set({ data: JSON.stringify(reference('2026-12-31')), fetched_at: new Date(0) })
      .where('tenant_id', '=', tenantId)
      .execute();
    await recordOrderEvent(
      { db },
      { workspaceId, connectionId, orderId: 'o-locked' },
      {
        type: 'needs-attention',
        message: 'The order date 2026-12-05 is on or before the period lock date 2026-12-31 in Xero.',
      },
    );
    let lockDate: string | undefined = '2026-12-31';
    const sent: SyncEvent[] = [];
    const deps = {
      db,
      enqueueSync: async (events: readonly SyncEvent[]) => void sent.push(...events),
      accountingFor: () =>
        ({ getReferenceData: async () => ({ ok: true as const, value: reference(lockDate) }) }) as never,
      orgMaxAgeMs: 0,
    };
    // Other tests' workspaces share the database: only this order is looked at.
    const mine = () => sent.filter((e) => 'orderId' in e && e.orderId === 'o-locked');
    await recheckAttention(deps);
    expect(mine()).toEqual([]);
    lockDate = undefined; // the bookkeeper lifted it in Xero
    // The reference cache lets one refresh a tenant at a time (a 30 s lease); the next look is later.
    await db.deleteFrom('reference_cache').where('kind', '=', 'refresh-lease').execute();
    await recheckAttention(deps);
    expect(mine()).toHaveLength(1);
  });

  it('re-checks the orders of a Sitecore site too (the site stands where a connection does)', async () => {
    const db = database.handle.db;
    const { workspaceId, tenantId } = await boundWorkspace();
    const env = await db
      .selectFrom('environments')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', 'prod')
      .executeTakeFirstOrThrow();
    const site = await db
      .insertInto('sitecore_sites')
      .values({
        workspace_id: workspaceId,
        name: 'Head',
        environment_id: env.id,
        key_id: 'k',
        signing_secret_enc: 'x',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const reference = (lockDate: string | undefined) => ({
      organisation: {
        name: 'Ops Org',
        baseCurrency: 'AUD',
        countryCode: 'AU',
        isStarterTier: false,
        ...(lockDate ? { lockDate } : {}),
      },
      accounts: [],
      taxRates: [],
      trackingCategories: [],
      currencies: ['AUD'],
      itemCodes: [],
    });
    await db
      .updateTable('reference_cache')
      .set({ data: JSON.stringify(reference('2026-12-31')), fetched_at: new Date(0) })
      .where('tenant_id', '=', tenantId)
      .execute();
    await recordOrderEvent(
      { db },
      { workspaceId, connectionId: site.id, orderId: 'SC-locked' },
      {
        type: 'needs-attention',
        message: 'The order date 2026-12-05 is on or before the period lock date 2026-12-31 in Xero.',
      },
    );
    const sent: SyncEvent[] = [];
    await recheckAttention({
      db,
      enqueueSync: async (events: readonly SyncEvent[]) => void sent.push(...events),
      // The bookkeeper has lifted the lock in Xero since the order was blocked.
      accountingFor: () =>
        ({ getReferenceData: async () => ({ ok: true as const, value: reference(undefined) }) }) as never,
      orgMaxAgeMs: 0,
    });
    expect(sent.filter((e) => 'orderId' in e && e.orderId === 'SC-locked')).toMatchObject([
      { type: 'order.submitted', connectionId: site.id },
    ]);
    // The retry read the site's org again (its settings were marked stale, not only the marketplace's).
    const cached = await db
      .selectFrom('reference_cache')
      .select('data')
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', 'all')
      .executeTakeFirstOrThrow();
    expect((cached.data as { organisation: { lockDate?: string } }).organisation.lockDate).toBeUndefined();
  });

  it('counts orders per day, latency percentiles and failures by class, and the budget', async () => {
    const db = database.handle.db;
    const { workspaceId, connectionId, tenantId } = await boundWorkspace();
    await recordOrderEvent(
      { db },
      { workspaceId, connectionId, orderId: 'o-att' },
      {
        type: 'needs-attention',
        message: 'Tax type X does not exist in Xero.',
      },
    );
    const now = new Date();
    const created = new Date(now.getTime() - 60_000);
    const rows = await db
      .insertInto('order_syncs')
      .values(
        [2, 4, 6, 8]
          .map((s, i) => ({
            workspace_id: workspaceId,
            ordercloud_connection_id: connectionId,
            order_id: `lat-${i}`,
            status: 'invoiced',
            created_at: created,
            updated_at: created,
            reason: null,
            _s: s,
          }))
          .map(({ _s, ...r }) => r),
      )
      .returning(['order_id'])
      .execute();
    await db
      .insertInto('timeline')
      .values(
        rows.map((r, i) => ({
          workspace_id: workspaceId,
          subject_type: 'order',
          subject_id: `${connectionId}:${r.order_id}`,
          step: 'invoice',
          outcome: 'ok' as const,
          message: 'Invoice created',
          details: '{}',
          at: new Date(created.getTime() + (i + 1) * 2000),
        })),
      )
      .execute();
    const figures = await dailyFigures(db, { workspaceId, now });
    expect(figures.days).toHaveLength(7);
    expect(figures.days.at(-1)).toBe(now.toISOString().slice(0, 10));
    expect(figures.orders.synced.at(-1)).toBe(4);
    expect(figures.latencyP50.at(-1)).toBe(5);
    expect(figures.latencyP95.at(-1)).toBeCloseTo(7.7, 1);
    expect(figures.orders.attention.at(-1)).toBe(1);

    await db
      .insertInto('rate_calls')
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          tenant_id: tenantId,
          at: new Date(now.getTime() - i * 1000),
        })),
      )
      .execute();
    const budgets = await readTenantBudgets(db, {
      tenantIds: [tenantId],
      defaultDayLimit: 1000,
      minuteMs: 60_000,
      now,
    });
    expect(budgets.get(tenantId)).toMatchObject({
      minuteUsed: 30,
      dayUsed: 30,
      dayLimit: 1000,
      forecast: { left: 970, perHour: 30 },
    });
  });
});
