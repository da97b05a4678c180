import { html } from 'hono/html';
import { plural } from './format.ts';
import type { Markup } from './layout.ts';

/** A marketplace whose catalog waits for the merchant's match review (decision 0126). */
export type CatalogReviewNotice = {
  readonly connectionId: string;
  readonly marketplace: string;
  readonly tenantName: string;
  /** Opened by the catalog's first sync (not by the merchant), with the items it found in Xero. */
  readonly automatic: boolean;
  readonly foreignItems: number;
};

/**
 * Leads the merchant to the match review while one is open: the catalog writes nothing to Xero until it
 * is applied, so saying so on the overview and the Catalog pages is what keeps it from being forgotten.
 */
export function catalogReviewNotices(notices: readonly CatalogReviewNotice[]): Markup {
  return html`${notices.map(
    (
      n,
    ) => html`<p class="flash notice" role="status" data-notice="catalog-review" data-connection="${n.connectionId}">
      ${
        n.automatic
          ? html`${n.tenantName} already had ${plural(n.foreignItems, 'item')} when ${n.marketplace || 'your marketplace'}’s catalog first synced.
            Nothing has been written to Xero: check how your products pair with those items, then apply.`
          : html`A match review of ${n.marketplace || 'your marketplace'} → ${n.tenantName} is open: product changes wait until it is applied.`
      }
      <a href="/console/catalog/review">Open the match review</a></p>`,
  )}`;
}
