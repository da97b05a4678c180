import { html } from 'hono/html';
import type { AlertsPageData } from '../../alerts/alerts-console.ts';
import { alertKindLabels, alertKinds } from '../../alerts/alert-kinds.ts';
import { SIGNATURE_HEADER } from '../../alerts/alert-signature.ts';
import type { Session } from '../../auth/sessions-repo.ts';
import { formatDateTime } from './format.ts';
import { csrfField, type Markup, page } from './layout.ts';

export function alertsPage(props: {
  session: Session;
  flash: { kind: 'ok' | 'error'; message: string } | null;
  data: AlertsPageData;
}): Markup {
  const { settings, log } = props.data;
  const enabled = new Set(settings.events);
  return page({
    title: 'Alerts',
    session: props.session,
    active: '/console/alerts',
    flash: props.flash,
    body: html`<h1>Alerts</h1>
      <p class="muted">Where Ledgerbridge tells you when something needs you. Checked every minute; what happens in a burst
        arrives as one alert, and the same alert is not repeated within the quiet period. A condition (a connection down,
        Xero failing) is told when it starts, and again only after it has cleared.</p>
      <form method="post" action="/console/alerts" class="card" id="alert-settings">${csrfField(props.session)}
        <h2>Destinations</h2>
        <label for="alert-webhook">Webhook URL (JSON, signed)</label>
        <input type="url" id="alert-webhook" name="webhookUrl" maxlength="2000" placeholder="https://hooks.example.com/ledgerbridge"
          value="${settings.webhookUrl ?? ''}" />
        <p class="small muted">Each POST carries <code>${SIGNATURE_HEADER}: t=&lt;unix time&gt;,v1=&lt;hex&gt;</code>: HMAC-SHA256 of
          <code>t + "." + body</code> with the signing secret below. Refuse a signature older than five minutes.</p>
        <label for="alert-email">E-mail addresses (up to 5, comma-separated)</label>
        <input type="text" id="alert-email" name="emailTo" maxlength="1300" value="${settings.emailTo.join(', ')}"
          ${props.data.emailAvailable ? '' : html`disabled aria-describedby="alert-email-off"`} />
        ${
          props.data.emailAvailable
            ? ''
            : html`<p class="small muted" id="alert-email-off">E-mail is off on this installation (the operator has not set SMTP_URL).</p>`
        }
        <h2>Events</h2>
        <div class="events">
          ${alertKinds.map(
            (
              k,
            ) => html`<label class="check"><input type="checkbox" name="events" value="${k}" ${enabled.has(k) ? 'checked' : ''} />
              ${alertKindLabels[k]}</label>`,
          )}
        </div>
        <div class="fields">
          <div class="field"><label for="alert-threshold">Attention threshold (orders)</label>
            <input type="number" id="alert-threshold" name="attentionThreshold" min="1" max="10000" required value="${settings.attentionThreshold}" /></div>
          <div class="field"><label for="alert-quiet">Quiet period (minutes)</label>
            <input type="number" id="alert-quiet" name="quietMinutes" min="1" max="1440" required value="${settings.quietMinutes}" /></div>
        </div>
        <p><button id="alert-save">Save</button></p>
      </form>
      ${
        props.data.configured
          ? html`<section class="card" id="alert-secret-card">
              <h2>Signing secret</h2>
              <details><summary>Show the secret</summary>
                <p class="secret" id="alert-secret">${props.data.webhookSecret ?? ''}</p>
                <button type="button" class="secondary small-button" data-copy="alert-secret">Copy</button>
              </details>
              <div class="row-form">
                <form method="post" action="/console/alerts/test" class="inline">${csrfField(props.session)}<button id="alert-test">Send a test alert</button></form>
                <form method="post" action="/console/alerts/rotate-secret" class="inline" data-confirm="Receivers must switch to the new secret. Rotate it?">${csrfField(props.session)}<button class="secondary">Rotate the secret</button></form>
              </div>
            </section>`
          : ''
      }
      <h2>Alert log</h2>
      <div class="table-scroll"><table id="alert-log">
        <thead><tr><th>When</th><th>Alert</th><th>Delivered</th></tr></thead>
        <tbody>
          ${
            log.length === 0
              ? html`<tr><td colspan="3" class="muted">No alerts sent yet.</td></tr>`
              : log.map(
                  (a) => html`<tr data-kind="${a.kind}">
                    <td class="small">${formatDateTime(a.createdAt)}</td>
                    <td><strong>${a.title}</strong><div class="small">${a.message}</div>
                      ${a.suppressed > 0 ? html`<div class="small muted">+${a.suppressed} more held back by the quiet period</div>` : ''}</td>
                    <td class="small">${
                      a.deliveries.length === 0
                        ? html`<span class="muted">no destination</span>`
                        : a.deliveries.map(
                            (d) =>
                              html`<div><span class="badge ${d.ok ? 'good' : 'bad'}">${d.channel}</span> ${d.detail}</div>`,
                          )
                    }</td>
                  </tr>`,
                )
          }
        </tbody>
      </table></div>`,
  });
}
