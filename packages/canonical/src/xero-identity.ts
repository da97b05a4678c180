import type { Result } from './sync-error.ts';

// What the app needs from Xero's identity service (sign-in, connections, tokens). packages/xero's identity
// client satisfies it; the composition roots pass it in, and tests pass fakes.

export type XeroTokenSet = {
  readonly accessToken: string;
  /** Absent only for grants without `offline_access` (sign-in with OpenID scopes alone). */
  readonly refreshToken: string | null;
  readonly idToken: string | null;
  readonly expiresAt: Date;
  readonly scopes: readonly string[];
};

export type XeroTenantConnection = {
  readonly id: string;
  readonly authEventId: string;
  readonly tenantId: string;
  readonly tenantType: string;
  readonly tenantName: string;
};

export type XeroIdTokenClaims = {
  readonly sub: string;
  readonly email: string | null;
  readonly name: string | null;
  readonly xeroUserId: string | null;
};

export interface XeroIdentity {
  authorizeUrl(input: {
    redirectUri: string;
    scopes: readonly string[];
    state: string;
    nonce?: string;
    codeChallenge?: string;
  }): string;
  exchangeCode(input: {
    code: string;
    redirectUri: string;
    codeVerifier?: string;
  }): Promise<Result<XeroTokenSet>>;
  refresh(input: { refreshToken: string }): Promise<Result<XeroTokenSet>>;
  revoke(input: { refreshToken: string }): Promise<Result<void>>;
  listConnections(input: {
    accessToken: string;
    authEventId?: string;
  }): Promise<Result<XeroTenantConnection[]>>;
  deleteConnection(input: { accessToken: string; connectionId: string }): Promise<Result<void>>;
  validateIdToken(input: { idToken: string; nonce: string }): Promise<Result<XeroIdTokenClaims>>;
}
