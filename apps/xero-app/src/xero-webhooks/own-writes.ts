import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';

// No echo reads: every document the sync writes to Xero is remembered with the UpdatedDateUTC Xero gave
// back. A Xero event for that document dated no later than it is our own write coming back, settled
// without fetching the document. Stored beside the content fingerprints (echo_fingerprints).

export type OwnWrite = {
  readonly workspaceId: string;
  readonly category: 'INVOICE' | 'CONTACT';
  readonly documentId: string;
  /** Xero's UpdatedDateUTC after our write, ISO 8601. */
  readonly updatedAt: string;
};

const entityType = (category: OwnWrite['category']) => `xero-${category.toLowerCase()}-written`;

/**
 * How far an event's date may lie after the UpdatedDateUTC we were given and still be ours: Xero stamps
 * the event as it records the change, a moment after the document's own stamp (a guess; the sandbox
 * does the same). A change someone makes within it would be taken for ours — the reconciler and the
 * next event of that document still see it.
 */
export const ownWriteToleranceMs = 1_000;

export async function recordOwnWrite(db: Kysely<DatabaseSchema>, write: OwnWrite): Promise<void> {
  const stamp = new Date(write.updatedAt).toISOString();
  await db
    .insertInto('echo_fingerprints')
    .values({
      workspace_id: write.workspaceId,
      direction: 'to-xero',
      entity_type: entityType(write.category),
      entity_id: write.documentId,
      fingerprint: stamp,
    })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'direction', 'entity_type', 'entity_id']).doUpdateSet({
        // ISO stamps of one format order as text: keep the latest of our writes.
        fingerprint: sql`greatest(echo_fingerprints.fingerprint, excluded.fingerprint)`,
        recorded_at: new Date(),
      }),
    )
    .execute();
}

/** Xero's eventDateUtc carries no zone designator; it is UTC. */
export function eventTime(eventDateUtc: string): number {
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(eventDateUtc) ? eventDateUtc : `${eventDateUtc}Z`);
}

/** Whether an event is our own last write coming back (true: no need to read the document). */
export function isEcho(lastWrite: string | undefined, eventDateUtc: string): boolean {
  if (!lastWrite) return false;
  const event = eventTime(eventDateUtc);
  return Number.isFinite(event) && event <= Date.parse(lastWrite) + ownWriteToleranceMs;
}

export async function lastOwnWrite(
  db: Kysely<DatabaseSchema>,
  input: { workspaceId: string; category: OwnWrite['category']; documentId: string },
): Promise<string | undefined> {
  const row = await db
    .selectFrom('echo_fingerprints')
    .select('fingerprint')
    .where('workspace_id', '=', input.workspaceId)
    .where('direction', '=', 'to-xero')
    .where('entity_type', '=', entityType(input.category))
    .where('entity_id', '=', input.documentId)
    .executeTakeFirst();
  return row?.fingerprint;
}
