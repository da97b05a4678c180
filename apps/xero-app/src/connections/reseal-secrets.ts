import type { Kysely } from 'kysely';
import type { Keyring } from '../crypto/keyring.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { ocContext } from './ordercloud-connections-repo.ts';
import { siteSecretContext } from '../sitecore/sitecore-sites-repo.ts';
import { alertSecretContext } from '../alerts/alerts-repo.ts';
import { lockTokenSet, tokenContext } from './token-sets-repo.ts';

/**
 * Key rotation, second half: re-seals every secret still sealed with a previous key under the current
 * one, so the previous key can then be dropped from ENCRYPTION_KEY_PREVIOUS. Each token set is
 * re-sealed under its row lock, so a refresh running meanwhile is never overwritten with stale tokens.
 */
export async function resealSecrets(deps: {
  db: Kysely<DatabaseSchema>;
  keyring: Keyring;
}): Promise<{ resealed: number }> {
  const { db, keyring } = deps;
  let resealed = 0;
  const staleTokenSets = await db
    .selectFrom('xero_token_sets')
    .select('id')
    .where('key_id', '!=', keyring.currentKeyId)
    .execute();
  for (const { id } of staleTokenSets) {
    await db.transaction().execute(async (trx) => {
      const row = await lockTokenSet(trx, id);
      if (!row || row.key_id === keyring.currentKeyId) return;
      const reseal = (value: string, column: 'access' | 'refresh') =>
        keyring.encrypt(
          keyring.decrypt(value, tokenContext(row.workspace_id, column)),
          tokenContext(row.workspace_id, column),
        );
      await trx
        .updateTable('xero_token_sets')
        .set({
          key_id: keyring.currentKeyId,
          access_token_enc: reseal(row.access_token_enc, 'access'),
          refresh_token_enc: reseal(row.refresh_token_enc, 'refresh'),
        })
        .where('id', '=', id)
        .execute();
      resealed += 1;
    });
  }
  const staleConnections = await db
    .selectFrom('ordercloud_connections')
    .select(['id', 'workspace_id', 'key_id', 'client_secret_enc', 'hash_key_enc'])
    .where('key_id', '!=', keyring.currentKeyId)
    .execute();
  for (const row of staleConnections) {
    const reseal = (value: string, column: 'client_secret' | 'hash_key') =>
      keyring.encrypt(
        keyring.decrypt(value, ocContext(row.workspace_id, column)),
        ocContext(row.workspace_id, column),
      );
    await db
      .updateTable('ordercloud_connections')
      .set({
        key_id: keyring.currentKeyId,
        client_secret_enc: reseal(row.client_secret_enc, 'client_secret'),
        hash_key_enc: reseal(row.hash_key_enc, 'hash_key'),
      })
      .where('id', '=', row.id)
      .where('key_id', '=', row.key_id)
      .execute();
    resealed += 1;
  }
  const staleSites = await db
    .selectFrom('sitecore_sites')
    .select(['id', 'workspace_id', 'key_id', 'signing_secret_enc'])
    .where('key_id', '!=', keyring.currentKeyId)
    .execute();
  for (const row of staleSites) {
    const context = siteSecretContext(row.workspace_id);
    await db
      .updateTable('sitecore_sites')
      .set({
        key_id: keyring.currentKeyId,
        signing_secret_enc: keyring.encrypt(keyring.decrypt(row.signing_secret_enc, context), context),
      })
      .where('id', '=', row.id)
      .where('key_id', '=', row.key_id)
      .execute();
    resealed += 1;
  }
  const staleAlertSecrets = await db
    .selectFrom('alert_settings')
    .select(['workspace_id', 'key_id', 'webhook_secret_enc'])
    .where('key_id', '!=', keyring.currentKeyId)
    .where('webhook_secret_enc', 'is not', null)
    .execute();
  for (const row of staleAlertSecrets) {
    const context = alertSecretContext(row.workspace_id);
    await db
      .updateTable('alert_settings')
      .set({
        key_id: keyring.currentKeyId,
        webhook_secret_enc: keyring.encrypt(keyring.decrypt(row.webhook_secret_enc ?? '', context), context),
      })
      .where('workspace_id', '=', row.workspace_id)
      .where('key_id', '=', row.key_id ?? '')
      .execute();
    resealed += 1;
  }
  return { resealed };
}
