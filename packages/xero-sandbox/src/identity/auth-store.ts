import type { IdSource } from '../util/ids.ts';

export type AuthCode = {
  code: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  userId: string;
  authEventId: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  expiresAt: number;
  used: boolean;
};

export type Grant = {
  grantId: string;
  clientId: string;
  userId: string;
  scopes: string[];
  authEventId: string;
  authTime: number;
  revoked: boolean;
};

export type RefreshTokenRecord = {
  token: string;
  grantId: string;
  issuedAt: number;
  expiresAt: number;
  rotatedAt?: number;
  replacedBy?: string;
};

export type Connection = {
  id: string;
  clientId: string;
  userId: string;
  tenantId: string;
  authEventId: string;
  createdAt: number;
  updatedAt: number;
};

export type AuthStore = {
  codes: Map<string, AuthCode>;
  grants: Map<string, Grant>;
  refreshTokens: Map<string, RefreshTokenRecord>;
  connections: Map<string, Connection>;
  connect(input: {
    clientId: string;
    userId: string;
    tenantIds: string[];
    authEventId: string;
    now: number;
  }): void;
  connectionsFor(clientId: string, userId: string): Connection[];
  findConnection(clientId: string, userId: string, tenantId: string): Connection | undefined;
  revokeGrant(grantId: string): void;
  clear(): void;
};

export function createAuthStore(ids: IdSource): AuthStore {
  const codes = new Map<string, AuthCode>();
  const grants = new Map<string, Grant>();
  const refreshTokens = new Map<string, RefreshTokenRecord>();
  const connections = new Map<string, Connection>();
  const lower = (text: string) => text.toLowerCase();

  const store: AuthStore = {
    codes,
    grants,
    refreshTokens,
    connections,
    // Reconnecting an org keeps its connection id and createdDateUtc; updatedDateUtc moves.
    connect({ clientId, userId, tenantIds, authEventId, now }) {
      for (const tenantId of tenantIds) {
        const existing = store.findConnection(clientId, userId, tenantId);
        if (existing) {
          existing.updatedAt = now;
          existing.authEventId = authEventId;
        } else {
          const id = ids.uuid('connection');
          connections.set(id, {
            id,
            clientId,
            userId,
            tenantId,
            authEventId,
            createdAt: now,
            updatedAt: now,
          });
        }
      }
    },
    connectionsFor(clientId, userId) {
      return [...connections.values()].filter((c) => c.clientId === clientId && c.userId === userId);
    },
    findConnection(clientId, userId, tenantId) {
      return store.connectionsFor(clientId, userId).find((c) => lower(c.tenantId) === lower(tenantId));
    },
    // Revoking ends the grant's tokens and removes every connection the user gave the app.
    revokeGrant(grantId) {
      const grant = grants.get(grantId);
      if (!grant) return;
      grant.revoked = true;
      for (const [token, record] of refreshTokens)
        if (record.grantId === grantId) refreshTokens.delete(token);
      for (const connection of store.connectionsFor(grant.clientId, grant.userId))
        connections.delete(connection.id);
    },
    clear() {
      codes.clear();
      grants.clear();
      refreshTokens.clear();
      connections.clear();
    },
  };
  return store;
}
