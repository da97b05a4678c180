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
  const leased = await takeRefreshLease(input.db, input.tenantId);
  if (!leased) {
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
  try {
    const fresh = await input.accounting.getReferenceData({ tenantId: input.tenantId });
    if (!fresh.ok) return fresh;
    await storeReference(input.db, input.tenantId, fresh.value);
    return fresh;
  } finally {
    // Released at once: a lease left to expire made a refresh asked for soon after (a retry after the
    // merchant changed the org) wait out the lease for a result nobody was fetching.
    if (leased) await releaseRefreshLease(input.db, input.tenantId);
  }
}

async function storeReference(db: Db, tenantId: string, data: ReferenceData): Promise<void> {
  await db
    .insertInto('reference_cache')
    .values({
      tenant_id: tenantId,
      kind: 'all',
      data: JSON.stringify(data),
      fetched_at: new Date(),
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'kind']).doUpdateSet({ data: JSON.stringify(data), fetched_at: new Date() }),
    )
    .execute();
}

async function releaseRefreshLease(db: Db, tenantId: string): Promise<void> {
  await db
    .deleteFrom('reference_cache')
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'refresh-lease')
    .execute();
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
