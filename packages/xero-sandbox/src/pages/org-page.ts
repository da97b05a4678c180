import { formatFixed4 } from '../money/fixed4.ts';
import type { OrgState } from '../state/types.ts';
import { escapeHtml, page } from './html.ts';

function table(headings: string[], rows: string[][], numeric: number[] = []): string {
  if (rows.length === 0) return '<p class="muted">None yet.</p>';
  const head = headings.map((heading) => `<th>${escapeHtml(heading)}</th>`).join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((cell, index) => `<td${numeric.includes(index) ? ' class="num"' : ''}>${cell}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const money = (value: bigint) => escapeHtml(formatFixed4(value, 2));
const status = (value: string) => `<span class="status">${escapeHtml(value)}</span>`;

// A read-only view of one organisation's documents, newest first, for the demo.
export function orgPage(org: OrgState): string {
  const contactName = (id: string) => escapeHtml(org.contacts.get(id)?.name ?? '');
  const newest = <T extends { updatedAt: number }>(records: Iterable<T>) =>
    [...records].sort((a, b) => b.updatedAt - a.updatedAt);
  const invoices = newest(org.invoices.values()).map((invoice) => [
    escapeHtml(invoice.invoiceNumber || invoice.invoiceId.slice(0, 8)),
    escapeHtml(invoice.type),
    contactName(invoice.contactId),
    escapeHtml(invoice.reference),
    escapeHtml(invoice.date),
    status(invoice.status),
    escapeHtml(invoice.currencyCode),
    money(invoice.total),
    money(invoice.amountDue),
  ]);
  const contacts = newest(org.contacts.values()).map((contact) => [
    escapeHtml(contact.name),
    escapeHtml(contact.contactNumber ?? ''),
    escapeHtml(contact.emailAddress ?? ''),
    status(contact.status),
  ]);
  const payments = [...org.payments.values()]
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .map((payment) => [
      escapeHtml(payment.date),
      escapeHtml(
        payment.invoiceId
          ? (org.invoices.get(payment.invoiceId)?.invoiceNumber ?? '')
          : (org.creditNotes.get(payment.creditNoteId ?? '')?.creditNoteNumber ?? ''),
      ),
      escapeHtml(org.accounts.find((account) => account.accountId === payment.accountId)?.name ?? ''),
      escapeHtml(payment.reference),
      status(payment.status),
      money(payment.amount),
    ]);
  const creditNotes = newest(org.creditNotes.values()).map((note) => [
    escapeHtml(note.creditNoteNumber || note.creditNoteId.slice(0, 8)),
    contactName(note.contactId),
    escapeHtml(note.date),
    status(note.status),
    money(note.total),
    money(note.remainingCredit),
  ]);
  const record = org.organisation;
  return page(
    record.name,
    `<h1>${escapeHtml(record.name)}</h1>
<p class="muted">Tenant ${escapeHtml(org.tenantId)} · ${escapeHtml(org.region)} · ${escapeHtml(record.baseCurrency)} · ${escapeHtml(record.class)}
${record.periodLockDate ? ` · locked to ${escapeHtml(record.periodLockDate)}` : ''}</p>
<h2>Invoices (${invoices.length})</h2>${table(['Number', 'Type', 'Contact', 'Reference', 'Date', 'Status', 'Currency', 'Total', 'Due'], invoices, [7, 8])}
<h2>Payments (${payments.length})</h2>${table(['Date', 'Document', 'Account', 'Reference', 'Status', 'Amount'], payments, [5])}
<h2>Credit notes (${creditNotes.length})</h2>${table(['Number', 'Contact', 'Date', 'Status', 'Total', 'Remaining'], creditNotes, [4, 5])}
<h2>Contacts (${contacts.length})</h2>${table(['Name', 'Contact number', 'Email', 'Status'], contacts)}
<p><a href="/">All organisations</a></p>`,
  );
}

export function indexPage(orgs: OrgState[]): string {
  const rows = orgs.map((org) => [
    `<a href="/orgs/${escapeHtml(org.tenantId)}">${escapeHtml(org.organisation.name)}</a>`,
    escapeHtml(org.region),
    escapeHtml(org.organisation.baseCurrency),
    escapeHtml(org.organisation.class),
    String(org.invoices.size),
  ]);
  return page(
    'Xero sandbox',
    `<h1>Organisations</h1>${table(['Name', 'Region', 'Currency', 'Plan', 'Invoices'], rows, [4])}`,
  );
}
