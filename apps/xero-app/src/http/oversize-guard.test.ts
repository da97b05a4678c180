import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOversizeGuard } from './oversize-guard.ts';

describe('oversize guard', () => {
  let server: Server;
  let url = '';
  let reachedApp = 0;
  beforeAll(async () => {
    server = createServer(
      withOversizeGuard({
        next: (_req, res) => {
          reachedApp += 1;
          res.end('app');
        },
        limitFor: (path) => (path.startsWith('/webhooks/') ? undefined : 1024),
        headers: { 'x-content-type-options': 'nosniff' },
      }),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  it('answers 413 after reading an announced oversize body, never reaching the app', async () => {
    const before = reachedApp;
    const answer = await fetch(`${url}/console/api-keys`, { method: 'POST', body: 'x'.repeat(300_000) });
    expect(answer.status).toBe(413);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reachedApp).toBe(before);
  });

  it('lets bodies within the limit, and routes with their own limit, through', async () => {
    expect(
      await (await fetch(`${url}/console/api-keys`, { method: 'POST', body: 'x'.repeat(100) })).text(),
    ).toBe('app');
    expect(await (await fetch(`${url}/webhooks/x`, { method: 'POST', body: 'x'.repeat(5_000) })).text()).toBe(
      'app',
    );
  });
});
