import { html } from 'hono/html';
import type { Session } from '../../auth/sessions-repo.ts';
import type {
  EnvironmentView,
  OrderCloudConnectionView,
  XeroConnectionView,
} from '../console-views-model.ts';
import { relativeTime } from './format.ts';
import { csrfField, type Markup, page } from './layout.ts';

export function environmentsPage(props: {
  session: Session;
  flash: { kind: 'ok' | 'error'; message: string } | null;
  environments: readonly EnvironmentView[];
  xero: readonly XeroConnectionView[];
  ordercloud: readonly OrderCloudConnectionView[];
  now: Date;
  /** A binding change waiting for the merchant's yes, with what it stops. */
  confirm?: {
    environment: string;
    message: string;
    xeroConnectionId: string | null;
    ordercloudConnectionId: string | null;
  };
}): Markup {
  const { session } = props;
  return page({
    title: 'Environments',
    session,
    active: '/console/environments',
    flash: props.flash,
    body: html`<h1>Environments</h1>
      <p class="muted">Each environment sends one OrderCloud marketplace to one Xero organisation with a pinned mapping version.</p>
      ${
        props.confirm
          ? html`<section class="card refused" id="confirm-binding" role="alertdialog" aria-labelledby="confirm-title">
              <h2 id="confirm-title">Change ${props.confirm.environment.toUpperCase()}?</h2>
              <p>${props.confirm.message}</p>
              <form method="post" action="/console/environments/${props.confirm.environment}">
                ${csrfField(session)}
                <input type="hidden" name="xeroConnectionId" value="${props.confirm.xeroConnectionId ?? ''}" />
                <input type="hidden" name="ordercloudConnectionId" value="${props.confirm.ordercloudConnectionId ?? ''}" />
                <input type="hidden" name="confirmed" value="yes" />
                <button class="danger" id="confirm-binding-yes">Yes, change ${props.confirm.environment.toUpperCase()}</button>
                <a class="button secondary" href="/console/environments">Keep things as they are</a>
              </form>
            </section>`
          : ''
      }
      <div class="grid">
        ${props.environments.map(
          (env) => html`<section class="card" id="env-${env.name}">
            <h2>${env.name.toUpperCase()}</h2>
            <form method="post" action="/console/environments/${env.name}">
              ${csrfField(session)}
              <label for="xero-${env.name}">Xero organisation</label>
              <select name="xeroConnectionId" id="xero-${env.name}">
                <option value="">— none —</option>
                ${props.xero.map(
                  (x) =>
                    html`<option value="${x.id}" ${x.id === env.xeroConnectionId ? 'selected' : ''}>${x.tenantName}</option>`,
                )}
              </select>
              <label for="oc-${env.name}">OrderCloud marketplace</label>
              <select name="ordercloudConnectionId" id="oc-${env.name}">
                <option value="">— none —</option>
                ${props.ordercloud.map(
                  (o) =>
                    html`<option value="${o.id}" ${o.id === env.ordercloudConnectionId ? 'selected' : ''}>${o.name}</option>`,
                )}
              </select>
              <p><button>Save ${env.name}</button></p>
            </form>
            <p class="small">Mapping: ${
              env.mappingVersion === null
                ? html`<span class="muted">none pinned</span>`
                : html`<a href="/console/mapping/${env.name}">version ${env.mappingVersion}</a>`
            } · last sync ${relativeTime(env.lastSyncAt, props.now)}</p>
          </section>`,
        )}
      </div>`,
  });
}
