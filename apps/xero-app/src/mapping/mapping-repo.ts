import { LRUCache } from 'lru-cache';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../sync/in-transaction.ts';
import { type MappingConfig, MappingConfigSchema } from './mapping-config.ts';

/** Mappings are immutable versions; an environment pins one. */
export async function createMappingVersion(
  db: Db,
  input: { workspaceId: string; config: MappingConfig; note: string },
) {
  const config = MappingConfigSchema.parse(input.config);
  const create = async (trx: Db) => {
    const last = await trx
      .selectFrom('mapping_versions')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('workspace_id', '=', input.workspaceId)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    return trx
      .insertInto('mapping_versions')
      .values({ workspace_id: input.workspaceId, version, config: JSON.stringify(config), note: input.note })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
  };
  // Callers that must create and pin in one transaction pass theirs.
  return db.isTransaction ? create(db) : db.transaction().execute(create);
}

// A version is never changed once written (a change is a new version): each process keeps the versions
// it read last, parsed, instead of reading and parsing one for every order and every write-back.
const keptVersions = new LRUCache<string, MappingConfig>({ max: 64 });

export async function loadMapping(db: Db, versionId: string): Promise<MappingConfig> {
  let config = keptVersions.get(versionId);
  if (!config) {
    const row = await db
      .selectFrom('mapping_versions')
      .select('config')
      .where('id', '=', versionId)
      .executeTakeFirstOrThrow();
    config = MappingConfigSchema.parse(row.config);
    keptVersions.set(versionId, config);
  }
  // A copy each time: what one caller does with its mapping is not what the next one reads.
  return structuredClone(config);
}

export async function pinMapping(db: Db, input: { environmentId: string; versionId: string }): Promise<void> {
  await db
    .updateTable('environments')
    .set({ mapping_version_id: input.versionId })
    .where('id', '=', input.environmentId)
    .execute();
}

/**
 * The environment's pinned mapping, or a first one made by `generate` and pinned — once, even when
 * several orders arrive together: the environment row is locked while it is decided.
 */
export async function ensurePinnedMapping(
  db: Db,
  input: { workspaceId: string; environmentId: string; generate: () => MappingConfig; note: string },
): Promise<string> {
  return inTransaction(db, async (trx) => {
    const env = await trx
      .selectFrom('environments')
      .select(['mapping_version_id', 'name'])
      .where('id', '=', input.environmentId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (env.mapping_version_id) return env.mapping_version_id;
    const last = await trx
      .selectFrom('mapping_versions')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('workspace_id', '=', input.workspaceId)
      .executeTakeFirst();
    const created = await trx
      .insertInto('mapping_versions')
      .values({
        workspace_id: input.workspaceId,
        version: Number(last?.v ?? 0) + 1,
        config: JSON.stringify(MappingConfigSchema.parse(input.generate())),
        note: input.note,
        environment: env.name,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('environments')
      .set({ mapping_version_id: created.id })
      .where('id', '=', input.environmentId)
      .execute();
    return created.id;
  });
}
