import type { Kysely } from 'kysely';
import type { Keyring } from '../crypto/keyring.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { isUuid } from './uuid.ts';

export const ocContext = (workspaceId: string, column: 'client_secret' | 'hash_key') =>
  `ordercloud_connections.${column}:${workspaceId}`;

export type OrderCloudConnectionSecrets = {
  readonly id: string;
  readonly workspaceId: string;
  readonly apiUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The webhook's HashKey: X-oc-hash is verified with it. */
  readonly hashKey: string;
  readonly webhookId: string | null;
  readonly apiClientIds: readonly string[];
  readonly status: 'active' | 'broken' | 'disconnected';
};

/**
 * Decrypted credentials of one OrderCloud connection, for the webhook intake (hash key) and the
 * OrderCloud adapter (client credentials). Undefined for an unknown or disconnected connection.
 */
export async function getOrderCloudConnectionSecrets(
  deps: { db: Kysely<DatabaseSchema>; keyring: Keyring },
  connectionId: string,
): Promise<OrderCloudConnectionSecrets | undefined> {
  if (!isUuid(connectionId)) return undefined;
  const row = await deps.db
    .selectFrom('ordercloud_connections')
    .selectAll()
    .where('id', '=', connectionId)
    .where('status', '!=', 'disconnected')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    apiUrl: row.api_url,
    clientId: row.client_id,
    clientSecret: deps.keyring.decrypt(row.client_secret_enc, ocContext(row.workspace_id, 'client_secret')),
    hashKey: deps.keyring.decrypt(row.hash_key_enc, ocContext(row.workspace_id, 'hash_key')),
    webhookId: row.webhook_id,
    apiClientIds: row.api_client_ids,
    status: row.status,
  };
}
