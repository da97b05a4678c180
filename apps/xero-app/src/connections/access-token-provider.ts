import { fail, needsReconnect, ok, type Result, retryable, type XeroIdentity } from '@ledgerbridge/canonical';
import type { Kysely } from 'kysely';
import { DecryptionError, type Keyring } from '../crypto/keyring.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import {
  findTokenSetForTenant,
  lockTokenSet,
  markNeedsReconnect,
  recordRefreshFailure,
  storeRefreshedTokens,
  type TokenSetRow,
  tokenContext,
} from './token-sets-repo.ts';

export type AccessTokenProvider = {
  getAccessToken(input: {
    workspaceId: string;
    tenantId: string;
  }): Promise<Result<{ accessToken: string; expiresAt: Date }>>;
};

/**
 * For the adapter that saw Xero answer 401 to a token we handed out: the stored access token is
 * treated as expired, so the next getAccessToken refreshes — and a revoked authorisation then shows
 * up as invalid_grant, marking the connection needs-reconnect with its alert.
 */
export type AccessTokenInvalidation = {
  invalidateAccessToken(input: { workspaceId: string; tenantId: string }): Promise<void>;
};

/** Refresh this long before expiry, so a token never dies in the middle of a batch. */
export const REFRESH_AHEAD_MS = 5 * 60 * 1000;

/**
 * Access tokens for the sync worker. Refreshes happen under a row lock on the token set and re-read
 * after acquiring it: a second worker waiting on the lock finds the fresh token and does not refresh
 * again, so a rotated refresh token is never spent twice.
 */
export function createAccessTokenProvider(deps: {
  db: Kysely<DatabaseSchema>;
  identity: Pick<XeroIdentity, 'refresh'>;
  keyring: Keyring;
  clock?: () => Date;
}): AccessTokenProvider & AccessTokenInvalidation {
  const clock = deps.clock ?? (() => new Date());
  const fresh = (row: TokenSetRow) => row.access_expires_at.getTime() - clock().getTime() > REFRESH_AHEAD_MS;
  const open = (row: TokenSetRow) => ({
    accessToken: deps.keyring.decrypt(row.access_token_enc, tokenContext(row.workspace_id, 'access')),
    expiresAt: row.access_expires_at,
  });

  async function refreshUnderLock(
    tokenSetId: string,
  ): Promise<Result<{ accessToken: string; expiresAt: Date }>> {
    return deps.db.transaction().execute(async (trx) => {
      const row = await lockTokenSet(trx, tokenSetId);
      if (row?.status !== 'active') {
        return fail(
          needsReconnect('xero-needs-reconnect', row?.status_reason ?? 'The Xero connection is gone.'),
        );
      }
      if (fresh(row)) return ok(open(row));
      const now = clock();
      if (row.refresh_expires_at.getTime() <= now.getTime()) {
        const reason = 'Its authorisation expired after 60 days without use.';
        await markNeedsReconnect(trx, { tokenSetId, reason });
        return fail(needsReconnect('xero-refresh-expired', reason));
      }
      const refreshToken = deps.keyring.decrypt(
        row.refresh_token_enc,
        tokenContext(row.workspace_id, 'refresh'),
      );
      const refreshed = await deps.identity.refresh({ refreshToken });
      if (!refreshed.ok) {
        // A refusal needs the merchant; anything else (Xero's identity server down, a time-out) leaves the
        // tokens for the retry and is counted, so refreshes failing again and again raise an alert.
        if (refreshed.error.kind === 'needs-reconnect') {
          await markNeedsReconnect(trx, { tokenSetId, reason: refreshed.error.message });
        } else {
          await recordRefreshFailure(trx, { tokenSetId, error: refreshed.error.message, at: now });
        }
        return refreshed;
      }
      // If this commit fails, Xero's 30-minute grace on the old refresh token lets the retry refresh again.
      await storeRefreshedTokens(trx, { row, tokens: refreshed.value, keyring: deps.keyring, now });
      return ok({ accessToken: refreshed.value.accessToken, expiresAt: refreshed.value.expiresAt });
    });
  }

  return {
    async invalidateAccessToken({ workspaceId, tenantId }) {
      await deps.db
        .updateTable('xero_token_sets')
        .set({ access_expires_at: new Date(0) })
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('xero_connections')
            .select('token_set_id')
            .where('workspace_id', '=', workspaceId)
            .where('tenant_id', '=', tenantId),
        )
        .execute();
    },

    async getAccessToken({ workspaceId, tenantId }) {
      const row = await findTokenSetForTenant(deps.db, { workspaceId, tenantId });
      if (!row || row.connection_status === 'disconnected') {
        return fail(
          needsReconnect('xero-not-connected', 'This Xero organisation is not connected to the workspace.'),
        );
      }
      if (row.connection_status !== 'active' || row.status !== 'active') {
        return fail(
          needsReconnect(
            'xero-needs-reconnect',
            row.status_reason ?? 'The Xero connection needs to be reconnected.',
          ),
        );
      }
      try {
        return fresh(row) ? ok(open(row)) : await refreshUnderLock(row.id);
      } catch (error) {
        // A key missing from the keyring cannot be fixed by retrying; new tokens (a reconnect) can.
        if (error instanceof DecryptionError) {
          return fail(
            needsReconnect('xero-tokens-unreadable', `Stored Xero tokens cannot be read: ${error.message}`),
          );
        }
        const message = error instanceof Error ? error.message : String(error);
        return fail(retryable('token-store-unavailable', `The token store could not be read: ${message}`));
      }
    },
  };
}
