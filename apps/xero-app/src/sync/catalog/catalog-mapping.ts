import { type AccountingTarget, type SyncError, SyncFailure } from '@ledgerbridge/canonical';
import type { Db } from '../../db/database.ts';
import { defaultMapping } from '../../mapping/default-mapping.ts';
import type { MappingConfig } from '../../mapping/mapping-config.ts';
import { loadMapping } from '../../mapping/mapping-repo.ts';
import { ensureMappingVersion } from '../../routing/routing-repo.ts';
import { referenceData } from '../reference-cache.ts';
import type { SyncContext } from '../sync-context.ts';

export function orThrow<T>(result: { ok: true; value: T } | { ok: false; error: SyncError }): T {
  if (result.ok) return result.value;
  throw new SyncFailure(result.error);
}

/** The environment's pinned mapping; one generated from the organisation when none is pinned yet. */
export async function mappingFor(
  deps: {
    db: Db;
    accountingFor: (workspaceId: string) => Pick<AccountingTarget, 'getReferenceData'>;
    referenceMaxAgeMs?: number;
  },
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
  // Under the environment row's lock, as orders do (0047): concurrent catalog syncs (a product import
  // fires one per product) would otherwise each create and pin a version of their own.
  const versionId = await ensureMappingVersion(deps.db, {
    workspaceId: ctx.workspaceId,
    owner: { table: 'environments', id: ctx.environmentId },
    build: () => defaultMapping(reference),
    note: 'generated from the organisation',
  });
  return loadMapping(deps.db, versionId);
}
