import { fail, ok, permanent, type Result } from '@ledgerbridge/canonical';
import type { Kysely } from 'kysely';
import type { Keyring } from '../crypto/keyring.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { OrderCloudAdmin } from './ordercloud-admin.ts';
import { getOrderCloudConnectionSecrets } from './ordercloud-connections-repo.ts';
import { desiredWebhook, webhookDrift } from './ordercloud-webhook-definition.ts';
import { recordAudit } from '../timeline/audit-log-repo.ts';

/**
 * Checks the webhook registered in OrderCloud against what it should be, and re-creates or replaces
 * it when it is missing or changed (someone edited it, the app moved to another URL).
 */
export async function repairOrderCloudWebhook(
  deps: { db: Kysely<DatabaseSchema>; keyring: Keyring; admin: OrderCloudAdmin; publicUrl: string },
  input: { workspaceId: string; connectionId: string; actor: string },
): Promise<Result<{ repaired: boolean; drift: readonly string[] }>> {
  const secrets = await getOrderCloudConnectionSecrets(deps, input.connectionId);
  if (!secrets || secrets.workspaceId !== input.workspaceId) {
    return fail(permanent('not-found', 'No such OrderCloud connection in this workspace.'));
  }
  const credentials = {
    apiUrl: secrets.apiUrl,
    clientId: secrets.clientId,
    clientSecret: secrets.clientSecret,
  };
  const verified = await deps.admin.verifyCredentials(credentials);
  const markBroken = async (reason: string) => {
    await deps.db
      .updateTable('ordercloud_connections')
      .set({ status: 'broken', status_reason: reason })
      .where('id', '=', secrets.id)
      .execute();
  };
  if (!verified.ok) {
    await markBroken(verified.error.message);
    return verified;
  }
  const desired = desiredWebhook({
    publicUrl: deps.publicUrl,
    connectionId: secrets.id,
    hashKey: secrets.hashKey,
    apiClientIds: verified.value.apiClientIds,
  });
  const current = secrets.webhookId
    ? await deps.admin.getWebhook({ credentials, webhookId: secrets.webhookId })
    : ok(null);
  if (!current.ok) return current;
  const drift = current.value ? webhookDrift(current.value, desired) : ['the webhook is not registered'];
  if (drift.length > 0) {
    const upserted = await deps.admin.upsertWebhook({
      credentials,
      webhookId: current.value ? secrets.webhookId : null,
      webhook: desired,
    });
    if (!upserted.ok) {
      await markBroken(upserted.error.message);
      return upserted;
    }
    if (secrets.webhookId !== upserted.value.webhookId) {
      await deps.db
        .updateTable('ordercloud_connections')
        .set({ webhook_id: upserted.value.webhookId })
        .where('id', '=', secrets.id)
        .execute();
    }
  }
  await deps.db
    .updateTable('ordercloud_connections')
    .set({
      status: 'active',
      status_reason: null,
      verified_at: new Date(),
      api_client_ids: JSON.stringify(verified.value.apiClientIds),
    })
    .where('id', '=', secrets.id)
    .execute();
  await recordAudit(deps.db, {
    workspaceId: input.workspaceId,
    actor: input.actor,
    action: 'ordercloud.webhook-checked',
    details: { connectionId: secrets.id, drift },
  });
  return ok({ repaired: drift.length > 0, drift });
}
