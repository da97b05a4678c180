import type { Kysely, Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import { recordAudit } from '../timeline/audit-log-repo.ts';

export async function findUserByXeroSub(
  db: Kysely<DatabaseSchema>,
  xeroUserId: string,
): Promise<{ id: string; workspaceId: string } | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'workspace_id'])
    .where('xero_user_id', '=', xeroUserId)
    .executeTakeFirst();
  return row ? { id: row.id, workspaceId: row.workspace_id } : undefined;
}

/** A new merchant: the workspace, its first user, and the three environments every install has. */
export async function provisionWorkspace(
  trx: Transaction<DatabaseSchema>,
  input: { workspaceName: string; xeroUserId: string; email: string; name: string },
): Promise<{ workspaceId: string; userId: string }> {
  const workspace = await trx
    .insertInto('workspaces')
    .values({ name: input.workspaceName })
    .returning('id')
    .executeTakeFirstOrThrow();
  const user = await trx
    .insertInto('users')
    .values({
      workspace_id: workspace.id,
      xero_user_id: input.xeroUserId,
      email: input.email,
      name: input.name,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('environments')
    .values((['dev', 'qa', 'prod'] as const).map((name) => ({ workspace_id: workspace.id, name })))
    .execute();
  await recordAudit(trx, {
    workspaceId: workspace.id,
    actor: input.email || input.xeroUserId,
    action: 'workspace.created',
    details: { via: 'Sign up with Xero' },
  });
  return { workspaceId: workspace.id, userId: user.id };
}
