import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboundPolicy } from './outbound-policy.ts';
import { OutboundRefusedError } from './outbound-refused-error.ts';
import { createSafeFetch, type Resolver } from './safe-fetch.ts';

// A "victim" on loopback counts every TCP connection it gets: a refused request must never connect.
let victim: Server;
let victimPort = 0;
let victimConnections = 0;
let relay: Server;
let relayPort = 0;

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};

beforeAll(async () => {
  victim = createServer((_req, res) => res.end('secret'));
  victim.on('connection', () => {
    victimConnections += 1;
  });
  victimPort = await listen(victim);
  relay = createServer((req, res) => {
    if (req.url === '/redirect') {
      res.writeHead(307, { location: `http://127.0.0.1:${victimPort}/steal` });
      return res.end();
    }
    res.end('hello from a trusted host');
  });
  relayPort = await listen(relay);
});
afterAll(async () => {
  await new Promise((r) => victim.close(r));
  await new Promise((r) => relay.close(r));
});

const names: Record<string, string[]> = {
  'evil.example': ['127.0.0.1'],
  'metadata.example': ['169.254.169.254'],
  'mixed.example': ['93.184.216.34', '127.0.0.1'],
  'v6.example': ['::1'],
  'sandbox.test': ['127.0.0.1'],
};
const stubResolver: Resolver = (hostname, callback) => {
  const addresses = names[hostname];
  if (!addresses) return callback(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }), []);
  callback(
    null,
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
  );
};

const guarded = createSafeFetch({
  policy: createOutboundPolicy({ allowedHttpHosts: ['sandbox.test'] }),
  resolve: stubResolver,
});
const systemDns = createSafeFetch({ policy: createOutboundPolicy({ allowedHttpHosts: [] }) });

async function expectRefused(doFetch: typeof fetch, url: string) {
  const before = victimConnections;
  const error = await doFetch(url, { method: 'POST', body: 'client_secret=s3cret' }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, url).toBeInstanceOf(Error);
  // The refusal is ours (or the URL never reached a socket), never an answer from the victim.
  const chain = [error, (error as { cause?: unknown }).cause];
  expect(
    chain.some((e) => e instanceof OutboundRefusedError),
    `${url}: ${String(error)} / ${String((error as { cause?: unknown }).cause)}`,
  ).toBe(true);
  expect(victimConnections, url).toBe(before);
}

describe('safe fetch (user-set URLs)', () => {
  it('refuses every numeric, short, mapped and IPv6 form of loopback without connecting', async () => {
    for (const host of [
      '127.0.0.1',
      '0x7f000001',
      '2130706433',
      '0177.0.0.1',
      '127.1',
      '127.0.0.1.',
      '[::ffff:127.0.0.1]',
      '[::127.0.0.1]',
      '[::1]',
      '0',
    ]) {
      await expectRefused(guarded, `https://${host}:${victimPort}/oauth/token`);
      await expectRefused(guarded, `http://${host}:${victimPort}/oauth/token`);
    }
  });

  it('refuses private, metadata and CGNAT addresses', async () => {
    for (const url of [
      'https://10.0.0.1/',
      'https://172.16.5.5/',
      'https://192.168.1.1/',
      'https://169.254.169.254/latest/meta-data/',
      'https://100.64.0.1/',
      'https://[fd00:ec2::254]/',
      'https://[fe80::1]/',
    ]) {
      await expectRefused(guarded, url);
    }
  });

  it('refuses a name whose DNS answer is loopback, metadata, IPv6 loopback or mixed', async () => {
    for (const host of ['evil.example', 'metadata.example', 'mixed.example', 'v6.example']) {
      await expectRefused(guarded, `https://${host}:${victimPort}/`);
    }
  });

  it('refuses localhost as the system resolver answers it', async () => {
    await expectRefused(systemDns, `https://localhost:${victimPort}/`);
  });

  it('refuses plain http for a host the operator did not list', async () => {
    await expectRefused(guarded, `http://evil.example:${victimPort}/`);
  });

  it('connects to a host in ALLOWED_HTTP_HOSTS at the address its lookup answered', async () => {
    const response = await guarded(`http://sandbox.test:${relayPort}/`);
    expect(await response.text()).toBe('hello from a trusted host');
  });

  it('never follows a redirect, even from a trusted host to loopback', async () => {
    const before = victimConnections;
    await expect(
      guarded(`http://sandbox.test:${relayPort}/redirect`, { method: 'POST', body: 'client_secret=s3cret' }),
    ).rejects.toBeInstanceOf(OutboundRefusedError);
    expect(victimConnections).toBe(before);
  });
});
