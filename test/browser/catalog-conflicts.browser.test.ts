import { queueNames } from '@ledgerbridge/xero-app';
import { fixtureReference, pinDefaultMapping } from '@ledgerbridge/xero-app/testing';
import { sandboxDefaults } from '@ledgerbridge/ordercloud-sandbox';
import { SEEDED_TENANT_IDS, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { Auth, Configuration, PriceSchedules, Products } from 'ordercloud-javascript-sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  artifactsFolder,
  chromiumAvailable,
  type SignedInConsole,
  screenshotsAtTwoWidths,
  startSignedInConsole,
} from '../support/browser.ts';
import { describeProgress, type Stack, waitUntil } from '../support/stack.ts';

const haveChromium = chromiumAvailable('catalog-conflicts.browser.test');
const tenantId = SEEDED_TENANT_IDS.au;

// A product synced to Xero, its price and name changed there by the bookkeeper: the poll puts
// OrderCloud's price back and takes the name, and the console lists the price it overwrote.
describe.skipIf(!haveChromium)('catalog conflicts in a browser', () => {
  let running: SignedInConsole;
  let xero: XeroSandbox;
  let stack: Stack;
  let page: Page;
  let artifacts: string;
  let oc: { accessToken: string };
  const shots = (name: string) => screenshotsAtTwoWidths(page, artifacts, name);
  const pollItems = async () => {
    const polledAt = async () => {
      const row = await stack.infra.database.db
        .selectFrom('item_poll_watermarks')
        .select('polled_at')
        .where('connection_id', '=', stack.connectionId)
        .executeTakeFirst();
      return row ? new Date(row.polled_at).getTime() : 0;
    };
    const before = await polledAt();
    await stack.infra.queue.enqueue({
      queue: queueNames.itemPoll,
      data: { connectionId: stack.connectionId },
    });
    stack.infra.queue.wake(queueNames.itemPoll);
    await waitUntil(async () => (await polledAt()) !== before, { timeoutMs: 30_000, what: 'the items poll' });
  };

  beforeAll(async () => {
    artifacts = await artifactsFolder('catalog-conflicts/');
    running = await startSignedInConsole({
      stack: () => ({ tenantId, worker: { catalogFillWaitMs: 300, itemPollCron: '0 0 1 1 *' } }),
      user: { xeroUserId: 'catalog-user', email: 'catalog@merchant.example', name: 'Cara Catalog' },
    });
    ({ xero, stack, page } = running);
    await pinDefaultMapping(stack.infra.database.db, {
      connectionId: stack.connectionId,
      reference: fixtureReference('au'),
    });
    Configuration.Set({ baseApiUrl: stack.orderCloud.url });
    const token = await Auth.ClientCredentials(
      sandboxDefaults.integrationClientSecret,
      sandboxDefaults.integrationClientId,
    );
    oc = { accessToken: token.access_token ?? '' };
  }, 120_000);

  afterAll(() => running?.close());

  it('lists the Xero price the catalog sync overwrote, with what it kept', async () => {
    const app = stack.server.url;
    await page.goto(`${app}/console/catalog/conflicts`);
    expect(await page.locator('#catalog-conflicts').textContent()).toContain('No conflicts');
    await shots('empty');

    await PriceSchedules.Create(
      { ID: 'lamp-ps', Name: 'Lamp', Currency: 'AUD', PriceBreaks: [{ Quantity: 1, Price: 20 }] },
      oc,
    );
    await Products.Create(
      { ID: 'lamp', Name: 'Desk lamp', DefaultPriceScheduleID: 'lamp-ps', xp: { SKU: 'LAMP-1' } },
      oc,
    );
    const agreed = () =>
      stack.infra.database.db
        .selectFrom('catalog_item_states')
        .select('item_code')
        .where('item_code', '=', 'LAMP-1')
        .executeTakeFirst();
    const itemSent = async () =>
      (
        await stack.infra.database.db
          .selectFrom('xero_operations')
          .select('status')
          .where('kind', '=', 'item-upsert')
          .where('op_key', 'like', '%:item-upsert:LAMP-1')
          .executeTakeFirst()
      )?.status === 'done';
    await waitUntil(
      async () => {
        if (!(await itemSent())) return false;
        await pollItems();
        return agreed();
      },
      {
        timeoutMs: 60_000,
        what: 'the lamp to be an item both sides agree on',
        explain: () => describeProgress(stack),
      },
    );
    await xero.admin.editItem(tenantId, 'LAMP-1', {
      Name: 'Brass desk lamp',
      SalesDetails: { UnitPrice: 15 },
    });
    await pollItems();

    await page.goto(`${app}/console/catalog/conflicts`);
    const rows = page.locator('#catalog-conflicts tbody tr');
    // The name was edited in Xero only: taken into OrderCloud, not a conflict.
    expect(await rows.count()).toBe(1);
    const text = (await rows.first().textContent()) ?? '';
    expect(text).toContain('lamp');
    expect(text).toContain('item LAMP-1');
    expect(text).toContain('Sales price');
    expect(text).toContain('OrderCloud’s');
    expect(await rows.first().locator('.kept').textContent()).toBe('20');
    expect(await rows.first().locator('.overwritten').textContent()).toBe('15');
    expect((await Products.Get('lamp', oc)).Name).toBe('Brass desk lamp');
    expect(await page.locator('nav a.active').textContent()).toBe('Catalog');
    await shots('conflicts');
  }, 180_000);

  it('suggests merging contacts that look like one customer, keeping the one Ledgerbridge syncs', async () => {
    // The contact index as a refresh leaves it (the page reads only the index: no Xero call).
    const row = (id: string, name: string, email: string | null, contactNumber: string | null = null) => ({
      tenant_id: tenantId,
      contact_id: id,
      contact_number: contactNumber,
      email_key: email,
      name,
      name_key: name.toLowerCase(),
      archived: false,
      updated_at: new Date(),
    });
    await stack.infra.database.db
      .insertInto('xero_contact_index')
      .values([
        row('00000000-0000-4000-8000-0000000000d1', 'Olivia Hart', 'olivia@example.com', 'retail/olivia'),
        row('00000000-0000-4000-8000-0000000000d2', 'O. Hart', 'olivia@example.com'),
        row('00000000-0000-4000-8000-0000000000d3', 'Harbour Traders Pty Ltd', 'ap@harbour.example'),
        row('00000000-0000-4000-8000-0000000000d4', 'HARBOUR TRADERS', null),
        row('00000000-0000-4000-8000-0000000000d5', 'Someone Else', 'else@example.com'),
      ])
      .execute();
    await page.goto(`${stack.server.url}/console/catalog/conflicts`);
    await page.click('text=Duplicate contacts');
    expect(new URL(page.url()).pathname).toBe('/console/catalog/duplicates');
    const rows = page.locator(`section[data-tenant="${tenantId}"] .duplicate-groups tbody tr`);
    expect(await rows.count()).toBe(4);
    const texts = await rows.allTextContents();
    const firsts = (await rows.locator('td:first-child').allTextContents()).map((t) => t.trim());
    const line = (name: string) => texts[firsts.indexOf(name)] ?? '';
    expect(line('Olivia Hart')).toContain('Keep (synced by Ledgerbridge)');
    expect(line('O. Hart')).toContain('Merge into Olivia Hart');
    expect(line('O. Hart')).toContain('same email');
    expect(line('HARBOUR TRADERS')).toContain('similar name');
    expect(line('HARBOUR TRADERS')).toContain('Merge into Harbour Traders Pty Ltd');
    expect(texts.join(' ')).not.toContain('Someone Else');
    await shots('duplicates');
  }, 60_000);
});
