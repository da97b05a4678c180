import type { ReferenceData } from '@ledgerbridge/canonical';
import type { Db } from '../db/database.ts';
import { defaultMapping } from '../mapping/default-mapping.ts';
import type { MappingConfig } from '../mapping/mapping-config.ts';
import { createMappingVersion, pinMapping } from '../mapping/mapping-repo.ts';
import { findSyncContext } from '../sync/sync-context.ts';

/** Pins the default mapping for a connection's environment, as a merchant's setup in the console does. */
export async function pinDefaultMapping(
  db: Db,
  input: {
    connectionId: string;
    reference: ReferenceData;
    /** The merchant's changes to the default (stock from Xero, say). */
    adjust?: (config: MappingConfig) => MappingConfig;
  },
): Promise<void> {
  const ctx = await findSyncContext(db, input.connectionId);
  if (!ctx) throw new Error(`no environment for ${input.connectionId}`);
  const created = await createMappingVersion(db, {
    workspaceId: ctx.workspaceId,
    config: (input.adjust ?? ((c) => c))(defaultMapping(input.reference)),
    note: 'test setup',
  });
  await pinMapping(db, { environmentId: ctx.environmentId, versionId: created.id });
}
