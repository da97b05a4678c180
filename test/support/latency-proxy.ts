import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export type LatencyProxy = { readonly url: string; close(): Promise<void> };

/**
 * An HTTP hop that holds each request for a random 0..maxDelayMs before passing it on, as the internet
 * between a worker and Xero does: a call leaves the app's budget a little before Xero counts it, and
 * not always the same little. Responses come back untouched.
 */
export async function startLatencyProxy(input: {
  target: string;
  maxDelayMs: number;
}): Promise<LatencyProxy> {
  const target = new URL(input.target);
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      setTimeout(() => {
        const forwarded = request(
          {
            host: target.hostname,
            port: target.port,
            method: incoming.method,
            path: incoming.url,
            headers: { ...incoming.headers, host: target.host },
          },
          (answer) => {
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(outgoing);
          },
        );
        forwarded.on('error', () => outgoing.destroy());
        outgoing.on('close', () => forwarded.destroy());
        forwarded.end(Buffer.concat(chunks));
      }, Math.random() * input.maxDelayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
