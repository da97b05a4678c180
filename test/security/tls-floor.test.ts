import { enforceTlsFloor, createUserUrlFetch } from '@ledgerbridge/xero-app';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { createXeroApiClient, createXeroIdentityClient } from '@ledgerbridge/xero';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BareApp, startBareApp } from '../support/bare-app.ts';

// TLS 1.2 or later both ways. A local peer that speaks only TLS 1.1 (proved reachable by a client that
// allows 1.1) must see every outbound client of the app give up in the handshake; the app's own HTTPS
// must refuse a TLS 1.1 client and serve a TLS 1.2 one. Certificates are made here with openssl.
let dir = '';
let certFile = '';
let keyFile = '';
let legacy: Server;
let legacyPort = 0;
const handshakes = { secure: 0, refused: [] as string[] };
const legacyCiphers = 'DEFAULT@SECLEVEL=0';

beforeAll(async () => {
  enforceTlsFloor();
  dir = mkdtempSync(join(tmpdir(), 'lb-tls-'));
  certFile = join(dir, 'cert.pem');
  keyFile = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  legacy = createHttpsServer(
    {
      cert: readFileSync(certFile),
      key: readFileSync(keyFile),
      minVersion: 'TLSv1.1',
      maxVersion: 'TLSv1.1',
      ciphers: legacyCiphers,
    },
    (_req, res) => res.end('{}'),
  );
  legacy.on('secureConnection', () => {
    handshakes.secure += 1;
  });
  legacy.on('tlsClientError', (error: Error & { code?: string }) => {
    handshakes.refused.push(`${error.code ?? ''} ${error.message}`);
  });
  await new Promise<void>((r) => legacy.listen(0, '127.0.0.1', r));
  legacyPort = (legacy.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => legacy?.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const handshake = (port: number, options: tls.ConnectionOptions) =>
  new Promise<string>((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ...options }, () => {
      const protocol = socket.getProtocol() ?? '';
      socket.end();
      resolve(protocol);
    });
    socket.once('error', reject);
  });

/** Runs a client call against the TLS 1.1 peer; true when its handshake was refused for the protocol. */
async function refusedForProtocol(call: () => Promise<unknown>): Promise<boolean> {
  const before = { secure: handshakes.secure, refused: handshakes.refused.length };
  await call().catch(() => undefined);
  await new Promise((r) => setTimeout(r, 50));
  const fresh = handshakes.refused.slice(before.refused);
  return handshakes.secure === before.secure && fresh.some((m) => /protocol|version/i.test(m));
}

describe('TLS 1.2 floor', () => {
  it('the TLS 1.1-only peer is reachable by a client that still allows TLS 1.1 (the control)', async () => {
    expect(
      await handshake(legacyPort, { minVersion: 'TLSv1.1', maxVersion: 'TLSv1.1', ciphers: legacyCiphers }),
    ).toBe('TLSv1.1');
  });

  it('every outbound client refuses it: user-URL fetch (OrderCloud, alerts), Xero identity, Xero API', async () => {
    const base = `https://127.0.0.1:${legacyPort}`;
    const userUrlFetch = createUserUrlFetch({ ALLOWED_HTTP_HOSTS: ['127.0.0.1'] });
    expect(await refusedForProtocol(() => userUrlFetch(`${base}/oauth/token`))).toBe(true);
    const identity = createXeroIdentityClient({
      clientId: 'c',
      clientSecret: 's',
      loginUrl: base,
      identityUrl: base,
      apiUrl: base,
    });
    expect(await refusedForProtocol(() => identity.listConnections({ accessToken: 't' }))).toBe(true);
    const api = createXeroApiClient({ basePath: `${base}/api.xro/2.0`, timeoutMs: 5_000 });
    expect(
      await refusedForProtocol(() => api.getOrganisations({ accessToken: 't', tenantId: 'x' } as never)),
    ).toBe(true);
    expect(await refusedForProtocol(() => fetch(base))).toBe(true);
  });

  describe('the app serving HTTPS itself (TLS_CERT_FILE, TLS_KEY_FILE)', () => {
    let app: BareApp;
    beforeAll(async () => {
      app = await startBareApp({ TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile });
    }, 60_000);
    afterAll(async () => {
      await app?.close();
    });

    it('refuses a TLS 1.1 client and serves TLS 1.2 and 1.3', async () => {
      expect(app.server.url).toMatch(/^https:/);
      const port = Number(new URL(app.server.url).port);
      await expect(
        handshake(port, { minVersion: 'TLSv1.1', maxVersion: 'TLSv1.1', ciphers: legacyCiphers }),
      ).rejects.toThrow(/protocol|version/i);
      expect(await handshake(port, { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' })).toBe('TLSv1.2');
      expect(await handshake(port, { minVersion: 'TLSv1.3' })).toBe('TLSv1.3');
    });
  });
});
