import {
  fail,
  ok,
  permanent,
  type Result,
  retryable,
  type XeroIdTokenClaims,
  type XeroTenantConnection,
  type XeroTokenSet,
} from '@ledgerbridge/canonical';
import { createRemoteJWKSet, customFetch, errors as joseErrors, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { z } from 'zod';
import { mapIdentityFailure, mapTransportFailure } from './identity-errors.ts';
import { ConnectionSchema, DiscoverySchema, TokenResponseSchema } from './identity-types.ts';

export type XeroIdentityOptions = {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Authorize lives at `${loginUrl}/identity/connect/authorize`. */
  readonly loginUrl: string;
  /** Token, revocation and OpenID discovery. */
  readonly identityUrl: string;
  /** `${apiUrl}/connections`. */
  readonly apiUrl: string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
  readonly clock?: () => Date;
};

export type XeroIdentityClient = ReturnType<typeof createXeroIdentityClient>;

type HttpAnswer = { status: number; body: unknown; retryAfter: string | null };

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * Xero's OAuth 2.0 / OpenID Connect endpoints over fetch. xero-node hard-codes identity.xero.com, so the
 * app owns this part; every failure is mapped once into a SyncError kind.
 */
export function createXeroIdentityClient(options: XeroIdentityOptions) {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const clock = options.clock ?? (() => new Date());
  const identityUrl = trimSlash(options.identityUrl);
  const apiUrl = trimSlash(options.apiUrl);
  const basic = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`;

  async function call(operation: string, url: string, init: RequestInit): Promise<Result<HttpAnswer>> {
    let response: Response;
    try {
      response = await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      return fail(mapTransportFailure(operation, error));
    }
    const text = await response.text().catch(() => '');
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // Non-JSON bodies (HTML error pages) are kept as text for the message.
    }
    const answer = { status: response.status, body, retryAfter: response.headers.get('retry-after') };
    if (response.ok) return ok(answer);
    return fail(
      mapIdentityFailure({ operation, status: response.status, body, retryAfterHeader: answer.retryAfter }),
    );
  }

  function parse<S extends z.ZodType>(operation: string, schema: S, body: unknown): Result<z.infer<S>> {
    const parsed = schema.safeParse(body);
    if (parsed.success) return ok(parsed.data);
    return fail(
      permanent('xero-identity-unexpected', `Xero's answer to ${operation} has an unexpected shape.`),
    );
  }

  async function tokenGrant(operation: string, form: Record<string, string>): Promise<Result<XeroTokenSet>> {
    const sentAt = clock();
    const answer = await call(operation, `${identityUrl}/connect/token`, {
      method: 'POST',
      headers: {
        authorization: basic,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams(form).toString(),
    });
    if (!answer.ok) return answer;
    const token = parse(operation, TokenResponseSchema, answer.value.body);
    if (!token.ok) return token;
    const t = token.value;
    // Expiry counted from when we asked, so clock skew and latency only ever make us refresh early.
    return ok({
      accessToken: t.access_token,
      refreshToken: t.refresh_token ?? null,
      idToken: t.id_token ?? null,
      expiresAt: new Date(sentAt.getTime() + t.expires_in * 1000),
      scopes: t.scope.split(/\s+/).filter(Boolean),
    });
  }

  let discovery: Promise<Result<{ issuer: string; jwks: JWTVerifyGetKey }>> | undefined;
  function discover(): Promise<Result<{ issuer: string; jwks: JWTVerifyGetKey }>> {
    discovery ??= (async () => {
      const operation = 'OpenID discovery';
      const answer = await call(operation, `${identityUrl}/.well-known/openid-configuration`, {
        method: 'GET',
      });
      if (!answer.ok) return answer;
      const doc = parse(operation, DiscoverySchema, answer.value.body);
      if (!doc.ok) return doc;
      const jwks = createRemoteJWKSet(new URL(doc.value.jwks_uri), {
        timeoutDuration: timeoutMs,
        [customFetch]: (url, init) => doFetch(url, init),
      });
      return ok({ issuer: doc.value.issuer, jwks });
    })();
    const pending = discovery;
    // A failed discovery is retried on the next sign-in rather than cached forever.
    void pending.then((r) => {
      if (!r.ok && discovery === pending) discovery = undefined;
    });
    return pending;
  }

  return {
    authorizeUrl(input: {
      redirectUri: string;
      scopes: readonly string[];
      state: string;
      nonce?: string;
      codeChallenge?: string;
    }): string {
      const url = new URL(`${trimSlash(options.loginUrl)}/identity/connect/authorize`);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', options.clientId);
      url.searchParams.set('redirect_uri', input.redirectUri);
      url.searchParams.set('scope', input.scopes.join(' '));
      url.searchParams.set('state', input.state);
      if (input.nonce) url.searchParams.set('nonce', input.nonce);
      if (input.codeChallenge) {
        url.searchParams.set('code_challenge', input.codeChallenge);
        url.searchParams.set('code_challenge_method', 'S256');
      }
      return url.toString();
    },

    exchangeCode(input: {
      code: string;
      redirectUri: string;
      codeVerifier?: string;
    }): Promise<Result<XeroTokenSet>> {
      return tokenGrant('the authorisation code exchange', {
        grant_type: 'authorization_code',
        code: input.code,
        redirect_uri: input.redirectUri,
        ...(input.codeVerifier ? { code_verifier: input.codeVerifier } : {}),
      });
    },

    refresh(input: { refreshToken: string }): Promise<Result<XeroTokenSet>> {
      return tokenGrant('the token refresh', {
        grant_type: 'refresh_token',
        refresh_token: input.refreshToken,
      });
    },

    async revoke(input: { refreshToken: string }): Promise<Result<void>> {
      const answer = await call('the token revocation', `${identityUrl}/connect/revocation`, {
        method: 'POST',
        headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: input.refreshToken, token_type_hint: 'refresh_token' }).toString(),
      });
      return answer.ok ? ok(undefined) : answer;
    },

    async listConnections(input: {
      accessToken: string;
      authEventId?: string;
    }): Promise<Result<XeroTenantConnection[]>> {
      const url = new URL(`${apiUrl}/connections`);
      if (input.authEventId) url.searchParams.set('authEventId', input.authEventId);
      const answer = await call('listing connections', url.toString(), {
        method: 'GET',
        headers: { authorization: `Bearer ${input.accessToken}`, accept: 'application/json' },
      });
      if (!answer.ok) return answer;
      const list = parse('listing connections', ConnectionSchema.array(), answer.value.body);
      if (!list.ok) return list;
      return ok(list.value.map((c) => ({ ...c, tenantName: c.tenantName ?? c.tenantId })));
    },

    async deleteConnection(input: { accessToken: string; connectionId: string }): Promise<Result<void>> {
      const answer = await call(
        'removing a connection',
        `${apiUrl}/connections/${encodeURIComponent(input.connectionId)}`,
        { method: 'DELETE', headers: { authorization: `Bearer ${input.accessToken}` } },
      );
      if (answer.ok) return ok(undefined);
      // Already gone at Xero is the outcome we wanted.
      return answer.error.code === 'xero-identity-404' ? ok(undefined) : answer;
    },

    /** Signature against the discovery's JWKS, issuer, audience = our client id, expiry, and nonce. */
    async validateIdToken(input: { idToken: string; nonce: string }): Promise<Result<XeroIdTokenClaims>> {
      const found = await discover();
      if (!found.ok) return found;
      try {
        const { payload } = await jwtVerify(input.idToken, found.value.jwks, {
          issuer: found.value.issuer,
          audience: options.clientId,
          currentDate: clock(),
          clockTolerance: 60,
        });
        if (payload.nonce !== input.nonce) {
          return fail(
            permanent('xero-id-token-nonce', 'The sign-in answer does not belong to this browser session.'),
          );
        }
        if (typeof payload.sub !== 'string' || payload.sub.length === 0) {
          return fail(permanent('xero-id-token-invalid', 'The sign-in answer names no user.'));
        }
        const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);
        const given = str(payload.given_name);
        const family = str(payload.family_name);
        return ok({
          sub: payload.sub,
          email: str(payload.email),
          name: str(payload.name) ?? ([given, family].filter(Boolean).join(' ') || null),
          xeroUserId: str(payload.xero_userid),
        });
      } catch (error) {
        if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) {
          return fail(
            retryable('xero-jwks-unavailable', `Xero's signing keys could not be read: ${error.message}`),
          );
        }
        const message = error instanceof Error ? error.message : String(error);
        return fail(
          permanent('xero-id-token-invalid', `The sign-in answer from Xero is not valid: ${message}`),
        );
      }
    },
  };
}
