import { html } from 'hono/html';
import { type CatalogReviewNotice, catalogReviewNotices } from './catalog-review-notice.ts';
import type { Session } from '../../auth/sessions-repo.ts';
import type {
  AlertView,
  EnvironmentView,
  OrderCloudConnectionView,
  XeroConnectionView,
} from '../console-views-model.ts';
import {
  attentionSection,
  bannersSection,
  budgetSection,
  chartsSection,
  type DashboardView,
  tilesSection,
} from './dashboard-sections.ts';
import { relativeTime } from './format.ts';
import type { DemoTour } from '../demo-tour.ts';
import { tourCard } from './tour-card.ts';
import { type Markup, page, statusBadge } from './layout.ts';

export function overviewPage(props: {
  session: Session;
  flash: { kind: 'ok' | 'error'; message: string } | null;
  alerts: readonly AlertView[];
  /** Open match reviews: the catalog waits for the merchant (decision 0126). */
  catalogReviews?: readonly CatalogReviewNotice[];
  xero: readonly XeroConnectionView[];
  ordercloud: readonly OrderCloudConnectionView[];
  environments: readonly EnvironmentView[];
  dashboard?: DashboardView;
  tour?: DemoTour;
  now: Date;
}): Markup {
  const d = props.dashboard;
  const failing = new Set(
    (d?.banners ?? []).filter((b) => b.kind === 'xero-failing').map((b) => b.tenantName),
  );
  const steps = [
    {
      done: props.xero.length > 0,
      text: html`<a href="/console/organisations">Connect a Xero organisation</a>`,
    },
    {
      done: props.environments.some((e) => e.xeroConnectionId),
      text: html`<a href="/console/environments">Bind it to an environment</a>`,
    },
    {
      done: props.ordercloud.length > 0,
      text: html`<a href="/console/ordercloud">Connect an OrderCloud marketplace</a>`,
    },
  ];
  return page({
    title: 'Overview',
    session: props.session,
    active: '/console',
    flash: props.flash,
    body: html`<h1>${props.session.workspaceName}</h1>
      ${d ? bannersSection(d.banners) : ''}
      ${props.alerts.map((a) => html`<p class="flash error" data-alert="${a.kind}">${a.message}</p>`)}
      ${catalogReviewNotices(props.catalogReviews ?? [])}
      ${
        steps.every((s) => s.done)
          ? ''
          : html`<section class="card"><h2>Getting started</h2><ol>
              ${steps.map((s) => html`<li>${s.done ? html`<s>${s.text}</s> ✓` : s.text}</li>`)}
            </ol></section>`
      }
      ${props.tour ? tourCard(props.session, props.tour) : ''}
      ${d ? tilesSection(d) : ''}
      ${d ? attentionSection(props.session, d.attention) : ''}
      ${d ? chartsSection(d) : ''}
      ${d ? budgetSection(d) : ''}
      <h2>Connections</h2>
      <div class="grid">
        ${props.xero.map(
          (x) => html`<section class="card">
            <h2>${x.tenantName}</h2>
            <p>${failing.has(x.tenantName) ? statusBadge('failing') : statusBadge(x.status)} ${x.environments.map((e) => html`<span class="badge">${e}</span> `)}</p>
            <p class="small">Token refresh due ${relativeTime(x.accessExpiresAt, props.now)} · last sync
              ${relativeTime(x.lastSyncAt, props.now)}</p>
            <p class="small">Xero calls left today: <strong>${x.budget.left}</strong> of ${x.budget.limit}</p>
          </section>`,
        )}
        ${props.ordercloud.map(
          (o) => html`<section class="card">
            <h2>${o.name}</h2>
            <p>${statusBadge(o.status)} ${o.environments.map((e) => html`<span class="badge">${e}</span> `)}</p>
            <p class="small">${o.apiUrl} · last sync ${relativeTime(o.lastSyncAt, props.now)}</p>
          </section>`,
        )}
      </div>`,
  });
}
