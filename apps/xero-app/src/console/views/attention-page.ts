import { html } from 'hono/html';
import { attentionReason, type FixPlace } from '../../attention/attention-reasons.ts';
import type { AttentionRow } from '../../attention/attention-repo.ts';
import type { Session } from '../../auth/sessions-repo.ts';
import { formatDateTime, money } from './format.ts';
import { csrfField, type Markup, page } from './layout.ts';

/** Where each kind of fix is made: Xero itself, the mapping studio, the order, or the marketplace. */
export function fixLink(
  place: FixPlace,
  orderSyncId: string,
  xeroAppUrl: string,
): { href: string; text: string } {
  const links: Record<FixPlace, { href: string; text: string }> = {
    'xero-settings': { href: xeroAppUrl, text: 'Open Xero' },
    'xero-currencies': { href: xeroAppUrl, text: 'Open Xero' },
    mapping: { href: '/console/mapping', text: 'Open the mapping' },
    order: { href: `/console/orders/${orderSyncId}`, text: 'Open the order' },
    ordercloud: { href: '/console/ordercloud', text: 'Check the marketplace' },
  };
  return links[place];
}

export function attentionPage(props: {
  session: Session;
  flash: { kind: 'ok' | 'error'; message: string } | null;
  rows: readonly AttentionRow[];
  counts: ReadonlyMap<string, number>;
  reason: string;
  xeroAppUrl: string;
}): Markup {
  const selected = props.reason ? attentionReason(props.reason) : undefined;
  const total = [...props.counts.values()].reduce((a, n) => a + n, 0);
  return page({
    title: 'Needs attention',
    session: props.session,
    active: '/console/attention',
    flash: props.flash,
    body: html`<h1>Needs attention</h1>
      <p class="muted">Orders Ledgerbridge could not post without you. Fix the cause where the hint says, then retry: the order
        is read again from OrderCloud and checked against Xero as it is now. Orders blocked by a lock date or the mapping are
        re-checked by themselves when the organisation or the mapping changes.</p>
      <form method="get" action="/console/attention" class="filters">
        <label for="reason">Reason</label>
        <select id="reason" name="reason">
          <option value="">All reasons (${total})</option>
          ${[...props.counts.entries()].map(
            ([code, n]) =>
              html`<option value="${code}" ${code === props.reason ? 'selected' : ''}>${attentionReason(code).label} (${n})</option>`,
          )}
        </select>
        <button class="secondary">Filter</button>
      </form>
      ${
        selected && props.rows.length > 0
          ? html`<section class="card" data-reason="${selected.code}"><p><strong>${selected.label}.</strong> ${selected.hint}</p>
            ${
              selected.retryable
                ? html`<form method="post" action="/console/attention/retry">${csrfField(props.session)}
                    <input type="hidden" name="reason" value="${selected.code}" />
                    <button id="retry-all">Retry all ${props.counts.get(selected.code) ?? props.rows.length} with this reason</button></form>`
                : ''
            }</section>`
          : ''
      }
      <div class="table-scroll"><table id="attention">
        <thead><tr><th>Order</th><th>Why</th><th>What to do</th><th>Since</th><th></th></tr></thead>
        <tbody>
          ${
            props.rows.length === 0
              ? html`<tr><td colspan="5" class="muted">Nothing needs attention.</td></tr>`
              : props.rows.map((o) => {
                  const r = attentionReason(o.reason);
                  const fix = fixLink(r.fixAt, o.id, props.xeroAppUrl);
                  return html`<tr data-order="${o.orderId}" data-reason="${r.code}">
                    <td><a href="/console/orders/${o.id}">${o.orderId}</a><div class="muted small">${o.customerName ?? ''} · ${money(o.total, o.currency)}</div></td>
                    <td><span class="badge bad">${r.label}</span><div class="small">${o.message ?? ''}</div></td>
                    <td class="small">${r.hint} <a href="${fix.href}" class="fix">${fix.text}</a></td>
                    <td class="small">${formatDateTime(o.updatedAt)}</td>
                    <td>${
                      r.retryable
                        ? html`<form method="post" action="/console/attention/retry" class="inline">${csrfField(props.session)}
                            <input type="hidden" name="id" value="${o.id}" /><button class="secondary">Retry</button></form>`
                        : ''
                    }</td></tr>`;
                })
          }
        </tbody>
      </table></div>`,
  });
}
