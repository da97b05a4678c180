import { html } from 'hono/html';
import type { Session } from '../../auth/sessions-repo.ts';
import type { DuplicateGroup } from '../../sync/customers/duplicate-contacts.ts';
import { formatDateTime } from './format.ts';
import { type Markup, page } from './layout.ts';

export type DuplicatesView = {
  readonly tenantId: string;
  readonly tenantName: string;
  readonly refreshedAt: Date | null;
  readonly groups: readonly DuplicateGroup[];
};

/** Contacts in Xero that look like one customer, with the one to keep: the merchant merges in Xero. */
export function duplicateContactsPage(props: {
  session: Session;
  organisations: readonly DuplicatesView[];
  xeroAppUrl: string;
}): Markup {
  return page({
    title: 'Duplicate contacts',
    session: props.session,
    active: '/console/catalog/conflicts',
    flash: null,
    body: html`<h1>Duplicate contacts</h1>
      <p><a href="/console/catalog/conflicts">Catalog conflicts</a> · <strong>Duplicate contacts</strong></p>
      <p class="muted">Contacts in Xero that look like the same customer: the same e-mail, or names that differ
        only in case, punctuation or a suffix such as “Pty Ltd”. Ledgerbridge never merges them (Xero’s API
        cannot): merge them in Xero (Contacts → select → Merge), keeping the one suggested here, which is the
        contact Ledgerbridge sends this customer’s invoices to. Xero archives the merged-away contact, and
        Ledgerbridge matches active contacts before archived ones, so it goes on with the one you kept.</p>
      ${props.organisations.map(
        (org) => html`<section class="card duplicates" data-tenant="${org.tenantId}">
          <h2>${org.tenantName}</h2>
          <p class="muted small">${
            org.refreshedAt
              ? `From the contacts Ledgerbridge last read from Xero (${formatDateTime(org.refreshedAt)}).`
              : 'Ledgerbridge has not read this organisation’s contacts yet: they are read with the first order or customer it syncs.'
          }</p>
          ${
            org.groups.length === 0
              ? html`<p class="muted">No duplicates found.</p>`
              : html`<table class="lines duplicate-groups">
                  <thead><tr><th>Contact</th><th>E-mail</th><th>Why</th><th>Suggestion</th></tr></thead>
                  <tbody>
                    ${org.groups.map((group) =>
                      group.contacts.map(
                        (c, i) => html`<tr class="${i === 0 ? 'group-start' : ''}">
                          <td><a href="${props.xeroAppUrl}/Contacts/View/${encodeURIComponent(c.id)}" rel="noreferrer">${c.name}</a></td>
                          <td data-label="E-mail">${c.email ?? html`<span class="muted">(none)</span>`}</td>
                          <td data-label="Why">${group.reasons.join(', ')}</td>
                          <td data-label="Suggestion">${
                            c.id === group.keep.id
                              ? html`<span class="kept">Keep${c.contactNumber ? ' (synced by Ledgerbridge)' : ''}</span>`
                              : html`Merge into ${group.keep.name}`
                          }</td>
                        </tr>`,
                      ),
                    )}
                  </tbody>
                </table>`
          }
        </section>`,
      )}
      ${props.organisations.length === 0 ? html`<p class="muted">No Xero organisation is connected.</p>` : ''}`,
  });
}
