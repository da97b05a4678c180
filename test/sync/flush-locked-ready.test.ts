import { sql } from 'kysely';
import { type Db, type FlushDeps, flushTenant } from '@ledgerbridge/xero-app';
import { SEEDED_TENANT_IDS } from '@ledgerbridge/xero-sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type FlushHarness, openFlushHarness } from '../support/flush-harness.ts';

// A ready operation another transaction holds at the instant of the claim (a plan of the same key being
// written) is skipped by the claim (FOR UPDATE SKIP LOCKED). The flush must come back for it: it once ended
// with nothing claimed and nothing scheduled, and the catalog scenario's reopened item waited for ever.
// PostgreSQL only: PGlite has one session, so no second transaction can hold a row while the flush runs.
describe('a flush that finds its ready operation locked (postgres)', () => {
  let harness: FlushHarness;
  let db: Db;
  let deps: FlushDeps;
  const tenantId = SEEDED_TENANT_IDS.au;

  beforeAll(async () => {
    harness = await openFlushHarness({
      backend: 'postgres',
      runUrl: inject('postgresUrl'),
      tenants: [tenantId],
    });
    ({ db, deps } = harness);
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('comes back for it shortly, and sends it once the other transaction has ended', async () => {
    const id = await harness.addItem(tenantId, 'LOCKED-1');
    const whileLocked = await db.transaction().execute(async (trx) => {
      await sql`select id from xero_operations where id = ${id} for update`.execute(trx);
      return flushTenant(deps, { tenantId });
    });
    expect(whileLocked.calls).toBe(0);
    expect(whileLocked.again?.afterMs).toBeGreaterThan(0);
    expect(whileLocked.again?.afterMs).toBeLessThanOrEqual(1_000);

    const after = await flushTenant(deps, { tenantId });
    expect(after.calls).toBe(1);
    const row = await db
      .selectFrom('xero_operations')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('done');
  });
});
