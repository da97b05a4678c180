import { html } from 'hono/html';
import type { Session } from '../../auth/sessions-repo.ts';
import type { OrderView, TimelineView } from '../console-views-model.ts';
import type { Flash } from '../flash.ts';
import type { TaxRateProposal } from '../../mapping/tax-choice.ts';
import { formatDateTime, money, relativeTime } from './format.ts';
import { csrfField, type Markup, page, statusBadge } from './layout.ts';

export function ordersPage(props: {
  session: Session;
  orders: readonly OrderView[];
  search: string;
  now: Date;
}): Markup {
  return page({
    title: 'Orders',
    session: props.session,
    active: '/console/orders',
    body: html`<h1>Recent orders</h1>
      <form method="get" action="/console/orders"><input type="text" name="q" value="${props.search}" placeholder="Order ID" />
        <button class="secondary">Search</button></form>
      <table id="orders">
        <thead><tr><th>Order</th><th>Customer</th><th>Total</th><th>Status</th><th>Xero invoice</th><th>Paid</th><th>Updated</th></tr></thead>
        <tbody>
          ${
            props.orders.length === 0
              ? html`<tr><td colspan="7" class="muted">No orders yet. They appear here as OrderCloud sends them.</td></tr>`
              : props.orders.map(
                  (o) => html`<tr data-order="${o.orderId}">
                    <td><a href="/console/orders/${o.id}">${o.orderId}</a><div class="muted small">${o.connectionName}</div></td>
                    <td>${o.customerName ?? '—'}</td>
                    <td>${money(o.total, o.currency)}</td>
                    <td>${statusBadge(o.status)}${o.message ? html`<div class="small">${o.message}</div>` : ''}</td>
                    <td class="invoice-number">${o.invoiceNumber ?? '—'}</td>
                    <td>${money(o.amountPaid, o.currency)}</td>
                    <td class="small">${relativeTime(o.updatedAt, props.now)}</td>
                  </tr>`,
                )
          }
        </tbody>
      </table>`,
  });
}

export function orderPage(props: {
  session: Session;
  flash?: Flash | null;
  order: OrderView;
  timeline: readonly TimelineView[];
  taxRateProposals?: readonly TaxRateProposal[];
}): Markup {
  const o = props.order;
  return page({
    title: `Order ${o.orderId}`,
    session: props.session,
    active: '/console/orders',
    flash: props.flash ?? null,
    body: html`<h1>Order ${o.orderId}</h1>
      <section class="card" id="order-summary">
        <p>${statusBadge(o.status)} ${o.message ?? ''}</p>
        <p>Customer: ${o.customerName ?? '—'} · Total: ${money(o.total, o.currency)} · Paid: ${money(o.amountPaid, o.currency)}</p>
        <p>Xero invoice: <strong class="invoice-number">${o.invoiceNumber ?? 'not yet'}</strong>
          ${o.invoiceId ? html`<span class="muted small">(${o.invoiceId})</span>` : ''}</p>
        <p class="muted small">Marketplace ${o.connectionName} · updated ${formatDateTime(o.updatedAt)}</p>
      </section>
      ${props.taxRateProposals?.length ? taxRatesCard(o.id, props.taxRateProposals, props.session) : ''}
      <h2>Timeline</h2>
      <ol class="timeline">
        ${props.timeline.map(
          (
            t,
          ) => html`<li class="${t.outcome}"><span class="muted small">${formatDateTime(t.at)}</span> <strong>${t.step}</strong>
            ${statusBadge(t.outcome)}<div>${t.message}</div></li>`,
        )}
      </ol>`,
  });
}

/** The rates this order needs, as they would be created in Xero; one click creates them (audited). */
function taxRatesCard(orderSyncId: string, proposals: readonly TaxRateProposal[], session: Session): Markup {
  return html`<section class="card" id="tax-rates">
    <h2>Xero has no sales tax rate for this order</h2>
    <p>The order's tax fits no active sales tax rate in this organisation, so nothing was posted. Ledgerbridge can
      create ${proposals.length === 1 ? 'this rate' : 'these rates'} in Xero, then post the order:</p>
    <ul>
      ${proposals.map(
        (p) => html`<li><strong>${p.name}</strong> — ${p.ratePercent} %
          <span class="muted small">(${p.components.map((c) => `${c.name} ${c.ratePercent} %`).join(' + ')})</span></li>`,
      )}
    </ul>
    <form method="post" action="/console/orders/${orderSyncId}/tax-rates">
      ${csrfField(session)}
      <button>Create in Xero and post the order</button>
    </form>
    <p class="muted small">Or map the order's tax code or tax name to an existing rate in the mapping, then retry.</p>
  </section>`;
}
