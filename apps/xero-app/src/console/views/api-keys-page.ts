import { html } from 'hono/html';
import type { Session } from '../../auth/sessions-repo.ts';
import type { ApiKeyView } from '../console-views-model.ts';
import { formatDateTime } from './format.ts';
import { csrfField, type Markup, page } from './layout.ts';

export function apiKeysPage(props: {
  session: Session;
  flash: { kind: 'ok' | 'error'; message: string } | null;
  keys: readonly ApiKeyView[];
  created?: { name: string; key: string } | null;
}): Markup {
  const { session } = props;
  return page({
    title: 'API keys',
    session,
    active: '/console/api-keys',
    flash: props.flash,
    body: html`<h1>API keys</h1>
      <p class="muted">For the Sitecore extension (the XM Cloud panel and the storefront's server side): it reads order status
        with <code>Authorization: Bearer &lt;key&gt;</code>.</p>
      ${
        props.created
          ? html`<section class="card" id="new-key"><p><strong>${props.created.name}</strong>: copy this key now; it is not shown again.</p>
              <p class="secret" id="new-key-value">${props.created.key}</p><button class="secondary" data-copy="new-key-value">Copy</button></section>`
          : ''
      }
      <table>
        <thead><tr><th>Name</th><th>Created</th><th>Status</th><th></th></tr></thead>
        <tbody>
          ${props.keys.map(
            (k) => html`<tr>
              <td>${k.name}</td><td class="small">${formatDateTime(k.createdAt)}</td>
              <td>${k.revokedAt ? html`revoked ${formatDateTime(k.revokedAt)}` : 'live'}</td>
              <td>${
                k.revokedAt
                  ? ''
                  : html`<form method="post" action="/console/api-keys/${k.id}/revoke" class="inline" data-confirm="Revoke ${k.name}?">
                      ${csrfField(session)}<button class="danger">Revoke</button></form>`
              }</td>
            </tr>`,
          )}
        </tbody>
      </table>
      <h2>New key</h2>
      <form method="post" action="/console/api-keys">${csrfField(session)}
        <label for="key-name">Name</label><input type="text" id="key-name" name="name" placeholder="XM Cloud panel" />
        <p><button>Create key</button></p></form>`,
  });
}
