import {
  createApiKeyStore,
  createKeyring,
  signEmitterBody,
  createSitecoreSite,
} from '@ledgerbridge/xero-app';
import { type Stack, TEST_ENCRYPTION_KEY } from './stack.ts';

export type TestSite = { readonly id: string; readonly apiKey: string; readonly signingSecret: string };

/** A Sitecore site on the stack's workspace and environment, as the console creates it. */
export async function createTestSite(stack: Stack, name = 'Storefront'): Promise<TestSite> {
  const db = stack.infra.database.db;
  const environment = await db
    .selectFrom('environments')
    .select('id')
    .where('workspace_id', '=', stack.workspaceId)
    .executeTakeFirstOrThrow();
  const apiKeys = createApiKeyStore(db);
  const site = await createSitecoreSite(
    {
      db,
      keyring: createKeyring({ current: TEST_ENCRYPTION_KEY }),
      createApiKey: (keyName) =>
        apiKeys.create({ workspaceId: stack.workspaceId, name: keyName, actor: 'test' }),
    },
    { workspaceId: stack.workspaceId, name, environmentId: environment.id, actor: 'test' },
  );
  if (!site) throw new Error("the environment is not the workspace's");
  return { id: site.id, apiKey: site.apiKey, signingSecret: site.signingSecret };
}

/** The extension head's environment that connects it to the stack as `site` (its ID, API key and secret). */
export function siteHeadEnv(stack: Stack, site: TestSite): Record<string, string> {
  return {
    LEDGERBRIDGE_URL: stack.server.url,
    LEDGERBRIDGE_WORKSPACE_ID: stack.workspaceId,
    LEDGERBRIDGE_SITE_ID: site.id,
    LEDGERBRIDGE_API_KEY: site.apiKey,
    LEDGERBRIDGE_SIGNING_SECRET: site.signingSecret,
  };
}

/** Sends one event as the extension's emitter does: signed at sending time. */
export async function emit(stack: Stack, site: TestSite, event: object): Promise<Response> {
  const body = JSON.stringify(event);
  return fetch(`${stack.server.url}/webhooks/sitecore/${site.id}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-ledgerbridge-signature': signEmitterBody({ secret: site.signingSecret, body, now: new Date() }),
    },
    body,
  });
}
