import { createSession } from '@ledgerbridge/xero-app';
import type { Stack } from './stack.ts';

/** A user of the stack's workspace signed in to its console: the token of the `lb_session` cookie. */
export async function consoleSessionToken(
  stack: Stack,
  user: { xeroUserId: string; email: string; name: string },
): Promise<string> {
  const db = stack.infra.database.db;
  const row = await db
    .insertInto('users')
    .values({
      workspace_id: stack.workspaceId,
      xero_user_id: user.xeroUserId,
      email: user.email,
      name: user.name,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const session = await createSession(db, { userId: row.id, workspaceId: stack.workspaceId });
  return session.token;
}
