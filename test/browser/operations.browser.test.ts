import { SEEDED_TENANT_IDS, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
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
import { placeOrders, type Stack } from '../support/stack.ts';

const haveChromium = chromiumAvailable('operations.browser.test');
const tenantId = SEEDED_TENANT_IDS.au;

describe.skipIf(!haveChromium)('operations in a browser: fix and retry, and a Xero outage', () => {
  let running: SignedInConsole;
  let xero: XeroSandbox;
  let stack: Stack;
  let page: Page;
  let artifacts: string;
  /** A full-page screenshot at desktop width and again at 390 px, as a merchant on a phone sees it. */
  const shots = (name: string) => screenshotsAtTwoWidths(page, artifacts, name);

  beforeAll(async () => {
    artifacts = await artifactsFolder('operations/');
    running = await startSignedInConsole({
      stack: () => ({ tenantId, worker: { fillWaitMs: 0 }, catalog: { seed: 21, profile: 'au' } }),
      user: { xeroUserId: 'ops-user', email: 'ops@merchant.example', name: 'Olivia Ops' },
    });
    ({ xero, stack, page } = running);
  }, 120_000);

  afterAll(() => running?.close());

  it('shows a lock-date failure with its hint, retries all after the lock is lifted, then rides out an outage', async () => {
    const db = stack.infra.database.db;
    const app = stack.server.url;
    const syncs = () =>
      db.selectFrom('order_syncs').select(['id', 'order_id', 'status', 'reason', 'invoice_number']).execute();

    // The bookkeeper locked the period through tomorrow: today's orders cannot be posted.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await xero.admin.updateOrg(tenantId, { periodLockDate: tomorrow });
    const placed = await placeOrders(stack, { seed: 21, count: 6, profile: 'au' });
    const blocked = await eventually(async () => {
      const rows = await db
        .selectFrom('order_syncs')
        .select(['id', 'order_id', 'status', 'reason', 'invoice_number', 'updated_at'])
        .execute();
      // Every placed order has arrived and settled: blocked, canceled, or waiting for approval a while.
      const settled = rows.every(
        (r) =>
          r.status === 'needs-attention' ||
          r.status === 'canceled' ||
          (r.status === 'received' && Date.now() - new Date(r.updated_at).getTime() > 10_000),
      );
      const locked = rows.filter((r) => r.status === 'needs-attention' && r.reason === 'lock-date');
      return rows.length === placed.length && settled && locked.length >= 3 ? locked : undefined;
    }, 'orders blocked by the lock date');

    await page.goto(`${app}/console`);
    const reason = page.locator('#attention li[data-reason="lock-date"]');
    expect(await reason.textContent()).toContain(`${blocked.length} · Period locked in Xero`);
    expect(await reason.textContent()).toContain('Unlock the period in Xero › Settings › Advanced');
    expect(await page.locator('[data-tile="attention"] .figure').textContent()).toBe(String(blocked.length));
    await shots('01-overview-lock-date');

    await page.click('[data-tile="attention"]');
    await page.waitForURL(`${app}/console/attention`);
    expect(await page.locator('#attention tbody tr[data-reason="lock-date"]').count()).toBe(blocked.length);
    expect(await page.locator('#attention tbody tr a.fix').first().getAttribute('href')).toMatch(
      /^https:\/\//,
    );
    await shots('02-needs-attention');

    // Lifted in Xero; the merchant retries every order with that reason from the overview.
    await xero.admin.updateOrg(tenantId, { periodLockDate: null });
    await page.goto(`${app}/console`);
    await page.click('#attention li[data-reason="lock-date"] button');
    await page.waitForURL(/\/console\/attention/);
    expect(await page.textContent('.flash.ok')).toContain(`Retrying ${blocked.length} orders`);
    await eventually(async () => {
      const rows = await syncs();
      return blocked.every((b) => rows.find((r) => r.id === b.id)?.invoice_number) || undefined;
    }, 'the retried orders to be invoiced');
    const docs = await xero.admin.documents(tenantId);
    for (const b of blocked) expect(docs.invoices.filter((i) => i.Reference === b.order_id)).toHaveLength(1);
    await page.goto(`${app}/console`);
    expect(await page.locator('#attention').count()).toBe(0);
    expect(await page.locator('[data-tile="attention"] .figure').textContent()).toBe('0');
    const order = await page.goto(`${app}/console/orders/${blocked[0]?.id}`);
    expect(order?.status()).toBe(200);
    expect(await page.textContent('ol.timeline')).toContain('Retried by ops@merchant.example');
    await shots('03-retried-order');

    // Xero goes down: orders keep coming, the overview says Xero is failing, nothing is lost.
    await xero.admin.injectFault({ kind: 'status', status: 503, tenantId });
    const before = (await syncs()).length;
    await placeOrders(stack, { seed: 22, count: 5, profile: 'au' });
    await eventually(async () => {
      await page.goto(`${app}/console`);
      return (await page.locator('[data-banner="xero-failing"]').count()) > 0 || undefined;
    }, 'the Xero-failing banner');
    expect(await page.textContent('[data-banner="xero-failing"]')).toContain('Xero is failing');
    const pendingDuringOutage = (await syncs()).filter((r) => r.status === 'queued').length;
    expect(pendingDuringOutage).toBeGreaterThan(0);
    await shots('04-xero-outage');

    await xero.admin.clearFaults();
    await eventually(
      async () => {
        const rows = await syncs();
        return (
          (rows.length > before && rows.every((r) => r.status !== 'queued' && r.status !== 'received')) ||
          undefined
        );
      },
      'the backlog to drain after the outage',
      180_000,
    );
    const failing = await eventually(
      async () => {
        await page.goto(`${app}/console`);
        return (await page.locator('[data-banner="xero-failing"]').count()) === 0 || undefined;
      },
      'the banner to go',
      120_000,
    );
    expect(failing).toBe(true);
    const after = await xero.admin.documents(tenantId);
    const references = after.invoices.map((i) => i.Reference);
    expect(new Set(references).size).toBe(references.length);
    await shots('05-after-outage');

    // The other operations pages, as a merchant finds them: search by customer, dead letters with their
    // retry window, reconciliation and the history import.
    const customer = await db
      .selectFrom('order_syncs')
      .select('customer_name')
      .where('customer_name', 'is not', null)
      .executeTakeFirstOrThrow();
    await page.goto(
      `${app}/console/orders?q=${encodeURIComponent(customer.customer_name ?? '')}&status=synced`,
    );
    expect(await page.locator('#orders tbody tr[data-order]').count()).toBeGreaterThan(0);
    await shots('06-orders-search');
    await page.goto(`${app}/console/dead-letters`);
    expect(await page.textContent('#retry-window')).toContain('about 21 minutes');
    await shots('07-dead-letters');
    await page.goto(`${app}/console/reconciliation`);
    await page.click('#rc-run');
    await page.waitForURL(/\/console\/reconciliation\/[0-9a-f-]{36}/);
    await eventually(async () => {
      await page.reload();
      return (await page.locator('#findings').textContent())?.includes('Running') === false || undefined;
    }, 'the reconciliation report');
    await shots('08-reconciliation-report');
    await page.goto(`${app}/console/backfill`);
    await shots('09-import-history');
  }, 480_000);
});
