import { html } from 'hono/html';
import type { Session } from '../../auth/sessions-repo.ts';
import type { XeroConnectionView } from '../console-views-model.ts';
import { formatDateTime, relativeTime } from './format.ts';
import { csrfField, type Markup, page, statusBadge } from './layout.ts';

export function organisationsPage(props: {
  session: Session;
  flash: { kind: 'ok' | 'error'; message: string } | null;
  connections: readonly XeroConnectionView[];
  now: Date;
}): Markup {
  const { session } = props;
  return page({
    title: 'Xero organisations',
    session,
    active: '/console/organisations',
    flash: props.flash,
    body: html`<h1>Xero organisations</h1>
      ${
        props.connections.length === 0
          ? html`<p class="muted">No organisation is connected yet.</p>`
          : html`<table id="xero-connections">
              <thead><tr><th>Organisation</th><th>Status</th><th>Access token</th><th>Authorisation</th>
                <th>Last sync</th><th>Xero calls left today</th><th>Environments</th><th></th></tr></thead>
              <tbody>
                ${props.connections.map(
                  (c) => html`<tr data-tenant="${c.tenantId}">
                    <td><strong>${c.tenantName}</strong><div class="muted small">${c.tenantId}</div></td>
                    <td>${statusBadge(c.status)}${c.statusReason ? html`<div class="small">${c.statusReason}</div>` : ''}</td>
                    <td class="small" title="${formatDateTime(c.accessExpiresAt)}">expires ${relativeTime(c.accessExpiresAt, props.now)}</td>
                    <td class="small" title="${formatDateTime(c.refreshExpiresAt)}">lapses ${relativeTime(c.refreshExpiresAt, props.now)} unless used</td>
                    <td class="small">${relativeTime(c.lastSyncAt, props.now)}</td>
                    <td>${c.budget.left} / ${c.budget.limit}${
                      c.budget.pausedUntil
                        ? html`<div class="small">paused until ${formatDateTime(c.budget.pausedUntil)}</div>`
                        : ''
                    }</td>
                    <td>${c.environments.join(', ') || html`<span class="muted">none</span>`}</td>
                    <td>
                      ${
                        c.status === 'needs-reconnect'
                          ? html`<form method="post" action="/auth/xero/connect" class="inline">${csrfField(session)}<button>Reconnect</button></form>`
                          : ''
                      }
                      <form method="post" action="/console/organisations/${c.id}/disconnect" class="inline"
                        data-confirm="Disconnect ${c.tenantName}? Syncing to it stops and Xero forgets this app.">
                        ${csrfField(session)}<button class="danger">Disconnect</button>
                      </form>
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>`
      }
      <h2>Add an organisation</h2>
      <p class="muted">Xero asks which organisations Ledgerbridge may use; each one you pick appears here, ready to bind to an environment.</p>
      <form method="post" action="/auth/xero/connect">${csrfField(session)}<button id="connect-xero">Connect Xero organisation</button></form>`,
  });
}
