import { html } from 'hono/html';
import { attentionReason } from '../../attention/attention-reasons.ts';
import type { Banner } from '../../dashboard/banners.ts';
import type { TenantBudget } from '../../dashboard/budget-reads.ts';
import type { DailyFigures } from '../../dashboard/dashboard-queries.ts';
import { gauge, lines, type Series, stackedBars, type Tone } from '../../dashboard/svg-charts.ts';
import type { Session } from '../../auth/sessions-repo.ts';
import { csrfField, type Markup } from './layout.ts';

export type DashboardView = {
  readonly banners: readonly Banner[];
  readonly figures: DailyFigures;
  readonly attention: ReadonlyMap<string, number>;
  readonly deadLettersToday: number;
  readonly budgets: ReadonlyArray<{ tenantName: string; budget: TenantBudget | undefined }>;
};

const dayLabel = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', timeZone: 'UTC' });
const time = (d: Date) => `${d.toISOString().slice(11, 16)} UTC`;
const last = (values: readonly number[]) => values[values.length - 1] ?? 0;
const sum = (values: readonly number[]) => values.reduce((a, v) => a + v, 0);

export function bannersSection(banners: readonly Banner[]): Markup {
  return html`${banners.map(
    (b) =>
      html`<p class="banner" role="alert" data-banner="${b.kind}">${b.message} <a href="${b.href}">${b.linkText}</a></p>`,
  )}`;
}

export function tilesSection(view: DashboardView): Markup {
  const o = view.figures.orders;
  const attention = sum([...view.attention.values()]);
  const tile = (label: string, today: number, week: number, tone: string, href: string, id: string) =>
    html`<a class="tile ${tone}" href="${href}" data-tile="${id}"><span class="figure">${today}</span>
      <span class="label">${label}</span><span class="small muted">${week} in 7 days</span></a>`;
  return html`<div class="tiles">
    ${tile('synced today', last(o.synced), sum(o.synced), 'good', '/console/orders?status=synced', 'synced')}
    ${tile('pending', last(o.pending), sum(o.pending), 'pending', '/console/orders?status=pending', 'pending')}
    <a class="tile ${attention > 0 ? 'bad' : 'good'}" href="/console/attention" data-tile="attention"><span class="figure">${attention}</span>
      <span class="label">need attention</span><span class="small muted">now, all days</span></a>
    ${tile('failed today', view.deadLettersToday, view.deadLettersToday, view.deadLettersToday > 0 ? 'bad' : 'good', '/console/dead-letters', 'failed')}
  </div>`;
}

export function attentionSection(session: Session, attention: ReadonlyMap<string, number>): Markup {
  if (attention.size === 0) return html``;
  return html`<section class="card attention" id="attention">
    <h2>Needs attention</h2>
    <ul class="reasons">
      ${[...attention.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([code, count]) => {
          const r = attentionReason(code);
          return html`<li data-reason="${code}"><a href="/console/attention?reason=${code}"><strong>${count}</strong> · ${r.label}</a>
            <div class="small">${r.hint}</div>
            ${
              r.retryable
                ? html`<form method="post" action="/console/attention/retry" class="inline">${csrfField(session)}
                    <input type="hidden" name="reason" value="${code}" /><button class="secondary">Retry all ${count}</button></form>`
                : ''
            }</li>`;
        })}
    </ul></section>`;
}

export function chartsSection(view: DashboardView): Markup {
  const f = view.figures;
  const labels = f.days.map(dayLabel);
  const orderSeries: Series[] = [
    { name: 'synced', tone: 'good', values: f.orders.synced },
    { name: 'pending', tone: 'pending', values: f.orders.pending },
    { name: 'needs attention', tone: 'bad', values: f.orders.attention },
    { name: 'canceled', tone: 'neutral', values: f.orders.canceled },
  ];
  const tones: Tone[] = ['bad', 'warn', 'info', 'pending', 'neutral'];
  const failureSeries: Series[] = [...f.failures.entries()]
    .sort((a, b) => sum(b[1]) - sum(a[1]))
    .map(([code, values], i) => ({
      name: attentionReason(code).label,
      tone: tones[i % tones.length] ?? 'bad',
      values,
    }));
  return html`<div class="charts">
    <section class="card"><h2>Orders, last 7 days</h2>${stackedBars({ title: 'Orders by day and state', labels, series: orderSeries })}</section>
    <section class="card"><h2>Webhook to invoice</h2>${lines({
      title: 'Webhook-to-invoice latency p50 and p95 by day',
      labels,
      unit: 's',
      series: [
        { name: 'p50', tone: 'pending', values: f.latencyP50 },
        { name: 'p95', tone: 'warn', values: f.latencyP95 },
      ],
    })}</section>
    <section class="card"><h2>Failures by class</h2>${
      failureSeries.length === 0
        ? html`<p class="muted">No failures in the last 7 days.</p>`
        : stackedBars({ title: 'Failures by class and day', labels, series: failureSeries })
    }</section>
  </div>`;
}

export function budgetSection(view: DashboardView): Markup {
  if (view.budgets.length === 0) return html``;
  return html`<section class="card" id="budget"><h2>Xero budget</h2><div class="gauges">
    ${view.budgets.map(({ tenantName, budget: b }) =>
      b
        ? html`<div class="org-gauges" data-org="${tenantName}"><h3>${tenantName}</h3>
            ${gauge({ title: 'This minute', used: b.minuteUsed, limit: b.minuteLimit, caption: `${b.minuteUsed} of ${b.minuteLimit} calls` })}
            ${gauge({
              title: 'Today',
              used: b.dayUsed,
              limit: b.dayLimit,
              caption:
                b.forecast.exhaustsAt && b.forecast.left > 0 && b.forecast.beforeDayEnds
                  ? `${b.forecast.left} of ${b.dayLimit} left · at ${b.forecast.perHour}/h runs out ${time(b.forecast.exhaustsAt)}`
                  : b.forecast.left === 0
                    ? `none of ${b.dayLimit} left`
                    : `${b.forecast.left} of ${b.dayLimit} left · at ${b.forecast.perHour}/h lasts the day`,
            })}</div>`
        : '',
    )}</div></section>`;
}
