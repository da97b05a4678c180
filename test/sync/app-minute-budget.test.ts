import { createRateBudget, type Db, migrateToLatest, xeroLimits } from '@ledgerbridge/xero-app';
import { createTestDatabase, type TestDatabase, testBackends } from '@ledgerbridge/xero-app/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

// Xero limits the whole app as well as each organisation: the budget every worker shares counts the
// app's minute across tenants, and a tenant with room of its own still waits when the app's is spent.
describe.each(testBackends)("the app's minute across tenants (%s)", (backend) => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase(backend, inject('postgresUrl'));
    db = database.handle.db;
    await migrateToLatest(db as never);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('admits no more than the app limit across tenants, and says how long the others wait', async () => {
    await db.deleteFrom('xero_app_calls').execute();
    // Three calls a minute for the whole app; waits are handed back rather than slept through.
    const budget = createRateBudget({
      db,
      limits: async () => ({ ...xeroLimits(5000), appPerMinute: 3, maxWaitMs: 0 }),
    });
    const granted: string[] = [];
    for (const tenantId of ['app-a', 'app-b', 'app-c']) {
      const lease = await budget.acquire({ tenantId });
      if (!lease.ok) throw new Error(`refused ${tenantId}`);
      granted.push(tenantId);
      await budget.release({ tenantId, leaseId: lease.value.leaseId, meta: null });
    }
    expect(granted).toEqual(['app-a', 'app-b', 'app-c']);

    // A fourth tenant, with its own minute untouched, waits for the app's; the flusher sees the wait and
    // gives its slot back.
    expect(await budget.admissionWaitMs('app-d')).toBeGreaterThan(50_000);
    const refused = await budget.acquire({ tenantId: 'app-d' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.kind).toBe('retry-after');
      expect(refused.error.message).toMatch(/app minute/);
    }
    // The refusal spent nothing: neither the tenant's minute nor the app's.
    const own = await db
      .selectFrom('rate_calls')
      .select('tenant_id')
      .where('tenant_id', '=', 'app-d')
      .execute();
    expect(own).toHaveLength(0);
    const app = await db.selectFrom('xero_app_calls').select('calls').execute();
    expect(app.reduce((sum, r) => sum + r.calls, 0)).toBe(3);
  });
});
