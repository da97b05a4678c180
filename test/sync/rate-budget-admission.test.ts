import { arrivalMargin, createRateBudget, migrateToLatest, xeroLimits } from '@ledgerbridge/xero-app';
import { type TestDatabase, createTestDatabase, testBackends } from '@ledgerbridge/xero-app/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

describe.each(testBackends)('how long the budget says to wait before a call (%s)', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(backend, inject('postgresUrl'));
    await migrateToLatest(database.handle.db);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('is nothing for a fresh tenant, the rest of the minute once 60 calls are spent, and a pause while paused', async () => {
    let clock = new Date('2026-11-27T10:00:00.000Z').getTime();
    const budget = createRateBudget({
      db: database.handle.db,
      limits: async () => xeroLimits(5_000),
      now: () => new Date(clock),
    });
    const tenantId = 'tenant-admission';
    expect(await budget.admissionWaitMs(tenantId)).toBe(0);
    for (let i = 0; i < 60; i += 1) {
      const lease = await budget.acquire({ tenantId });
      if (!lease.ok) throw new Error(lease.error.message);
      await budget.release({ tenantId, leaseId: lease.value.leaseId, meta: null });
      clock += 100; // 60 calls over six seconds
    }
    // The first call was at 10:00:00.000; the window (the minute and the arrival margin) frees it at
    // 10:01:02.201, not at 10:01:00.001 — admission counts the margin, so the wait does too.
    const margin = arrivalMargin(60_000);
    expect(await budget.admissionWaitMs(tenantId)).toBe(60_000 - 6_000 + margin + 1);
    // A minute on, that call is still counted: the wait is the rest of the margin, not a millisecond
    // (which had an acquire ask again every millisecond, and a flush keep its slot through the wait).
    clock += 60_000 - 6_000 + 200;
    expect(await budget.admissionWaitMs(tenantId)).toBe(margin - 200 + 1);
    clock += margin - 200;
    expect(await budget.admissionWaitMs(tenantId)).toBe(0);
    await budget.pause({ tenantId, ms: 30_000, reason: 'Xero said 429' });
    expect(await budget.admissionWaitMs(tenantId)).toBe(30_000);
  });
});
