import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ProductItem } from '../lib/ledgerbridge-api.ts';
import { XmcProductFacts } from './xmc-product-facts.tsx';

const synced: ProductItem = {
  organisation: 'Demo AU',
  state: 'synced',
  itemCode: 'MUG-1',
  sku: 'MUG-1',
  orderCloudPrice: '24.50',
  xeroPrice: '24.5',
  pricesMatch: true,
  lastSyncAt: '2026-12-06T10:00:00.000Z',
  problem: null,
};

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('XmcProductFacts', () => {
  it('a synced item: code, both prices with two decimals, no problem, no organisation row for one org', () => {
    const html = renderToStaticMarkup(<XmcProductFacts product={{ productId: 'mug', items: [synced] }} />);
    expect(text(html)).toContain('Xero item MUG-1 Status In Xero, up to date');
    expect(text(html)).toContain('Price in OrderCloud 24.50 Price in Xero 24.50');
    expect(text(html)).toContain('Problem None');
    expect(html).not.toContain('differs');
    expect(html).not.toContain('Organisation');
  });

  it('a waiting price change says the prices differ; a refusal shows as a problem; several orgs are named', () => {
    const html = renderToStaticMarkup(
      <XmcProductFacts
        product={{
          productId: 'mug',
          items: [
            {
              ...synced,
              state: 'pending',
              orderCloudPrice: '26.00',
              pricesMatch: false,
              problem: 'A change is waiting to be sent to Xero (items travel in batches of up to 50).',
            },
            {
              ...synced,
              organisation: 'Demo NZ',
              state: 'failed',
              xeroPrice: null,
              pricesMatch: null,
              lastSyncAt: null,
              problem: 'Xero refused the item: Account code 999 is not valid.',
            },
          ],
        }}
      />,
    );
    expect(text(html)).toContain('Price in Xero 24.50 differs from OrderCloud');
    // A change on its way is a note, not a problem; only the refusal is called one.
    expect(text(html)).toContain('Note A change is waiting to be sent to Xero');
    expect(text(html)).not.toContain('Problem A change is waiting');
    expect(text(html)).toContain('Organisation Demo NZ');
    expect(text(html)).toContain('Status Refused by Xero');
    expect(text(html)).toContain('Price in Xero Not in Xero yet');
    expect(text(html)).toContain('Last sync Never');
    expect(html).toContain('class="problem">Xero refused the item: Account code 999 is not valid.');
  });
});
