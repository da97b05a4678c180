import { html } from 'hono/html';
import type { Session } from '../../auth/sessions-repo.ts';
import type { BackfillRow } from '../../backfill/backfill-repo.ts';
import { formatDateTime } from './format.ts';
import { csrfField, type Markup, page } from './layout.ts';

export type BackfillView = BackfillRow & { readonly eta: Date | null; readonly dayMs: number };

const days = (d: number) => (d < 0.1 ? 'under a tenth of a day' : `${d.toFixed(d < 10 ? 1 : 0)} days`);

export function backfillPage(props: {
  session: Session;
  flash: { kind: 'ok' | 'error'; message: string } | null;
  imports: readonly BackfillView[];
  today: string;
}): Markup {
  return page({
    title: 'Import history',
    session: props.session,
    active: '/console/backfill',
    flash: props.flash,
    body: html`<h1>Import order history</h1>
      <p class="muted">Orders placed in OrderCloud before Ledgerbridge was connected. A dry run counts them, the Xero calls they
        cost and the days that takes at your organisation's daily limit (5,000 calls; 1,000 on Xero's Starter tier), keeping a
        fifth of it for live orders. The import then runs at an even pace, survives restarts, and skips orders Xero already
        has (matched by the invoice number your mapping gives the order).</p>
      <form method="post" action="/console/backfill" class="filters card">${csrfField(props.session)}
        <div><label for="bf-from">From</label><input type="date" id="bf-from" name="from" required max="${props.today}" /></div>
        <div><label for="bf-to">To</label><input type="date" id="bf-to" name="to" required max="${props.today}" value="${props.today}" /></div>
        <button id="bf-dry-run">Dry run</button>
      </form>
      ${props.imports.map((b) => {
        const done = b.fedOrders + b.skippedOrders;
        const pct = b.totalOrders === 0 ? 100 : Math.floor((done / b.totalOrders) * 100);
        return html`<section class="card" data-backfill="${b.id}" data-status="${b.status}">
          <h2>${b.from} to ${b.to} · <span class="badge">${b.status}</span></h2>
          <p>Dry run: <strong>${b.estimate.orders}</strong> orders, about <strong>${b.estimate.calls}</strong> Xero calls,
            <strong>${days(b.estimate.days)}</strong> at ${b.estimate.callsPerDay} of the ${b.estimate.dayLimit} calls a day.</p>
          ${
            b.status === 'planned'
              ? html`<form method="post" action="/console/backfill/${b.id}/start" class="inline">${csrfField(props.session)}<button>Start the import</button></form>
                 <form method="post" action="/console/backfill/${b.id}/cancel" class="inline">${csrfField(props.session)}<button class="secondary">Discard</button></form>`
              : html`<progress max="100" value="${pct}" aria-label="progress">${pct}%</progress>
                 <p class="small">${done} of ${b.totalOrders} orders through: ${b.fedOrders} handed to the sync, ${b.skippedOrders} skipped (already in Xero or seen live) ·
                 ${
                   b.status === 'running'
                     ? html`ends about ${formatDateTime(b.eta)}
                       <form method="post" action="/console/backfill/${b.id}/cancel" class="inline">${csrfField(props.session)}<button class="secondary">Stop</button></form>`
                     : html`finished ${formatDateTime(b.finishedAt)}`
                 }</p>`
          }</section>`;
      })}`,
  });
}
