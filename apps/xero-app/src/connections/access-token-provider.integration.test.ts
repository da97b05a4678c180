import { fail, retryable, SyncFailure } from '@ledgerbridge/canonical';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAlertsStore } from '../alerts/alerts-repo.ts';
import { REFRESH_FAILURES_ALERT, tokenRefreshAlerts } from '../alerts/detectors/token-refresh-alerts.ts';
import { createKeyring } from '../crypto/keyring.ts';
import { type DatabaseHandle, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createJobQueue, type JobQueue } from '../queue/job-queue.ts';
import { createTestDatabase, type TestDatabase, testBackends } from '../testing/test-databases.ts';
import { createAccessTokenProvider, REFRESH_AHEAD_MS } from './access-token-provider.ts';
import { countParkedJobs, parkIfNeedsReconnect } from './parked-jobs.ts';
import { resealSecrets } from './reseal-secrets.ts';
import { saveXeroAuthorisation } from './save-xero-authorisation.ts';
import { createFakeXeroIdentity } from './testing/fake-xero-identity.ts';
import { seedWorkspace } from './testing/seed-workspace.ts';
import { tokenContext } from './token-sets-repo.ts';

const keyring = createKeyring({ current: 'k'.repeat(43) });

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(testBackends)('Xero tokens on %s', (backend) => {
  let database: TestDatabase;
  let second: DatabaseHandle | undefined;
  let queue: JobQueue;

  beforeAll(async () => {
    database = await createTestDatabase(backend, inject('postgresUrl'));
    await migrateToLatest(database.handle.db);
    // A second worker process: its own connection pool on PostgreSQL; PGlite is one process by nature.
    if (database.url) second = await openDatabase({ url: database.url, dataDir: '' });
    queue = createJobQueue(database.handle.queueConnection, { pollingIntervalSeconds: 0.5 });
    await queue.start();
  });
  afterAll(async () => {
    await queue?.stop(2_000);
    await second?.close();
    await database?.drop();
  });

  async function connectedWorkspace(fake: ReturnType<typeof createFakeXeroIdentity>, expiresInMs: number) {
    const db = database.handle.db;
    const { workspaceId } = await seedWorkspace(db, 'Acme');
    const saved = await saveXeroAuthorisation(
      { db, keyring, queue },
      {
        workspaceId,
        xeroUserId: 'xero-user-1',
        tokens: fake.issue(expiresInMs),
        tenants: [
          {
            id: `conn-${workspaceId}`,
            authEventId: 'a1',
            tenantId: `tenant-${workspaceId}`,
            tenantType: 'ORGANISATION',
            tenantName: 'Acme Ltd',
          },
        ],
        actor: 'test',
      },
    );
    if (!saved.ok) throw new Error(saved.error.message);
    return { workspaceId, tenantId: `tenant-${workspaceId}`, tokenSetId: saved.value.tokenSetId };
  }

  it('hands out the stored token while it is fresh, without calling Xero', async () => {
    const fake = createFakeXeroIdentity();
    const { workspaceId, tenantId } = await connectedWorkspace(fake, 30 * 60 * 1000);
    const provider = createAccessTokenProvider({ db: database.handle.db, identity: fake.identity, keyring });
    const token = await provider.getAccessToken({ workspaceId, tenantId });
    expect(token).toMatchObject({ ok: true, value: { accessToken: expect.stringMatching(/^access-/) } });
    expect(fake.calls.refresh).toBe(0);
  });

  it('two workers refreshing one connection at once: one refresh at Xero, both get the same new token', async () => {
    const fake = createFakeXeroIdentity({ refreshDelayMs: 250 });
    const { workspaceId, tenantId, tokenSetId } = await connectedWorkspace(fake, REFRESH_AHEAD_MS - 1_000);
    const workerA = createAccessTokenProvider({ db: database.handle.db, identity: fake.identity, keyring });
    const workerB = createAccessTokenProvider({
      db: (second ?? database.handle).db,
      identity: fake.identity,
      keyring,
    });
    const [a, b] = await Promise.all([
      workerA.getAccessToken({ workspaceId, tenantId }),
      workerB.getAccessToken({ workspaceId, tenantId }),
    ]);
    expect(fake.calls.refresh).toBe(1);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.value.accessToken).toBe(b.value.accessToken);
    expect(a.value.expiresAt.getTime()).toBeGreaterThan(Date.now() + REFRESH_AHEAD_MS);
    const row = await database.handle.db
      .selectFrom('xero_token_sets')
      .select(['refresh_token_enc', 'status'])
      .where('id', '=', tokenSetId)
      .executeTakeFirstOrThrow();
    // The rotated refresh token was stored: the next refresh uses it and succeeds.
    expect(keyring.decrypt(row.refresh_token_enc, tokenContext(workspaceId, 'refresh'))).toBe('refresh-2');
    expect(row.status).toBe('active');
  });

  it('refreshes failing without a refusal are counted, raise the alert from the third, and a success clears them', async () => {
    const db = database.handle.db;
    const fake = createFakeXeroIdentity();
    const { workspaceId, tenantId, tokenSetId } = await connectedWorkspace(fake, REFRESH_AHEAD_MS - 1_000);
    let down = true;
    const provider = createAccessTokenProvider({
      db,
      keyring,
      identity: {
        refresh: async (input) =>
          down
            ? fail(retryable('xero-identity-unavailable', 'Xero answered 503'))
            : fake.identity.refresh(input),
      },
    });
    const store = createAlertsStore({ db, keyring });
    const alertsNow = async () =>
      tokenRefreshAlerts({
        now: new Date(),
        since: new Date(),
        banners: [],
        newDeadLetters: [],
        newAttention: new Map(),
        attentionThreshold: 5,
        authorisations: await store.authorisations(workspaceId),
      });
    for (let i = 1; i <= REFRESH_FAILURES_ALERT; i += 1) {
      expect(await alertsNow()).toEqual([]);
      const token = await provider.getAccessToken({ workspaceId, tenantId });
      expect(token).toMatchObject({ ok: false, error: { kind: 'retryable' } });
    }
    const row = await db
      .selectFrom('xero_token_sets')
      .select(['status', 'refresh_failures', 'refresh_error'])
      .where('id', '=', tokenSetId)
      .executeTakeFirstOrThrow();
    // The tokens stay as they were for the retry; only the failures are written down.
    expect(row).toMatchObject({ status: 'active', refresh_failures: REFRESH_FAILURES_ALERT });
    expect(row.refresh_error).toContain('503');
    const raised = await alertsNow();
    expect(raised.map((a) => a.key)).toEqual(['token-refresh-failing:Acme Ltd']);
    expect(raised[0]?.message).toContain('Xero answered 503');

    down = false;
    expect((await provider.getAccessToken({ workspaceId, tenantId })).ok).toBe(true);
    expect(await alertsNow()).toEqual([]);
  });

  it('a revoked authorisation: needs reconnect, an alert, nothing dead-lettered, and syncs resume after reconnecting', async () => {
    const db = database.handle.db;
    const fake = createFakeXeroIdentity();
    const { workspaceId, tenantId } = await connectedWorkspace(fake, 1_000);
    fake.revokeEverything();
    const provider = createAccessTokenProvider({ db, identity: fake.identity, keyring });

    const queueName = `sync-probe-${backend}`;
    await queue.define(queueName, { retryLimit: 1, retryDelaySeconds: 1, retryDelayMaxSeconds: 1 });
    const synced: string[] = [];
    await queue.work<{ orderId: string }>(queueName, async (job) => {
      const token = await provider.getAccessToken({ workspaceId, tenantId });
      try {
        if (!token.ok) throw new SyncFailure(token.error);
        synced.push(`${job.data.orderId} with ${token.value.accessToken}`);
      } catch (error) {
        if (await parkIfNeedsReconnect(db, { error, workspaceId, queue: queueName, data: job.data })) return;
        throw error;
      }
    });
    await queue.enqueue({ queue: queueName, data: { orderId: 'order-1' } });
    await waitFor(async () => ((await countParkedJobs(db, workspaceId)) === 1 ? true : undefined));

    const direct = await provider.getAccessToken({ workspaceId, tenantId });
    expect(direct).toMatchObject({ ok: false, error: { kind: 'needs-reconnect' } });
    const connection = await db
      .selectFrom('xero_connections')
      .select('status')
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    expect(connection.status).toBe('needs-reconnect');
    const alerts = await db
      .selectFrom('alerts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .execute();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'xero-needs-reconnect', resolved_at: null });
    expect(await queue.deadLetters(queueName)).toEqual([]);
    expect(synced).toEqual([]);

    // The merchant reconnects the same organisation: a new OAuth for the same tenant.
    const reconnected = await saveXeroAuthorisation(
      { db, keyring, queue },
      {
        workspaceId,
        xeroUserId: 'xero-user-1',
        tokens: fake.issue(),
        tenants: [
          {
            id: `conn-${workspaceId}`,
            authEventId: 'a2',
            tenantId,
            tenantType: 'ORGANISATION',
            tenantName: 'Acme Ltd',
          },
        ],
        actor: 'test',
      },
    );
    expect(reconnected).toMatchObject({
      ok: true,
      value: { resumedJobs: 1, connections: [{ reconnected: true }] },
    });
    await waitFor(async () => (synced.length === 1 ? true : undefined));
    expect(synced[0]).toMatch(/^order-1 with access-/);
    expect(await countParkedJobs(db, workspaceId)).toBe(0);
    expect(await queue.deadLetters(queueName)).toEqual([]);
    const after = await db
      .selectFrom('alerts')
      .select('resolved_at')
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    expect(after.resolved_at).not.toBeNull();
    expect((await provider.getAccessToken({ workspaceId, tenantId })).ok).toBe(true);
  });

  it('a token Xero refused is refreshed next time; a revoked grant then needs reconnecting', async () => {
    const db = database.handle.db;
    const fake = createFakeXeroIdentity();
    const { workspaceId, tenantId } = await connectedWorkspace(fake, 30 * 60 * 1000);
    const provider = createAccessTokenProvider({ db, identity: fake.identity, keyring });
    await provider.invalidateAccessToken({ workspaceId, tenantId });
    expect((await provider.getAccessToken({ workspaceId, tenantId })).ok).toBe(true);
    expect(fake.calls.refresh).toBe(1);
    fake.revokeEverything();
    await provider.invalidateAccessToken({ workspaceId, tenantId });
    expect(await provider.getAccessToken({ workspaceId, tenantId })).toMatchObject({
      ok: false,
      error: { kind: 'needs-reconnect' },
    });
    const status = await db
      .selectFrom('xero_connections')
      .select('status')
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('needs-reconnect');
  });

  it('stores tokens unreadable without the key: no plaintext in the row, another key fails', async () => {
    const db = database.handle.db;
    const fake = createFakeXeroIdentity();
    const { workspaceId, tokenSetId } = await connectedWorkspace(fake, 30 * 60 * 1000);
    const row = await db
      .selectFrom('xero_token_sets')
      .selectAll()
      .where('id', '=', tokenSetId)
      .executeTakeFirstOrThrow();
    const whole = JSON.stringify(row);
    expect(whole).not.toMatch(/access-\d+|refresh-\d+/);
    expect(row.key_id).toBe(keyring.currentKeyId);
    const other = createKeyring({ current: 'o'.repeat(43) });
    expect(() => other.decrypt(row.refresh_token_enc, tokenContext(workspaceId, 'refresh'))).toThrow();
    expect(keyring.decrypt(row.refresh_token_enc, tokenContext(workspaceId, 'refresh'))).toMatch(
      /^refresh-\d+$/,
    );
  });
});

