import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BareApp, signedInWorkspace, startBareApp } from '../support/bare-app.ts';

// The real server: every answer, from the Hono app or the intake fast path, carries the security
// headers; bodies are limited before parsing; malformed forms are 400; limits answer 429 + Retry-After.
describe('HTTP hardening of the whole app', () => {
  let app: BareApp;
  let strict: BareApp;
  let signedIn: Awaited<ReturnType<typeof signedInWorkspace>>;
  beforeAll(async () => {
    app = await startBareApp();
    // One thousandth of every limit, to reach them in a test.
    strict = await startBareApp({ RATE_LIMIT_SCALE: '0.001', PUBLIC_URL: 'https://lb.example.com' });
    signedIn = await signedInWorkspace(app, 'Hardening');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await strict?.close();
  });
  const url = (path: string, on = app) => `${on.server.url}${path}`;

  it('puts CSP, frame-ancestors, nosniff and a referrer policy on every kind of answer; HSTS only for https', async () => {
    const answers = await Promise.all([
      fetch(url('/healthz')),
      fetch(url('/')),
      fetch(url('/console'), { redirect: 'manual' }),
      fetch(url('/console/orders'), { headers: { cookie: signedIn.cookie } }),
      fetch(url('/api/v1/orders/o1')),
      fetch(url(`/storefront/v1/workspaces/${randomUUID()}/orders/o1/status?token=x`)),
      fetch(url('/webhooks/xero'), { method: 'POST', body: '{}' }),
      fetch(url(`/webhooks/ordercloud/${randomUUID()}`), { method: 'POST', body: '{}' }),
      fetch(url('/no/such/route')),
    ]);
    for (const answer of answers) {
      const where = `${answer.url} ${answer.status}`;
      expect(answer.headers.get('content-security-policy'), where).toContain("frame-ancestors 'none'");
      expect(answer.headers.get('x-content-type-options'), where).toBe('nosniff');
      expect(answer.headers.get('referrer-policy'), where).toBeTruthy();
      expect(answer.headers.get('strict-transport-security'), where).toBeNull();
      await answer.arrayBuffer();
    }
    const secure = await fetch(url('/healthz', strict));
    expect(secure.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    const fastPath = await fetch(url(`/webhooks/ordercloud/${randomUUID()}`, strict), {
      method: 'POST',
      body: '{}',
    });
    expect(fastPath.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  it('refuses an oversized console form before reading it (413) and a malformed multipart body (400)', async () => {
    const big = await fetch(url('/console/api-keys'), {
      method: 'POST',
      headers: { cookie: signedIn.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${signedIn.csrf}&name=${'x'.repeat(200_000)}`,
    });
    expect(big.status).toBe(413);
    const broken = await fetch(url('/console/api-keys'), {
      method: 'POST',
      headers: { cookie: signedIn.cookie, 'content-type': 'multipart/form-data; boundary=zzz' },
      body: 'this is not multipart at all',
    });
    expect(broken.status).toBe(400);
    const noBoundary = await fetch(url('/console/api-keys'), {
      method: 'POST',
      headers: { cookie: signedIn.cookie, 'content-type': 'multipart/form-data' },
      body: '--x\r\n',
    });
    expect(noBoundary.status).toBe(400);
    const keys = await app.infra.database.db.selectFrom('api_keys').select('id').execute();
    expect(keys).toEqual([]);
  });

  it('limits sign-in starts per address with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i += 1) {
      const answer = await fetch(url('/auth/xero/signin', strict), { redirect: 'manual' });
      statuses.push(answer.status);
      if (answer.status === 429) retryAfter = answer.headers.get('retry-after');
      await answer.arrayBuffer();
    }
    // 20 × 0.001 rounds up to a burst of 1.
    expect(statuses[0]).toBe(302);
    expect(statuses.slice(1)).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('limits OrderCloud deliveries on the fast path and the extension API per key', async () => {
    const target = url(`/webhooks/ordercloud/${randomUUID()}`, strict);
    const intake: number[] = [];
    for (let i = 0; i < 100; i += 1) {
      const answer = await fetch(target, { method: 'POST', body: '{}' });
      intake.push(answer.status);
      await answer.arrayBuffer();
    }
    expect(intake).toContain(404);
    expect(intake).toContain(429);
    const api: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      const answer = await fetch(url('/api/v1/orders/o1', strict), {
        headers: { authorization: 'Bearer lbk_x' },
      });
      api.push(answer.status);
      await answer.arrayBuffer();
    }
    expect(api).toContain(401);
    expect(api).toContain(429);
  });
});
