import type { Infrastructure } from '@ledgerbridge/xero-app';
import { join } from 'node:path';
import {
  buildCatalog,
  createHttpCaller,
  createRandom,
  type PlacedOrder,
  placeOrder,
  planOrders,
  profileRegions,
  type RunningOrderCloudSandbox,
  sandboxDefaults,
} from '@ledgerbridge/ordercloud-sandbox';
import { SEEDED_TENANT_IDS, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FreshInstall, startFreshInstall } from '../support/fresh-install.ts';
import { artifactsFolder, chromiumAvailable, eventually } from '../support/browser.ts';

const haveChromium = chromiumAvailable('install.browser.test');
const seed = 11;
const tenantId = SEEDED_TENANT_IDS.au;

describe.skipIf(!haveChromium)(
  'install in a browser: sign up with Xero → organisation → OrderCloud → order → invoice',
  () => {
    let running: FreshInstall;
    let xero: XeroSandbox;
    let orderCloud: RunningOrderCloudSandbox;
    let infra: Infrastructure;
    let page: Page;
    let artifacts: string;
    let appUrl: string;
    const shot = (name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

    beforeAll(async () => {
      artifacts = await artifactsFolder('');
      running = await startFreshInstall({ seed });
      ({ xero, orderCloud, infra, page, appUrl } = running);
    }, 120_000);

    afterAll(() => running?.close());

    it('installs the app and shows the invoice of an order placed in OrderCloud, then its payment', async () => {
      await page.goto(appUrl);
      expect(await page.locator('#signup').count()).toBe(1);
      await shot('01-landing');

      // Sign up with Xero: the sandbox's login.xero.com, pick the AU organisation, allow.
      await page.click('#signup');
      await page.waitForURL(/\/login\/identity\/connect\/authorize/);
      for (const box of await page.locator('input[name=tenant]').all()) await box.uncheck();
      await page.check(`input[name=tenant][value="${tenantId}"]`);
      await shot('02-xero-consent');
      await page.click('button[value=allow]');

      // Back in the console: the organisation is connected; bind it to prod.
      await page.waitForURL(`${appUrl}/console/environments`);
      expect(await page.textContent('.flash.ok')).toContain('Connected');
      await page.selectOption('#xero-prod', { index: 1 });
      await page.click('#env-prod button');
      await page.waitForURL(`${appUrl}/console/environments`);
      await shot('03-environment-bound');

      // Connect the OrderCloud marketplace to prod: credentials verified, webhook registered.
      await page.goto(`${appUrl}/console/ordercloud`);
      await page.fill('#oc-name', 'Sandbox marketplace');
      await page.fill('#oc-api-url', orderCloud.url);
      await page.fill('#oc-client-id', sandboxDefaults.integrationClientId);
      await page.fill('#oc-client-secret', sandboxDefaults.integrationClientSecret);
      await page.selectOption('#oc-environment', 'prod');
      await page.click('#connect-ordercloud-submit');
      await page.waitForURL(`${appUrl}/console/ordercloud`);
      expect(await page.textContent('.flash')).toContain('webhook registered');
      await shot('04-ordercloud-connected');

      // Shoppers place orders on the storefront (some pay by card at checkout, some on account).
      const random = createRandom(seed);
      const catalog = buildCatalog({ random, regions: profileRegions('au') });
      const call = createHttpCaller({ baseUrl: orderCloud.url });
      const open: PlacedOrder[] = [];
      for (const plan of planOrders({ random, catalog, count: 8, profile: 'au' })) {
        const placed = await placeOrder(call, plan);
        if (placed.status === 'Open' && placed.returnIds.length === 0) open.push(placed);
      }
      const order = open[0];
      if (!order) throw new Error('the generator placed no open order');
      const orderId = order.orderId;

      // The console shows its invoice once the worker has posted it to Xero.
      const invoiceNumber = await eventually(async () => {
        await page.goto(`${appUrl}/console/orders?q=${encodeURIComponent(orderId)}`);
        const text = (
          await page
            .locator(`tr[data-order="${orderId}"] .invoice-number`)
            .textContent()
            .catch(() => null)
        )?.trim();
        return text && text !== '—' ? text : undefined;
      }, `the invoice of ${orderId} in the console`);
      await shot('05-orders-with-invoice');
      const xeroDocs = await xero.admin.documents(tenantId);
      const invoice = xeroDocs.invoices.find((i) => i.Reference === orderId);
      expect(invoice?.InvoiceNumber).toBe(invoiceNumber);
      await page.click(`tr[data-order="${orderId}"] a`);
      await page.waitForSelector('#order-summary .invoice-number');
      expect(await page.textContent('#order-summary .invoice-number')).toBe(invoiceNumber);
      await shot('06-order-timeline');

      // Xero's intent-to-receive against our webhook.
      const intent = await xero.admin.intentToReceive();
      expect(intent).toMatchObject({
        ok: true,
        goodStatus: 200,
        badStatus: 401,
        goodBodyEmpty: true,
        badBodyEmpty: true,
      });

      // The bookkeeper records, in Xero, the payment of an order bought on account.
      const db = infra.database.db;
      const unpaid = await eventually(async () => {
        const synced = await db
          .selectFrom('order_syncs')
          .select(['order_id', 'invoice_id', 'status'])
          .execute();
        if (synced.filter((r) => r.invoice_id).length < open.length) return undefined;
        const docs = await xero.admin.documents(tenantId);
        return docs.invoices.find(
          (i) => open.some((o) => o.orderId === i.Reference) && Number(i.AmountDue) > 0,
        );
      }, 'every open order to be invoiced');
      const payOrderId = String(unpaid.Reference);
      const syncRow = await db
        .selectFrom('order_syncs')
        .select('id')
        .where('order_id', '=', payOrderId)
        .executeTakeFirstOrThrow();
      await page.goto(`${appUrl}/console/orders/${syncRow.id}`);
      await xero.admin.payInvoice(tenantId, String(unpaid.InvoiceID));
      await xero.admin.flushWebhooks();
      await eventually(async () => {
        await page.reload();
        return (await page.textContent('#order-summary'))?.includes('paid') || undefined;
      }, 'the payment made in Xero to reach the console');
      await shot('07-paid-in-xero');
      const token = await orderCloud.admin.issueToken({
        clientId: sandboxDefaults.integrationClientId,
        username: sandboxDefaults.integrationUsername,
      });
      const ocOrder = (await (
        await fetch(`${orderCloud.url}/v1/orders/Incoming/${payOrderId}`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as {
        Status: string;
        xp: { Ledgerbridge?: { InvoiceStatus?: string; InvoiceNumber?: string; AmountPaid?: string } };
      };
      expect(ocOrder.xp.Ledgerbridge).toMatchObject({
        InvoiceStatus: 'paid',
        InvoiceNumber: unpaid.InvoiceNumber,
        AmountPaid: expect.any(String),
      });

      // Later the merchant adds another organisation from the console (a form post handed over to Xero).
      await page.goto(`${appUrl}/console/organisations`);
      await page.click('#connect-xero');
      await page.waitForURL(/\/login\/identity\/connect\/authorize/);
      for (const box of await page.locator('input[name=tenant]').all()) await box.uncheck();
      await page.check(`input[name=tenant][value="${SEEDED_TENANT_IDS.nz}"]`);
      await page.click('button[value=allow]');
      await page.waitForURL(`${appUrl}/console/environments`);
      await page.goto(`${appUrl}/console/organisations`);
      expect(await page.locator('#xero-connections tbody tr').count()).toBe(2);
      await shot('08-second-organisation');
    }, 360_000);
  },
);
