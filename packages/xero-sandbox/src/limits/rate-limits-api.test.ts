import { afterEach, describe, expect, it } from 'vitest';
import type { XeroSandboxOptions } from '../sandbox-options.ts';
import { startXeroSandbox, type XeroSandbox } from '../start-sandbox.ts';
import { failureOf, TENANTS, xeroClientFor } from '../testing/xero-node-harness.ts';

let sandbox: XeroSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

// Xero's real limits, unless a test compresses or lowers them.
async function start(options: XeroSandboxOptions = {}) {
  sandbox = await startXeroSandbox(options);
  const tokens = await sandbox.admin.issueTokens();
  return { sandbox, api: xeroClientFor(sandbox, tokens.access_token).accountingApi };
}

describe('rate limits through xero-node', () => {
  it('answers the 61st call in a minute with 429 minute and Retry-After, and reopens after the window', async () => {
    const { sandbox, api } = await start();
    const first = await api.getOrganisations(TENANTS.nz);
    expect(first.response.headers).toMatchObject({
      'x-minlimit-remaining': '59',
      'x-daylimit-remaining': '4999',
      'x-appminlimit-remaining': '9999',
    });
    for (let call = 2; call <= 60; call += 1) await api.getOrganisations(TENANTS.nz);
    const refused = await failureOf(api.getOrganisations(TENANTS.nz));
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['x-rate-limit-problem']).toBe('minute');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers['x-minlimit-remaining']).toBe('0');
    // Other tenants have their own window.
    await api.getOrganisations(TENANTS.au);
    await sandbox.admin.advance(60_000);
    const reopened = await api.getOrganisations(TENANTS.nz);
    expect(reopened.response.headers['x-minlimit-remaining']).toBe('59');
  });

  it('answers the 6th concurrent call with 429 concurrent', async () => {
    const { sandbox, api } = await start();
    await sandbox.admin.injectFault({ kind: 'slow', delayMs: 400, count: 5, tenantId: TENANTS.uk });
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => api.getOrganisations(TENANTS.uk)),
    );
    const refused = await Promise.all(
      results
        .filter((result) => result.status === 'rejected')
        .map((result) => failureOf(Promise.reject(result.reason))),
    );
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ statusCode: 429, headers: { 'x-rate-limit-problem': 'concurrent' } });
    expect(refused[0]?.headers['retry-after']).toBeUndefined();
    const stats = await sandbox.admin.stats();
    expect(stats.find((entry) => entry.tenantId === TENANTS.uk)).toMatchObject({
      maxInFlight: 5,
      rejected: { concurrent: 1 },
    });
  });

  it('gives a Starter org 1,000 calls a day and enforces the day on a compressed clock', async () => {
    const { sandbox, api } = await start({ minuteMs: 20, limits: { starterDay: 3, minute: 1000 } });
    const first = await api.getOrganisations(TENANTS.starter);
    expect(first.response.headers['x-daylimit-remaining']).toBe('2');
    await api.getOrganisations(TENANTS.starter);
    await api.getOrganisations(TENANTS.starter);
    const refused = await failureOf(api.getOrganisations(TENANTS.starter));
    expect(refused.headers['x-rate-limit-problem']).toBe('day');
    // A day is 1,440 compressed minutes: 28.8 s here.
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(29);
    expect(Number(refused.headers['x-sandbox-retry-after-ms'])).toBeLessThanOrEqual(28_800);
    await sandbox.admin.advance(28_800);
    await expect(api.getOrganisations(TENANTS.starter)).resolves.toBeDefined();
    const defaults = await startXeroSandbox();
    try {
      expect((await defaults.admin.orgs()).find((org) => org.tenantId === TENANTS.starter)?.dailyLimit).toBe(
        1000,
      );
    } finally {
      await defaults.close();
    }
  });

  it('limits the app across tenants with 429 appminute', async () => {
    const { api } = await start({ limits: { appMinute: 3 } });
    await api.getOrganisations(TENANTS.au);
    await api.getOrganisations(TENANTS.nz);
    await api.getOrganisations(TENANTS.uk);
    const refused = await failureOf(api.getOrganisations(TENANTS.us));
    expect(refused).toMatchObject({ statusCode: 429, headers: { 'x-rate-limit-problem': 'appminute' } });
  });
});
