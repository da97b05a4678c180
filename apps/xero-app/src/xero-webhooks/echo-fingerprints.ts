import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';

// Echo suppression: what we last wrote to the other system, per entity. An update whose owned fields
// fingerprint the same as our last write is our own write coming back, not a change to sync.

export type EchoKey = {
  readonly workspaceId: string;
  readonly direction: 'to-ordercloud' | 'to-xero';
  readonly entityType: string;
  readonly entityId: string;
};

export async function lastFingerprint(db: Kysely<DatabaseSchema>, key: EchoKey): Promise<string | undefined> {
  const row = await db
    .selectFrom('echo_fingerprints')
    .select('fingerprint')
    .where('workspace_id', '=', key.workspaceId)
    .where('direction', '=', key.direction)
    .where('entity_type', '=', key.entityType)
    .where('entity_id', '=', key.entityId)
    .executeTakeFirst();
  return row?.fingerprint;
}

export async function recordFingerprint(
  db: Kysely<DatabaseSchema>,
  key: EchoKey & { fingerprint: string },
): Promise<void> {
  await db
    .insertInto('echo_fingerprints')
    .values({
      workspace_id: key.workspaceId,
      direction: key.direction,
      entity_type: key.entityType,
      entity_id: key.entityId,
      fingerprint: key.fingerprint,
    })
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'direction', 'entity_type', 'entity_id'])
        .doUpdateSet({ fingerprint: key.fingerprint, recorded_at: new Date() }),
    )
    .execute();
}

/** For the OrderCloud side's customer.updated handler: true when the update is our own write echoing back. */
export async function isOwnEcho(
  db: Kysely<DatabaseSchema>,
  key: EchoKey & { fingerprint: string },
): Promise<boolean> {
  return (await lastFingerprint(db, key)) === key.fingerprint;
}
