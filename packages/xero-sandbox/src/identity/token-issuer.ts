import { createHash } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { SandboxClock } from '../clock/sandbox-clock.ts';
import type { SandboxUser } from '../sandbox-options.ts';
import type { IdSource } from '../util/ids.ts';
import type { AuthStore, Grant } from './auth-store.ts';
import type { SigningKeys } from './signing-keys.ts';

export const ACCESS_TOKEN_SECONDS = 30 * 60;
export const ID_TOKEN_SECONDS = 5 * 60;
export const REFRESH_TOKEN_MS = 60 * 86_400_000;
export const REFRESH_GRACE_MS = 30 * 60_000;

export type TokenResponse = {
  id_token?: string;
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
  refresh_token?: string;
  scope: string;
};

export type AccessClaims = {
  clientId: string;
  userId: string;
  grantId: string;
  scopes: string[];
  authEventId: string;
};

export type TokenIssuer = {
  issue(grant: Grant, options: { nonce?: string; refreshToken?: string }): Promise<TokenResponse>;
  newRefreshToken(grant: Grant): string;
  verifyAccessToken(token: string): Promise<AccessClaims | undefined>;
};

type Deps = {
  clock: SandboxClock;
  keys: SigningKeys;
  store: AuthStore;
  ids: IdSource;
  issuer: string;
  user: SandboxUser;
};

// Left half of SHA-256 of the access token, as OpenID Connect defines at_hash for RS256.
function atHash(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
}

export function createTokenIssuer({ clock, keys, store, ids, issuer, user }: Deps): TokenIssuer {
  const seconds = () => Math.floor(clock.now() / 1000);
  return {
    newRefreshToken(grant) {
      const token = ids.secret(32);
      const now = clock.now();
      store.refreshTokens.set(token, {
        token,
        grantId: grant.grantId,
        issuedAt: now,
        expiresAt: now + REFRESH_TOKEN_MS,
      });
      return token;
    },
    async issue(grant, { nonce, refreshToken }) {
      const iat = seconds();
      const accessToken = await new SignJWT({
        client_id: grant.clientId,
        sub: user.userId.replace(/-/g, ''),
        auth_time: Math.floor(grant.authTime / 1000),
        xero_userid: grant.userId,
        global_session_id: grant.grantId.replace(/-/g, ''),
        sid: grant.grantId,
        authentication_event_id: grant.authEventId,
        scope: grant.scopes,
        amr: ['pwd'],
      })
        .setProtectedHeader({ alg: 'RS256', kid: keys.kid, typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(`${issuer}/resources`)
        .setJti(ids.secret(16))
        .setNotBefore(iat)
        .setIssuedAt(iat)
        .setExpirationTime(iat + ACCESS_TOKEN_SECONDS)
        .sign(keys.privateKey);
      const response: TokenResponse = {
        access_token: accessToken,
        expires_in: ACCESS_TOKEN_SECONDS,
        token_type: 'Bearer',
        refresh_token: refreshToken,
        scope: grant.scopes.join(' '),
      };
      if (grant.scopes.includes('openid')) {
        const profile = grant.scopes.includes('profile');
        // OpenID clients check id_token times against the wall clock, which an advanced sandbox clock would fail.
        const wallIat = Math.floor(Date.now() / 1000);
        response.id_token = await new SignJWT({
          nonce,
          at_hash: atHash(accessToken),
          sid: grant.grantId,
          auth_time: Math.min(Math.floor(grant.authTime / 1000), wallIat),
          xero_userid: grant.userId,
          global_session_id: grant.grantId.replace(/-/g, ''),
          preferred_username: user.email,
          email: grant.scopes.includes('email') ? user.email : undefined,
          given_name: profile ? user.givenName : undefined,
          family_name: profile ? user.familyName : undefined,
          name: profile ? `${user.givenName} ${user.familyName}` : undefined,
          amr: ['pwd'],
        })
          .setProtectedHeader({ alg: 'RS256', kid: keys.kid, typ: 'JWT' })
          .setIssuer(issuer)
          .setAudience(grant.clientId)
          .setSubject(user.userId.replace(/-/g, ''))
          .setNotBefore(wallIat)
          .setIssuedAt(wallIat)
          .setExpirationTime(wallIat + ID_TOKEN_SECONDS)
          .sign(keys.privateKey);
      }
      return response;
    },
    async verifyAccessToken(token) {
      try {
        const { payload } = await jwtVerify(token, keys.publicKey, {
          issuer,
          audience: `${issuer}/resources`,
          algorithms: ['RS256'],
          currentDate: new Date(clock.now()),
        });
        const grant = store.grants.get(String(payload.sid));
        if (!grant || grant.revoked) return undefined;
        return {
          clientId: grant.clientId,
          userId: grant.userId,
          grantId: grant.grantId,
          scopes: grant.scopes,
          authEventId: grant.authEventId,
        };
      } catch {
        return undefined;
      }
    },
  };
}
