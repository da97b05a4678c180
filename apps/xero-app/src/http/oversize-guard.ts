import type { IncomingMessage, ServerResponse } from 'node:http';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A request that announces a body over the route's limit is answered 413 at the socket, after its body
 * has been read and dropped (up to `drainMax`), so the sender gets the answer instead of a reset
 * mid-upload on a busy machine. Bodies without a length go on to the app's streaming limit.
 */
export function withOversizeGuard(input: {
  next: Listener;
  limitFor: (path: string) => number | undefined;
  headers: Readonly<Record<string, string>>;
  drainMax?: number;
}): Listener {
  const drainMax = input.drainMax ?? 8 * 1024 * 1024;
  return (req, res) => {
    const length = Number(req.headers['content-length'] ?? Number.NaN);
    const limit = input.limitFor((req.url ?? '/').split('?')[0] ?? '/');
    if (limit === undefined || !(length > limit)) return input.next(req, res);
    const body = JSON.stringify({
      error: 'payload_too_large',
      message: 'The request body is larger than this route takes.',
    });
    const answer = () => {
      if (res.headersSent) return;
      res.writeHead(413, {
        ...input.headers,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        ...(length > drainMax ? { connection: 'close' } : {}),
      });
      res.end(body);
    };
    if (length > drainMax) {
      answer();
      req.resume();
      return;
    }
    req.on('error', () => res.destroy());
    req.on('end', answer);
    req.resume();
  };
}
