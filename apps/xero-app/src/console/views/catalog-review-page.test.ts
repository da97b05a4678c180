import type { AccountingItem } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import { viewSession } from '../testing/view-session.ts';
import type { ReviewView } from '../../sync/catalog/catalog-review.ts';
import { matchItems, type ProductForMatch } from '../../sync/catalog/match-items.ts';
import { catalogReviewPage, inlineItemsMax } from './catalog-review-page.ts';

const session = viewSession;

function view(itemCount: number): ReviewView {
  const products: ProductForMatch[] = [
    { productId: 'mug', sku: 'MUG-1', draft: { code: 'MUG-1', name: 'Mug', salesUnitPrice: '12.00' } },
    { productId: 'new', sku: 'NEW-1', draft: { code: 'NEW-1', name: 'New' } },
  ];
  const items: AccountingItem[] = [
    { id: 'm', code: 'MUG-1', name: 'Mug', salesUnitPrice: '11', isTrackedAsInventory: false },
    ...Array.from({ length: itemCount }, (_, i) => ({
      id: `i${i}`,
      code: `OLD-${i}`,
      name: `Old ${i}`,
      isTrackedAsInventory: false,
    })),
  ];
  return {
    connectionId: 'c',
    name: 'Shop marketplace',
    tenantName: 'Shop Pty Ltd',
    environment: 'prod',
    review: {
      id: '00000000-0000-4000-8000-000000000001',
      workspaceId: 'w',
      connectionId: 'c',
      tenantId: 't',
      status: 'open',
      products,
      items,
      createdAt: new Date('2026-12-05T10:00:00Z'),
      createdBy: 'rev@example.com',
      appliedAt: null,
      appliedBy: null,
      proposal: matchItems({ products, items }),
    },
  };
}

const render = async (v: ReviewView) => String(await catalogReviewPage({ session, flash: null, views: [v] }));

describe('catalogReviewPage', () => {
  it('shows the pair with its differing price, a new item, and unmatched items to tick, with the CSRF token', async () => {
    const page = await render(view(2));
    expect(page).toContain('Nothing has been written to Xero');
    expect(page).toMatch(/<option value="MUG-1" selected>MUG-1 · Mug \(proposed\)/);
    expect(page).toMatch(/Sales price:<\/span> <span class="kept">12.00<\/span>/);
    expect(page).toMatch(/name="pair:new"[\s\S]*?<option value="OLD-0" >/);
    expect(page).toContain('name="archive" value="OLD-1"');
    expect(page).toContain('value="csrf-token"');
    expect(page).not.toContain('<datalist');
  });

  it('offers many unmatched items once, through a shared list, instead of in every product’s select', async () => {
    const page = await render(view(inlineItemsMax + 1));
    expect(page.match(/<option value="OLD-3"/g)).toHaveLength(1);
    expect(page).toContain('<datalist id="free-items-00000000-0000-4000-8000-000000000001">');
    expect(page).toContain('name="other:new"');
  });
});
