import { describe, expect, it } from 'vitest';
import { createRateLimits, limitsFor } from './rate-limits.ts';

describe('rate limits', () => {
  it('counts sign-in, callback, webhooks, the extension API and the storefront; not the console', () => {
    const rules = (method: string, path: string) =>
      limitsFor({ method, path, ip: '198.51.100.1', authorization: 'Bearer k' }).map(([r]) => r);
    expect(rules('GET', '/auth/xero/signin')).toEqual(['authStart']);
    expect(rules('GET', '/auth/xero/signup')).toEqual(['authStart']);
    expect(rules('POST', '/auth/xero/connect')).toEqual(['authStart']);
    expect(rules('GET', '/auth/xero/callback')).toEqual(['authCallback']);
    expect(rules('POST', '/webhooks/xero')).toEqual(['xeroWebhook']);
    expect(rules('POST', '/webhooks/ordercloud/abc')).toEqual(['intakePerIp', 'intakePerConnection']);
    expect(rules('POST', '/webhooks/sitecore/abc')).toEqual(['otherWebhookPerIp']);
    expect(rules('GET', '/api/v1/orders/o1')).toEqual(['extensionPerIp', 'extensionPerKey']);
    expect(rules('GET', '/storefront/v1/workspaces/w/orders/o/status')).toEqual(['storefrontPerIp']);
    expect(rules('GET', '/console')).toEqual([]);
    expect(rules('GET', '/healthz')).toEqual([]);
  });

  it('limits sign-in per address: the 21st start in a moment is refused, another address is not', () => {
    const limits = createRateLimits({ now: () => 0 });
    const start = (ip: string) => limits.check({ method: 'GET', path: '/auth/xero/signin', ip });
    for (let i = 0; i < 20; i += 1) expect(start('198.51.100.1').allowed).toBe(true);
    expect(start('198.51.100.1')).toEqual({ allowed: false, retryAfterSeconds: 3 });
    expect(start('198.51.100.2').allowed).toBe(true);
  });

  it('limits one marketplace’s deliveries without touching another’s', () => {
    const limits = createRateLimits({ now: () => 0, scale: 0.001 });
    const deliver = (id: string, ip: string) =>
      limits.check({ method: 'POST', path: `/webhooks/ordercloud/${id}`, ip }).allowed;
    const results = Array.from({ length: 31 }, () => deliver('conn-a', '203.0.113.1'));
    expect(results.filter(Boolean)).toHaveLength(30);
    expect(deliver('conn-b', '203.0.113.1')).toBe(true);
  });
});
