import { html } from 'hono/html';
import type { PrepareResult } from '../../mapping/prepare-invoice.ts';
import type { ContactPreview } from '../../mapping/contact-shape.ts';
import type { Preview } from '../../mapping/studio/studio-service.ts';
import type { Markup } from './layout.ts';

type Line = {
  description: string;
  quantity: string;
  unitAmount: string;
  accountCode: string;
  taxType: string;
  tracking: ReadonlyArray<{ category: string; option: string }>;
  taxAmount?: string;
};

const lineKey = (l: Line) =>
  JSON.stringify([
    l.description,
    l.quantity,
    l.unitAmount,
    l.accountCode,
    l.taxType,
    l.tracking,
    l.taxAmount,
  ]);

/** The contact's name, first/last and address lines; marked when the other mapping makes them otherwise. */
function contactFacts(contact: ContactPreview, other: ContactPreview | undefined): Markup {
  const changed = other !== undefined && JSON.stringify(contact) !== JSON.stringify(other);
  return html`<dt>Contact</dt><dd class="contact-name">${contact.name}${changed ? html` <span class="badge neutral">changed</span>` : ''}</dd>
      ${contact.firstName || contact.lastName ? html`<dt>First · last</dt><dd class="contact-first-last">${contact.firstName ?? '—'} · ${contact.lastName ?? '—'}</dd>` : ''}
      ${contact.addressLines.length > 0 ? html`<dt>Address</dt><dd class="contact-address">${contact.addressLines.map((l, i) => html`${i > 0 ? html`<br />` : ''}<span class="address-line">${l}</span>`)}</dd>` : ''}`;
}

function documentOf(
  title: string,
  result: PrepareResult,
  other: PrepareResult | undefined,
  contact: ContactPreview | undefined,
  otherContact: ContactPreview | undefined,
): Markup {
  if (!result.ok) {
    return html`<div class="doc">
      <h3>${title}</h3>
      <p class="flash error">Would not be sent to Xero:</p>
      <ul class="findings">${result.problems.map((p) => html`<li>${p}</li>`)}</ul>
    </div>`;
  }
  const { invoice } = result;
  const otherKeys = new Set(other?.ok ? other.invoice.draft.lines.map((l) => lineKey(l as Line)) : []);
  return html`<div class="doc">
    <h3>${title}</h3>
    <dl class="facts">
      ${contact ? contactFacts(contact, otherContact) : ''}
      <dt>Invoice</dt><dd class="invoice-number">${invoice.draft.number}</dd>
      <dt>Reference</dt><dd class="invoice-reference">${invoice.draft.reference}</dd>
      <dt>Status</dt><dd class="invoice-status">${invoice.status === 'DRAFT' ? `Draft — ${invoice.draftReason ?? ''}` : 'Approved'}</dd>
      <dt>Dates</dt><dd>${invoice.draft.date} · due ${invoice.draft.dueDate}</dd>
      <dt>Amounts</dt><dd>${invoice.draft.lineAmountTypes === 'Inclusive' ? 'tax inclusive' : invoice.draft.lineAmountTypes === 'Exclusive' ? 'tax exclusive' : 'no tax'} · total ${invoice.total} ${invoice.draft.currency}</dd>
    </dl>
    <div class="scroll"><table class="lines">
      <thead><tr><th>Line</th><th>Account</th><th>Tax</th><th>Tracking</th><th class="num">Amount</th></tr></thead>
      <tbody>
        ${invoice.draft.lines.map((l) => {
          const changed = other !== undefined && !otherKeys.has(lineKey(l as Line));
          return html`<tr class="${changed ? 'changed' : ''}">
            <td>${l.description}${changed ? html` <span class="badge neutral">changed</span>` : ''}</td>
            <td class="account" data-label="Account">${l.accountCode}</td>
            <td class="tax-type" data-label="Tax">${l.taxType}${l.taxAmount !== undefined ? html`<br /><span class="small muted">tax ${l.taxAmount}</span>` : ''}</td>
            <td data-label="Tracking">${l.tracking.map((t) => html`<div class="small">${t.category}: ${t.option}</div>`)}</td>
            <td class="num" data-label="Amount">${l.quantity} × ${l.unitAmount}</td>
          </tr>`;
        })}
      </tbody>
    </table></div>
    ${invoice.adjustments.length > 0 ? html`<p class="small muted">${invoice.adjustments.join(' ')}</p>` : ''}
  </div>`;
}

/** The exact Xero documents the draft and the pinned mapping would make of one order, side by side. */
export function previewPanel(props: {
  preview: Preview;
  pinnedVersion: number | undefined;
  findings: readonly string[];
}): Markup {
  const { preview } = props;
  const o = preview.order;
  const who =
    o.customer.companyName ||
    [o.customer.firstName, o.customer.lastName].filter(Boolean).join(' ') ||
    o.customer.email ||
    'Guest';
  return html`<section class="card preview" id="preview">
    <h2>Preview: ${preview.sample ? 'a generated order' : html`order <span id="preview-order">${o.id}</span>`}</h2>
    <p class="small muted">${who} · ${o.lines.length} line${o.lines.length === 1 ? '' : 's'} · total ${o.total} ${o.currency} · nothing is sent to Xero.</p>
    ${
      props.findings.length > 0
        ? html`<div class="findings-box" id="findings"><strong>Findings</strong><ul class="findings">${props.findings.map((f) => html`<li>${f}</li>`)}</ul></div>`
        : html`<p class="small" id="findings">No findings: the draft passes every check.</p>`
    }
    <div class="side-by-side">
      ${documentOf('With this draft', preview.draft, preview.pinned, preview.contact.draft, preview.contact.pinned)}
      ${preview.pinned ? documentOf(`With version ${props.pinnedVersion ?? ''} (in use)`, preview.pinned, undefined, preview.contact.pinned, undefined) : html`<div class="doc"><h3>In use</h3><p class="muted">No version is in use yet.</p></div>`}
    </div>
  </section>`;
}
