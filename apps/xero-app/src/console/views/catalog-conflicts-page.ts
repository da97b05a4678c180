import { html } from 'hono/html';
import type { Session } from '../../auth/sessions-repo.ts';
import type { CatalogConflictRow } from '../../sync/catalog/catalog-conflicts-repo.ts';
import { catalogFieldOwners, type Owner } from '../../sync/catalog/field-ownership.ts';
import { formatDateTime } from './format.ts';
import { catalogSubnav } from './catalog-review-page.ts';
import { type CatalogReviewNotice, catalogReviewNotices } from './catalog-review-notice.ts';
import { csrfField, type Markup, page } from './layout.ts';

const fieldNames: Record<CatalogConflictRow['field'], string> = {
  name: 'Name',
  description: 'Description',
  price: 'Sales price',
};

const rule: Record<Owner, string> = {
  'last-writer': 'the later edit decides',
  ordercloud: 'OrderCloud decides',
  xero: 'Xero decides',
};

const shown = (value: string | null, kept: boolean) =>
  html`<span class="${kept ? 'kept' : 'overwritten'}">${value ?? '(none)'}</span>`;

const sideName = { ordercloud: 'OrderCloud’s', xero: 'Xero’s' } as const;

function choice(session: Session, c: CatalogConflictRow): Markup {
  if (c.resolvedSide)
    return html`<span class="small">Chose ${sideName[c.resolvedSide]}${c.resolvedBy ? html` · ${c.resolvedBy}` : ''}</span>`;
  return html`<form method="post" action="/console/catalog/conflicts/${c.id}/choose" class="row-form conflict-choice">${csrfField(session)}
    <button name="side" value="ordercloud" class="small-button ${c.winner === 'ordercloud' ? 'secondary' : ''}">Keep OrderCloud’s</button>
    <button name="side" value="xero" class="small-button ${c.winner === 'xero' ? 'secondary' : ''}">Keep Xero’s</button>
    <label class="check small"><input type="checkbox" name="always" value="yes" /> always for ${fieldNames[c.field].toLowerCase()}</label>
  </form>`;
}

/** Values the field-ownership rule overwrote when a product and its Xero item disagreed. */
export function catalogConflictsPage(props: {
  session: Session;
  flash: { kind: 'ok' | 'error'; message: string } | null;
  conflicts: readonly CatalogConflictRow[];
  catalogReviews?: readonly CatalogReviewNotice[];
}): Markup {
  return page({
    title: 'Catalog conflicts',
    session: props.session,
    active: '/console/catalog/conflicts',
    flash: props.flash,
    body: html`<h1>Catalog conflicts</h1>
      ${catalogSubnav('conflicts')}
      ${catalogReviewNotices(props.catalogReviews ?? [])}
      <p class="muted">When a product and its Xero item were both edited, or an item was edited in Xero where
        OrderCloud decides, one side’s value was kept and the other overwritten. By default prices and
        descriptions are OrderCloud’s, stock is Xero’s, and a name goes to whichever side changed it last;
        each row says who decides its field in that organisation now. Choose a side to put its value on both
        (once), or to let that side decide the field from now on for the organisation (always).</p>
      <table id="catalog-conflicts" class="lines">
        <thead><tr><th>Product</th><th>Field</th><th>OrderCloud had</th><th>Xero had</th><th>Kept</th><th>When</th><th>Your choice</th></tr></thead>
        <tbody>
          ${
            props.conflicts.length === 0
              ? html`<tr><td colspan="7" class="muted">No conflicts: every product and its item agree.</td></tr>`
              : props.conflicts.map(
                  (c) => html`<tr>
                    <td><span>${c.productId}<span class="muted small"> · item ${c.itemCode}</span></span></td>
                    <td data-label="Field"><span>${fieldNames[c.field]}<span class="muted small"> · ${rule[c.owner ?? catalogFieldOwners[c.field]]}</span></span></td>
                    <td data-label="OrderCloud had">${shown(c.ordercloud, c.winner === 'ordercloud')}</td>
                    <td data-label="Xero had">${shown(c.xero, c.winner === 'xero')}</td>
                    <td data-label="Kept">${c.winner === 'xero' ? 'Xero’s' : 'OrderCloud’s'}</td>
                    <td data-label="When" class="small">${formatDateTime(c.detectedAt)}</td>
                    <td data-label="Your choice">${choice(props.session, c)}</td>
                  </tr>`,
                )
          }
        </tbody>
      </table>`,
  });
}
