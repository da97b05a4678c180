import { fixtureReference, pinDefaultMapping } from '@ledgerbridge/xero-app/testing';
import { SEEDED_TENANT_IDS, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { Configuration, PriceSchedules } from 'ordercloud-javascript-sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  artifactsFolder,
  chromiumAvailable,
  eventually,
  type SignedInConsole,
  screenshotsAtTwoWidths,
  startSignedInConsole,
} from '../support/browser.ts';
import { createPricedProducts, xeroApiFor } from '../support/priced-products.ts';
import type { Stack } from '../support/stack.ts';

const haveChromium = chromiumAvailable('catalog-review.browser.test');
const tenantId = SEEDED_TENANT_IDS.au;

// The merchant's first connect of a catalog in the browser: read both catalogs, change a pairing, tick an
// item to archive, Apply; then on the conflicts page keep Xero's price, always.
describe.skipIf(!haveChromium)('catalog review in a browser', () => {
  let running: SignedInConsole;
  let xero: XeroSandbox;
  let stack: Stack;
  let page: Page;
  let oc: { accessToken: string };
  let artifacts = '';
  const shots = (name: string) => screenshotsAtTwoWidths(page, artifacts, name);
  const unsent = async () =>
    (
      await stack.infra.database.db
        .selectFrom('xero_operations')
        .select('id')
        .where('kind', 'in', ['item-upsert', 'item-archive'])
        .where('status', '!=', 'done')
        .execute()
    ).length;

  beforeAll(async () => {
    artifacts = await artifactsFolder('catalog-review');
    running = await startSignedInConsole({
      stack: () => ({
        tenantId,
        catalog: { seed: 16, profile: 'au' },
        worker: { catalogFillWaitMs: 300, itemPollCron: '0 0 1 1 *' },
        beforeConnect: async (orderCloud) => {
          oc = await createPricedProducts(orderCloud.url, [
            { id: 'lantern', sku: 'LANTERN-1', name: 'Storm lantern', price: 40 },
            { id: 'stool', sku: 'STOOL-2', name: 'Oak stool', price: 30 },
          ]);
        },
      }),
      user: { xeroUserId: 'review-user', email: 'review@merchant.example', name: 'Rhea Review' },
    });
    ({ xero, stack, page } = running);
    await pinDefaultMapping(stack.infra.database.db, {
      connectionId: stack.connectionId,
      reference: fixtureReference('au'),
    });
    const xeroApi = await xeroApiFor(xero, tenantId);
    await xeroApi.accountingApi.createItems(tenantId, {
      items: [
        { code: 'LANTERN-1', name: 'Storm lantern', salesDetails: { unitPrice: 35, accountCode: '200' } },
        { code: 'STOOL-OLD', name: 'Bar stool', salesDetails: { unitPrice: 28, accountCode: '200' } },
        { code: 'OLD-LAMP', name: 'Discontinued lamp', salesDetails: { unitPrice: 12, accountCode: '200' } },
      ],
    });
    Configuration.Set({ baseApiUrl: stack.orderCloud.url });
  }, 120_000);
  afterAll(() => running?.close());

  it('reviews the match, changes a pairing, applies, then keeps Xero’s price on a conflict', async () => {
    const app = stack.server.url;
    await page.goto(`${app}/console/catalog/review`);
    expect(await page.locator('nav a.active').textContent()).toBe('Catalog');
    await page.click('text=Read both catalogs');
    await page.waitForSelector('form.review-apply');
    const stoolSelect = page.locator('select[name="pair:stool"]');
    expect(await stoolSelect.inputValue()).toBe('');
    expect(await page.locator('select[name="pair:lantern"]').inputValue()).toBe('LANTERN-1');
    expect(await page.locator('tr[data-product="lantern"]').textContent()).toContain('Matched by code');
    await shots('review');

    await stoolSelect.selectOption('STOOL-OLD');
    await page.check('input[name="archive"][value="OLD-LAMP"]');
    expect(await unsent()).toBe(0);
    await page.click('form.review-apply button:text("Apply")');
    await page.waitForSelector('.flash');
    expect(await page.locator('.flash').textContent()).toContain('Applied:');
    await shots('applied');
    await eventually(async () => (await unsent()) === 0, 'the review’s items to reach Xero', 60_000);
    expect((await xero.admin.editItem(tenantId, 'STOOL-OLD', {})) as { Name?: string }).toMatchObject({
      Name: 'Oak stool',
    });
    expect((await xero.admin.editItem(tenantId, 'OLD-LAMP', {})) as { IsSold?: boolean }).toMatchObject({
      IsSold: false,
    });

    await page.goto(`${app}/console/catalog/conflicts`);
    const row = page.locator('#catalog-conflicts tbody tr', { hasText: 'item LANTERN-1' });
    expect(await row.textContent()).toContain('Sales price');
    await row.locator('input[name="always"]').check();
    await row.locator('button:text("Keep Xero’s")').click();
    await page.waitForSelector('.flash');
    expect(await page.locator('.flash').textContent()).toContain(
      'Xero’s side decides this field from now on',
    );
    expect(
      await page.locator('#catalog-conflicts tbody tr', { hasText: 'item LANTERN-1' }).first().textContent(),
    ).toContain('Chose Xero’s');
    // The organisation's table now gives sales prices to Xero: every price row says so.
    expect(
      await page.locator('#catalog-conflicts tbody tr', { hasText: 'item STOOL-OLD' }).allTextContents(),
    ).toContainEqual(expect.stringContaining('Sales price · Xero decides'));
    // Xero's price now on both sides: in OrderCloud's price schedule, and sent back to Xero.
    expect((await PriceSchedules.Get('lantern-ps', oc)).PriceBreaks?.[0]?.Price).toBe(35);
    await eventually(async () => (await unsent()) === 0, 'the lantern to be sent again', 60_000);
    const lantern = (await xero.admin.editItem(tenantId, 'LANTERN-1', {})) as {
      SalesDetails?: { UnitPrice?: number };
    };
    expect(lantern.SalesDetails?.UnitPrice).toBe(35);
    await shots('conflict-chosen');
  }, 180_000);
});
