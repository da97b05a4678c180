import { sql } from 'kysely';
import { type Db, ensureOperation, type FlushDeps, flushTenant } from '@ledgerbridge/xero-app';
import { testBackends } from '@ledgerbridge/xero-app/testing';
import { SEEDED_TENANT_IDS } from '@ledgerbridge/xero-sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type FlushHarness, openFlushHarness } from '../support/flush-harness.ts';

// A kind that follows the invoice and arrives sparsely (refunds, a credit note a minute or so) is held
// until it has been quiet for three times its arrival gap, not only the invoice path's wait: otherwise each
// credit note went in a call of its own (decision 0138).
describe.each(testBackends)('a sparse follow-on kind on a paced day (%s)', (backend) => {
  let harness: FlushHarness;
  let db: Db;
  let deps: FlushDeps;
  const lead = { fillWaitMs: 60_000, followOnWaitMs: 600_000 };

  beforeAll(async () => {
    harness = await openFlushHarness({
      backend,
      runUrl: inject('postgresUrl'),
      tenants: [SEEDED_TENANT_IDS.au, SEEDED_TENANT_IDS.nz],
      deps: { paceFillWaitMs: async () => lead },
    });
    ({ db, deps } = harness);
  });
  afterAll(async () => {
    await harness?.close();
  });

  const planPayment = async (tenantId: string, key: string, ageMs: number) => {
    const ctx = harness.contextOf(tenantId);
    const op = await ensureOperation(db, {
      workspaceId: ctx.workspaceId,
      tenantId,
      connectionId: ctx.connectionId,
      orderId: key,
      kind: 'payment',
      key: `${tenantId}:payment:${key}`,
      // Its invoice is not named: sent, Xero would refuse it; the tests look at whether it is sent.
      payload: { amount: '10.00', accountCode: '090', date: '2026-12-05', reference: key },
      dependsOn: null,
    });
    const at = new Date(Date.now() - ageMs).toISOString();
    await sql`update xero_operations set created_at = ${at}::timestamptz where id = ${op.id}`.execute(db);
    return op.id;
  };
  const statusOf = async (id: string) =>
    (await db.selectFrom('xero_operations').select('status').where('id', '=', id).executeTakeFirstOrThrow())
      .status;

  it('holds the partial batch while quiet for less than three gaps, and comes back when that has passed', async () => {
    const tenantId = SEEDED_TENANT_IDS.au;
    // Quiet for 70 s: past the invoice path's 60 s, not past three times a 67 s arrival gap.
    const first = await planPayment(tenantId, 'sparse-1', 170_000);
    await planPayment(tenantId, 'sparse-2', 70_000);
    const outcome = await flushTenant(
      { ...deps, paceFillWaitMs: async () => ({ ...lead, followOnQuietMs: { payment: 200_000 } }) },
      { tenantId },
    );
    expect(outcome.calls).toBe(0);
    expect(await statusOf(first)).toBe('ready');
    // It comes back within the invoice path's wait (orders placed meanwhile need the flush), and asks again.
    expect(outcome.again?.afterMs).toBeGreaterThan(0);
    expect(outcome.again?.afterMs).toBeLessThanOrEqual(lead.fillWaitMs);
  });

  it('lets the same batch go once it has been quiet for three gaps, or when only the invoice path’s wait is asked', async () => {
    const tenantId = SEEDED_TENANT_IDS.nz;
    const first = await planPayment(tenantId, 'sparse-1', 170_000);
    await planPayment(tenantId, 'sparse-2', 70_000);
    const outcome = await flushTenant(deps, { tenantId });
    expect(outcome.calls).toBe(1);
    expect(await statusOf(first)).not.toBe('ready');

    const again = await planPayment(tenantId, 'sparse-3', 260_000);
    await planPayment(tenantId, 'sparse-4', 210_000);
    const quietLongEnough = await flushTenant(
      { ...deps, paceFillWaitMs: async () => ({ ...lead, followOnQuietMs: { payment: 200_000 } }) },
      { tenantId },
    );
    expect(quietLongEnough.calls).toBe(1);
    expect(await statusOf(again)).not.toBe('ready');
  });
});
