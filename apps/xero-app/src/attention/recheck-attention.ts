import type { AccountingTarget, ReferenceData } from '@ledgerbridge/canonical';
import { type Kysely, sql } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import { referenceData } from '../sync/reference-cache.ts';
import { attentionReasonCodes, attentionReason } from './attention-reasons.ts';
import { type RetryDeps, retryOrders } from './retry-orders.ts';

const orgReasons = attentionReasonCodes.filter((c) => attentionReason(c).recheckOn === 'org');
const mappingReasons = attentionReasonCodes.filter((c) => attentionReason(c).recheckOn === 'mapping');

/** What of the org's settings decides whether a blocked order can go now. */
export const orgFingerprint = (r: ReferenceData | undefined) =>
  JSON.stringify({ lock: r?.organisation?.lockDate ?? null, currencies: [...(r?.currencies ?? [])].sort() });

/**
 * Orders blocked by the org (a lock date, a currency) or by the mapping are retried by themselves when
 * what blocked them changes: the org's settings are read again (at most every `orgMaxAgeMs`, and only for
 * orgs with such orders), and a mapping pinned after an order was blocked counts as a change.
 */
export async function recheckAttention(
  deps: RetryDeps & { accountingFor: (workspaceId: string) => AccountingTarget; orgMaxAgeMs?: number },
): Promise<{ retried: number }> {
  const { db } = deps;
  let retried = 0;
  // Orders (s) with their environment (e): of OrderCloud connections and of Sitecore sites (a site's ID
  // stands for the connection).
  const ordersInEnvironments = () =>
    db
      .selectFrom('order_syncs as s')
      .leftJoin('sitecore_sites as site', 'site.id', 's.ordercloud_connection_id')
      .innerJoin('environments as e', (join) =>
        join.on((eb) =>
          eb.or([
            eb('e.ordercloud_connection_id', '=', eb.ref('s.ordercloud_connection_id')),
            eb('e.id', '=', eb.ref('site.environment_id')),
          ]),
        ),
      );
  const blockedByOrg = await ordersInEnvironments()
    .innerJoin('xero_connections as x', 'x.id', 'e.xero_connection_id')
    .select(['s.workspace_id', 'x.tenant_id'])
    .distinct()
    .where('s.status', '=', 'needs-attention')
    .where('s.reason', 'in', orgReasons)
    .execute();
  for (const { workspace_id, tenant_id } of blockedByOrg) {
    const before = await cachedReference(db, tenant_id);
    const fresh = await referenceData({
      db,
      accounting: deps.accountingFor(workspace_id),
      tenantId: tenant_id,
      maxAgeMs: deps.orgMaxAgeMs ?? 15 * 60_000,
    });
    if (!fresh.ok || orgFingerprint(fresh.value) === orgFingerprint(before)) continue;
    for (const reason of orgReasons) {
      const result = await retryOrders(deps, {
        workspaceId: workspace_id,
        actor: 'automatic re-check (Xero settings changed)',
        reason,
      });
      if (result.ok) retried += result.value.retried;
    }
  }
  const blockedByMapping = await ordersInEnvironments()
    .innerJoin('mapping_versions as m', 'm.id', 'e.mapping_version_id')
    .select(['s.workspace_id', 's.id'])
    .where('s.status', '=', 'needs-attention')
    .where('s.reason', 'in', mappingReasons)
    .where(sql<boolean>`m.created_at > s.updated_at`)
    .execute();
  const byWorkspace = new Map<string, string[]>();
  for (const r of blockedByMapping)
    byWorkspace.set(r.workspace_id, [...(byWorkspace.get(r.workspace_id) ?? []), r.id]);
  for (const [workspaceId, ids] of byWorkspace) {
    const result = await retryOrders(deps, {
      workspaceId,
      actor: 'automatic re-check (mapping changed)',
      ids,
    });
    if (result.ok) retried += result.value.retried;
  }
  return { retried };
}

async function cachedReference(
  db: Kysely<DatabaseSchema>,
  tenantId: string,
): Promise<ReferenceData | undefined> {
  const row = await db
    .selectFrom('reference_cache')
    .select('data')
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'all')
    .executeTakeFirst();
  return row?.data as ReferenceData | undefined;
}
