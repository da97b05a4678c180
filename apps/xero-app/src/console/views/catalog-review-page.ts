import { html } from 'hono/html';
import type { Session } from '../../auth/sessions-repo.ts';
import type { ReviewView } from '../../sync/catalog/catalog-review.ts';
import type { FieldDifference } from '../../sync/catalog/match-items.ts';
import { formatDateTime, plural } from './format.ts';
import { csrfField, type Markup, page } from './layout.ts';

const fieldNames: Record<FieldDifference['field'], string> = {
  name: 'Name',
  description: 'Description',
  price: 'Sales price',
};

/** Unmatched items listed in each product's select; more are offered through one shared list. */
export const inlineItemsMax = 40;

export function catalogSubnav(active: 'review' | 'conflicts'): Markup {
  const link = (key: typeof active, href: string, label: string) =>
    key === active ? html`<strong>${label}</strong>` : html`<a href="${href}">${label}</a>`;
  return html`<p>${link('review', '/console/catalog/review', 'Match review')} ·
    ${link('conflicts', '/console/catalog/conflicts', 'Catalog conflicts')} ·
    <a href="/console/catalog/duplicates">Duplicate contacts</a></p>`;
}

const readForm = (session: Session, connectionId: string, label: string, secondary = false) =>
  html`<form method="post" action="/console/catalog/review" class="inline">${csrfField(session)}
    <input type="hidden" name="connectionId" value="${connectionId}" />
    <button class="${secondary ? 'secondary' : ''}">${label}</button></form>`;

function openReview(session: Session, view: ReviewView): Markup {
  const review = view.review;
  if (!review) return html``;
  const { proposal } = review;
  const itemOf = new Map(review.items.map((i) => [i.code, i]));
  const pairOf = new Map(proposal.pairs.map((p) => [p.productId, p]));
  const ambiguousOf = new Map(proposal.ambiguous.map((a) => [a.productId, a.candidates]));
  const free = proposal.unmatchedItems;
  const conflicts = proposal.pairs.filter((p) => p.differences.length > 0).length;
  const order = (id: string) => (pairOf.has(id) ? 0 : ambiguousOf.has(id) ? 1 : 2);
  const products = [...review.products].sort((a, b) => order(a.productId) - order(b.productId));
  const itemLabel = (code: string) => {
    const item = itemOf.get(code);
    return `${code}${item?.name ? ` · ${item.name}` : ''}`;
  };
  // Every unmatched item in every list while they are few; beyond that one shared list to type from, so a
  // large catalog does not repeat thousands of options per product.
  const inline = free.length <= inlineItemsMax;
  const select = (productId: string) => {
    const proposed = pairOf.get(productId)?.code;
    const candidates = ambiguousOf.get(productId) ?? [];
    const options = [...new Set([...(proposed ? [proposed] : []), ...candidates, ...(inline ? free : [])])];
    const other = inline
      ? html``
      : html`<input type="text" name="other:${productId}" list="free-items-${review.id}" placeholder="or another item’s code" aria-label="Another Xero item for ${productId}" />`;
    return html`${selectOf(productId, options, proposed, candidates)}${other}`;
  };
  const selectOf = (
    productId: string,
    options: readonly string[],
    proposed: string | undefined,
    candidates: readonly string[],
  ) => html`<select name="pair:${productId}" aria-label="Xero item for ${productId}">
      ${options.map(
        (code) =>
          html`<option value="${code}" ${code === proposed ? 'selected' : ''}>${itemLabel(code)}${
            code === proposed ? ' (proposed)' : candidates.includes(code) ? ' (same name)' : ''
          }</option>`,
      )}
      <option value="" ${proposed ? '' : 'selected'}>None: create a new item</option>
    </select>`;
  const differences = (list: readonly FieldDifference[]) =>
    list.length === 0
      ? html`<span class="muted">same values: nothing written</span>`
      : html`${list.map(
          (d) =>
            html`<div><span>${fieldNames[d.field]}:</span> <span class="kept">${d.ordercloud ?? '(none)'}</span>
              <span class="muted small">OrderCloud</span> · <span class="overwritten">${d.xero ?? '(none)'}</span>
              <span class="muted small">Xero</span></div>`,
        )}`;
  const proposedText = (productId: string) => {
    const pair = pairOf.get(productId);
    if (pair) return pair.by === 'code' ? 'Matched by code' : 'Matched by name';
    if (ambiguousOf.has(productId)) return 'Several items fit: choose';
    return 'New item';
  };
  return html`<p class="muted">Read ${formatDateTime(review.createdAt)} by ${review.createdBy}:
      ${plural(review.products.length, 'product')} in OrderCloud, ${plural(review.items.length, 'item')} in Xero.
      <strong>Nothing has been written to Xero.</strong></p>
    <ul class="review-counts">
      <li><strong>${proposal.pairs.length}</strong> matched (${conflicts} with different values)</li>
      <li><strong>${proposal.ambiguous.length}</strong> to choose (several items fit)</li>
      <li><strong>${proposal.unmatchedProducts.length}</strong> new items to create</li>
      <li><strong>${free.length}</strong> Xero items no product matches (left alone)</li>
    </ul>
    <form method="post" action="/console/catalog/review/${review.id}/apply" class="review-apply">${csrfField(session)}
      <h3>OrderCloud products</h3>
      <p class="muted small">Where values differ, OrderCloud’s go to Xero (the catalog is the source); each one
        overwritten is listed under Catalog conflicts, where you can keep Xero’s instead.</p>
      <table class="lines review-products">
        <thead><tr><th>Product</th><th>Proposal</th><th>Differences</th><th>Xero item</th></tr></thead>
        <tbody>
          ${products.map((p) => {
            const pair = pairOf.get(p.productId);
            return html`<tr data-product="${p.productId}">
              <td><span>${p.draft.name}<span class="muted small"> · ${p.productId} · SKU ${p.sku}</span></span></td>
              <td data-label="Proposal">${proposedText(p.productId)}</td>
              <td data-label="Differences">${pair ? differences(pair.differences) : html`<span class="muted">–</span>`}</td>
              <td data-label="Xero item">${select(p.productId)}</td>
            </tr>`;
          })}
        </tbody>
      </table>
      ${
        inline
          ? ''
          : html`<datalist id="free-items-${review.id}">${free.map(
              (code) => html`<option value="${code}">${itemLabel(code)}</option>`,
            )}</datalist>`
      }
      <h3>Xero items no product matches</h3>
      <p class="muted small">Left as they are unless you tick them. Xero’s API has no archive for items, so
        archiving marks the item <em>not sold</em>: it disappears from sales forms and keeps its code and
        history, and Xero clears its sales description and price.</p>
      <table class="lines review-items">
        <thead><tr><th>Item</th><th>Sales price</th><th>Choice</th></tr></thead>
        <tbody>
          ${
            free.length === 0
              ? html`<tr><td colspan="3" class="muted">Every Xero item has a product.</td></tr>`
              : free.map((code) => {
                  const item = itemOf.get(code);
                  return html`<tr data-item="${code}">
                    <td><span>${code}<span class="muted small"> · ${item?.name ?? ''}</span></span></td>
                    <td data-label="Sales price">${item?.salesUnitPrice ?? '–'}</td>
                    <td data-label="Choice"><label class="check"><input type="checkbox" name="archive" value="${code}" /> Archive in Xero</label></td>
                  </tr>`;
                })
          }
        </tbody>
      </table>
      <p><button>Apply</button> <span class="muted small">Creates and updates items in batches of 50; then
        product changes sync as usual.</span></p>
    </form>
    ${readForm(session, view.connectionId, 'Read both catalogs again', true)}`;
}

