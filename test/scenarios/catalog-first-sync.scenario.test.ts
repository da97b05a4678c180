import { SEEDED_TENANT_IDS, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { Products } from 'ordercloud-javascript-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { type CatalogStack, startCatalogStack } from '../support/catalog-stack.ts';
import { createPricedProducts, xeroApiFor } from '../support/priced-products.ts';
import { describeProgress, type Stack, waitUntil } from '../support/stack.ts';

// A marketplace connected to an organisation that already sells items of its own: the first product
// change does not write to Xero, it opens the match review, and the console's overview and Catalog page
// lead the merchant to it (decision 0126). Through both sandboxes, the real SDKs and the console's routes.
const tenantId = SEEDED_TENANT_IDS.au;

describe.each(testBackends)('catalog first sync into an organisation with items (%s)', (backend) => {
  let running: CatalogStack;
  let xero: XeroSandbox;
  let stack: Stack;
  let cookie = '';

  beforeAll(async () => {
    running = await startCatalogStack({
      backend,
      seed: 18,
      // The organisation's own items, made in Xero before Ledgerbridge.
      items: [
        { code: 'FS-LAMP', name: 'First-sync lamp', salesDetails: { unitPrice: 20, accountCode: '200' } },
        { code: 'SHOP-FEE', name: 'Shop fee', salesDetails: { unitPrice: 5, accountCode: '200' } },
      ],
      user: { xeroUserId: 'fs-user', email: 'fs@merchant.example', name: 'Fi' },
    });
    ({ xero, stack, cookie } = running);
  }, 120_000);
  afterAll(() => running?.close());

  const consolePage = async (path: string) => {
    const response = await fetch(`${stack.server.url}${path}`, { headers: { cookie } });
    const text = await response.text();
    expect(response.status, `${path} answered: ${text.slice(0, 300)}`).toBe(200);
    return text;
  };
  const reviews = () =>
    stack.infra.database.db
      .selectFrom('catalog_reviews')
      .select(['id', 'status', 'created_by'])
      .where('connection_id', '=', stack.connectionId)
      .execute();
  const appCalls = async (since: number) =>
    (await xero.admin.requests({ tenantId, kind: 'accounting', since })).map((r) => `${r.method} ${r.path}`);

  it('opens the match review at the first product change, writes nothing, and leads the merchant to it', async () => {
    expect(await consolePage('/console')).not.toContain('data-notice="catalog-review"');
    const since = Date.now();
    // The merchant's first products arrive (webhooks): the first one's sync finds Xero's own items.
    const oc = await createPricedProducts(stack.orderCloud.url, [
      { id: 'fs-lamp', sku: 'FS-LAMP', name: 'First-sync lamp', price: 22 },
      { id: 'fs-rug', sku: 'FS-RUG', name: 'First-sync rug', price: 90 },
    ]);
    const [review] = await waitUntil(async () => ((await reviews()).length > 0 ? reviews() : undefined), {
      timeoutMs: 60_000,
      what: 'the match review to open by itself',
      explain: () => describeProgress(stack),
    });
    expect(review).toMatchObject({
      status: 'open',
      created_by: expect.stringContaining('first catalog sync'),
    });
    // Both products' webhooks are handled; another edit while the review is open changes nothing.
    await Products.Patch('fs-rug', { Description: 'Wool' }, oc);
    await new Promise((r) => setTimeout(r, 3_000));
    // One read of the organisation's items, no write; no item operation planned.
    expect(await appCalls(since)).toEqual(['GET /api.xro/2.0/Items']);
    const planned = await stack.infra.database.db
      .selectFrom('xero_operations')
      .select('op_key')
      .where('kind', '=', 'item-upsert')
      .execute();
    expect(planned).toEqual([]);
    expect(await reviews()).toHaveLength(1);

    // The overview and the Catalog page say why, and link to the review.
    for (const path of ['/console', '/console/catalog/conflicts']) {
      const page = await consolePage(path);
      expect(page).toContain('data-notice="catalog-review"');
      expect(page).toMatch(/already had 2 items when/);
      expect(page).toContain('href="/console/catalog/review"');
    }
    // The review itself proposes the lamp by code and lists the shop fee as unmatched.
    const reviewPage = await consolePage('/console/catalog/review');
    expect(reviewPage).toContain('Nothing has been written to Xero');
    expect(reviewPage).toMatch(/<option value="FS-LAMP" selected>/);
    expect(reviewPage).toContain('SHOP-FEE');

    // Applied as proposed: the rug is created, the lamp updated (its price), the shop fee left alone; the
    // notice is gone.
    const reviewId =
      /action="\/console\/catalog\/review\/([0-9a-f-]{36})\/apply"/.exec(reviewPage)?.[1] ?? '';
    const csrf = /name="_csrf" value="([^"]+)"/.exec(reviewPage)?.[1] ?? '';
    const applied = await fetch(`${stack.server.url}/console/catalog/review/${reviewId}/apply`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([['_csrf', csrf]]),
      redirect: 'manual',
    });
    expect(applied.status).toBe(303);
    const xeroApi = await xeroApiFor(xero, tenantId);
    const items = await waitUntil(
      async () => {
        const listed = (await xeroApi.accountingApi.getItems(tenantId)).body.items ?? [];
        const rug = listed.find((i) => i.code === 'FS-RUG');
        const lamp = listed.find((i) => i.code === 'FS-LAMP');
        return rug && lamp?.salesDetails?.unitPrice === 22 ? listed : undefined;
      },
      { timeoutMs: 60_000, what: 'the applied review to reach Xero', explain: () => describeProgress(stack) },
    );
    // The organisation's own item is untouched (the generated catalog's products became items too).
    expect(items.find((i) => i.code === 'SHOP-FEE')).toMatchObject({ name: 'Shop fee', isSold: true });
    expect(items.find((i) => i.code === 'FS-RUG')?.description).toBe('Wool');
    expect(await consolePage('/console')).not.toContain('data-notice="catalog-review"');
  }, 120_000);
});
