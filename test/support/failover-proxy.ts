import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A load balancer in front of app processes: each request is buffered and sent to the next upstream;
 * when an upstream refuses the connection or drops it before answering, the request goes to the next
 * one, and the proxy keeps trying for `giveUpMs` (a restarted process comes back). Safe for webhook
 * intakes because they are idempotent by delivery ID (nginx: `proxy_next_upstream error timeout
 * non_idempotent`).
 */
export async function startFailoverProxy(input: { upstreams: () => string[]; giveUpMs?: number }): Promise<{
  url: string;
  retried: () => number;
  close(): Promise<void>;
}> {
  let next = 0;
  let retried = 0;
  const giveUpMs = input.giveUpMs ?? 90_000;
  const forward = (target: string, req: { method?: string; url?: string; headers: object }, body: Buffer) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
      (resolve, reject) => {
        const outgoing = request(
          `${target}${req.url ?? '/'}`,
          { method: req.method, headers: { ...req.headers, connection: 'close' }, timeout: 30_000 },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
            );
            res.on('error', reject);
          },
        );
        outgoing.on('timeout', () => outgoing.destroy(new Error('upstream timeout')));
        outgoing.on('error', reject);
        outgoing.end(body);
      },
    );
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const started = Date.now();
      for (let attempt = 0; ; attempt += 1) {
        const upstreams = input.upstreams();
        const target = upstreams.length > 0 ? upstreams[next++ % upstreams.length] : undefined;
        try {
          if (!target) throw new Error('no upstream');
          const answer = await forward(target, req, body);
          // A 5xx from a process being killed mid-request is retried too; the intake is idempotent.
          if (answer.status >= 500 && Date.now() - started < giveUpMs)
            throw new Error(`upstream ${answer.status}`);
          const { connection: _c, 'transfer-encoding': _t, ...headers } = answer.headers;
          res.writeHead(answer.status, headers);
          res.end(answer.body);
          return;
        } catch {
          if (Date.now() - started > giveUpMs) {
            res.writeHead(502);
            res.end();
            return;
          }
          retried += 1;
          await new Promise((r) => setTimeout(r, Math.min(1_000, 100 * (attempt + 1))));
        }
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    retried: () => retried,
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
