import { createUserUrlFetch } from '@ledgerbridge/xero-app';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOrderCloudClient } from '@ledgerbridge/ordercloud';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The worker builds its OrderCloud SDK client with the marketplace's API URL as the merchant typed it,
// over the guarded fetch (worker.ts): a loopback URL is never reached, a listed sandbox host is.
let server: Server;
let port = 0;
let connections = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ access_token: 'tok', expires_in: 600, ID: 'o1' }));
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const clientFor = (apiUrl: string, allowed: string[]) =>
  createOrderCloudClient({
    connectionKey: `ssrf-${allowed.join()}`,
    apiUrl,
    clientId: 'c',
    clientSecret: 's',
    fetch: createUserUrlFetch({ ALLOWED_HTTP_HOSTS: allowed }),
    retry: { maxAttempts: 1 },
  });

describe('the OrderCloud SDK client over the guarded fetch', () => {
  it('never reaches a loopback marketplace URL', async () => {
    const before = connections;
    for (const apiUrl of [
      `http://127.0.0.1:${port}`,
      `https://0x7f000001:${port}`,
      `https://localhost:${port}`,
    ]) {
      const client = clientFor(apiUrl, []);
      const order = await client.getOrder({ orderId: 'o1' });
      client.close();
      expect(order.ok, apiUrl).toBe(false);
    }
    expect(connections).toBe(before);
  });

  it('reaches a host listed in ALLOWED_HTTP_HOSTS', async () => {
    const before = connections;
    const client = clientFor(`http://127.0.0.1:${port}`, ['127.0.0.1']);
    await client.getOrder({ orderId: 'o1' });
    client.close();
    expect(connections).toBeGreaterThan(before);
  });
});
