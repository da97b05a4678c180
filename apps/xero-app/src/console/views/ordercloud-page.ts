import { html } from 'hono/html';
import type { Session } from '../../auth/sessions-repo.ts';
import type { OrderCloudConnectionView } from '../console-views-model.ts';
import { formatDateTime, relativeTime } from './format.ts';
import { csrfField, type Markup, page, statusBadge } from './layout.ts';

export type OrderCloudFormValues = {
  name?: string;
  apiUrl?: string;
  clientId?: string;
  environment?: string;
};

export function ordercloudPage(props: {
  session: Session;
  flash: { kind: 'ok' | 'error'; message: string } | null;
  connections: readonly OrderCloudConnectionView[];
  defaultApiUrl: string;
  values?: OrderCloudFormValues;
  now: Date;
}): Markup {
  const { session } = props;
  const v = props.values ?? {};
  return page({
    title: 'OrderCloud',
    session,
    active: '/console/ordercloud',
    flash: props.flash,
    body: html`<h1>OrderCloud marketplaces</h1>
      ${
        props.connections.length === 0
          ? html`<p class="muted">No marketplace is connected yet.</p>`
          : html`<table id="ordercloud-connections">
              <thead><tr><th>Marketplace</th><th>Status</th><th>Webhook</th><th>Environments</th><th>Last sync</th><th></th></tr></thead>
              <tbody>
                ${props.connections.map(
                  (c) => html`<tr>
                    <td><strong>${c.name}</strong><div class="muted small">${c.apiUrl} · client ${c.clientId}</div></td>
                    <td>${statusBadge(c.status)}${c.statusReason ? html`<div class="small">${c.statusReason}</div>` : ''}</td>
                    <td class="small">${c.webhookId ?? '—'}<div class="muted">checked ${formatDateTime(c.verifiedAt)}</div></td>
                    <td>${c.environments.join(', ') || html`<span class="muted">none</span>`}</td>
                    <td class="small">${relativeTime(c.lastSyncAt, props.now)}</td>
                    <td><form method="post" action="/console/ordercloud/${c.id}/repair" class="inline">${csrfField(session)}
                      <button class="secondary">Check &amp; repair webhook</button></form></td>
                  </tr>`,
                )}
              </tbody>
            </table>`
      }
      <h2>Connect a marketplace</h2>
      <form method="post" action="/console/ordercloud" class="card" id="connect-ordercloud">
        ${csrfField(session)}
        <p class="muted small">Use an API client with client credentials (a default context user with WebhookAdmin,
          ApiClientReader and order roles). Ledgerbridge checks the credentials, then registers its webhook.</p>
        <label for="oc-name">Name</label>
        <input type="text" id="oc-name" name="name" value="${v.name ?? ''}" placeholder="Production storefront" />
        <label for="oc-api-url">API URL (your marketplace's region)</label>
        <input type="url" id="oc-api-url" name="apiUrl" required value="${v.apiUrl ?? props.defaultApiUrl}" />
        <label for="oc-client-id">API client ID</label>
        <input type="text" id="oc-client-id" name="clientId" required value="${v.clientId ?? ''}" autocomplete="off" />
        <label for="oc-client-secret">Client secret</label>
        <input type="password" id="oc-client-secret" name="clientSecret" required autocomplete="new-password" />
        <label for="oc-environment">Environment</label>
        <select id="oc-environment" name="environment">
          ${['dev', 'qa', 'prod'].map((e) => html`<option value="${e}" ${(v.environment ?? 'dev') === e ? 'selected' : ''}>${e}</option>`)}
          <option value="" ${v.environment === '' ? 'selected' : ''}>— bind later —</option>
        </select>
        <p><button id="connect-ordercloud-submit">Verify and connect</button></p>
      </form>`,
  });
}
