const BASE_SCOPES = ['openid', 'profile', 'email', 'offline_access'];
const GRANULAR = [
  'accounting.invoices',
  'accounting.payments',
  'accounting.contacts',
  'accounting.settings',
  'accounting.banktransactions',
  'accounting.manualjournals',
  'accounting.attachments',
];
const BROAD = ['accounting.transactions'];

const withRead = (scopes: string[]) => scopes.flatMap((scope) => [scope, `${scope}.read`]);

export const SUPPORTED_SCOPES = [...BASE_SCOPES, ...withRead(GRANULAR), ...withRead(BROAD)];

// Apps created from 2 March 2026 get granular scopes only.
export const GRANULAR_ONLY_FROM = '2026-03-02';

export type ScopeCheck = { ok: true; scopes: string[] } | { ok: false; description: string };

export function checkRequestedScopes(scopeParam: string | undefined, appCreatedAt: string): ScopeCheck {
  const scopes = [...new Set((scopeParam ?? '').split(/\s+/).filter(Boolean))];
  if (scopes.length === 0) return { ok: false, description: 'No scopes were requested' };
  const unknown = scopes.filter((scope) => !SUPPORTED_SCOPES.includes(scope));
  if (unknown.length > 0) return { ok: false, description: `Unknown scope: ${unknown.join(' ')}` };
  const granularOnly = appCreatedAt.slice(0, 10) >= GRANULAR_ONLY_FROM;
  const broad = scopes.filter((scope) => withRead(BROAD).includes(scope));
  if (granularOnly && broad.length > 0) {
    return {
      ok: false,
      description: `Scope ${broad.join(' ')} is not available to apps created on or after 2 March 2026`,
    };
  }
  return { ok: true, scopes };
}

const RESOURCE_SCOPES: Record<string, string[]> = {
  invoices: ['accounting.invoices', 'accounting.transactions'],
  creditnotes: ['accounting.invoices', 'accounting.transactions'],
  items: ['accounting.invoices', 'accounting.settings', 'accounting.transactions'],
  payments: ['accounting.payments', 'accounting.transactions'],
  contacts: ['accounting.contacts'],
  organisation: ['accounting.settings'],
  accounts: ['accounting.settings'],
  taxrates: ['accounting.settings'],
  trackingcategories: ['accounting.settings'],
  currencies: ['accounting.settings'],
};

// A read needs the scope or its .read variant; a write needs the full scope.
export function hasScopeFor(resource: string, method: string, granted: readonly string[]): boolean {
  const need = RESOURCE_SCOPES[resource.toLowerCase()];
  if (!need) return true;
  const isRead = method === 'GET' || method === 'HEAD';
  const accepted = isRead ? need.flatMap((scope) => [scope, `${scope}.read`]) : need;
  return accepted.some((scope) => granted.includes(scope));
}
