import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../env.ts';
import { type Infrastructure, openInfrastructure } from '../infrastructure.ts';
import { createLogger } from '../observability/logger.ts';
import { queueNames } from '../queue/queue-names.ts';
import { type RunningServer, startServer } from '../server.ts';

// /healthz must fail when the process is wedged (a liveness probe restarts it), on the embedded
// database `pnpm start` opens by default: a held session, or a worker that takes no due job.
describe('liveness of the app on the embedded database', () => {
  let infra: Infrastructure | undefined;
  let server: RunningServer | undefined;
  let unblock = () => {};

  afterEach(async () => {
    unblock();
    await server?.close();
    await infra?.close();
  });

  async function start() {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: 'memory://',
      PORT: '0',
      LOG_LEVEL: 'silent',
      LIVENESS_STALL_MS: '600',
      LIVENESS_SAMPLE_MS: '100',
      SHUTDOWN_GRACE_MS: '100',
    });
    infra = await openInfrastructure(config, createLogger({ level: 'silent' }));
    server = await startServer(infra, { port: 0, hostname: '127.0.0.1' });
    return { infra, url: server.url };
  }

  async function healthWithin(url: string, status: number, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) });
      const body = (await response.json()) as { status: string; reasons?: string[] };
      if (response.status === status) return body;
      if (Date.now() > deadline)
        throw new Error(`healthz stayed ${response.status}: ${JSON.stringify(body)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('is live when idle, and fails — answering at once — while the database session is held', async () => {
    const { infra, url } = await start();
    await healthWithin(url, 200);
    // A transaction that never ends holds PGlite's only session: every other statement waits.
    const held = new Promise<void>((resolve) => {
      unblock = resolve;
    });
    void infra.database.db.transaction().execute(async () => held);
    const body = await healthWithin(url, 503);
    expect(body.status).toBe('stalled');
    expect(body.reasons?.[0]).toMatch(/^the database has not answered for \d+ s$/);
    unblock();
    await healthWithin(url, 200);
  }, 180_000);

  it('fails when jobs are due and the worker this process runs takes none', async () => {
    const { infra, url } = await start();
    infra.liveness.expect('worker');
    await infra.queue.enqueue({ queue: queueNames.reconcile, data: { probe: true } });
    const body = await healthWithin(url, 503);
    expect(body.reasons?.[0]).toMatch(/^the worker has taken no job for \d+ s while 1 job is due$/);
  }, 180_000);
});
