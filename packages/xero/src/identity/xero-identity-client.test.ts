import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPkcePair } from './pkce.ts';
import { createXeroIdentityClient } from './xero-identity-client.ts';

type Handler = (request: Request) => Response | Promise<Response>;

const base = {
  clientId: 'client-1',
  clientSecret: 'secret-1',
  loginUrl: 'http://login.test',
  identityUrl: 'http://identity.test/',
  apiUrl: 'http://api.test',
};

function fakeFetch(routes: Record<string, Handler>, seen: Request[] = []): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    seen.push(request.clone());
    const url = new URL(request.url);
    const handler = routes[`${request.method} ${url.origin}${url.pathname}`];
    return handler ? handler(request) : new Response('not found', { status: 404 });
  };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('Xero identity client', () => {
  let keys: Awaited<ReturnType<typeof generateKeyPair>>;
  let jwk: Record<string, unknown>;
  beforeAll(async () => {
    keys = await generateKeyPair('RS256');
    jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  });

  const discoveryRoutes = (): Record<string, Handler> => ({
    'GET http://identity.test/.well-known/openid-configuration': () =>
      json({
        issuer: 'http://identity.test',
        jwks_uri: 'http://identity.test/.well-known/openid-configuration/jwks',
      }),
    'GET http://identity.test/.well-known/openid-configuration/jwks': () => json({ keys: [jwk] }),
  });

  const idToken = (claims: Record<string, unknown>, overrides: { iss?: string; aud?: string } = {}) =>
    new SignJWT({ email: 'ada@example.com', given_name: 'Ada', family_name: 'Lovelace', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(overrides.iss ?? 'http://identity.test')
      .setAudience(overrides.aud ?? 'client-1')
      .setSubject('user-sub-1')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(keys.privateKey);

  it('builds the authorize URL with state, nonce and an S256 challenge', () => {
    const client = createXeroIdentityClient({ ...base, fetch: fakeFetch({}) });
    const pkce = createPkcePair('v'.repeat(43));
    const url = new URL(
      client.authorizeUrl({
        redirectUri: 'http://app.test/cb',
        scopes: ['openid', 'offline_access'],
        state: 's1',
        nonce: 'n1',
        codeChallenge: pkce.codeChallenge,
      }),
    );
    expect(url.origin + url.pathname).toBe('http://login.test/identity/connect/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-1',
      redirect_uri: 'http://app.test/cb',
      scope: 'openid offline_access',
      state: 's1',
      nonce: 'n1',
      code_challenge: pkce.codeChallenge,
      code_challenge_method: 'S256',
    });
  });

  it('exchanges a code with basic client auth and counts expiry from the request time', async () => {
    const seen: Request[] = [];
    const client = createXeroIdentityClient({
      ...base,
      clock: () => new Date('2026-11-27T12:00:00Z'),
      fetch: fakeFetch(
        {
          'POST http://identity.test/connect/token': () =>
            json({
              access_token: 'at',
              refresh_token: 'rt',
              id_token: 'it',
              expires_in: 1800,
              scope: 'openid email',
            }),
        },
        seen,
      ),
    });
    const result = await client.exchangeCode({ code: 'c1', redirectUri: 'http://app.test/cb' });
    expect(result).toEqual({
      ok: true,
      value: {
        accessToken: 'at',
        refreshToken: 'rt',
        idToken: 'it',
        expiresAt: new Date('2026-11-27T12:30:00Z'),
        scopes: ['openid', 'email'],
      },
    });
    const request = seen[0]!;
    expect(request.headers.get('authorization')).toBe(
      `Basic ${Buffer.from('client-1:secret-1').toString('base64')}`,
    );
    expect(Object.fromEntries(new URLSearchParams(await request.text()))).toEqual({
      grant_type: 'authorization_code',
      code: 'c1',
      redirect_uri: 'http://app.test/cb',
    });
  });

  it.each([
    [400, { error: 'invalid_grant' }, 'needs-reconnect'],
    [401, { error: 'invalid_token' }, 'needs-reconnect'],
    [400, { error: 'invalid_client' }, 'permanent'],
    [429, {}, 'retryable'],
    [503, 'down', 'retryable'],
    [400, { error: 'unsupported_grant_type' }, 'permanent'],
  ])('maps a %i %j from the token endpoint to %s', async (status, body, kind) => {
    const client = createXeroIdentityClient({
      ...base,
      fetch: fakeFetch({ 'POST http://identity.test/connect/token': () => json(body, status) }),
    });
    const result = await client.refresh({ refreshToken: 'rt' });
    expect(result.ok ? 'ok' : result.error.kind).toBe(kind);
  });

  it('maps a 429 with Retry-After to retry-after, and a network failure to retryable', async () => {
    const limited = createXeroIdentityClient({
      ...base,
      fetch: fakeFetch({
        'POST http://identity.test/connect/token': () => json({}, 429, { 'retry-after': '7' }),
      }),
    });
    expect(await limited.refresh({ refreshToken: 'rt' })).toMatchObject({
      ok: false,
      error: { kind: 'retry-after', retryAfterMs: 7000 },
    });
    const down = createXeroIdentityClient({
      ...base,
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    expect(await down.refresh({ refreshToken: 'rt' })).toMatchObject({
      ok: false,
      error: { kind: 'retryable' },
    });
  });

  it('lists and deletes connections with the bearer token; a connection already gone is fine', async () => {
    const seen: Request[] = [];
    const client = createXeroIdentityClient({
      ...base,
      fetch: fakeFetch(
        {
          'GET http://api.test/connections': () =>
            json([
              { id: 'c1', authEventId: 'a1', tenantId: 't1', tenantType: 'ORGANISATION', tenantName: 'Demo' },
            ]),
          'DELETE http://api.test/connections/c1': () => new Response(null, { status: 204 }),
        },
        seen,
      ),
    });
    expect(await client.listConnections({ accessToken: 'at' })).toEqual({
      ok: true,
      value: [
        { id: 'c1', authEventId: 'a1', tenantId: 't1', tenantType: 'ORGANISATION', tenantName: 'Demo' },
      ],
    });
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer at');
    expect(await client.deleteConnection({ accessToken: 'at', connectionId: 'c1' })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(await client.deleteConnection({ accessToken: 'at', connectionId: 'gone' })).toEqual({
      ok: true,
      value: undefined,
    });
  });

  it('revokes the refresh token at the revocation endpoint', async () => {
    const seen: Request[] = [];
    const client = createXeroIdentityClient({
      ...base,
      fetch: fakeFetch(
        { 'POST http://identity.test/connect/revocation': () => new Response(null, { status: 200 }) },
        seen,
      ),
    });
    expect((await client.revoke({ refreshToken: 'rt' })).ok).toBe(true);
    expect(new URLSearchParams(await seen[0]!.text()).get('token')).toBe('rt');
  });

  it('accepts an id_token signed by the JWKS for our audience and nonce', async () => {
    const client = createXeroIdentityClient({ ...base, fetch: fakeFetch(discoveryRoutes()) });
    const result = await client.validateIdToken({
      idToken: await idToken({ nonce: 'n1', xero_userid: 'xu' }),
      nonce: 'n1',
    });
    expect(result).toEqual({
      ok: true,
      value: { sub: 'user-sub-1', email: 'ada@example.com', name: 'Ada Lovelace', xeroUserId: 'xu' },
    });
  });

  it('refuses an id_token with the wrong nonce, audience, issuer or signer', async () => {
    const client = createXeroIdentityClient({ ...base, fetch: fakeFetch(discoveryRoutes()) });
    const other = await generateKeyPair('RS256');
    const forged = await new SignJWT({ nonce: 'n1' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer('http://identity.test')
      .setAudience('client-1')
      .setSubject('x')
      .setExpirationTime('5m')
      .sign(other.privateKey);
    for (const token of [
      await idToken({ nonce: 'other' }),
      await idToken({ nonce: 'n1' }, { aud: 'someone-else' }),
      await idToken({ nonce: 'n1' }, { iss: 'http://evil.test' }),
      forged,
    ]) {
      const result = await client.validateIdToken({ idToken: token, nonce: 'n1' });
      expect(result.ok ? 'ok' : result.error.kind).toBe('permanent');
    }
  });
});
