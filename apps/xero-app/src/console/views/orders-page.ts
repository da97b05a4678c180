import { html } from 'hono/html';
import type { Session } from '../../auth/sessions-repo.ts';
import type { OrderView, TimelineView } from '../console-views-model.ts';
import type { OrderDetails } from '../order-details.ts';
import { formatDateTime, money, relativeTime } from './format.ts';
import { type Markup, page, statusBadge } from './layout.ts';

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
  order: OrderView;
  timeline: readonly TimelineView[];
  details?: OrderDetails;
}): Markup {
  const o = props.order;
  const d = props.details;
  const invoiceText =
    o.invoiceNumber ?? (o.status === 'canceled' ? 'none: canceled before it was invoiced' : 'not yet');
  return page({
    title: `Order ${o.orderId}`,
    session: props.session,
    active: '/console/orders',
    body: html`<h1>Order ${o.orderId}</h1>
      <section class="card" id="order-summary">
        <p>${statusBadge(o.status)} ${o.message ?? ''}</p>
        <p>Customer: ${o.customerName ?? '—'} · Total: ${money(o.total, o.currency)} · Paid: ${money(o.amountPaid, o.currency)}</p>
        <p>Xero invoice: <strong class="invoice-number">${invoiceText}</strong>
          ${d?.xeroLink ? html`<a href="${d.xeroLink}" id="xero-link" target="_blank" rel="noopener">Open in Xero</a>` : o.invoiceId ? html`<span class="muted small">(${o.invoiceId})</span>` : ''}</p>
        <p class="muted small">Marketplace ${o.connectionName} · updated ${formatDateTime(o.updatedAt)}</p>
      </section>
      ${
        d && d.lines.length > 0
          ? html`<h2>Lines as sent to Xero</h2><div class="table-scroll"><table id="sent-lines">
            <thead><tr><th>Description</th><th>Qty</th><th>Unit</th><th>Account</th><th>Tax</th><th>Tracking</th></tr></thead><tbody>
            ${d.lines.map(
              (
                l,
              ) => html`<tr><td>${l.description}${l.itemCode ? html`<div class="muted small">${l.itemCode}</div>` : ''}</td>
                <td>${l.quantity}</td><td>${l.unitAmount}${l.discountAmount ? html`<div class="muted small">less ${l.discountAmount}</div>` : ''}</td>
                <td>${l.accountCode}</td><td>${l.taxType}${l.taxAmount ? html`<div class="muted small">${l.taxAmount}</div>` : ''}</td>
                <td class="small">${l.tracking.map((t) => `${t.category}: ${t.option}`).join(', ') || '—'}</td></tr>`,
            )}</tbody></table></div>
            <p class="muted small">Amounts are ${d.lineAmountTypes === 'Inclusive' ? 'tax inclusive' : d.lineAmountTypes === 'NoTax' ? 'without tax' : 'tax exclusive'}.</p>`
          : ''
      }
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
