import type { Keyring } from '../crypto/keyring.ts';
import { ocContext } from '../connections/ordercloud-connections-repo.ts';
import { sealTokens } from '../connections/token-sets-repo.ts';
import type { Db } from '../db/database.ts';

/**
 * A workspace whose prod environment sends one OrderCloud marketplace to one Xero tenant, as the
 * install flow leaves it: for tests and benchmarks that start after the install.
 */
export async function seedSyncContext(
  db: Db,
  keyring: Keyring,
  input: {
    tenantId: string;
    tenantName?: string;
    accessToken: string;
    refreshToken: string;
    accessExpiresAt?: Date;
    orderCloud: { apiUrl: string; clientId: string; clientSecret: string; hashKey: string };
  },
) {
  const workspace = await db
    .insertInto('workspaces')
    .values({ name: 'Test merchant' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sealed = sealTokens(keyring, workspace.id, {
    accessToken: input.accessToken,
    refreshToken: input.refreshToken,
  });
  const tokenSet = await db
    .insertInto('xero_token_sets')
    .values({
      workspace_id: workspace.id,
      xero_user_id: null,
      ...sealed,
      access_expires_at: input.accessExpiresAt ?? new Date(Date.now() + 30 * 60_000),
      refresh_expires_at: new Date(Date.now() + 60 * 86_400_000),
      scopes:
        'accounting.invoices accounting.payments accounting.contacts accounting.settings offline_access',
      status: 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const xero = await db
    .insertInto('xero_connections')
    .values({
      workspace_id: workspace.id,
      token_set_id: tokenSet.id,
      xero_connection_id: `conn-${input.tenantId}`,
      tenant_id: input.tenantId,
      tenant_name: input.tenantName ?? 'Test org',
      status: 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const oc = await db
    .insertInto('ordercloud_connections')
    .values({
      workspace_id: workspace.id,
      api_url: input.orderCloud.apiUrl,
      client_id: input.orderCloud.clientId,
      key_id: keyring.currentKeyId,
      client_secret_enc: keyring.encrypt(
        input.orderCloud.clientSecret,
        ocContext(workspace.id, 'client_secret'),
      ),
      hash_key_enc: keyring.encrypt(input.orderCloud.hashKey, ocContext(workspace.id, 'hash_key')),
      status: 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const environment = await db
    .insertInto('environments')
    .values({
      workspace_id: workspace.id,
      name: 'prod',
      xero_tenant_id: input.tenantId,
      xero_connection_id: xero.id,
      ordercloud_connection_id: oc.id,
      mapping_version_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    workspaceId: workspace.id,
    environmentId: environment.id,
    xeroConnectionId: xero.id,
    connectionId: oc.id,
  };
}
