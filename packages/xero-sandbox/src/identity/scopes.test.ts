import { describe, expect, it } from 'vitest';
import { checkRequestedScopes, hasScopeFor } from './scopes.ts';

describe('scopes', () => {
  it('refuses accounting.transactions for apps created on or after 2 March 2026', () => {
    expect(checkRequestedScopes('openid accounting.transactions', '2026-03-02').ok).toBe(false);
    expect(checkRequestedScopes('openid accounting.transactions', '2026-03-01').ok).toBe(true);
    expect(checkRequestedScopes('openid accounting.invoices offline_access', '2026-05-01')).toEqual({
      ok: true,
      scopes: ['openid', 'accounting.invoices', 'offline_access'],
    });
  });

  it('refuses unknown and empty scope lists', () => {
    expect(checkRequestedScopes('accounting.everything', '2026-05-01').ok).toBe(false);
    expect(checkRequestedScopes('', '2026-05-01').ok).toBe(false);
  });

  it('lets .read scopes read but not write', () => {
    expect(hasScopeFor('Invoices', 'GET', ['accounting.invoices.read'])).toBe(true);
    expect(hasScopeFor('Invoices', 'PUT', ['accounting.invoices.read'])).toBe(false);
    expect(hasScopeFor('Payments', 'PUT', ['accounting.transactions'])).toBe(true);
    expect(hasScopeFor('Contacts', 'GET', ['accounting.invoices'])).toBe(false);
  });
});