/** First-connect review: how a marketplace's products and an organisation's items pair up, before any write. */
export function catalogReviewPage(props: {
  session: Session;
  flash: { kind: 'ok' | 'error'; message: string } | null;
  views: readonly ReviewView[];
}): Markup {
  return page({
    title: 'Catalog match review',
    session: props.session,
    active: '/console/catalog/conflicts',
    flash: props.flash,
    body: html`<h1>Catalog match review</h1>
      ${catalogSubnav('review')}
      <p class="muted">Before the catalog sync writes anything, Ledgerbridge reads your OrderCloud products and the
        organisation’s Xero items and pairs them: by SKU and item code first, then by name. Check the pairs,
        change any, choose what happens to Xero items no product matches, and press Apply. Nothing is
        deleted; an item is archived only when you tick it.</p>
      ${
        props.views.length === 0
          ? html`<p class="muted">No marketplace is bound to a Xero organisation yet (Environments).</p>`
          : props.views.map(
              (view) => html`<section class="card catalog-review" data-connection="${view.connectionId}">
                <h2>${view.name || 'OrderCloud marketplace'} → ${view.tenantName} <span class="muted small">(${view.environment})</span></h2>
                ${
                  !view.review
                    ? html`<p>Not reviewed yet. Reading costs one Xero call.</p>${readForm(props.session, view.connectionId, 'Read both catalogs')}`
                    : view.review.status === 'applied'
                      ? html`<p>Applied ${formatDateTime(view.review.appliedAt)} by ${view.review.appliedBy ?? ''}:
                          the catalog syncs as products change.</p>${readForm(props.session, view.connectionId, 'Review again', true)}`
                      : openReview(props.session, view)
                }
              </section>`,
            )
      }`,
  });
}
