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
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await database?.drop();
  });

  const emptyMinute = async () => {
    await db.deleteFrom('xero_app_calls').execute();
    await db.deleteFrom('xero_app_turns').execute();
  };

  it('admits no more than the app limit across tenants, and says how long the others wait', async () => {
    await emptyMinute();
    // Three calls a minute for the whole app; waits are handed back rather than slept through.
    // Calls 7 s apart: more than a tenth of the window, so the spread (15 % of the limit in a tenth)
    // does not hold them back.
    let clock = Date.now();
    const budget = createRateBudget({
      db,
      limits: async () => ({ ...xeroLimits(5000), appPerMinute: 3, maxWaitMs: 0 }),
      now: () => new Date(clock),
    });
    const granted: string[] = [];
    for (const tenantId of ['app-a', 'app-b', 'app-c']) {
      const lease = await budget.acquire({ tenantId });
      if (!lease.ok) throw new Error(`refused ${tenantId}`);
      granted.push(tenantId);
      await budget.release({ tenantId, leaseId: lease.value.leaseId, meta: null });
      clock += 7_000;
    }
    expect(granted).toEqual(['app-a', 'app-b', 'app-c']);

    // A fourth tenant, with its own minute untouched, waits for the app's (a's call leaves 61.8 s after
    // it); the flusher sees the wait and gives its slot back.
    expect(await budget.admissionWaitMs('app-d')).toBeGreaterThan(30_000);
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

  // Two calls a minute for the whole app, on a clock the test moves; waits handed back, never slept.
  const turnsBudget = () => {
    const clock = { ms: new Date('2026-12-07T10:00:00.000Z').getTime() };
    const budget = createRateBudget({
      db,
      limits: async () => ({ ...xeroLimits(5000), appPerMinute: 2, maxWaitMs: 0 }),
      now: () => new Date(clock.ms),
    });
    const call = async (tenantId: string) => {
      const lease = await budget.acquire({ tenantId });
      if (lease.ok) await budget.release({ tenantId, leaseId: lease.value.leaseId, meta: null });
      return lease.ok;
    };
    return { clock, budget, call };
  };
  // A 60 s minute counts back 61.8 s (a 1.2 s margin, 600 ms buckets): a call leaves 61.8 s after its bucket.
  const leaves = 61_800 + 1;

  it('gives the tenants waiting for a full minute each its own moment, in the order they came', async () => {
    await emptyMinute();
    const { clock, budget, call } = turnsBudget();
    const start = clock.ms;
    expect(await call('turn-a')).toBe(true);
    clock.ms += 10_000;
    expect(await call('turn-b')).toBe(true);
    clock.ms += 10_000;
    // Three tenants find the minute full: the first is due when a's call leaves, the second when b's
    // does (counted from its bucket, 9.6 s in), the third a minute after the first's own call — not all
    // at the first free moment.
    const waits = [];
    for (const tenantId of ['turn-c', 'turn-d', 'turn-e']) waits.push(await budget.admissionWaitMs(tenantId));
    expect(waits.map((w) => clock.ms + w - start)).toEqual([leaves, 9_600 + leaves, leaves + leaves - 1]);
    const line = await db.selectFrom('xero_app_turns').select('tenant_id').orderBy('ticket').execute();
    expect(line.map((r) => r.tenant_id)).toEqual(['turn-c', 'turn-d', 'turn-e']);
    // Asking again keeps the place.
    expect(await budget.admissionWaitMs('turn-c')).toBe(waits[0]);
  });

  it('does not let a tenant that just came (or was just served) take the turn of one waiting', async () => {
    await emptyMinute();
    const { clock, budget, call } = turnsBudget();
    expect(await call('next-a')).toBe(true);
    clock.ms += 10_000;
    expect(await call('next-b')).toBe(true);
    clock.ms += 10_000;
    expect(await budget.admissionWaitMs('next-c')).toBeGreaterThan(0);
    // a's call has left: the minute has room for one, and it is c's.
    clock.ms += leaves - 20_000;
    expect(await call('next-a')).toBe(false);
    expect(await call('next-x')).toBe(false);
    expect(await call('next-c')).toBe(true);
    // Served, c leaves the line; a and x wait behind each other in the order they asked.
    const line = await db.selectFrom('xero_app_turns').select('tenant_id').orderBy('ticket').execute();
    expect(line.map((r) => r.tenant_id)).toEqual(['next-a', 'next-x']);
    const refused = await budget.acquire({ tenantId: 'next-x' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/app minute/);
  });

  it("keeps a late tenant's moment only briefly: the next one is served, the late one keeps its place", async () => {
    await emptyMinute();
    const { clock, budget, call } = turnsBudget();
    expect(await call('late-a')).toBe(true);
    clock.ms += 10_000;
    expect(await call('late-b')).toBe(true);
    clock.ms += 10_000;
    const lateWait = await budget.admissionWaitMs('late-c');
    expect(await budget.admissionWaitMs('late-d')).toBeGreaterThan(lateWait);
    // c's moment comes and goes by more than 2 % of the minute (1.2 s): d, there, takes the room.
    clock.ms += lateWait + 1_300;
    expect(await call('late-d')).toBe(true);
    // c comes back: still first in line, before a tenant that asks now.
    expect(await call('late-x')).toBe(false);
    const line = await db.selectFrom('xero_app_turns').select('tenant_id').orderBy('ticket').execute();
    expect(line.map((r) => r.tenant_id)).toEqual(['late-c', 'late-x']);
  });
});
