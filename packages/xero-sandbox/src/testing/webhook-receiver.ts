import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedWebhook = { body: string; signature: string; valid: boolean };

// A minimal, correct Xero webhook receiver: 200 for a valid signature over the raw body, 401 otherwise.
export async function startWebhookReceiver(key: string, options: { failFirst?: number } = {}) {
  const received: ReceivedWebhook[] = [];
  let failures = options.failFirst ?? 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signature = String(req.headers['x-xero-signature'] ?? '');
      const expected = createHmac('sha256', key).update(body).digest('base64');
      const valid =
        signature.length === expected.length &&
        timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
      received.push({ body, signature, valid });
      if (valid && failures > 0) {
        failures -= 1;
        res.writeHead(500).end();
        return;
      }
      res.writeHead(valid ? 200 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/xero`,
    received,
    events: () =>
      received
        .filter((delivery) => delivery.valid)
        .flatMap((delivery) => (JSON.parse(delivery.body) as { events: Record<string, unknown>[] }).events),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
