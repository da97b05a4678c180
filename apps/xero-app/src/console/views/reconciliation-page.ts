import { html } from 'hono/html';
import type { Session } from '../../auth/sessions-repo.ts';
import type { ReportRow } from '../../reconciliation/reports-repo.ts';
import { formatDateTime } from './format.ts';
import { csrfField, type Markup, page } from './layout.ts';

const labels: Record<string, string> = {
  'missing-invoice': 'No invoice in Xero',
  'voided-in-xero': 'Voided in Xero',
  'amount-drift': 'Amounts differ',
  'paid-only-in-xero': 'Paid only in Xero',
  'paid-only-in-ordercloud': 'Paid only in OrderCloud',
  'duplicate-invoice': 'Duplicate invoices',
  'invoice-without-order': 'Invoice without order',
};

export function reconciliationPage(props: {
  session: Session;
  flash: { kind: 'ok' | 'error'; message: string } | null;
  reports: readonly ReportRow[];
  today: string;
}): Markup {
  return page({
    title: 'Reconciliation',
    session: props.session,
    active: '/console/reconciliation',
    flash: props.flash,
    body: html`<h1>Reconciliation</h1>
      <p class="muted">OrderCloud orders, Xero invoices and payments, and what Ledgerbridge recorded, compared for a date range.
        A report of the day before runs every night; run one now for any range.</p>
      <form method="post" action="/console/reconciliation" class="filters card">${csrfField(props.session)}
        <div><label for="rc-from">From</label><input type="date" id="rc-from" name="from" required value="${props.today}" /></div>
        <div><label for="rc-to">To</label><input type="date" id="rc-to" name="to" required value="${props.today}" /></div>
        <button id="rc-run">Run now</button>
      </form>
      <div class="table-scroll"><table id="reports"><thead><tr><th>Range</th><th>State</th><th>Findings</th><th>Run</th></tr></thead><tbody>
        ${
          props.reports.length === 0
            ? html`<tr><td colspan="4" class="muted">No report yet.</td></tr>`
            : props.reports.map(
                (
                  r,
                ) => html`<tr><td><a href="/console/reconciliation/${r.id}">${r.from} – ${r.to}</a></td><td><span class="badge">${r.status}</span></td>
                  <td>${r.status === 'done' ? r.findings.length : '—'}</td><td class="small">${formatDateTime(r.createdAt)} · ${r.requestedBy}</td></tr>`,
              )
        }</tbody></table></div>`,
  });
}

export function reportPage(props: {
  session: Session;
  flash: { kind: 'ok' | 'error'; message: string } | null;
  report: ReportRow;
}): Markup {
  const r = props.report;
  const healable = r.findings.filter((f, i) => f.heal && !r.healed[i]).length;
  return page({
    title: 'Reconciliation report',
    session: props.session,
    active: '/console/reconciliation',
    flash: props.flash,
    body: html`<h1>Reconciliation ${r.from} – ${r.to}</h1>
      <p><span class="badge">${r.status}</span> ${r.summary.orders ?? 0} orders, ${r.summary.invoices ?? 0} invoices compared ·
        <a href="/console/reconciliation/${r.id}/findings.csv">Download CSV</a></p>
      ${r.error ? html`<p class="flash error">${r.error}</p>` : ''}
      ${
        healable > 0
          ? html`<form method="post" action="/console/reconciliation/${r.id}/heal">${csrfField(props.session)}<button id="heal-all">Heal all ${healable}</button></form>`
          : ''
      }
      <div class="table-scroll"><table id="findings"><thead><tr><th>Finding</th><th>Order</th><th>Invoice</th><th>Explanation</th><th></th></tr></thead><tbody>
        ${
          r.findings.length === 0
            ? html`<tr><td colspan="5" class="muted">${r.status === 'running' ? 'Running…' : 'Everything agrees.'}</td></tr>`
            : r.findings.map(
                (
                  f,
                  i,
                ) => html`<tr data-finding="${f.kind}" data-order="${f.orderId}"><td><span class="badge bad">${labels[f.kind] ?? f.kind}</span></td>
                  <td>${f.orderId}</td><td>${f.invoiceNumber ?? '—'}</td><td class="small">${f.detail}</td>
                  <td>${
                    r.healed[i]
                      ? html`<span class="badge good">healed</span>`
                      : f.heal
                        ? html`<form method="post" action="/console/reconciliation/${r.id}/heal" class="inline">${csrfField(props.session)}
                            <input type="hidden" name="index" value="${i}" /><button class="secondary">Heal</button></form>`
                        : html`<span class="small muted">needs a person</span>`
                  }</td></tr>`,
              )
        }</tbody></table></div>`,
  });
}
