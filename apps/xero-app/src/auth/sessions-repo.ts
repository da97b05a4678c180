import type { Kysely } from 'kysely';
import { randomToken, sha256Hex } from '../crypto/random-token.ts';
import type { DatabaseSchema } from '../db/schema.ts';

export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type Session = {
  readonly userId: string;
  readonly workspaceId: string;
  readonly csrfToken: string;
  readonly userName: string;
  readonly userEmail: string;
  readonly workspaceName: string;
  readonly expiresAt: Date;
};

// The cookie carries a random token; the table keeps only its hash, so a database leak opens no session.

export async function createSession(
  db: Kysely<DatabaseSchema>,
  input: { userId: string; workspaceId: string; now?: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date((input.now ?? new Date()).getTime() + SESSION_TTL_MS);
  await db
    .insertInto('sessions')
    .values({
      id: sha256Hex(token),
      user_id: input.userId,
      workspace_id: input.workspaceId,
      csrf_token: randomToken(),
      expires_at: expiresAt,
    })
    .execute();
  return { token, expiresAt };
}

export async function findSession(
  db: Kysely<DatabaseSchema>,
  token: string,
  now: Date = new Date(),
): Promise<Session | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('workspaces', 'workspaces.id', 'sessions.workspace_id')
    .select([
      'sessions.user_id',
      'sessions.workspace_id',
      'sessions.csrf_token',
      'sessions.expires_at',
      'users.name as user_name',
      'users.email as user_email',
      'workspaces.name as workspace_name',
    ])
    .where('sessions.id', '=', sha256Hex(token))
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    userId: row.user_id,
    workspaceId: row.workspace_id,
    csrfToken: row.csrf_token,
    userName: row.user_name,
    userEmail: row.user_email,
    workspaceName: row.workspace_name,
    expiresAt: new Date(row.expires_at),
  };
}

export async function deleteSession(db: Kysely<DatabaseSchema>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sha256Hex(token)).execute();
}
