import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BareApp, startBareApp } from '../support/bare-app.ts';

// A body announced over a route's limit is answered 413, and the connection — announced as kept alive —
// still answers the next request. The fuzz run found Xero's webhook intake closing it half a second after
// its 413, under the client's next request ("other side closed"; decision 0101).
describe('a connection after an oversized body is refused', () => {
  let app: BareApp;
  beforeAll(async () => {
    app = await startBareApp();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  /** Two requests on one connection, the second sent `gapMs` after the first answer; the raw answers. */
  async function twoOnOneConnection(first: string, body: string, gapMs: number): Promise<string> {
    const { hostname, port } = new URL(app.server.url);
    const socket = connect(Number(port), hostname);
    let received = '';
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    const firstAnswer = new Promise<void>((resolve) =>
      socket.on('data', (chunk) => {
        received += chunk.toString('latin1');
        if (received.includes('HTTP/1.1 413')) resolve();
      }),
    );
    socket.on('error', () => undefined);
    socket.write(
      `POST ${first} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    socket.write(body);
    await firstAnswer;
    await new Promise((resolve) => setTimeout(resolve, gapMs));
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2_000))]);
    socket.destroy();
    return received;
  }

  it.each([
    '/webhooks/xero',
    '/webhooks/ordercloud/00000000-0000-0000-0000-000000000000',
    '/console/mapping',
  ])('%s: 413, then the next request on the same connection is answered', async (path) => {
    const received = await twoOnOneConnection(path, 'a'.repeat(1_300_000), 300);
    expect(received).toContain('HTTP/1.1 413');
    expect(received.split('HTTP/1.1 ').length - 1, received.slice(0, 300)).toBe(2);
    expect(received).toContain('HTTP/1.1 200');
  });
});