describe('key rotation', () => {
  it('re-seals secrets under the new key; the old key can then be dropped', async () => {
    const database = await createTestDatabase('pglite', inject('postgresUrl'));
    try {
      const db = database.handle.db;
      await migrateToLatest(db);
      const oldKey = 'a'.repeat(43);
      const newKey = 'b'.repeat(43);
      const before = createKeyring({ current: oldKey });
      const fake = createFakeXeroIdentity();
      const { workspaceId } = await seedWorkspace(db, 'Rotate');
      const queue = { enqueue: async () => null };
      const saved = await saveXeroAuthorisation(
        { db, keyring: before, queue },
        {
          workspaceId,
          xeroUserId: 'u',
          tokens: fake.issue(),
          tenants: [
            {
              id: 'c',
              authEventId: 'a',
              tenantId: 'tenant-rotate',
              tenantType: 'ORGANISATION',
              tenantName: 'R',
            },
          ],
          actor: 't',
        },
      );
      expect(saved.ok).toBe(true);
      const during = createKeyring({ current: newKey, previous: [oldKey] });
      expect(
        (
          await createAccessTokenProvider({ db, identity: fake.identity, keyring: during }).getAccessToken({
            workspaceId,
            tenantId: 'tenant-rotate',
          })
        ).ok,
      ).toBe(true);
      expect(await resealSecrets({ db, keyring: during })).toEqual({ resealed: 1 });
      const after = createKeyring({ current: newKey });
      const token = await createAccessTokenProvider({
        db,
        identity: fake.identity,
        keyring: after,
      }).getAccessToken({ workspaceId, tenantId: 'tenant-rotate' });
      expect(token.ok).toBe(true);
      expect(await resealSecrets({ db, keyring: after })).toEqual({ resealed: 0 });
    } finally {
      await database.drop();
    }
  });
});
