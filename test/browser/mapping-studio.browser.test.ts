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

const haveChromium = chromiumAvailable('mapping-studio.browser.test');
const seed = 23;
const au = SEEDED_TENANT_IDS.au;
const uk = SEEDED_TENANT_IDS.uk;

type OcLine = { Product?: { Name?: string; xp?: { Category?: string } } };

describe.skipIf(!haveChromium)(
  'mapping studio in a browser: edit, preview, save, diff, promote, roll back',
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
      artifacts = await artifactsFolder('mapping-studio/');
      running = await startFreshInstall({ seed });
      ({ xero, orderCloud, infra, page, appUrl } = running);
      // "Use in DEV" asks for confirmation; the merchant says yes.
      page.on('dialog', (dialog) => void dialog.accept());
    }, 120_000);

    afterAll(() => running?.close());

    it('designs a mapping on a real order and moves it dev → qa with a translation, then rolls back', async () => {
      const orgs = await xero.admin.orgs();
      const nameOf = (tenantId: string) => orgs.find((o) => o.tenantId === tenantId)?.name ?? '';

      // Install: sign up with Xero choosing the AU (dev) and UK (qa) organisations.
      await page.goto(appUrl);
      await page.click('#signup');
      await page.waitForURL(/\/login\/identity\/connect\/authorize/);
      for (const box of await page.locator('input[name=tenant]').all()) await box.uncheck();
      await page.check(`input[name=tenant][value="${au}"]`);
      await page.check(`input[name=tenant][value="${uk}"]`);
      await page.click('button[value=allow]');
      await page.waitForURL(`${appUrl}/console/environments`);
      await page.selectOption('#xero-dev', { label: nameOf(au) });
      await page.click('#env-dev button');
      await page.waitForURL(`${appUrl}/console/environments`);
      await page.selectOption('#xero-qa', { label: nameOf(uk) });
      await page.click('#env-qa button');
      await page.waitForURL(`${appUrl}/console/environments`);
      await page.goto(`${appUrl}/console/ordercloud`);
      await page.fill('#oc-name', 'Sandbox marketplace');
      await page.fill('#oc-api-url', orderCloud.url);
      await page.fill('#oc-client-id', sandboxDefaults.integrationClientId);
      await page.fill('#oc-client-secret', sandboxDefaults.integrationClientSecret);
      await page.selectOption('#oc-environment', 'dev');
      await page.click('#connect-ordercloud-submit');
      await page.waitForURL(`${appUrl}/console/ordercloud`);

      // Shoppers order; the worker invoices them with the mapping generated from the AU organisation.
      const random = createRandom(seed);
      const catalog = buildCatalog({ random, regions: profileRegions('au') });
      const call = createHttpCaller({ baseUrl: orderCloud.url });
      // This merchant keeps its tax class where no convention looks (Product.xp.TaxCategory): the
      // designer should find it in the value profiles of the orders.
      for (const product of catalog.products) {
        await call({
          as: { kind: 'admin' },
          method: 'PATCH',
          path: `/v1/products/${product.ID}`,
          body: { xp: { TaxCategory: product.applyTax ? 'GST' : 'GST-FREE' } },
        });
      }
      const open: PlacedOrder[] = [];
      for (const plan of planOrders({ random, catalog, count: 6, profile: 'au' })) {
        const placed = await placeOrder(call, plan);
        if (placed.status === 'Open' && placed.returnIds.length === 0) open.push(placed);
      }
      const db = infra.database.db;
      await eventually(async () => {
        const rows = await db.selectFrom('order_syncs').select('invoice_id').execute();
        return rows.filter((r) => r.invoice_id).length >= open.length;
      }, 'the orders to be invoiced');
      const token = await orderCloud.admin.issueToken({
        clientId: sandboxDefaults.integrationClientId,
        username: sandboxDefaults.integrationUsername,
      });
      const oc = async <T>(path: string): Promise<T> =>
        (await (
          await fetch(`${orderCloud.url}/v1/${path}`, { headers: { authorization: `Bearer ${token}` } })
        ).json()) as T;
      // A shopper who buys as a person (not a company), so the contact's name comes from their names.
      let chosen: PlacedOrder | undefined;
      for (const candidate of open) {
        const placed = await oc<{ FromUser?: { LastName?: string; xp?: { CompanyName?: string } } }>(
          `orders/Incoming/${candidate.orderId}`,
        );
        if (placed.FromUser?.LastName && !placed.FromUser.xp?.CompanyName) {
          chosen = candidate;
          break;
        }
      }
      if (!chosen) throw new Error('the generator placed no open order by a person');
      const order = await oc<{ Total: number }>(`orders/Incoming/${chosen.orderId}`);
      const lines = await oc<{ Items: OcLine[] }>(`orders/Incoming/${chosen.orderId}/lineitems`);
      const category = lines.Items[0]?.Product?.xp?.Category ?? '';
      expect(category).not.toBe('');
      // The "high value" rule: over 1000 when this order is; otherwise a threshold it passes, same rule.
      const threshold = order.Total > 1000 ? 1000 : Math.floor(order.Total / 2);

      // The designer: pick-lists from the AU organisation.
      await page.goto(`${appUrl}/console/mapping/dev`);
      expect(await page.textContent('#studio-status')).toContain('version 1');
      expect(await page.locator('#accounts\\.sales option').count()).toBeGreaterThan(3);
      await shot('01-designer');

      // Edit a tax class and an account (by product category), a bank account per gateway, and two rules.
      await page.fill('#tax-byClass-0-key', 'AU-GST');
      await page.selectOption('#tax-byClass-0-value', 'OUTPUT');
      await page.fill('#accounts-rules-0-category', category);
      await page.selectOption('#accounts-rules-0-account', '260');
      await page.fill('#payments-byGateway-0-key', 'stripe');
      await page.selectOption('#payments-byGateway-0-value', '091');
      await page.selectOption('#transforms-0-target', 'tracking');
      await page.fill('#transforms-0-when', `total > ${threshold}`);
      await page.selectOption('#transforms-0-tracking', { label: 'Sales Channel: Wholesale' });
      await page.selectOption('#transforms-1-target', 'reference');
      await page.fill('#transforms-1-expression', "$join([id, customer.lastName], ' / ')");

      // Source paths: the tax class is suggested from the orders' own fields, with exact counts; "Use".
      const taxSuggestions = page.locator('#sources-taxCode-suggestions li');
      expect(await taxSuggestions.first().textContent()).toMatch(
        /product\.xp\.TaxCategory\s+on \d+ of \d+ lines · \d+ distinct values? · e\.g\. GST/,
      );
      expect(await page.textContent('#sources-category-suggestions')).toContain('product.xp.Category');
      await taxSuggestions.first().locator('button.use-path').click();
      expect(await page.inputValue('#sources-taxCode')).toBe('product.xp.TaxCategory');
      await page.fill('#tax-byClass-1-key', 'GST');
      await page.selectOption('#tax-byClass-1-value', 'OUTPUT');
      await page
        .locator('#section-marketplace')
        .screenshot({ path: join(artifacts, '01b-source-paths.png') });

      // Contacts: "Last, First" as the Xero name, street lines split at their comma.
      await page.selectOption('#contacts\\.nameFormat', 'last-comma-first');
      await page.check('input[name="contacts.splitStreet"]');

      // Preview on the real order: the changed line stands out; nothing is sent to Xero.
      await page.selectOption('#preview-order', chosen.orderId);
      await page.click('#preview-button');
      await page.waitForSelector('#preview');
      expect(await page.textContent('#preview-order')).toBe(chosen.orderId);
      const changed = page.locator('#preview .doc').first().locator('tr.changed');
      expect(await changed.count()).toBeGreaterThan(0);
      expect(await changed.first().locator('.account').textContent()).toBe('260');
      expect(await page.locator('#preview .doc').first().locator('.invoice-reference').textContent()).toMatch(
        new RegExp(`^${chosen.orderId}( / .+)?$`),
      );
      expect(await page.textContent('#section-rules')).toContain('Sales Channel: Wholesale on every line');
      const draftDoc = page.locator('#preview .doc').first();
      const [first = '', lastName = ''] = (
        (await draftDoc.locator('.contact-first-last').textContent()) ?? ''
      ).split(' · ');
      expect(lastName).not.toBe('');
      expect(await draftDoc.locator('.contact-name').textContent()).toBe(`${lastName}, ${first} changed`);
      await page.locator('#preview').screenshot({ path: join(artifacts, '02b-preview-contact.png') });
      const previewed = (await xero.admin.documents(au)).invoices.filter(
        (i) => i.Reference === chosen.orderId,
      );
      expect(previewed).toHaveLength(1); // the invoice posted before; the preview sent nothing
      await shot('02-preview-changed-line');

      // Save: version 2, pinned to dev.
      await page.fill('#note', 'Category to Other Revenue; GST class; Stripe to savings');
      await page.click('#save-button');
      await page.waitForURL(`${appUrl}/console/mapping/dev`);
      expect(await page.textContent('.flash.ok')).toContain('Saved version 2');
      await shot('03-saved');

      // The next order is posted with the rules applied.
      const before = new Set(
        (await db.selectFrom('order_syncs').select('order_id').execute()).map((r) => r.order_id),
      );
      const more: PlacedOrder[] = [];
      for (const plan of planOrders({ random, catalog, count: 6, profile: 'au' })) {
        const placed = await placeOrder(call, plan);
        if (placed.status === 'Open' && placed.returnIds.length === 0 && !before.has(placed.orderId))
          more.push(placed);
      }
      const next = more[0];
      if (!next) throw new Error('no new open order');
      const posted = await eventually(async () => {
        const docs = await xero.admin.documents(au);
        return docs.invoices.find((i) => String(i.Reference).startsWith(next.orderId));
      }, 'the next invoice');
      const nextOrder = await oc<{ Total: number }>(`orders/Incoming/${next.orderId}`);
      expect(String(posted.Reference)).toMatch(new RegExp(`^${next.orderId}( / .+)?$`));
      const trackedLines = (
        posted.LineItems as Array<{ Tracking?: Array<{ Name: string; Option: string }> }>
      ).filter((l) => l.Tracking?.some((t) => t.Name === 'Sales Channel' && t.Option === 'Wholesale'));
      expect(trackedLines.length > 0).toBe(nextOrder.Total > threshold);

      // Diff: version 1 → 2 names the tax class and the account rule.
      await page.goto(`${appUrl}/console/mapping/dev/versions`);
      await page.selectOption('#diff-a', '1');
      await page.selectOption('#diff-b', '2');
      await page.click('#diff-button');
      const diff = await page.textContent('#diff');
      expect(diff).toContain('Tax › by class › AU-GST');
      expect(diff).toContain('Accounts › rules › #1 › account');
      expect(diff).toContain('Source paths › tax code');
      expect(diff).toContain('Contacts › name format');
      await shot('04-diff');

      // Promote to QA (the UK organisation): refused, it lacks bank account 091 and tax rate OUTPUT.
      await page.click('#promote-button');
      await page.waitForSelector('#promotion');
      const missing = await page
        .locator('#missing tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-missing')));
      expect(missing).toEqual(expect.arrayContaining(['bank:091', 'tax:OUTPUT']));
      expect(await page.locator('select[name="t:bank:091"]').inputValue()).toBe('090');
      await shot('05-promotion-refused');

      // Accepted after translation (the suggestions by name, as pre-selected).
      await page.click('#translate-button');
      await page.waitForURL(`${appUrl}/console/mapping/qa/versions`);
      expect(await page.textContent('.flash.ok')).toMatch(
        /Promoted: QA uses version 3 \(translated \d+ names\)/,
      );
      expect(await page.textContent('#versions tr[data-version="3"]')).toContain('qa');
      await shot('06-promoted-to-qa');

      // Roll dev back to version 1.
      await page.goto(`${appUrl}/console/mapping/dev/versions`);
      await page.locator('#versions tr[data-version="1"] button').click();
      await page.waitForURL(`${appUrl}/console/mapping/dev/versions`);
      expect(await page.textContent('.flash.ok')).toContain('DEV uses version 1 again');
      expect(await page.textContent('#audit')).toContain('rolled dev back to version 1');
      await shot('07-rolled-back');

      // Routing in the designer (QA): a rule with a country spelled out is refused with the rule named;
      // fixed, it is saved as a version of its own with the rules recorded.
      await page.goto(`${appUrl}/console/mapping/qa`);
      await page.fill('#routing-0-name', 'Oceania');
      await page.selectOption('#routing-0-kind', 'billing-country');
      await page.fill('#routing-0-value', 'Australia');
      await page.selectOption('#routing-0-organisation', { label: nameOf(au) });
      await page.fill('#note', 'Oceania to the AU organisation');
      await page.click('#save-button');
      await page.waitForSelector('#form-errors');
      expect(await page.textContent('#form-errors')).toContain(
        'Routing › rule 1 (Oceania): Billing countries are two-letter codes such as AU, NZ, GB, US.',
      );
      // Shown again as typed.
      expect(await page.inputValue('#routing-0-value')).toBe('Australia');
      await page
        .locator('#section-marketplace')
        .screenshot({ path: join(artifacts, '07b-routing-refused.png') });
      await page.fill('#routing-0-value', 'AU, NZ');
      await page.click('#save-button');
      await page.waitForURL(`${appUrl}/console/mapping/qa`);
      expect(await page.textContent('.flash.ok')).toContain('Saved version 4');
      expect(await page.inputValue('#routing-0-value')).toBe('AU, NZ');
      await page.goto(`${appUrl}/console/mapping/qa/versions?a=3&b=4`);
      expect(await page.textContent('#diff')).toContain('Routing › #1 › value');
      await shot('07c-routing-diff');

      // The same pages at 390 px.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${appUrl}/console/mapping/dev`);
      await shot('08-designer-390');
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      await page.selectOption('#preview-order', chosen.orderId);
      await page.selectOption('#contacts\\.nameFormat', 'last-first');
      await page.fill('#tax-byClass-0-key', 'AU-GST');
      await page.selectOption('#tax-byClass-0-value', 'OUTPUT');
      await page.click('#preview-button');
      await page.waitForSelector('#preview');
      await shot('09-preview-390');
      await page.locator('#preview').screenshot({ path: join(artifacts, '09b-preview-contact-390.png') });
      await page
        .locator('#section-marketplace')
        .screenshot({ path: join(artifacts, '09c-source-paths-390.png') });
      await page.locator('#section-items').screenshot({ path: join(artifacts, '09d-contacts-390.png') });
      await page.goto(`${appUrl}/console/mapping/dev/versions?a=1&b=2`);
      await shot('10-versions-diff-390');
      // Rolling QA (the UK org) onto dev's untranslated version 2 is refused the same way.
      await page.goto(`${appUrl}/console/mapping/qa/versions`);
      await page.locator('#versions tr[data-version="2"] button').click();
      await page.waitForSelector('#promotion');
      expect(await page.textContent('#promotion')).toContain('091');
      await shot('11-rollback-refused-390');
      await page.goto(`${appUrl}/console/mapping/dev/suggestions`);
      expect(await page.locator('#suggestions .suggestion, #no-suggestions').count()).toBeGreaterThan(0);
      await shot('12-suggestions-390');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    }, 480_000);
  },
);
