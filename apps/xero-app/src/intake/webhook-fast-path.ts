import type { IncomingMessage, ServerResponse } from 'node:http';
import { rateLimitedBody } from '../http/rate-limits.ts';
import { type DeliveryHandler, defaultMaxBodyBytes } from './ordercloud-delivery.ts';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

const deliveryPath = /^\/webhooks\/ordercloud\/([^/?#]+)\/?(?:\?.*)?$/;

/**
 * OrderCloud deliveries served straight on node:http, everything else by the fallback (the Hono app).
 * Intake is the one route under sustained load; skipping the Fetch API Request/Response objects per
 * delivery roughly halves its cost. The handler is the same one the Hono route serves.
 */
export function withOrderCloudFastPath(input: {
  handle: DeliveryHandler;
  fallback: Listener;
  maxBodyBytes?: number;
  /** Told of every answered delivery, for the request metrics the Hono middleware keeps for the rest. */
  observe?: (status: number, seconds: number) => void;
  /** The app's rate limits, checked before the body is read (the Hono middleware does not see these). */
  admit?: (req: IncomingMessage) => { allowed: true } | { allowed: false; retryAfterSeconds: number };
  /** Security headers every answer of the app carries. */
  headers?: Readonly<Record<string, string>>;
}): Listener {
  const limit = input.maxBodyBytes ?? defaultMaxBodyBytes;
  const common = input.headers ?? {};
  return (req, res) => {
    const match = req.method === 'POST' ? deliveryPath.exec(req.url ?? '') : null;
    const connectionId = match?.[1];
    if (!connectionId) return input.fallback(req, res);
    const started = performance.now();
    const admitted = input.admit?.(req);
    if (admitted && !admitted.allowed) {
      const body = JSON.stringify(rateLimitedBody);
      res.writeHead(429, {
        ...common,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'retry-after': String(admitted.retryAfterSeconds),
      });
      res.end(body);
      req.resume();
      input.observe?.(429, (performance.now() - started) / 1000);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      // Over the limit: keep reading to the end (a clean 413, not a reset mid-upload) but keep nothing.
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const header = req.headers['x-oc-hash'];
      input
        .handle({
          connectionId: safeDecode(connectionId),
          rawBody: size > limit ? undefined : Buffer.concat(chunks, size),
          signature: Array.isArray(header) ? header[0] : header,
        })
        .then(
          (answer) => {
            const body = JSON.stringify(answer.body);
            res.writeHead(answer.status, {
              ...common,
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              ...(answer.retryAfterSeconds !== undefined
                ? { 'retry-after': String(answer.retryAfterSeconds) }
                : {}),
            });
            res.end(body);
            input.observe?.(answer.status, (performance.now() - started) / 1000);
          },
          () => {
            const body = JSON.stringify({
              error: 'internal_error',
              message: 'Something went wrong on our side; deliver it again.',
            });
            res.writeHead(500, {
              ...common,
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
            });
            res.end(body);
            input.observe?.(500, (performance.now() - started) / 1000);
          },
        );
    });
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
