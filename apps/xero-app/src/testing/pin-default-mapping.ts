import type { ReferenceData } from '@ledgerbridge/canonical';
import type { Db } from '../db/database.ts';
import { defaultMapping } from '../mapping/default-mapping.ts';
import { createMappingVersion, pinMapping } from '../mapping/mapping-repo.ts';
import { findSyncContext } from '../sync/sync-context.ts';

/** Pins the default mapping for a connection's environment, as a merchant's setup in the console does. */
export async function pinDefaultMapping(
  db: Db,
  input: { connectionId: string; reference: ReferenceData },
): Promise<void> {
  const ctx = await findSyncContext(db, input.connectionId);
  if (!ctx) throw new Error(`no environment for ${input.connectionId}`);
  const created = await createMappingVersion(db, {
    workspaceId: ctx.workspaceId,
    config: defaultMapping(input.reference),
    note: 'test setup',
  });
  await pinMapping(db, { environmentId: ctx.environmentId, versionId: created.id });
}
