import {
  fail,
  needsReconnect,
  ok,
  permanent,
  type XeroIdentity,
  type XeroIdTokenClaims,
  type XeroTenantConnection,
  type XeroTokenSet,
} from '@ledgerbridge/canonical';

/**
 * A Xero identity service that behaves like the real one where it matters: refresh tokens rotate and
 * a spent one is refused with invalid_grant (no grace period, to make a double refresh visible).
 */
export function createFakeXeroIdentity(
  options: {
    tenants?: XeroTenantConnection[];
    claims?: XeroIdTokenClaims;
    refreshDelayMs?: number;
    clock?: () => Date;
  } = {},
) {
  const clock = options.clock ?? (() => new Date());
  let counter = 0;
  const live = new Set<string>();
  const calls = { refresh: 0, revoke: 0, deleteConnection: [] as string[], exchange: 0 };
  let tenants = options.tenants ?? [
    {
      id: 'conn-1',
      authEventId: 'auth-1',
      tenantId: 'tenant-1',
      tenantType: 'ORGANISATION',
      tenantName: 'Demo Company (AU)',
    },
  ];

  const issue = (lifetimeMs = 30 * 60 * 1000): XeroTokenSet => {
    counter += 1;
    const refreshToken = `refresh-${counter}`;
    live.add(refreshToken);
    return {
      accessToken: `access-${counter}`,
      refreshToken,
      idToken: `id-token-${counter}`,
      expiresAt: new Date(clock().getTime() + lifetimeMs),
      scopes: ['openid', 'offline_access', 'accounting.invoices'],
    };
  };

  const nonces = new Set<string>();
  const identity: XeroIdentity = {
    authorizeUrl: (input) => {
      if (input.nonce) nonces.add(input.nonce);
      return `https://login.test/authorize?state=${encodeURIComponent(input.state)}&scope=${encodeURIComponent(input.scopes.join(' '))}`;
    },
    async exchangeCode() {
      calls.exchange += 1;
      return ok(issue());
    },
    async refresh({ refreshToken }) {
      calls.refresh += 1;
      await new Promise((r) => setTimeout(r, options.refreshDelayMs ?? 0));
      if (!live.delete(refreshToken))
        return fail(
          needsReconnect('xero-invalid-grant', 'invalid_grant: the refresh token was spent or revoked'),
        );
      return ok(issue());
    },
    async revoke({ refreshToken }) {
      calls.revoke += 1;
      live.delete(refreshToken);
      return ok(undefined);
    },
    async listConnections() {
      return ok(tenants);
    },
    async deleteConnection({ connectionId }) {
      calls.deleteConnection.push(connectionId);
      return ok(undefined);
    },
    async validateIdToken({ nonce }) {
      // Like Xero, the id_token carries the nonce the authorize request sent.
      if (!nonces.has(nonce)) return fail(permanent('xero-id-token-nonce', 'nonce mismatch'));
      return ok(
        options.claims ?? {
          sub: 'xero-user-1',
          email: 'owner@example.com',
          name: 'Olive Owner',
          xeroUserId: 'xu-1',
        },
      );
    },
  };

  return {
    identity,
    calls,
    setClaims: (claims: XeroIdTokenClaims) => {
      options.claims = claims;
    },
    /** Tokens as a fresh authorisation returns them; `expiresInMs` to make one that is about to expire. */
    issue,
    /** What a merchant revoking the app in Xero does: every refresh token stops working. */
    revokeEverything: () => live.clear(),
    setTenants: (next: XeroTenantConnection[]) => {
      tenants = next;
    },
  };
}
