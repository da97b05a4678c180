import { fail, ok, permanent, type Result, type XeroIdentity } from '@ledgerbridge/canonical';
import type { Kysely } from 'kysely';
import type { Keyring } from '../crypto/keyring.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { AccessTokenProvider } from './access-token-provider.ts';
import { lockTokenSet, tokenContext } from './token-sets-repo.ts';
import { isUuid } from './uuid.ts';
import { recordAudit } from '../timeline/audit-log-repo.ts';

/**
 * Disconnects one organisation: removed at Xero (DELETE /connections/{id}), unbound from environments,
 * and when no organisation uses its token set any more, the refresh token is revoked.
 */
export async function disconnectXero(
  deps: {
    db: Kysely<DatabaseSchema>;
    identity: Pick<XeroIdentity, 'deleteConnection' | 'revoke'>;
    tokens: AccessTokenProvider;
    keyring: Keyring;
  },
  input: { workspaceId: string; connectionId: string; actor: string },
): Promise<Result<{ revoked: boolean; removedAtXero: boolean }>> {
  const notFound = fail(permanent('not-found', 'No such Xero connection in this workspace.'));
  if (!isUuid(input.connectionId)) return notFound;
  const connection = await deps.db
    .selectFrom('xero_connections')
    .select(['id', 'token_set_id', 'tenant_id', 'tenant_name', 'xero_connection_id', 'status'])
    .where('id', '=', input.connectionId)
    .where('workspace_id', '=', input.workspaceId)
    .executeTakeFirst();
  if (!connection || connection.status === 'disconnected') return notFound;

  let removedAtXero = false;
  const token = await deps.tokens.getAccessToken({
    workspaceId: input.workspaceId,
    tenantId: connection.tenant_id,
  });
  if (token.ok) {
    const removed = await deps.identity.deleteConnection({
      accessToken: token.value.accessToken,
      connectionId: connection.xero_connection_id,
    });
    // A Xero outage must not keep the merchant connected against their will; the error is returned.
    if (!removed.ok && removed.error.kind !== 'needs-reconnect') return removed;
    removedAtXero = removed.ok;
  }

  return deps.db.transaction().execute(async (trx) => {
    const tokenSet = await lockTokenSet(trx, connection.token_set_id);
    await trx
      .updateTable('xero_connections')
      .set({ status: 'disconnected' })
      .where('id', '=', connection.id)
      .execute();
    await trx
      .updateTable('environments')
      .set({ xero_connection_id: null, xero_tenant_id: null })
      .where('workspace_id', '=', input.workspaceId)
      .where('xero_connection_id', '=', connection.id)
      .execute();
    const stillUsed = await trx
      .selectFrom('xero_connections')
      .select('id')
      .where('token_set_id', '=', connection.token_set_id)
      .where('status', '!=', 'disconnected')
      .executeTakeFirst();
    let revoked = false;
    if (!stillUsed && tokenSet && tokenSet.status !== 'revoked') {
      const refreshToken = deps.keyring.decrypt(
        tokenSet.refresh_token_enc,
        tokenContext(tokenSet.workspace_id, 'refresh'),
      );
      const result = await deps.identity.revoke({ refreshToken });
      revoked = result.ok;
      await trx
        .updateTable('xero_token_sets')
        .set({ status: 'revoked', status_reason: 'Disconnected by the merchant.' })
        .where('id', '=', tokenSet.id)
        .execute();
    }
    await trx
      .updateTable('alerts')
      .set({ resolved_at: new Date() })
      .where('workspace_id', '=', input.workspaceId)
      .where('subject_id', '=', connection.id)
      .where('resolved_at', 'is', null)
      .execute();
    await recordAudit(trx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: 'xero.disconnected',
      details: {
        tenantId: connection.tenant_id,
        name: connection.tenant_name,
        removedAtXero,
        revoked,
      },
    });
    return ok({ revoked, removedAtXero });
  });
}
