import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedWorkspace } from '../connections/testing/seed-workspace.ts';
import { createKeyring } from '../crypto/keyring.ts';
import type { Banner } from '../dashboard/banners.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createOutboundPolicy } from '../outbound/outbound-policy.ts';
import { createSafeFetch } from '../outbound/safe-fetch.ts';
import { startSmtpSink } from '../testing/smtp-sink.ts';
import { createTestDatabase, type TestDatabase, testBackends } from '../testing/test-databases.ts';
import type { alertKinds } from './alert-kinds.ts';
import { defaultAlertSettings } from './alert-settings.ts';
import { SIGNATURE_HEADER, verifyAlertSignature } from './alert-signature.ts';
import { createAlertsStore } from './alerts-repo.ts';
import { createDestinationsFor } from './destinations/destinations-for.ts';
import { createSmtpSender } from './destinations/email-destination.ts';
import { ALERT_RETRY_DELAYS_MS, type AlertRetryJob } from './alert-retry.ts';
import { type AlertPorts, checkWorkspaceAlerts, sendTestAlert } from './evaluate-alerts.ts';
import { redeliverAlert } from './redeliver-alert.ts';

type Received = { headers: IncomingHttpHeaders; body: string };

/** A webhook receiver answering `status` (or what it says for the nth delivery, from 1). */
async function startReceiver(status: number | ((nth: number) => number) = 200) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(typeof status === 'number' ? status : status(received.length)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(testBackends)('alerts on %s', (backend) => {
  let database: TestDatabase;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  const keyring = createKeyring({ current: 'alerts-test-key-0123456789abcdefghijklmnop' });
  const trustedFetch = createSafeFetch({ policy: createOutboundPolicy({ allowedHttpHosts: ['127.0.0.1'] }) });

  beforeAll(async () => {
    database = await createTestDatabase(backend, inject('postgresUrl'));
    await migrateToLatest(database.handle.db);
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink?.close();
    await database?.drop();
  });

  /** A workspace with alerts going to a fresh receiver and a unique address; the check's inputs settable. */
  async function setUp(
    options: {
      fetch?: typeof trustedFetch;
      status?: number | ((nth: number) => number);
      quietMinutes?: number;
      events?: (typeof alertKinds)[number][];
    } = {},
  ) {
    const db = database.handle.db;
    const { workspaceId } = await seedWorkspace(db, 'Alerts');
    const receiver = await startReceiver(options.status);
    const store = createAlertsStore({ db, keyring });
    const email = `ops-${workspaceId.slice(0, 8)}@example.com`;
    await store.save({
      workspaceId,
      actor: 'test',
      settings: {
        ...defaultAlertSettings,
        webhookUrl: receiver.url,
        emailTo: [email],
        quietMinutes: options.quietMinutes ?? 30,
        attentionThreshold: 2,
        ...(options.events ? { events: options.events } : {}),
      },
    });
    const state = {
      now: new Date('2026-12-06T10:00:00Z'),
      banners: [] as Banner[],
      deadLetters: [] as Array<{ summary: string; error: string }>,
    };
    const ports: AlertPorts = {
      store,
      banners: async () => state.banners,
      deadLettersSince: async () => state.deadLetters,
      destinationsFor: createDestinationsFor({
        fetch: options.fetch ?? trustedFetch,
        sendMail: createSmtpSender(sink.url),
        from: 'Ledgerbridge <alerts@example.com>',
        clock: () => state.now,
      }),
      publicUrl: 'https://lb.example.com',
      clock: () => state.now,
      // The queue's part (alert-retry jobs, run later) is played by the test: each waits in `retries`.
      retryLater: async (job, afterMs) => {
        retries.push({ job, afterMs });
      },
    };
    const retries: Array<{ job: AlertRetryJob; afterMs: number }> = [];
    const check = async (minutesLater: number) => {
      state.now = new Date(state.now.getTime() + minutesLater * 60_000);
      return checkWorkspaceAlerts(ports, workspaceId);
    };
    const mails = () => sink.messages.filter((m) => m.to.includes(email));
    /** Runs the retry jobs queued so far, oldest first, as the alert-retry worker would. */
    const runRetries = async () => {
      for (let next = retries.shift(); next; next = retries.shift()) await redeliverAlert(ports, next.job);
    };
    return { db, workspaceId, receiver, store, state, ports, check, mails, retries, runRetries };
  }

  it('sends a storm of dead letters as one signed webhook and one e-mail, holds back the rest for the quiet period', async () => {
    const t = await setUp();
    try {
      t.state.deadLetters = Array.from({ length: 60 }, (_, i) => ({
        summary: `order.submitted · O-${i}`,
        error: 'Xero 500',
      }));
      expect(await t.check(1)).toEqual({ sent: 1, suppressed: 0 });
      expect(t.receiver.received).toHaveLength(1);
      const hit = t.receiver.received[0] as Received;
      const secret = (await t.store.settings(t.workspaceId))?.webhookSecret ?? '';
      expect(
        verifyAlertSignature({
          secret,
          body: hit.body,
          header: String(hit.headers[SIGNATURE_HEADER.toLowerCase()]),
          now: Math.floor(t.state.now.getTime() / 1000),
        }),
      ).toBe(true);
      const payload = JSON.parse(hit.body);
      expect(payload.alerts).toEqual([
        expect.objectContaining({
          type: 'dead-letter',
          count: 60,
          url: 'https://lb.example.com/console/dead-letters',
        }),
      ]);
      expect(t.mails().map((m) => m.subject)).toEqual(['[Ledgerbridge] 60 jobs failed after every retry']);

      // More in the next minutes: held back, counted on the alert sent.
      t.state.deadLetters = Array.from({ length: 20 }, (_, i) => ({ summary: `O-x${i}`, error: 'Xero 500' }));
      expect(await t.check(1)).toEqual({ sent: 0, suppressed: 1 });
      expect(await t.check(10)).toEqual({ sent: 0, suppressed: 1 });
      expect(t.receiver.received).toHaveLength(1);
      const [logged] = await t.store.log(t.workspaceId);
      expect(logged).toMatchObject({ kind: 'dead-letter', count: 60, suppressed: 40 });
      expect(logged?.deliveries).toEqual([
        { channel: 'webhook', ok: true, detail: 'HTTP 200' },
        { channel: 'email', ok: true, detail: 'sent to 1 recipient' },
      ]);

      // After the quiet period a new one is told again.
      t.state.deadLetters = [{ summary: 'O-late', error: 'Xero 500' }];
      expect(await t.check(30)).toEqual({ sent: 1, suppressed: 0 });
      expect(t.receiver.received).toHaveLength(2);
    } finally {
      await t.receiver.close();
    }
  });

  it('retries a webhook the receiver refused, with growing waits, until it takes it; the log says so', async () => {
    const t = await setUp({ status: (nth) => (nth <= 2 ? 503 : 200) });
    try {
      t.state.deadLetters = [{ summary: 'order.submitted · O-1', error: 'Xero 500' }];
      expect(await t.check(1)).toEqual({ sent: 1, suppressed: 0 });
      // Only the webhook failed: only it goes again, after the first wait.
      expect(t.retries.map((r) => [r.job.channels, r.job.attempt, r.afterMs])).toEqual([
        [['webhook'], 2, ALERT_RETRY_DELAYS_MS[0]],
      ]);
      let [logged] = await t.store.log(t.workspaceId);
      expect(logged?.deliveries[0]).toMatchObject({ channel: 'webhook', ok: false });
      expect(logged?.deliveries[0]?.detail).toBe('HTTP 503; trying again in 30 s (attempt 1 of 4)');

      const first = t.retries.shift();
      if (first) await redeliverAlert(t.ports, first.job);
      expect(t.retries.map((r) => [r.job.attempt, r.afterMs])).toEqual([[3, ALERT_RETRY_DELAYS_MS[1]]]);
      await t.runRetries();
      expect(t.receiver.received).toHaveLength(3);
      // The same delivery each time: a receiver that got it after all can drop the repeat.
      const ids = t.receiver.received.map((r) => r.headers['ledgerbridge-delivery']);
      expect(new Set(ids).size).toBe(1);
      [logged] = await t.store.log(t.workspaceId);
      expect(logged?.deliveries).toEqual([
        { channel: 'email', ok: true, detail: 'sent to 1 recipient' },
        { channel: 'webhook', ok: true, detail: 'HTTP 200 (attempt 3)' },
      ]);
      expect(t.mails()).toHaveLength(1);
    } finally {
      await t.receiver.close();
    }
  });

  it('gives a webhook that keeps failing up after every attempt and shows it as failed, never silently', async () => {
    const t = await setUp({ status: 500 });
    try {
      t.state.deadLetters = [{ summary: 'order.submitted · O-2', error: 'Xero 500' }];
      await t.check(1);
      await t.runRetries();
      expect(t.receiver.received).toHaveLength(ALERT_RETRY_DELAYS_MS.length + 1);
      expect(t.retries).toEqual([]);
      const [logged] = await t.store.log(t.workspaceId);
      expect(logged?.deliveries.find((d) => d.channel === 'webhook')).toEqual({
        channel: 'webhook',
        ok: false,
        detail: 'HTTP 500; failed after 4 attempts',
      });
    } finally {
      await t.receiver.close();
    }
  });

  it('tells a condition once while it lasts, and again when it comes back after clearing', async () => {
    const t = await setUp({ quietMinutes: 5 });
    try {
      const reconnect: Banner = {
        kind: 'needs-reconnect',
        tenantName: 'Demo AU',
        message: 'Demo AU needs reconnecting.',
        href: '/console/organisations',
        linkText: 'Reconnect',
      };
      t.state.banners = [reconnect];
      expect((await t.check(1))?.sent).toBe(1);
      for (let i = 0; i < 3; i += 1) expect(await t.check(10)).toEqual({ sent: 0, suppressed: 0 });
      t.state.banners = [];
      await t.check(1);
      t.state.banners = [reconnect];
      expect((await t.check(10))?.sent).toBe(1);
      expect(t.receiver.received.map((r) => JSON.parse(r.body).alerts[0].title)).toEqual([
        'Demo AU needs reconnecting',
        'Demo AU needs reconnecting',
      ]);
    } finally {
      await t.receiver.close();
    }
  });

  it('counts orders newly needing attention against the threshold', async () => {
    const t = await setUp();
    try {
      await t.check(0);
      const insert = (orderId: string, updatedAt: Date) =>
        t.db
          .insertInto('order_syncs')
          .values({
            workspace_id: t.workspaceId,
            ordercloud_connection_id: '00000000-0000-4000-8000-000000000001',
            order_id: orderId,
            currency: 'AUD',
            total: '10.00',
            customer_name: 'C',
            status: 'needs-attention',
            invoice_id: null,
            invoice_number: null,
            amount_paid: null,
            message: 'Locked period',
            reason: 'lock-date',
            updated_at: updatedAt,
          })
          .execute();
      await insert(`A-${t.workspaceId}`, new Date(t.state.now.getTime() + 30_000));
      expect((await t.check(1))?.sent).toBe(0);
      await insert(`B-${t.workspaceId}`, new Date(t.state.now.getTime() + 30_000));
      await insert(`C-${t.workspaceId}`, new Date(t.state.now.getTime() + 40_000));
      expect((await t.check(1))?.sent).toBe(1);
      expect(JSON.parse(t.receiver.received[0]?.body ?? '{}').alerts[0]).toMatchObject({
        type: 'attention',
        title: '2 orders need attention',
      });
    } finally {
      await t.receiver.close();
    }
  });

  it('sends nothing for events turned off', async () => {
    const t = await setUp({ events: ['needs-reconnect'] });
    try {
      t.state.deadLetters = [{ summary: 'O-1', error: 'x' }];
      expect(await t.check(1)).toEqual({ sent: 0, suppressed: 0 });
      expect(t.receiver.received).toEqual([]);
    } finally {
      await t.receiver.close();
    }
  });

  it('lets one of two simultaneous checks through', async () => {
    const t = await setUp();
    try {
      t.state.deadLetters = [{ summary: 'O-1', error: 'x' }];
      t.state.now = new Date(t.state.now.getTime() + 60_000);
      const outcomes = await Promise.all([
        checkWorkspaceAlerts(t.ports, t.workspaceId),
        checkWorkspaceAlerts(t.ports, t.workspaceId),
      ]);
      expect(outcomes.filter((o) => o !== undefined)).toHaveLength(1);
      expect(t.receiver.received).toHaveLength(1);
    } finally {
      await t.receiver.close();
    }
  });

  it('sends the webhook only through the outbound guard: a private address is refused at send time and logged', async () => {
    const t = await setUp({
      fetch: createSafeFetch({ policy: createOutboundPolicy({ allowedHttpHosts: [] }) }),
    });
    try {
      const outcomes = await sendTestAlert(t.ports, { workspaceId: t.workspaceId, actor: 'ops@example.com' });
      expect(t.receiver.received).toEqual([]);
      expect(outcomes?.[0]).toMatchObject({ channel: 'webhook', ok: false });
      expect(outcomes?.[0]?.detail).toMatch(/without TLS|refused|127\.0\.0\.1/);
      expect(outcomes?.[1]).toMatchObject({ channel: 'email', ok: true });
      const [logged] = await t.store.log(t.workspaceId);
      expect(logged).toMatchObject({ kind: 'test', title: 'Test alert' });
    } finally {
      await t.receiver.close();
    }
  });

  it('keeps the signing secret sealed at rest and changes it on rotation', async () => {
    const t = await setUp();
    try {
      const before = await t.store.settings(t.workspaceId);
      const row = await t.db
        .selectFrom('alert_settings')
        .select('webhook_secret_enc')
        .where('workspace_id', '=', t.workspaceId)
        .executeTakeFirstOrThrow();
      expect(row.webhook_secret_enc).not.toContain(before?.webhookSecret ?? 'x');
      await t.store.save({
        workspaceId: t.workspaceId,
        actor: 'test',
        settings: before ?? defaultAlertSettings,
        rotateSecret: true,
      });
      const after = await t.store.settings(t.workspaceId);
      expect(after?.webhookSecret).toMatch(/^whsec_/);
      expect(after?.webhookSecret).not.toBe(before?.webhookSecret);
    } finally {
      await t.receiver.close();
    }
  });
});
