import { html } from 'hono/html';
import type { Session } from '../../auth/sessions-repo.ts';
import type { OrderView, TimelineView } from '../console-views-model.ts';
import type { Flash } from '../flash.ts';
import type { TaxRateProposal } from '../../mapping/tax-choice.ts';
import type { OrderDetails } from '../order-details.ts';
import { formatDateTime, money, plural, relativeTime } from './format.ts';
import { csrfField, type Markup, page, statusBadge } from './layout.ts';

export type OrderFilters = {
  search: string;
  status: string;
  reason: string;
  connectionId: string;
  from: string;
  to: string;
};

const statusOptions = [
  ['', 'Any state'],
  ['synced', 'Synced'],
  ['pending', 'Pending'],
  ['attention', 'Needs attention'],
  ['canceled', 'Canceled'],
  ['paid', 'Paid'],
  ['part-paid', 'Part paid'],
  ['invoiced', 'Invoiced, unpaid'],
  ['credited', 'Credited'],
] as const;

export function ordersPage(props: {
  session: Session;
  orders: readonly OrderView[];
  search: string;
  filters?: OrderFilters;
  total?: number;
  page?: number;
  pageSize?: number;
  organisations?: ReadonlyArray<{ id: string; name: string }>;
  now: Date;
}): Markup {
  const f = props.filters ?? {
    search: props.search,
    status: '',
    reason: '',
    connectionId: '',
    from: '',
    to: '',
  };
  const pageNo = props.page ?? 1;
  const pages = Math.max(1, Math.ceil((props.total ?? props.orders.length) / (props.pageSize ?? 50)));
  const link = (p: number) => {
    const params = new URLSearchParams();
    if (f.search) params.set('q', f.search);
    if (f.status) params.set('status', f.status);
    if (f.reason) params.set('reason', f.reason);
    if (f.connectionId) params.set('org', f.connectionId);
    if (f.from) params.set('from', f.from);
    if (f.to) params.set('to', f.to);
    if (p > 1) params.set('page', String(p));
    const query = params.toString();
    return `/console/orders${query ? `?${query}` : ''}`;
  };
  return page({
    title: 'Orders',
    session: props.session,
    active: '/console/orders',
    body: html`<h1>Orders</h1>
      <form method="get" action="/console/orders" class="filters" id="order-filters">
        <div><label for="of-q">Search</label><input type="text" id="of-q" name="q" value="${f.search}" placeholder="Order ID, invoice number, customer name or e-mail" /></div>
        <div><label for="of-status">State</label><select id="of-status" name="status">
          ${statusOptions.map(([v, l]) => html`<option value="${v}" ${v === f.status ? 'selected' : ''}>${l}</option>`)}</select></div>
        ${
          (props.organisations ?? []).length > 1
            ? html`<div><label for="of-org">Organisation</label><select id="of-org" name="org"><option value="">All</option>
                ${(props.organisations ?? []).map((o) => html`<option value="${o.id}" ${o.id === f.connectionId ? 'selected' : ''}>${o.name}</option>`)}</select></div>`
            : ''
        }
        <div><label for="of-from">From</label><input type="date" id="of-from" name="from" value="${f.from}" /></div>
        <div><label for="of-to">To</label><input type="date" id="of-to" name="to" value="${f.to}" /></div>
        ${f.reason ? html`<input type="hidden" name="reason" value="${f.reason}" />` : ''}
        <button class="secondary">Filter</button>
      </form>
      <p class="muted small" id="orders-count">${plural(props.total ?? props.orders.length, 'order')}${pages > 1 ? ` · page ${pageNo} of ${pages}` : ''}</p>
      <div class="table-scroll"><table id="orders">
        <thead><tr><th>Order</th><th>Customer</th><th>Total</th><th>Status</th><th>Xero invoice</th><th>Paid</th><th>Updated</th></tr></thead>
        <tbody>
          ${
            props.orders.length === 0
              ? html`<tr><td colspan="7" class="muted">${f.search || f.status || f.from || f.to ? 'No order matches.' : 'No orders yet. They appear here as OrderCloud sends them.'}</td></tr>`
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
      </table></div>
      ${
        pages > 1
          ? html`<nav class="pager" aria-label="pages">
              ${pageNo > 1 ? html`<a href="${link(pageNo - 1)}" rel="prev">← Newer</a>` : ''}
              ${pageNo < pages ? html`<a href="${link(pageNo + 1)}" rel="next">Older →</a>` : ''}</nav>`
          : ''
      }`,
  });
}

export function orderPage(props: {
  session: Session;
  flash?: Flash | null;
  order: OrderView;
  timeline: readonly TimelineView[];
  taxRateProposals?: readonly TaxRateProposal[];
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
    flash: props.flash ?? null,
    body: html`<h1>Order ${o.orderId}</h1>
      <section class="card" id="order-summary">
        <p>${statusBadge(o.status)} ${o.message ?? ''}</p>
        <p>Customer: ${o.customerName ?? '—'} · Total: ${money(o.total, o.currency)} · Paid: ${money(o.amountPaid, o.currency)}</p>
        <p>Xero invoice: <strong class="invoice-number">${invoiceText}</strong>
          ${d?.xeroLink ? html`<a href="${d.xeroLink}" id="xero-link" target="_blank" rel="noopener">Open in Xero</a>` : o.invoiceId ? html`<span class="muted small">(${o.invoiceId})</span>` : ''}</p>
        <p class="muted small">Marketplace ${o.connectionName} · updated ${formatDateTime(o.updatedAt)}</p>
      </section>
      ${props.taxRateProposals?.length ? taxRatesCard(o.id, props.taxRateProposals, props.session) : ''}
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
