import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboundPolicy } from '../outbound/outbound-policy.ts';
import { createSafeFetch, type Resolver } from '../outbound/safe-fetch.ts';
import { createOrderCloudAdminHttp, ORDERCLOUD_UNREACHABLE_MESSAGE } from './ordercloud-admin-http.ts';

// Every way a marketplace URL can fail to be an OrderCloud API reads the same to the merchant, so the
// connect form cannot be used to map a network; what happened is logged.
let server: Server;
let port = 0;
let connections = 0;
let closedPort = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/html/')) return res.end('<html>ssh-2.0-OpenSSH internal banner</html>');
    if (req.url?.startsWith('/boom/')) {
      res.writeHead(503);
      return res.end('upstream 10.0.0.7 unavailable');
    }
    if (req.url?.startsWith('/moved/')) {
      res.writeHead(302, { location: `http://127.0.0.1:${port}/html/oauth/token` });
      return res.end();
    }
    res.writeHead(404);
    res.end();
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const resolve: Resolver = (hostname, callback) =>
  hostname === 'trusted.test' || hostname === 'rebound.example'
    ? callback(null, [{ address: '127.0.0.1', family: 4 }])
    : callback(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }), []);
const safeFetch = createSafeFetch({
  policy: createOutboundPolicy({ allowedHttpHosts: ['trusted.test'] }),
  resolve,
});

describe('OrderCloud admin over the guarded fetch', () => {
  const logged: unknown[] = [];
  const admin = createOrderCloudAdminHttp({
    fetch: safeFetch,
    timeoutMs: 5_000,
    logger: { warn: (detail: unknown) => logged.push(detail) } as never,
  });
  const verify = (apiUrl: string) =>
    admin.verifyCredentials({ apiUrl, clientId: 'c', clientSecret: 'secret' });

  it('answers one generic message for every failure to reach the marketplace; details go to the log', async () => {
    const urls = () => [
      `https://127.0.0.1:${port}`,
      `https://0x7f000001:${port}`,
      `https://rebound.example:${port}`,
      `https://unknown-host.example`,
      `http://trusted.test:${port}/html`,
      `http://trusted.test:${port}/boom`,
      `http://trusted.test:${port}/moved`,
      `http://trusted.test:${port}/missing`,
      `http://trusted.test:${closedPort}`,
    ];
    for (const url of urls()) {
      logged.length = 0;
      const result = await verify(url);
      expect(result, url).toMatchObject({ ok: false, error: { message: ORDERCLOUD_UNREACHABLE_MESSAGE } });
      expect(logged.length, url).toBeGreaterThan(0);
    }
    expect(JSON.stringify(logged)).not.toContain('secret');
  });

  it('never connects to loopback through a literal address or an untrusted name', async () => {
    const before = connections;
    await verify(`https://127.0.0.1:${port}`);
    await verify(`https://rebound.example:${port}`);
    expect(connections).toBe(before);
  });
});
