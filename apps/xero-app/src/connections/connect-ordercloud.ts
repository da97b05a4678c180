import { randomUUID } from 'node:crypto';
import { fail, ok, permanent, type Result } from '@ledgerbridge/canonical';
import type { Kysely } from 'kysely';
import type { Keyring } from '../crypto/keyring.ts';
import { randomToken } from '../crypto/random-token.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { OrderCloudAdmin } from './ordercloud-admin.ts';
import { ocContext } from './ordercloud-connections-repo.ts';
import { desiredWebhook } from './ordercloud-webhook-definition.ts';
import { recordAudit } from '../timeline/audit-log-repo.ts';

export type ConnectOrderCloudInput = {
  workspaceId: string;
  actor: string;
  name: string;
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  /** Binds the new connection to this environment of the workspace. */
  environment?: 'dev' | 'qa' | 'prod';
};

export function normaliseApiUrl(value: string): Result<string> {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return fail(
      permanent(
        'invalid-url',
        'The API URL is not a URL (e.g. https://australiaeast-sandbox.ordercloud.io).',
      ),
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return fail(permanent('invalid-url', 'The API URL must start with https://.'));
  }
  return ok(`${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '')}`);
}

/**
 * Verifies the marketplace's credentials, stores them encrypted with a fresh webhook HashKey, and
 * registers Ledgerbridge's webhook. A registration failure keeps the connection as 'broken' so the
 * merchant can repair it without typing the secret again.
 */
export async function connectOrderCloud(
  deps: { db: Kysely<DatabaseSchema>; keyring: Keyring; admin: OrderCloudAdmin; publicUrl: string },
  input: ConnectOrderCloudInput,
): Promise<Result<{ connectionId: string; status: 'active' | 'broken'; message?: string }>> {
  const apiUrl = normaliseApiUrl(input.apiUrl);
  if (!apiUrl.ok) return apiUrl;
  if (!input.clientId.trim() || !input.clientSecret) {
    return fail(permanent('missing-credentials', 'Enter the API client ID and its secret.'));
  }
  const credentials = {
    apiUrl: apiUrl.value,
    clientId: input.clientId.trim(),
    clientSecret: input.clientSecret,
  };
  const verified = await deps.admin.verifyCredentials(credentials);
  if (!verified.ok) return verified;

  const connectionId = randomUUID();
  const hashKey = randomToken(32);
  const seal = (value: string, column: 'client_secret' | 'hash_key') =>
    deps.keyring.encrypt(value, ocContext(input.workspaceId, column));
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('ordercloud_connections')
      .values({
        id: connectionId,
        workspace_id: input.workspaceId,
        name: input.name.trim() || new URL(credentials.apiUrl).host,
        api_url: credentials.apiUrl,
        client_id: credentials.clientId,
        key_id: deps.keyring.currentKeyId,
        client_secret_enc: seal(credentials.clientSecret, 'client_secret'),
        hash_key_enc: seal(hashKey, 'hash_key'),
        api_client_ids: JSON.stringify(verified.value.apiClientIds),
        status: 'broken',
        status_reason: 'The webhook is not registered yet.',
        verified_at: new Date(),
      })
      .execute();
    if (input.environment) {
      // One environment per marketplace, so an incoming order has exactly one destination.
      await trx
        .updateTable('environments')
        .set({ ordercloud_connection_id: null })
        .where('workspace_id', '=', input.workspaceId)
        .where('ordercloud_connection_id', '=', connectionId)
        .execute();
      await trx
        .updateTable('environments')
        .set({ ordercloud_connection_id: connectionId })
        .where('workspace_id', '=', input.workspaceId)
        .where('name', '=', input.environment)
        .execute();
    }
    await recordAudit(trx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: 'ordercloud.connected',
      details: { connectionId, apiUrl: credentials.apiUrl, clientId: credentials.clientId },
    });
  });

  const registered = await deps.admin.upsertWebhook({
    credentials,
    webhookId: null,
    webhook: desiredWebhook({
      publicUrl: deps.publicUrl,
      connectionId,
      hashKey,
      apiClientIds: verified.value.apiClientIds,
    }),
  });
  if (!registered.ok) {
    await deps.db
      .updateTable('ordercloud_connections')
      .set({ status_reason: registered.error.message })
      .where('id', '=', connectionId)
      .execute();
    return ok({ connectionId, status: 'broken', message: registered.error.message });
  }
  await deps.db
    .updateTable('ordercloud_connections')
    .set({ webhook_id: registered.value.webhookId, status: 'active', status_reason: null })
    .where('id', '=', connectionId)
    .execute();
  return ok({ connectionId, status: 'active' });
}
