import { sandboxDefaults } from '@ledgerbridge/ordercloud-sandbox';
import { SEEDED_TENANT_IDS, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { Auth, Configuration, Products } from 'ordercloud-javascript-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item, XeroClient } from 'xero-node';
import { testBackends } from '../support/backends.ts';
import { type CatalogStack, startCatalogStack } from '../support/catalog-stack.ts';
import { createPricedProducts } from '../support/priced-products.ts';
import { describeProgress, type Stack, waitUntil } from '../support/stack.ts';

// First connect of a catalog to an organisation that already has items, through both sandboxes and the
// real SDKs: the merchant reads both catalogs in the console, changes one pairing, ticks one item to
// archive and applies. Nothing reaches Xero before Apply; after it, exactly the expected creates and
// updates, one archive, and every other item untouched.
const tenantId = SEEDED_TENANT_IDS.au;

// The merchant's own products (besides the generated catalog, which has no default price schedules).
const ours = [
  { id: 'rv-a', sku: 'RV-A', name: 'Review lantern', price: 40 }, // same code, other price: updated
  { id: 'rv-b', sku: 'RV-B', name: 'Review blanket', price: 55 }, // same code and values: untouched
  { id: 'rv-c', sku: 'RV-C', name: 'Review hammock', price: 80 }, // same name, other code: untouched
  { id: 'rv-h', sku: 'RV-H', name: 'Review stool', price: 30 }, // paired by the merchant: updated
  { id: 'rv-n', sku: 'RV-N', name: 'Review kettle', price: 25 }, // nothing fits: created
];
// The organisation's items before the catalog sync is switched on.
const existing: Item[] = [
  { code: 'RV-A', name: 'Review lantern', salesDetails: { unitPrice: 35, accountCode: '200' } },
  { code: 'RV-B', name: 'Review blanket', salesDetails: { unitPrice: 55, accountCode: '200' } },
  { code: 'HAMMOCK-OLD', name: 'Review hammock', salesDetails: { unitPrice: 80, accountCode: '200' } },
  { code: 'STOOL-LEGACY', name: 'Bar stool (legacy)', salesDetails: { unitPrice: 28, accountCode: '200' } },
  { code: 'SERVICE-FEE', name: 'Service fee', salesDetails: { unitPrice: 10, accountCode: '200' } },
  { code: 'OLD-STOCK', name: 'Discontinued lamp', salesDetails: { unitPrice: 12, accountCode: '200' } },
];

describe.each(testBackends)('catalog first-connect review (%s)', (backend) => {
  let running: CatalogStack;
  let xero: XeroSandbox;
  let stack: Stack;
  let xeroApi: XeroClient;
  let cookie = '';

  beforeAll(async () => {
    running = await startCatalogStack({
      backend,
      seed: 16,
      items: existing,
      // The marketplace has its catalog before Ledgerbridge is connected to it.
      beforeConnect: async (orderCloud) => {
        await createPricedProducts(orderCloud.url, ours);
      },
      user: { xeroUserId: 'review-user', email: 'rev@merchant.example', name: 'Rev' },
    });
    ({ xero, stack, xeroApi, cookie } = running);
  }, 120_000);
  afterAll(() => running?.close());

  /**
   * Cookies the app sets besides the session (the flash of a posted form), sent back as a browser does:
   * without them a page after a form never shows the form's outcome, and a failure could not say it.
   */
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const cookies = () =>
    [cookie, ...[...jar].filter(([, v]) => v !== '').map(([k, v]) => `${k}=${v}`)].join('; ');
  /** The console as the merchant's browser uses it: pages read with the session, forms posted with CSRF. */
  const consolePage = async (path: string) => {
    const response = await fetch(`${stack.server.url}${path}`, { headers: { cookie: cookies() } });
    keep(response);
    const text = await response.text();
    // A failure names what the page said (one full run failed here at its first step, cause not found).
    expect(response.status, `${path} answered: ${text.slice(0, 300)}`).toBe(200);
    return text;
  };
  /** The page's flash message, for failure messages. */
  const flashOf = (page: string) => /class="flash[^"]*"[^>]*>([\s\S]*?)</.exec(page)?.[1] ?? 'no flash';
  const csrfOf = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
  const post = async (path: string, fields: Array<[string, string]>, csrf: string) => {
    const response = await fetch(`${stack.server.url}${path}`, {
      method: 'POST',
      headers: { cookie: cookies(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([['_csrf', csrf], ...fields]),
      redirect: 'manual',
    });
    keep(response);
    expect(response.status, `${path} answered: ${(await response.text()).slice(0, 300)}`).toBe(303);
  };
  const itemsByCode = async () =>
    new Map(
      ((await xeroApi.accountingApi.getItems(tenantId)).body.items ?? []).map((i) => [i.code ?? '', i]),
    );
  const writes = async (since: number) =>
    (await xero.admin.requests({ tenantId, kind: 'accounting', since })).filter((r) => r.method !== 'GET');
  const unsent = async () =>
    Number(
      (
        await stack.infra.database.db
          .selectFrom('xero_operations')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('kind', 'in', ['item-upsert', 'item-archive'])
          .where('status', '!=', 'done')
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('writes nothing before Apply, then exactly the chosen creates, updates and archive', async () => {
    const before = await itemsByCode();
    const since = Date.now();
    let page = await consolePage('/console/catalog/review');
    expect(page, flashOf(page)).toContain('Not reviewed yet');
    await post('/console/catalog/review', [['connectionId', stack.connectionId]], csrfOf(page));
    page = await consolePage('/console/catalog/review');
    expect(page, flashOf(page)).toContain('Nothing has been written to Xero');
    // One read of Xero's items; no write.
    const reads = (await xero.admin.requests({ tenantId, kind: 'accounting', since })).map(
      (r) => `${r.method} ${r.path}`,
    );
    expect(reads.filter((r) => r.includes('/Items'))).toEqual([expect.stringMatching(/^GET .*\/Items$/)]);
    // A product edited in OrderCloud while the review is open waits for Apply too.
    const token = await Auth.ClientCredentials(
      sandboxDefaults.integrationClientSecret,
      sandboxDefaults.integrationClientId,
    );
    Configuration.Set({ baseApiUrl: stack.orderCloud.url });
    await Products.Patch(
      'rv-n',
      { Description: 'Stovetop, 1.5 l' },
      { accessToken: token.access_token ?? '' },
    );

    const reviewId = /action="\/console\/catalog\/review\/([0-9a-f-]{36})\/apply"/.exec(page)?.[1] ?? '';
    expect(reviewId).not.toBe('');
    // Proposed: RV-A and RV-B by code, the hammock by name; the stool matches nothing.
    expect(page).toMatch(/<option value="RV-A" selected>/);
    expect(page).toMatch(/<option value="HAMMOCK-OLD" selected>HAMMOCK-OLD · Review hammock \(proposed\)/);
    expect(page).toMatch(/name="pair:rv-h"[\s\S]*?<option value="" selected>None: create a new item/);
    expect(await writes(since)).toEqual([]);
    expect(await unsent()).toBe(0);

    const applyAt = Date.now();
    await post(
      `/console/catalog/review/${reviewId}/apply`,
      [
        ['pair:rv-h', 'STOOL-LEGACY'],
        ['archive', 'OLD-STOCK'],
      ],
      csrfOf(page),
    );
    // From Apply on, the worker may send at once (nothing here asserts a race with it): what reaches Xero
    // is checked once everything is sent.
    await waitUntil(async () => (await unsent()) === 0, {
      timeoutMs: 60_000,
      what: 'the review’s items to reach Xero',
      explain: () => describeProgress(stack),
    });

    const after = await itemsByCode();
    const productCount = (
      await stack.infra.database.db
        .selectFrom('catalog_reviews')
        .select('products')
        .where('id', '=', reviewId)
        .executeTakeFirstOrThrow()
    ).products as unknown[];
    // Created: every product except the four paired ones; nothing deleted.
    const created = [...after.keys()].filter((code) => !before.has(code));
    expect(created).toHaveLength(productCount.length - 4);
    expect(created).toContain('RV-N');
    expect(after.get('RV-N')?.description).toBe('Stovetop, 1.5 l');
    for (const code of before.keys()) expect(after.has(code)).toBe(true);
    // Updated by OrderCloud's values: the lantern's price, the stool the merchant paired (name and price).
    expect(after.get('RV-A')?.salesDetails?.unitPrice).toBe(40);
    expect(after.get('STOOL-LEGACY')).toMatchObject({
      name: 'Review stool',
      salesDetails: expect.objectContaining({ unitPrice: 30 }),
    });
    // Archived by choice only.
    expect(after.get('OLD-STOCK')?.isSold).toBe(false);
    // Untouched: equal pairs and the item left alone.
    for (const code of ['RV-B', 'HAMMOCK-OLD', 'SERVICE-FEE'])
      expect(after.get(code)?.updatedDateUTC).toEqual(before.get(code)?.updatedDateUTC);
    expect(after.get('SERVICE-FEE')?.isSold).toBe(true);
    // Items go in batches of 50: a handful of calls for the whole catalog.
    const posts = await writes(applyAt);
    expect(posts.every((r) => r.method === 'POST' && r.path.endsWith('/Items'))).toBe(true);
    expect(posts.length).toBeLessThanOrEqual(3);
    // What OrderCloud's price overwrote is listed with a choice.
    const conflicts = await consolePage('/console/catalog/conflicts');
    expect(conflicts).toContain('item RV-A');
    expect(conflicts).toContain('Keep Xero’s');
    expect(await consolePage('/console/catalog/review')).toContain('the catalog syncs as products change');
  }, 180_000);
});
