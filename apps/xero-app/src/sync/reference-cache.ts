import type { AccountingTarget, ReferenceData, Result } from '@ledgerbridge/canonical';
import { ok } from '@ledgerbridge/canonical';
import type { Db } from '../db/database.ts';

/** The org's accounts, tax rates, tracking and currencies, read from Xero at most once per `maxAgeMs`. */
export async function referenceData(input: {
  db: Db;
  accounting: Pick<AccountingTarget, 'getReferenceData'>;
  tenantId: string;
  maxAgeMs: number;
  force?: boolean;
}): Promise<Result<ReferenceData>> {
  const cached = await input.db
    .selectFrom('reference_cache')
    .select(['data', 'fetched_at'])
    .where('tenant_id', '=', input.tenantId)
    .where('kind', '=', 'all')
    .executeTakeFirst();
  if (cached && !input.force && Date.now() - new Date(cached.fetched_at).getTime() < input.maxAgeMs) {
    return ok(cached.data as ReferenceData);
  }
  // One refresh at a time per tenant, across processes: a short lease row; the others wait for its result.
  if (!(await takeRefreshLease(input.db, input.tenantId))) {
    for (let waited = 0; waited < 30_000; waited += 200) {
      await new Promise((r) => setTimeout(r, 200));
      const now = await input.db
        .selectFrom('reference_cache')
        .select(['data', 'fetched_at'])
        .where('tenant_id', '=', input.tenantId)
        .where('kind', '=', 'all')
        .executeTakeFirst();
      if (now && (!cached || new Date(now.fetched_at) > new Date(cached.fetched_at)))
        return ok(now.data as ReferenceData);
    }
  }
  const fresh = await input.accounting.getReferenceData({ tenantId: input.tenantId });
  if (!fresh.ok) return fresh;
  await input.db
    .insertInto('reference_cache')
    .values({
      tenant_id: input.tenantId,
      kind: 'all',
      data: JSON.stringify(fresh.value),
      fetched_at: new Date(),
    })
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'kind'])
        .doUpdateSet({ data: JSON.stringify(fresh.value), fetched_at: new Date() }),
    )
    .execute();
  return fresh;
}

async function takeRefreshLease(db: Db, tenantId: string): Promise<boolean> {
  const now = new Date();
  const taken = await db
    .insertInto('reference_cache')
    .values({ tenant_id: tenantId, kind: 'refresh-lease', data: '{}', fetched_at: now })
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'kind'])
        .doUpdateSet({ fetched_at: now })
        .where('reference_cache.fetched_at', '<', new Date(now.getTime() - 30_000)),
    )
    .returning('tenant_id')
    .executeTakeFirst();
  return Boolean(taken);
}

/** Whether the org is on Xero's Starter tier, as last read (its day limit is lower). */
export async function organisationIsStarterTier(db: Db, tenantId: string): Promise<boolean> {
  const cached = await db
    .selectFrom('reference_cache')
    .select('data')
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'all')
    .executeTakeFirst();
  return Boolean(
    (cached?.data as { organisation?: { isStarterTier?: boolean } } | undefined)?.organisation?.isStarterTier,
  );
}
