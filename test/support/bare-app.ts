import {
  createSession,
  loadConfig,
  type Infrastructure,
  openInfrastructure,
  createLogger,
  type RunningServer,
  startServer,
} from '@ledgerbridge/xero-app';
import { seedWorkspace } from '@ledgerbridge/xero-app/testing';

/** The real server (every middleware, the intake fast path) on an embedded database, without a worker. */
export type BareApp = {
  readonly infra: Infrastructure;
  readonly server: RunningServer;
  close(): Promise<void>;
};

export async function startBareApp(env: Record<string, string> = {}): Promise<BareApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: 'memory://',
    PORT: '0',
    LOG_LEVEL: 'silent',
    ENCRYPTION_KEY: 'bare-app-key-bare-app-key-bare-app-key-12',
    SESSION_SECRET: 'bare-app-session-secret-bare-app-session',
    XERO_LOGIN_URL: 'https://login.xero.test',
    SHUTDOWN_GRACE_MS: '500',
    ...env,
  });
  const infra = await openInfrastructure(config, createLogger({ level: 'silent' }));
  const server = await startServer(infra, { port: 0, hostname: '127.0.0.1' });
  return {
    infra,
    server,
    async close() {
      await server.close();
      await infra.close();
    },
  };
}

/** A workspace with a signed-in user: the cookie and CSRF token a browser would hold. */
export async function signedInWorkspace(app: BareApp, name: string) {
  const db = app.infra.database.db;
  const { workspaceId, userId } = await seedWorkspace(db, name);
  const session = await createSession(db, { userId, workspaceId });
  const row = await db
    .selectFrom('sessions')
    .select('csrf_token')
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return { workspaceId, userId, cookie: `lb_session=${session.token}`, csrf: row.csrf_token };
}
