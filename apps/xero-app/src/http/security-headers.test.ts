import { describe, expect, it } from 'vitest';
import { securityHeaderValues } from './security-headers.ts';

describe('securityHeaderValues', () => {
  it('sets CSP with frame-ancestors, nosniff and the referrer policy', () => {
    const h = securityHeaderValues({
      publicUrl: 'http://localhost:3000',
      formTargets: ['https://login.xero.com'],
    });
    expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(h['content-security-policy']).toContain("form-action 'self' https://login.xero.com");
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('no-referrer');
    expect(h['strict-transport-security']).toBeUndefined();
  });

  it('adds HSTS only when PUBLIC_URL is https', () => {
    expect(
      securityHeaderValues({ publicUrl: 'https://lb.example.com' })['strict-transport-security'],
    ).toMatch(/max-age=\d+/);
  });
});
