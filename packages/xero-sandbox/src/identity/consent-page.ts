import { escapeHtml, page } from '../pages/html.ts';
import type { SandboxApp } from '../sandbox-options.ts';
import type { OrgState } from '../state/types.ts';

// The org picker a user sees on login.xero.com: pick organisations, then "Allow access".
export function consentPage(app: SandboxApp, orgs: OrgState[], params: URLSearchParams): string {
  const hidden = [...params]
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  const choices = orgs
    .map(
      (org, index) =>
        `<label><input type="checkbox" name="tenant" value="${escapeHtml(org.tenantId)}"${index === 0 ? ' checked' : ''}>
        ${escapeHtml(org.organisation.name)} <span class="muted">(${escapeHtml(org.region)}, ${escapeHtml(org.organisation.class)})</span></label>`,
    )
    .join('');
  const scopes = (params.get('scope') ?? '').split(' ').filter(Boolean);
  return page(
    'Connect to Xero',
    `<h1>${escapeHtml(app.name ?? app.clientId)} wants to access your Xero organisation</h1>
<p class="muted">Requested permissions: ${scopes.map(escapeHtml).join(', ')}</p>
<form method="post">${hidden}<h2>Organisations</h2>${choices}
<p><button type="submit" name="decision" value="allow">Allow access</button>
<button type="submit" class="secondary" name="decision" value="deny">Cancel</button></p></form>`,
  );
}

export function errorPage(message: string): string {
  return page('Xero sandbox – error', `<h1>Sorry, something went wrong</h1><p>${escapeHtml(message)}</p>`);
}
