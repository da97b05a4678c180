import { DEMO_APP, SEEDED_TENANT_IDS, startXeroSandbox, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createXeroIdentityClient, type XeroIdentityClient } from './xero-identity-client.ts';

const redirectUri = 'http://127.0.0.1:4567/auth/xero/callback';

/** What a user does on login.xero.com: pick organisations and allow; returns the code Xero redirects with. */
async function consent(sandbox: XeroSandbox, authorizeUrl: string, tenantIds: string[]): Promise<URL> {
  const page = await fetch(authorizeUrl);
  expect(page.status).toBe(200);
  const params = new URL(authorizeUrl).searchParams;
  const form = new URLSearchParams(params);
  for (const id of tenantIds) form.append('tenant', id);
  form.set('decision', 'allow');
  const answer = await fetch(`${sandbox.loginUrl}/identity/connect/authorize`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get('location') ?? '');
}

describe('Xero identity client against the Xero sandbox', () => {
  let sandbox: XeroSandbox;
  let client: XeroIdentityClient;

  beforeAll(async () => {
    sandbox = await startXeroSandbox();
    client = createXeroIdentityClient({
      clientId: DEMO_APP.clientId,
      clientSecret: DEMO_APP.clientSecret ?? '',
      loginUrl: sandbox.loginUrl,
      identityUrl: sandbox.identityUrl,
      apiUrl: sandbox.url,
    });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('signs up, lists the chosen organisations, refreshes with rotation, disconnects and revokes', async () => {
    const scopes = [
      'openid',
      'profile',
      'email',
      'offline_access',
      'accounting.invoices',
      'accounting.settings',
    ];
    const url = client.authorizeUrl({ redirectUri, scopes, state: 'state-1', nonce: 'nonce-1' });
    const back = await consent(sandbox, url, [SEEDED_TENANT_IDS.au, SEEDED_TENANT_IDS.nz]);
    expect(back.searchParams.get('state')).toBe('state-1');
    const tokens = await client.exchangeCode({ code: back.searchParams.get('code') ?? '', redirectUri });
    if (!tokens.ok) throw new Error(tokens.error.message);
    expect(tokens.value.refreshToken).toBeTruthy();

    const claims = await client.validateIdToken({ idToken: tokens.value.idToken ?? '', nonce: 'nonce-1' });
    expect(claims).toMatchObject({
      ok: true,
      value: { sub: expect.any(String), email: expect.stringContaining('@') },
    });
    expect((await client.validateIdToken({ idToken: tokens.value.idToken ?? '', nonce: 'other' })).ok).toBe(
      false,
    );

    const tenants = await client.listConnections({ accessToken: tokens.value.accessToken });
    if (!tenants.ok) throw new Error(tenants.error.message);
    expect(tenants.value.map((t) => t.tenantId).sort()).toEqual(
      [SEEDED_TENANT_IDS.au, SEEDED_TENANT_IDS.nz].sort(),
    );

    const refreshed = await client.refresh({ refreshToken: tokens.value.refreshToken ?? '' });
    if (!refreshed.ok) throw new Error(refreshed.error.message);
    expect(refreshed.value.refreshToken).not.toBe(tokens.value.refreshToken);

    const au = tenants.value.find((t) => t.tenantId === SEEDED_TENANT_IDS.au)!;
    expect(
      (await client.deleteConnection({ accessToken: refreshed.value.accessToken, connectionId: au.id })).ok,
    ).toBe(true);
    const left = await client.listConnections({ accessToken: refreshed.value.accessToken });
    expect(left.ok && left.value.map((t) => t.tenantId)).toEqual([SEEDED_TENANT_IDS.nz]);

    expect((await client.revoke({ refreshToken: refreshed.value.refreshToken ?? '' })).ok).toBe(true);
    const afterRevoke = await client.refresh({ refreshToken: refreshed.value.refreshToken ?? '' });
    expect(afterRevoke).toMatchObject({
      ok: false,
      error: { kind: 'needs-reconnect', code: 'xero-invalid-grant' },
    });
  });

  it('maps a wrong client secret to a permanent error, not a reconnect', async () => {
    const wrong = createXeroIdentityClient({
      clientId: DEMO_APP.clientId,
      clientSecret: 'not-the-secret',
      loginUrl: sandbox.loginUrl,
      identityUrl: sandbox.identityUrl,
      apiUrl: sandbox.url,
    });
    expect(await wrong.refresh({ refreshToken: 'x' })).toMatchObject({
      ok: false,
      error: { kind: 'permanent', code: 'xero-invalid-client' },
    });
  });
});
