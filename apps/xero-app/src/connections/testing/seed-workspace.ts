import type { Kysely } from 'kysely';
import { provisionWorkspace } from '../../auth/workspaces-repo.ts';
import type { DatabaseSchema } from '../../db/schema.ts';

let seq = 0;

/** A workspace with its first user and dev/qa/prod environments, as sign-up creates it. */
export async function seedWorkspace(
  db: Kysely<DatabaseSchema>,
  name = 'Workspace',
): Promise<{ workspaceId: string; userId: string; xeroUserId: string }> {
  seq += 1;
  const xeroUserId = `xero-user-${name}-${seq}-${Date.now()}`;
  const created = await db.transaction().execute((trx) =>
    provisionWorkspace(trx, {
      workspaceName: name,
      xeroUserId,
      email: `${name.toLowerCase()}@example.com`,
      name,
    }),
  );
  return { ...created, xeroUserId };
}
