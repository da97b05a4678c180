import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startXeroSandbox, type XeroSandbox } from '../start-sandbox.ts';
import { failureOf, TENANTS, xeroClientFor } from '../testing/xero-node-harness.ts';

let sandbox: XeroSandbox;
beforeAll(async () => {
  sandbox = await startXeroSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

describe('API authentication and tenancy', () => {
  it('answers a missing or foreign bearer token with Xero’s 401', async () => {
    const api = xeroClientFor(sandbox, 'not-a-token').accountingApi;
    const failure = await failureOf(api.getOrganisations(TENANTS.au));
    expect(failure.statusCode).toBe(401);
    expect(failure.body).toMatchObject({
      Type: null,
      Title: 'Unauthorized',
      Status: 401,
      Detail: 'AuthenticationUnsuccessful',
    });
  });

  it('answers 403 for a tenant the token’s connection does not cover', async () => {
    const tokens = await sandbox.admin.issueTokens({ tenantIds: [TENANTS.au] });
    const api = xeroClientFor(sandbox, tokens.access_token).accountingApi;
    await expect(api.getOrganisations(TENANTS.au)).resolves.toBeDefined();
    const failure = await failureOf(api.getOrganisations(TENANTS.nz));
    expect(failure.statusCode).toBe(403);
    expect(failure.body).toMatchObject({ Title: 'Forbidden', Status: 403 });
  });

  it('enforces granular scopes: .read reads, writes need the full scope', async () => {
    const tokens = await sandbox.admin.issueTokens({
      tenantIds: [TENANTS.uk],
      scopes: ['accounting.contacts.read'],
    });
    const api = xeroClientFor(sandbox, tokens.access_token).accountingApi;
    await expect(api.getContacts(TENANTS.uk)).resolves.toBeDefined();
    const write = await failureOf(api.createContacts(TENANTS.uk, { contacts: [{ name: 'Nope' }] }));
    expect(write).toMatchObject({ statusCode: 401, body: { Detail: 'AuthorizationUnsuccessful' } });
    const other = await failureOf(api.getInvoices(TENANTS.uk));
    expect(other.statusCode).toBe(401);
  });

  it('expires access tokens after 30 minutes on the sandbox clock', async () => {
    const tokens = await sandbox.admin.issueTokens({ tenantIds: [TENANTS.us] });
    const api = xeroClientFor(sandbox, tokens.access_token).accountingApi;
    await sandbox.admin.advance(29 * 60_000);
    await expect(api.getOrganisations(TENANTS.us)).resolves.toBeDefined();
    await sandbox.admin.advance(2 * 60_000);
    expect((await failureOf(api.getOrganisations(TENANTS.us))).statusCode).toBe(401);
  });

  it('disconnects with DELETE /connections/{id} and when the org removes the app', async () => {
    const tokens = await sandbox.admin.issueTokens({ tenantIds: [TENANTS.au, TENANTS.nz] });
    const api = xeroClientFor(sandbox, tokens.access_token).accountingApi;
    const auConnection = tokens.connections.find((connection) => connection.tenantId === TENANTS.au);
    const deleted = await fetch(`${sandbox.url}/connections/${String(auConnection?.id)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(deleted.status).toBe(204);
    expect((await failureOf(api.getOrganisations(TENANTS.au))).statusCode).toBe(403);
    await sandbox.admin.disconnect({ tenantId: TENANTS.nz });
    expect((await failureOf(api.getOrganisations(TENANTS.nz))).statusCode).toBe(403);
  });

  it('answers 401 once an admin revokes the token', async () => {
    const tokens = await sandbox.admin.issueTokens({ tenantIds: [TENANTS.starter] });
    const api = xeroClientFor(sandbox, tokens.access_token).accountingApi;
    await sandbox.admin.revokeTokens({ accessToken: tokens.access_token });
    expect((await failureOf(api.getOrganisations(TENANTS.starter))).statusCode).toBe(401);
  });
});
