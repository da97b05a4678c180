import { SyncFailure } from '@ledgerbridge/canonical';
import { type Db, type FlushDeps, flushTenant } from '@ledgerbridge/xero-app';
import { testBackends } from '@ledgerbridge/xero-app/testing';
import { SEEDED_TENANT_IDS, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type FlushHarness, openFlushHarness } from '../support/flush-harness.ts';

// Xero keeps an internal error (500) for the request's Idempotency-Key and answers it again to the same
// request for its 6 minutes (developer.xero.com/documentation/guides/idempotent-requests/idempotency): a
// batch resent under that key would fail until the window passed, and hold its tenant's flush back with it.
describe.each(testBackends)('a batch Xero answered with an error it keeps for the key (%s)', (backend) => {
  let harness: FlushHarness;
  let sandbox: XeroSandbox;
  let db: Db;
  let deps: FlushDeps;

  beforeAll(async () => {
    harness = await openFlushHarness({
      backend,
      runUrl: inject('postgresUrl'),
      tenants: [SEEDED_TENANT_IDS.au, SEEDED_TENANT_IDS.nz],
      deps: { fillWaitMs: 0 },
    });
    ({ sandbox, db, deps } = harness);
  });
  afterAll(async () => {
    await harness?.close();
  });

  const addItem = (tenantId: string, code: string) => harness.addItem(tenantId, code);
  const statusOf = async (id: string) =>
    (await db.selectFrom('xero_operations').select('status').where('id', '=', id).executeTakeFirstOrThrow())
      .status;

  it('sends it again under a new key rather than meet the kept error, once', async () => {
    const tenantId = SEEDED_TENANT_IDS.au;
    const id = await addItem(tenantId, 'KEPT-1');
    await sandbox.admin.injectFault({ kind: 'status', status: 500, count: 1, tenantId });

    const failed = await flushTenant(deps, { tenantId }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(SyncFailure);
    expect((failed as SyncFailure).error).toMatchObject({ kind: 'retryable', keptForKey: true });

    const outcome = await flushTenant(deps, { tenantId });
    expect(outcome.sent).toBe(1);
    expect(await statusOf(id)).toBe('done');
    const writes = (await sandbox.admin.requests({ tenantId, kind: 'accounting' })).filter(
      (r) => r.method !== 'GET' && r.path.includes('/Items'),
    );
    expect(writes.map((w) => w.status)).toEqual([500, 200]);
    expect(writes[1]?.idempotencyKey).not.toBe(writes[0]?.idempotencyKey);
    const batches = await db
      .selectFrom('xero_batches')
      .select(['status', 'idempotency_key'])
      .where('tenant_id', '=', tenantId)
      .orderBy('started_at')
      .execute();
    expect(batches.map((b) => b.status)).toEqual(['failed', 'done']);
  });

  it('takes back the operations of a batch closed before their new batch was recorded', async () => {
    // A worker died between closing a batch (to send its rest under a new key) and recording the new one.
    const tenantId = SEEDED_TENANT_IDS.nz;
    const id = await addItem(tenantId, 'ORPHAN-1');
    const closed = await db
      .insertInto('xero_batches')
      .values({
        tenant_id: tenantId,
        kind: 'item',
        idempotency_key: 'lb-item-closed',
        operation_ids: JSON.stringify([id]),
        request: JSON.stringify([{}]),
        status: 'failed',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('xero_operations')
      .set({ status: 'sending', batch_id: closed.id })
      .where('id', '=', id)
      .execute();

    await flushTenant(deps, { tenantId });
    expect(await statusOf(id)).toBe('done');
  });
});
