import {
  createRateBudget,
  type Db,
  ensureOperation,
  type FlushDeps,
  flushTenant,
  xeroLimits,
} from '@ledgerbridge/xero-app';
import { testBackends } from '@ledgerbridge/xero-app/testing';
import { SEEDED_TENANT_IDS, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type FlushHarness, openFlushHarness } from '../support/flush-harness.ts';

// A flush holds one of a worker's few slots. A tenant at its own limit (its minute spent, its day, a pause)
// must give the slot back rather than sleep in it, and a tenant with a backlog must not keep it while other
// tenants' flushes wait: the worker serves the tenants in turn.
describe.each(testBackends)('a flush and its worker slot (%s)', (backend) => {
  let harness: FlushHarness;
  let sandbox: XeroSandbox;
  let db: Db;
  let deps: FlushDeps;

  beforeAll(async () => {
    harness = await openFlushHarness({
      backend,
      runUrl: inject('postgresUrl'),
      tenants: [SEEDED_TENANT_IDS.au, SEEDED_TENANT_IDS.nz, SEEDED_TENANT_IDS.uk, SEEDED_TENANT_IDS.us],
      deps: { batchSize: 1 },
    });
    ({ sandbox, db, deps } = harness);
  });
  afterAll(async () => {
    await harness?.close();
  });

  const addItems = async (tenantId: string, codes: string[]) => {
    const ids: string[] = [];
    for (const code of codes) ids.push(await harness.addItem(tenantId, code));
    return ids;
  };
  const statuses = async (ids: string[]) =>
    (await db.selectFrom('xero_operations').select('status').where('id', 'in', ids).execute()).map(
      (r) => r.status,
    );
  // What reached Xero for the tenant: its item writes.
  const itemWrites = async (tenantId: string) =>
    (await sandbox.admin.requests({ tenantId, kind: 'accounting' })).filter((r) => r.path.includes('/Items'))
      .length;

  it('gives the slot back when the tenant is at its minute limit, and another tenant is served', async () => {
    const busy = SEEDED_TENANT_IDS.au;
    const other = SEEDED_TENANT_IDS.nz;
    const [held] = await addItems(busy, ['HELD-1']);
    const [served] = await addItems(other, ['SERVED-1']);
    // The busy tenant spent its 60 calls 59 s ago: its minute (with the arrival margin) frees in about
    // 3 s — a wait short enough that a flush used to sleep through it in its slot.
    const at = new Date(Date.now() - 59_000);
    await db
      .insertInto('rate_calls')
      .values(Array.from({ length: 60 }, () => ({ tenant_id: busy, at })))
      .execute();
    await db.insertInto('rate_budgets').values({ tenant_id: busy, day_limit: 5000 }).execute();

    const outcome = await flushTenant(deps, { tenantId: busy });
    expect(outcome.calls).toBe(0);
    expect(outcome.again?.afterMs).toBeGreaterThan(0);
    expect(outcome.again?.afterMs).toBeLessThanOrEqual(5_000);
    expect(await statuses([held ?? ''])).toEqual(['ready']);
    expect(await itemWrites(busy)).toBe(0);

    const next = await flushTenant(deps, { tenantId: other });
    expect(next.calls).toBe(1);
    expect(await statuses([served ?? ''])).toEqual(['done']);
    expect(await itemWrites(other)).toBe(1);
  });

  it('sends one batch and comes back behind the others when other tenants wait', async () => {
    const tenantId = SEEDED_TENANT_IDS.uk;
    const ids = await addItems(tenantId, ['TURN-1', 'TURN-2', 'TURN-3']);

    const turn = await flushTenant({ ...deps, othersWaiting: async () => true }, { tenantId });
    expect(turn.calls).toBe(1);
    expect(turn.again).toEqual({ afterMs: 0 });
    expect((await statuses(ids)).filter((s) => s === 'done')).toHaveLength(1);

    // Alone, the tenant's flush sends what remains in one go.
    const alone = await flushTenant({ ...deps, othersWaiting: async () => false }, { tenantId });
    expect(alone.calls).toBe(2);
    expect(alone.again).toBeUndefined();
    expect(await statuses(ids)).toEqual(['done', 'done', 'done']);
  });

  it('comes back when the budget frees, not that long after the batches it had in flight are done', async () => {
    const tenantId = SEEDED_TENANT_IDS.us;
    const ctx = harness.contextOf(tenantId);
    // Catalog items go several batches at once (batches of one here), so one is still travelling when
    // the budget says wait.
    const ids: string[] = [];
    for (const code of ['BACK-1', 'BACK-2']) {
      const op = await ensureOperation(db, {
        workspaceId: ctx.workspaceId,
        tenantId,
        connectionId: ctx.connectionId,
        orderId: null,
        kind: 'item-upsert',
        key: `${tenantId}:item-upsert:${code}`,
        payload: { productId: code, sku: code, code, name: `Item ${code}` },
        dependsOn: null,
      });
      ids.push(op.id);
    }
    const waitMs = 800;
    const drainMs = 300;
    let asked = 0;
    let waitRead: () => void = () => {};
    const waitGiven = new Promise<void>((resolve) => (waitRead = resolve));
    const accounting = deps.accountingFor(ctx.workspaceId);
    const outcome = await flushTenant(
      {
        ...deps,
        turnLeadMs: 100,
        // The first batch is admitted; then the tenant's minute is spent for `waitMs`.
        budgetWaitMs: async () => {
          asked += 1;
          if (asked === 1) return 0;
          waitRead();
          return waitMs;
        },
        // The first batch is still travelling when the wait is read, and for `drainMs` after it.
        accountingFor: () => ({
          ...accounting,
          upsertItems: async (input) => {
            await waitGiven;
            await new Promise((r) => setTimeout(r, drainMs));
            return accounting.upsertItems(input);
          },
        }),
      },
      { tenantId },
    );
    expect(outcome.calls).toBe(1);
    // The wait ran while the batch in flight was finishing: what is left of it, not all of it.
    expect(outcome.again?.afterMs).toBeLessThanOrEqual(waitMs - drainMs);
    expect((await statuses(ids)).sort()).toEqual(['done', 'ready']);
  });

  it("takes a place in the line for the app's minute only when it has something to send", async () => {
    const idle = SEEDED_TENANT_IDS.nz;
    const busy = SEEDED_TENANT_IDS.uk;
    const mine = await addItems(busy, ['LINE-1']);
    // The app's minute (one call, for this test) is spent: every tenant with work waits its turn.
    await db.deleteFrom('xero_app_calls').execute();
    await db.deleteFrom('xero_app_turns').execute();
    await db.insertInto('xero_app_calls').values({ bucket: new Date(), calls: 1 }).execute();
    const appBudget = createRateBudget({
      db,
      limits: async () => ({ ...xeroLimits(5000), appPerMinute: 1 }),
    });
    const lineDeps = { ...deps, budgetWaitMs: (t: string) => appBudget.admissionWaitMs(t) };
    try {
      const nothing = await flushTenant(lineDeps, { tenantId: idle });
      expect(nothing).toEqual({ calls: 0, sent: 0 });
      const waiting = await flushTenant(lineDeps, { tenantId: busy });
      expect(waiting.calls).toBe(0);
      expect(waiting.again?.afterMs).toBeGreaterThan(0);
      const line = await db.selectFrom('xero_app_turns').select('tenant_id').execute();
      expect(line.map((r) => r.tenant_id)).toEqual([busy]);
    } finally {
      // The other tests flush this tenant: its item is out of their way.
      await db.updateTable('xero_operations').set({ status: 'done' }).where('id', 'in', mine).execute();
      await db.deleteFrom('xero_app_calls').execute();
      await db.deleteFrom('xero_app_turns').execute();
    }
  });
});
