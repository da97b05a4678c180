import type { Kysely, Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import type { Keyring } from '../crypto/keyring.ts';
import type { XeroTokenSet } from '@ledgerbridge/canonical';

type Db = Kysely<DatabaseSchema>;

/** Xero rotates refresh tokens; each one lives 60 days from its issue. */
export const REFRESH_TOKEN_LIFETIME_MS = 60 * 24 * 60 * 60 * 1000;

// Sealed values are bound to their column and workspace: copied elsewhere they do not open.
export const tokenContext = (workspaceId: string, column: 'access' | 'refresh') =>
  `xero_token_sets.${column}_token:${workspaceId}`;

export type TokenSetRow = {
  id: string;
  workspace_id: string;
  key_id: string;
  access_token_enc: string;
  refresh_token_enc: string;
  access_expires_at: Date;
  refresh_expires_at: Date;
  status: 'active' | 'needs-reconnect' | 'revoked';
  status_reason: string | null;
};

const tokenSetColumns = [
  'xero_token_sets.id',
  'xero_token_sets.workspace_id',
  'xero_token_sets.key_id',
  'xero_token_sets.access_token_enc',
  'xero_token_sets.refresh_token_enc',
  'xero_token_sets.access_expires_at',
  'xero_token_sets.refresh_expires_at',
  'xero_token_sets.status',
  'xero_token_sets.status_reason',
] as const;

const asRow = <T extends { access_expires_at: Date | string; refresh_expires_at: Date | string }>(
  row: T,
) => ({
  ...row,
  access_expires_at: new Date(row.access_expires_at),
  refresh_expires_at: new Date(row.refresh_expires_at),
});

export async function findTokenSetForTenant(
  db: Db,
  input: { workspaceId: string; tenantId: string },
): Promise<(TokenSetRow & { connection_id: string; connection_status: string }) | undefined> {
  const row = await db
    .selectFrom('xero_connections')
    .innerJoin('xero_token_sets', 'xero_token_sets.id', 'xero_connections.token_set_id')
    .select([
      ...tokenSetColumns,
      'xero_connections.id as connection_id',
      'xero_connections.status as connection_status',
    ])
    .where('xero_connections.workspace_id', '=', input.workspaceId)
    .where('xero_connections.tenant_id', '=', input.tenantId)
    .executeTakeFirst();
  return row ? asRow(row) : undefined;
}

/** Row lock for the duration of the caller's transaction: one refresh per token set at a time. */
export async function lockTokenSet(
  trx: Transaction<DatabaseSchema>,
  id: string,
): Promise<TokenSetRow | undefined> {
  const row = await trx
    .selectFrom('xero_token_sets')
    .select(tokenSetColumns)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? asRow(row) : undefined;
}

export function sealTokens(
  keyring: Keyring,
  workspaceId: string,
  tokens: { accessToken: string; refreshToken: string },
) {
  return {
    key_id: keyring.currentKeyId,
    access_token_enc: keyring.encrypt(tokens.accessToken, tokenContext(workspaceId, 'access')),
    refresh_token_enc: keyring.encrypt(tokens.refreshToken, tokenContext(workspaceId, 'refresh')),
  };
}

export async function storeRefreshedTokens(
  trx: Transaction<DatabaseSchema>,
  input: { row: TokenSetRow; tokens: XeroTokenSet; keyring: Keyring; now: Date },
): Promise<void> {
  const { row, tokens, keyring, now } = input;
  // Xero always rotates; if an answer ever lacks a new refresh token, the current one stays valid.
  const refreshToken =
    tokens.refreshToken ?? keyring.decrypt(row.refresh_token_enc, tokenContext(row.workspace_id, 'refresh'));
  await trx
    .updateTable('xero_token_sets')
    .set({
      ...sealTokens(keyring, row.workspace_id, { accessToken: tokens.accessToken, refreshToken }),
      access_expires_at: tokens.expiresAt,
      refresh_expires_at: new Date(now.getTime() + REFRESH_TOKEN_LIFETIME_MS),
      ...(tokens.scopes.length > 0 ? { scopes: tokens.scopes.join(' ') } : {}),
      refreshed_at: now,
      refresh_failures: 0,
      refresh_failed_at: null,
      refresh_error: null,
    })
    .where('id', '=', row.id)
    .execute();
}

/** A refresh that failed without a refusal, counted (the alert on failing refreshes reads the count). */
export async function recordRefreshFailure(
  trx: Transaction<DatabaseSchema>,
  input: { tokenSetId: string; error: string; at: Date },
): Promise<void> {
  await trx
    .updateTable('xero_token_sets')
    .set((eb) => ({
      refresh_failures: eb('refresh_failures', '+', 1),
      refresh_failed_at: input.at,
      refresh_error: input.error.slice(0, 500),
    }))
    .where('id', '=', input.tokenSetId)
    .execute();
}

/**
 * The token set and every organisation it serves need the merchant to reconnect; one open alert per
 * connection tells them so. Nothing is deleted: reconnecting restores the same rows.
 */
export async function markNeedsReconnect(
  trx: Transaction<DatabaseSchema>,
  input: { tokenSetId: string; reason: string },
): Promise<void> {
  const tokenSet = await trx
    .updateTable('xero_token_sets')
    .set({ status: 'needs-reconnect', status_reason: input.reason })
    .where('id', '=', input.tokenSetId)
    .returning(['workspace_id'])
    .executeTakeFirst();
  if (!tokenSet) return;
  const connections = await trx
    .updateTable('xero_connections')
    .set({ status: 'needs-reconnect' })
    .where('token_set_id', '=', input.tokenSetId)
    .where('status', '!=', 'disconnected')
    .returning(['id', 'tenant_name'])
    .execute();
  for (const connection of connections) {
    const open = await trx
      .selectFrom('alerts')
      .select('id')
      .where('workspace_id', '=', tokenSet.workspace_id)
      .where('kind', '=', 'xero-needs-reconnect')
      .where('subject_id', '=', connection.id)
      .where('resolved_at', 'is', null)
      .executeTakeFirst();
    if (open) continue;
    await trx
      .insertInto('alerts')
      .values({
        workspace_id: tokenSet.workspace_id,
        kind: 'xero-needs-reconnect',
        subject_id: connection.id,
        message: `Xero stopped accepting the connection to ${connection.tenant_name}: ${input.reason} Syncing to it is paused; reconnect it to resume.`,
      })
      .execute();
  }
}
