import { createHash, randomBytes } from 'node:crypto';
import { generators, Issuer, errors as oidcErrors } from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_APP } from '../sandbox-options.ts';
import { startXeroSandbox, type XeroSandbox } from '../start-sandbox.ts';
import { TENANTS } from '../testing/xero-node-harness.ts';

const REDIRECT = 'http://localhost:3000/xero/callback';
let sandbox: XeroSandbox;

beforeAll(async () => {
  sandbox = await startXeroSandbox({ autoConsent: { tenantIds: [TENANTS.au, TENANTS.nz] } });
});
afterAll(async () => {
  await sandbox.close();
});

async function demoClient() {
  const issuer = await Issuer.discover(sandbox.identityUrl);
  return new issuer.Client({
    client_id: DEMO_APP.clientId,
    client_secret: DEMO_APP.clientSecret,
    redirect_uris: [REDIRECT],
    response_types: ['code'],
  });
}

// The authorize endpoint consents on the user's behalf and redirects back with a code.
async function followAuthorize(url: string): Promise<string> {
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return response.headers.get('location') ?? '';
}

describe('OAuth 2.0 / OpenID Connect with openid-client', () => {
  it('completes the code flow, validates the id_token and lists the connections', async () => {
    const client = await demoClient();
    const state = generators.state();
    const nonce = generators.nonce();
    const url = client.authorizationUrl({
      scope: 'openid profile email offline_access accounting.invoices',
      state,
      nonce,
    });
    expect(url.startsWith(`${sandbox.loginUrl}/identity/connect/authorize`)).toBe(true);
    const callback = await followAuthorize(url);
    const before = Math.floor(Date.now() / 1000);
    const tokens = await client.callback(REDIRECT, client.callbackParams(callback), { state, nonce });
    const after = Math.floor(Date.now() / 1000);
    expect(tokens.claims()).toMatchObject({
      email: 'demo.user@ledgerbridge.example',
      given_name: 'Demo',
      aud: DEMO_APP.clientId,
    });
    // openid-client turns expires_in into expires_at on its own clock and counts down from there, so the
    // 1,800 s Xero gives is read off expires_at (a second can pass before expires_in is read).
    expect(tokens.expires_at).toBeGreaterThanOrEqual(before + 1800);
    expect(tokens.expires_at).toBeLessThanOrEqual(after + 1800);
    const connections = (await (
      await fetch(`${sandbox.url}/connections`, {
        headers: { authorization: `Bearer ${tokens.access_token}` },
      })
    ).json()) as { tenantId: string; tenantType: string; authEventId: string }[];
    expect(connections.map((connection) => connection.tenantId).sort()).toEqual(
      [TENANTS.au, TENANTS.nz].sort(),
    );
    expect(connections[0]?.tenantType).toBe('ORGANISATION');
  });

  it('rotates refresh tokens with a 30-minute grace period, then answers invalid_grant', async () => {
    const client = await demoClient();
    const state = generators.state();
    const callback = await followAuthorize(
      client.authorizationUrl({ scope: 'openid offline_access accounting.contacts', state }),
    );
    const initial = await client.callback(REDIRECT, client.callbackParams(callback), { state });
    const rotated = await client.refresh(initial.refresh_token ?? '');
    expect(rotated.refresh_token).toBeDefined();
    expect(rotated.refresh_token).not.toBe(initial.refresh_token);
    // Inside the grace period the old token still works and returns the chain's current refresh token.
    const retried = await client.refresh(initial.refresh_token ?? '');
    expect(retried.refresh_token).toBe(rotated.refresh_token);
    await sandbox.admin.advance(31 * 60_000);
    const expired = await client.refresh(initial.refresh_token ?? '').catch((error: unknown) => error);
    expect(expired).toBeInstanceOf(oidcErrors.OPError);
    expect((expired as InstanceType<typeof oidcErrors.OPError>).error).toBe('invalid_grant');
    // The newest token keeps working, and its id_token still validates after the clock moved.
    const latest = await client.refresh(rotated.refresh_token ?? '');
    expect(latest.claims().aud).toBe(DEMO_APP.clientId);
  });

  it('refuses accounting.transactions for an app created after 2 March 2026 with invalid_scope', async () => {
    const client = await demoClient();
    const state = generators.state();
    const callback = await followAuthorize(
      client.authorizationUrl({ scope: 'openid accounting.transactions', state }),
    );
    const error = await client
      .callback(REDIRECT, client.callbackParams(callback), { state })
      .catch((e: unknown) => e);
    expect((error as InstanceType<typeof oidcErrors.OPError>).error).toBe('invalid_scope');
  });

  it('refuses an unregistered redirect_uri without redirecting', async () => {
    const url = new URL(`${sandbox.loginUrl}/identity/connect/authorize`);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: DEMO_APP.clientId,
      redirect_uri: 'https://attacker.example/callback',
      scope: 'openid',
    }).toString();
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(400);
  });

  it('supports PKCE for public apps and the org picker page', async () => {
    await sandbox.admin.upsertApp({
      clientId: 'PUBLICAPP',
      redirectUris: [REDIRECT],
      createdAt: '2026-04-01',
      name: 'Desktop',
    });
    await sandbox.admin.setAutoConsent(false);
    try {
      const issuer = await Issuer.discover(sandbox.identityUrl);
      const client = new issuer.Client({
        client_id: 'PUBLICAPP',
        redirect_uris: [REDIRECT],
        token_endpoint_auth_method: 'none',
      });
      const verifier = randomBytes(32).toString('base64url');
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const state = generators.state();
      const url = client.authorizationUrl({
        scope: 'offline_access accounting.settings.read',
        state,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
      const pickerHtml = await (await fetch(url)).text();
      expect(pickerHtml).toContain('Allow access');
      expect(pickerHtml).toContain('Demo Company (UK)');
      const form = new URLSearchParams(new URL(url).searchParams);
      form.append('tenant', TENANTS.uk);
      form.set('decision', 'allow');
      const consent = await fetch(url, { method: 'POST', body: form, redirect: 'manual' });
      const callback = consent.headers.get('location') ?? '';
      const tokens = await client.oauthCallback(REDIRECT, client.callbackParams(callback), {
        state,
        code_verifier: verifier,
      });
      expect(tokens.refresh_token).toBeDefined();
      const organisation = await fetch(`${sandbox.apiBasePath}/Organisation`, {
        headers: { authorization: `Bearer ${tokens.access_token}`, 'xero-tenant-id': TENANTS.uk },
      });
      expect(organisation.status).toBe(200);
    } finally {
      await sandbox.admin.setAutoConsent({ tenantIds: [TENANTS.au, TENANTS.nz] });
    }
  });

  it('revokes a refresh token and the connections with it', async () => {
    const client = await demoClient();
    const state = generators.state();
    const callback = await followAuthorize(
      client.authorizationUrl({ scope: 'offline_access accounting.invoices', state }),
    );
    const tokens = await client.oauthCallback(REDIRECT, client.callbackParams(callback), { state });
    await client.revoke(tokens.refresh_token ?? '');
    const refreshed = await client.refresh(tokens.refresh_token ?? '').catch((error: unknown) => error);
    expect((refreshed as InstanceType<typeof oidcErrors.OPError>).error).toBe('invalid_grant');
    const api = await fetch(`${sandbox.apiBasePath}/Invoices`, {
      headers: { authorization: `Bearer ${tokens.access_token}`, 'xero-tenant-id': TENANTS.au },
    });
    expect(api.status).toBe(401);
  });
});
