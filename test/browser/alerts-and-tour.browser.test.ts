import { createDemoTour, SIGNATURE_HEADER, verifyAlertSignature } from '@ledgerbridge/xero-app';
import { startSmtpSink } from '@ledgerbridge/xero-app/testing';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SEEDED_TENANT_IDS, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import type { BrowserContext, Page } from 'playwright-core';
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

const haveChromium = chromiumAvailable('alerts-and-tour.browser.test');
const tenantId = SEEDED_TENANT_IDS.au;

describe.skipIf(!haveChromium)('alerts settings and the demo tour in a browser', () => {
  let running: SignedInConsole;
  let xero: XeroSandbox;
  let stack: Stack;
  let context: BrowserContext;
  let page: Page;
  let artifacts: string;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  const hooks: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  let hookServer: ReturnType<typeof createServer>;
  let hookUrl = '';
  const shots = (name: string) => screenshotsAtTwoWidths(page, artifacts, name);

  beforeAll(async () => {
    artifacts = await artifactsFolder('alerts-and-tour/');
    sink = await startSmtpSink();
    hookServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        hooks.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', () => resolve()));
    hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/ledgerbridge`;
    running = await startSignedInConsole({
      stack: (sandbox) => ({
        tenantId,
        worker: { fillWaitMs: 0 },
        catalog: { seed: 31, profile: 'au' },
        env: { SMTP_URL: sink.url, SMTP_FROM: 'Ledgerbridge <alerts@merchant.example>' },
        tour: createDemoTour({
          admin: sandbox.admin,
          tenantId,
          xeroOrgUrl: `${sandbox.url}/orgs/${tenantId}`,
        }),
      }),
      user: { xeroUserId: 'alerts-user', email: 'ops@merchant.example', name: 'Olivia Ops' },
    });
    ({ xero, stack, page } = running);
    context = running.browser.context;
  }, 120_000);

  afterAll(async () => {
    await running?.close();
    await sink?.close();
    await new Promise<void>((resolve) => (hookServer ? hookServer.close(() => resolve()) : resolve()));
  });

  it('walks the tour: locks and unlocks the sandbox period, starts and ends an outage, and is dismissed', async () => {
    const app = stack.server.url;
    await context.clearCookies({ name: 'lb_tour' });
    await page.goto(`${app}/console`);
    expect(await page.locator('#tour').isVisible()).toBe(true);
    expect(await page.textContent('#tour')).toContain('A period locked in Xero');
    await shots('01-tour');

    await page.click('[data-tour-action="lock"]');
    await page.waitForURL(`${app}/console`);
    expect(await page.textContent('.flash.ok')).toContain('locked through');
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const org = async () => (await xero.admin.orgs()).find((o) => o.tenantId === tenantId);
    expect((await org())?.periodLockDate).toBe(tomorrow);
    await page.click('[data-tour-action="unlock"]');
    await page.waitForURL(`${app}/console`);
    expect((await org())?.periodLockDate ?? null).toBeNull();

    await page.click('[data-tour-action="outage"]');
    await page.waitForURL(`${app}/console`);
    expect(await page.textContent('.flash.ok')).toContain('503');
    expect((await xero.admin.faults()).some((f) => f.tenantId === tenantId)).toBe(true);
    await page.click('[data-tour-action="recover"]');
    await page.waitForURL(`${app}/console`);
    expect(await xero.admin.faults()).toEqual([]);

    await page.click('#tour-dismiss');
    await page.waitForURL(`${app}/console`);
    expect(await page.locator('#tour').count()).toBe(0);
    await page.reload();
    expect(await page.locator('#tour').count()).toBe(0);
    await shots('02-tour-dismissed');
    await page.goto(`${app}/console?tour=1`);
    expect(await page.locator('#tour').count()).toBe(1);
  }, 120_000);

  it('saves alert destinations, refuses a private webhook, sends a signed test alert and alerts on orders needing attention', async () => {
    const app = stack.server.url;
    await page.goto(`${app}/console/alerts`);
    expect(await page.textContent('#alert-log')).toContain('No alerts sent yet');

    // A private address (not allowed by the operator) is refused with the reason.
    await page.fill('#alert-webhook', 'http://10.1.2.3/hook');
    await page.fill('#alert-quiet', '45');
    await page.click('#alert-save');
    await page.waitForSelector('.flash.error');
    expect(await page.textContent('.flash.error')).toContain('cannot be used');
    // What was typed comes back with the reason, nothing saved.
    expect(await page.inputValue('#alert-webhook')).toBe('http://10.1.2.3/hook');
    expect(await page.inputValue('#alert-quiet')).toBe('45');
    expect(await page.locator('#alert-secret-card').count()).toBe(0);
    await shots('03-alerts-refused');

    await page.fill('#alert-webhook', hookUrl);
    await page.fill('#alert-email', 'ops@merchant.example, books@merchant.example');
    await page.uncheck('input[name="events"][value="budget-exhausting"]');
    await page.fill('#alert-threshold', '1');
    await page.fill('#alert-quiet', '10');
    await page.click('#alert-save');
    await page.waitForURL(`${app}/console/alerts`);
    expect(await page.textContent('.flash.ok')).toContain('Alert settings saved');
    expect(await page.inputValue('#alert-webhook')).toBe(hookUrl);
    expect(await page.isChecked('input[name="events"][value="budget-exhausting"]')).toBe(false);
    expect(await page.isChecked('input[name="events"][value="dead-letter"]')).toBe(true);

    await page.click('#alert-secret-card summary');
    const secret = (await page.textContent('#alert-secret'))?.trim() ?? '';
    expect(secret).toMatch(/^whsec_/);
    const before = hooks.length;
    await page.click('#alert-test');
    await page.waitForURL(`${app}/console/alerts`);
    expect(await page.textContent('.flash.ok')).toContain('Test alert delivered');
    const test = hooks[before];
    expect(test && JSON.parse(test.body).alerts[0].type).toBe('test');
    expect(
      verifyAlertSignature({
        secret,
        body: test?.body ?? '',
        header: String(test?.headers[SIGNATURE_HEADER.toLowerCase()]),
        now: Math.floor(Date.now() / 1000),
      }),
    ).toBe(true);
    expect(sink.messages.some((m) => m.subject === '[Ledgerbridge] Test alert')).toBe(true);
    expect(await page.textContent('#alert-log')).toContain('Test alert');
    await shots('04-alerts-test-sent');

    // The real thing: orders blocked by a lock date alert through the scheduled check (every minute; on a
    // loaded machine it may take two).
    await xero.admin.updateOrg(tenantId, {
      periodLockDate: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
    });
    try {
      await placeOrders(stack, { seed: 32, count: 4, profile: 'au' });
      const alert = await eventually(
        async () => hooks.map((h) => JSON.parse(h.body)).find((p) => p.alerts[0]?.type === 'attention'),
        'an attention alert',
        240_000,
      );
      expect(alert.alerts[0].url).toBe(`${stack.infra.config.PUBLIC_URL}/console/attention`);
      expect(alert.alerts[0].message).toContain('lock-date');
      await eventually(
        async () => sink.messages.some((m) => /need(s)? attention/.test(m.subject)) || undefined,
        'the attention e-mail',
      );
    } finally {
      await xero.admin.updateOrg(tenantId, { periodLockDate: null });
    }
    await page.reload();
    expect(await page.locator('#alert-log tr[data-kind="attention"]').count()).toBe(1);
    await shots('05-alert-log');
  }, 330_000);
});
