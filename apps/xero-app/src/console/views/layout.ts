import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { CSRF_FIELD } from '../../auth/csrf.ts';
import type { Session } from '../../auth/sessions-repo.ts';

export type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

const nav = [
  ['/console', 'Overview'],
  ['/console/organisations', 'Xero'],
  ['/console/ordercloud', 'OrderCloud'],
  ['/console/environments', 'Environments'],
  ['/console/mapping', 'Mapping'],
  ['/console/orders', 'Orders'],
  ['/console/catalog/conflicts', 'Catalog'],
  ['/console/attention', 'Needs attention'],
  ['/console/dead-letters', 'Dead letters'],
  ['/console/alerts', 'Alerts'],
  ['/console/sitecore', 'Sitecore'],
  ['/console/reconciliation', 'Reconciliation'],
  ['/console/backfill', 'Import history'],
  ['/console/api-keys', 'API keys'],
] as const;

export function csrfField(session: Session): Markup {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${session.csrfToken}" />`;
}

export function page(props: {
  title: string;
  session?: Session;
  active?: string;
  flash?: { kind: 'ok' | 'error'; message: string } | null;
  body: Markup;
}): Markup {
  const { session } = props;
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${props.title} · Ledgerbridge</title>
    <link rel="stylesheet" href="/console/assets/console.css" />
    <script src="/console/assets/console.js" defer></script>
  </head>
  <body>
    <header class="top">
      <a class="brand" href="${session ? '/console' : '/'}">Ledgerbridge</a>
      ${
        session
          ? html`<nav>
              ${nav.map(
                ([href, label]) =>
                  html`<a href="${href}" class="${props.active === href ? 'active' : ''}">${label}</a>`,
              )}
            </nav>
            <div class="who">
              <span title="${session.userEmail}">${session.userName} · ${session.workspaceName}</span>
              <form method="post" action="/auth/signout">${csrfField(session)}<button class="link">Sign out</button></form>
            </div>`
          : ''
      }
    </header>
    <main>
      ${props.flash ? html`<p class="flash ${props.flash.kind}" role="status">${props.flash.message}</p>` : ''}
      ${props.body}
    </main>
  </body>
</html>`;
}

export function statusBadge(status: string): Markup {
  const tone = /^(active|ok|paid|invoiced|synced|completed)$/i.test(status)
    ? 'good'
    : /^(needs-reconnect|broken|error|failed|failing|needs-attention|voided)$/i.test(status)
      ? 'bad'
      : 'neutral';
  return html`<span class="badge ${tone}">${status}</span>`;
}
