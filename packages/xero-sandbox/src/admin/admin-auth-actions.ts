import { decodeJwt } from 'jose';
import { connectionToJson } from '../identity/connections-routes.ts';
import { checkRequestedScopes } from '../identity/scopes.ts';
import type { TokenResponse } from '../identity/token-issuer.ts';
import type { SandboxContext } from '../sandbox-context.ts';

export const DEFAULT_ADMIN_SCOPES = [
  'openid',
  'profile',
  'email',
  'offline_access',
  'accounting.invoices',
  'accounting.payments',
  'accounting.contacts',
  'accounting.settings',
];

export type IssuedTokens = TokenResponse & { connections: Record<string, unknown>[] };

// A completed consent without the browser: grant, connections and a token set, for tests and the benchmark.
export async function issueTokens(
  ctx: SandboxContext,
  input: { clientId?: string; tenantIds?: string[]; scopes?: string[] },
): Promise<{ ok: true; tokens: IssuedTokens } | { ok: false; error: string }> {
  const app = ctx.apps.get(input.clientId ?? ctx.apps.list()[0]?.clientId);
  if (!app) return { ok: false, error: 'Unknown clientId' };
  const scopes = checkRequestedScopes((input.scopes ?? DEFAULT_ADMIN_SCOPES).join(' '), app.createdAt);
  if (!scopes.ok) return { ok: false, error: scopes.description };
  const tenantIds = input.tenantIds ?? [...ctx.orgs.values()].map((org) => org.tenantId);
  const unknown = tenantIds.filter((tenantId) => !ctx.findOrg(tenantId));
  if (unknown.length > 0) return { ok: false, error: `Unknown tenantId: ${unknown.join(', ')}` };
  const now = ctx.clock.now();
  const authEventId = ctx.ids.uuid('auth-event');
  const userId = ctx.options.user.userId;
  ctx.auth.connect({ clientId: app.clientId, userId, tenantIds, authEventId, now });
  const grant = {
    grantId: ctx.ids.uuid('grant'),
    clientId: app.clientId,
    userId,
    scopes: scopes.scopes,
    authEventId,
    authTime: now,
    revoked: false,
  };
  ctx.auth.grants.set(grant.grantId, grant);
  const refreshToken = grant.scopes.includes('offline_access')
    ? ctx.tokens.newRefreshToken(grant)
    : undefined;
  const tokens = await ctx.tokens.issue(grant, { refreshToken });
  const connections = ctx.auth
    .connectionsFor(app.clientId, userId)
    .filter((connection) => connection.authEventId === authEventId)
    .map((connection) => connectionToJson(ctx, connection));
  return { ok: true, tokens: { ...tokens, connections } };
}

// Revoke like a user removing the app: by access token, refresh token, or every grant of a client.
export function revokeTokens(
  ctx: SandboxContext,
  input: { accessToken?: string; refreshToken?: string; clientId?: string },
): number {
  const grantIds = new Set<string>();
  if (input.accessToken) {
    const sid = decodeJwt(input.accessToken).sid;
    if (typeof sid === 'string') grantIds.add(sid);
  }
  if (input.refreshToken) {
    const record = ctx.auth.refreshTokens.get(input.refreshToken);
    if (record) grantIds.add(record.grantId);
  }
  if (input.clientId) {
    for (const grant of ctx.auth.grants.values())
      if (grant.clientId === input.clientId) grantIds.add(grant.grantId);
  }
  for (const grantId of grantIds) ctx.auth.revokeGrant(grantId);
  return grantIds.size;
}

// The org disconnects the app from Xero's side: its connections go, tokens stay valid for other orgs.
export function disconnectTenant(
  ctx: SandboxContext,
  input: { tenantId: string; clientId?: string },
): number {
  let removed = 0;
  for (const connection of [...ctx.auth.connections.values()]) {
    const sameTenant = connection.tenantId.toLowerCase() === input.tenantId.toLowerCase();
    if (sameTenant && (input.clientId === undefined || connection.clientId === input.clientId)) {
      ctx.auth.connections.delete(connection.id);
      removed += 1;
    }
  }
  return removed;
}
