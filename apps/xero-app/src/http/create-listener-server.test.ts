import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createListenerServer } from './create-listener-server.ts';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server?.closeAllConnections();
});

async function listen(): Promise<string> {
  const created = createListenerServer((_req, res) => res.end('ok'), {});
  server = created.server;
  const listening = created.server;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(listening.address() as AddressInfo).port}/`;
}

describe('the listener server', () => {
  it('keeps idle connections longer than the proxies in front of it (60 s on AWS ALB and nginx)', async () => {
    const url = await listen();
    const response = await fetch(url);
    await response.text();
    expect(response.headers.get('keep-alive')).toBe('timeout=65');
    expect(server?.headersTimeout).toBeGreaterThan(server?.keepAliveTimeout ?? 0);
  });

  it('answers a request its client sends on a kept-alive connection after the event loop stalled', async () => {
    // A pooled connection reused after a stall longer than Node's 5 s keep-alive (a loaded machine, a long
    // embedded-database statement) was closed by the server's overdue timer before it read the request;
    // the client's own idle timer was overdue as well (decision 0101).
    const url = await listen();
    for (let call = 0; call < 3; call += 1) await (await fetch(url)).text();
    const until = Date.now() + 6_500;
    while (Date.now() < until) {
      // the stall
    }
    const again = await fetch(url);
    expect(await again.text()).toBe('ok');
  });
});
