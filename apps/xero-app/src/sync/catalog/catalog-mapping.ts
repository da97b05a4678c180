import { type AccountingTarget, type SyncError, SyncFailure } from '@ledgerbridge/canonical';
import type { Db } from '../../db/database.ts';
import { defaultMapping } from '../../mapping/default-mapping.ts';
import type { MappingConfig } from '../../mapping/mapping-config.ts';
import { createMappingVersion, loadMapping, pinMapping } from '../../mapping/mapping-repo.ts';
import { referenceData } from '../reference-cache.ts';
import type { SyncContext } from '../sync-context.ts';

export function orThrow<T>(result: { ok: true; value: T } | { ok: false; error: SyncError }): T {
  if (result.ok) return result.value;
  throw new SyncFailure(result.error);
}

/** The environment's pinned mapping; one generated from the organisation when none is pinned yet. */
export async function mappingFor(
  deps: { db: Db; accountingFor: (workspaceId: string) => AccountingTarget; referenceMaxAgeMs?: number },
  ctx: SyncContext,
): Promise<MappingConfig> {
  if (ctx.mappingVersionId) return loadMapping(deps.db, ctx.mappingVersionId);
  const reference = orThrow(
    await referenceData({
      db: deps.db,
      accounting: deps.accountingFor(ctx.workspaceId),
      tenantId: ctx.tenantId,
      maxAgeMs: deps.referenceMaxAgeMs ?? 3_600_000,
    }),
  );
  const created = await createMappingVersion(deps.db, {
    workspaceId: ctx.workspaceId,
    config: defaultMapping(reference),
    note: 'generated from the organisation',
  });
  await pinMapping(deps.db, { environmentId: ctx.environmentId, versionId: created.id });
  return loadMapping(deps.db, created.id);
}
