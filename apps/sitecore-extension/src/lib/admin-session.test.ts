import { describe, expect, it } from 'vitest';
import { isAdminSession, isSameOrigin, issueAdminSession, passwordMatches } from './admin-session.ts';

describe('storefront admin session', () => {
  const now = new Date('2026-12-05T15:00:00Z');
  it('accepts its own cookie until it expires, and nothing forged', () => {
    const value = issueAdminSession('secret-1', now);
    expect(isAdminSession('secret-1', value, now)).toBe(true);
    expect(isAdminSession('secret-1', value, new Date(now.getTime() + 9 * 3_600_000))).toBe(false);
    expect(isAdminSession('secret-2', value, now)).toBe(false);
    expect(isAdminSession('secret-1', `${Date.now() + 1e9}.forged`, now)).toBe(false);
    expect(isAdminSession(undefined, value, now)).toBe(false);
  });
  it('compares passwords and origins', () => {
    expect(passwordMatches('pw', 'pw')).toBe(true);
    expect(passwordMatches('pw', 'PW')).toBe(false);
    expect(passwordMatches(undefined, '')).toBe(false);
    expect(isSameOrigin('http://shop.example:3100', 'shop.example:3100')).toBe(true);
    expect(isSameOrigin('https://evil.example', 'shop.example')).toBe(false);
    expect(isSameOrigin(undefined, 'shop.example')).toBe(false);
  });
});
