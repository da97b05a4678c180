import { html } from 'hono/html';
import type { Session } from '../auth/sessions-repo.ts';
import { formatDateTime } from '../console/views/format.ts';
import { csrfField, type Markup, page } from '../console/views/layout.ts';
import type { SitecoreSiteView } from './sitecore-sites-repo.ts';

export type CreatedSite = {
  readonly id: string;
  readonly name: string;
  readonly apiKey: string;
  readonly signingSecret: string;
  readonly workspaceId: string;
  readonly appUrl: string;
};

/** The lines to paste into the Next.js head's environment (.env.local, or the host's settings). */
export function siteEnvironment(site: CreatedSite): string {
  return [
    `LEDGERBRIDGE_URL=${site.appUrl}`,
    `LEDGERBRIDGE_WORKSPACE_ID=${site.workspaceId}`,
    `LEDGERBRIDGE_SITE_ID=${site.id}`,
    `LEDGERBRIDGE_API_KEY=${site.apiKey}`,
    `LEDGERBRIDGE_SIGNING_SECRET=${site.signingSecret}`,
  ].join('\n');
}

export function sitecorePage(props: {
  session: Session;
  flash: { kind: 'ok' | 'error'; message: string } | null;
  sites: readonly SitecoreSiteView[];
  environments: readonly { id: string; name: string; ready: boolean }[];
  created?: CreatedSite | null;
}): Markup {
  const { session } = props;
  const ready = props.environments.filter((e) => e.ready);
  return page({
    title: 'Sitecore',
    session,
    active: '/console/sitecore',
    flash: props.flash,
    body: html`<h1>Sitecore sites</h1>
      <p class="muted">A Sitecore site is a JSS / XM Cloud head running the Ledgerbridge extension. It shows shoppers their
        invoice and payment status, gives the storefront admin the order list with retry, adds the XM Cloud panel, and sends
        orders and customers from its own checkout to this workspace.</p>
      ${
        props.created
          ? html`<section class="card" id="new-site">
              <p><strong>${props.created.name}</strong> is connected. Paste these lines into the head's environment
                (<code>.env.local</code> for <code>next dev</code>, or your host's settings). The API key and the signing secret are
                shown only now.</p>
              <pre class="secret" id="new-site-env">${siteEnvironment(props.created)}</pre>
              <button class="secondary" data-copy="new-site-env">Copy</button>
              <p class="small">The emitter posts to <code>${props.created.appUrl}/webhooks/sitecore/${props.created.id}</code>,
                signed with the secret.</p>
            </section>`
          : ''
      }
      ${
        props.sites.length === 0
          ? html`<p>No Sitecore site yet.</p>`
          : html`<table>
              <thead><tr><th>Site</th><th>Environment</th><th>API key</th><th>Created</th></tr></thead>
              <tbody>
                ${props.sites.map(
                  (s) => html`<tr>
                    <td>${s.name}<div class="small muted">${s.id}</div></td>
                    <td>${s.environment}</td>
                    <td>${s.apiKeyRevoked ? html`<span class="bad">revoked: create a new site</span>` : 'live'}</td>
                    <td class="small">${formatDateTime(s.createdAt)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
      }
      <h2>Connect a site</h2>
      ${
        ready.length === 0
          ? html`<p>Bind an environment to a Xero organisation first (Environments): a site's orders go to its environment's
              organisation.</p>`
          : html`<form method="post" action="/console/sitecore">${csrfField(session)}
              <label for="site-name">Name</label><input type="text" id="site-name" name="name" placeholder="Storefront (XM Cloud)" />
              <label for="site-environment">Environment</label>
              <select id="site-environment" name="environment">
                ${ready.map((e) => html`<option value="${e.id}">${e.name}</option>`)}
              </select>
              <p><button>Connect site</button></p></form>`
      }`,
  });
}
