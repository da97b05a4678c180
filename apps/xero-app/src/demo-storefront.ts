import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { createApiKeyStore } from './console/api-keys.ts';
import type { Keyring } from './crypto/keyring.ts';
import type { DatabaseSchema } from './db/schema.ts';
import { childEnvironment } from './env.ts';
import { createSitecoreSite } from './sitecore/sitecore-sites-repo.ts';

const headDir = fileURLToPath(new URL('../../sitecore-extension/', import.meta.url));
const nextBin = `${headDir}node_modules/next/dist/bin/next`;

/**
 * `pnpm demo`'s storefront: the Sitecore extension (a JSS head on local layout data) connected to the
 * demo workspace as a Sitecore site, exactly as the console connects one. `next start` when the head is
 * built, `next dev` otherwise (a fresh clone).
 */
export async function startDemoStorefront(input: {
  db: Kysely<DatabaseSchema>;
  keyring: Keyring;
  workspaceId: string;
  appUrl: string;
  port: number;
  onExit?: (code: number | null) => void;
}): Promise<{ url: string; adminPassword: string; stop(): Promise<void> }> {
  const environment = await input.db
    .selectFrom('environments')
    .select('id')
    .where('workspace_id', '=', input.workspaceId)
    .where('xero_connection_id', 'is not', null)
    .executeTakeFirstOrThrow();
  const apiKeys = createApiKeyStore(input.db);
  const site = await createSitecoreSite(
    {
      db: input.db,
      keyring: input.keyring,
      createApiKey: (name) => apiKeys.create({ workspaceId: input.workspaceId, name, actor: 'demo' }),
    },
    { workspaceId: input.workspaceId, name: 'Demo storefront', environmentId: environment.id, actor: 'demo' },
  );
  if (!site) throw new Error('the demo environment is not the demo workspace’s');
  const adminPassword = 'demo';
  const mode = existsSync(`${headDir}.next/BUILD_ID`) ? 'start' : 'dev';
  const child: ChildProcess = spawn(
    process.execPath,
    [nextBin, mode, '-p', String(input.port), '-H', '127.0.0.1'],
    {
      cwd: headDir,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: childEnvironment({
        NEXT_TELEMETRY_DISABLED: '1',
        LEDGERBRIDGE_URL: input.appUrl,
        LEDGERBRIDGE_WORKSPACE_ID: input.workspaceId,
        LEDGERBRIDGE_SITE_ID: site.id,
        LEDGERBRIDGE_API_KEY: site.apiKey,
        LEDGERBRIDGE_SIGNING_SECRET: site.signingSecret,
        STOREFRONT_ADMIN_PASSWORD: adminPassword,
      }),
    },
  );
  if (input.onExit) child.once('exit', input.onExit);
  return {
    url: `http://127.0.0.1:${input.port}`,
    adminPassword,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
