import type { SyncEvent } from '@ledgerbridge/canonical';
import { Hono } from 'hono';
import type { Counter } from 'prom-client';
import type { AcceptOutcome } from './delivery-batcher.ts';

export type WebhookInterpretation =
  | { readonly kind: 'event'; readonly event: Omit<SyncEvent, 'connectionId' | 'source'> }
  | { readonly kind: 'ignored'; readonly reason: string }
  | { readonly kind: 'invalid'; readonly reason: string };

/** What the route needs from the OrderCloud adapter, given by the composition root. */
export type OrderCloudWebhookReader = {
  verify(input: { rawBody: Uint8Array; signature: string | undefined; hashKey: string }): boolean;
  interpret(json: unknown): WebhookInterpretation;
};

export type OrderCloudIntakeDeps = {
  readonly reader: OrderCloudWebhookReader;
  readonly hashKeyFor: (connectionId: string) => Promise<string | undefined>;
  readonly accept: (input: { event: SyncEvent; rawPayload: unknown }) => Promise<AcceptOutcome>;
  readonly ignoredCounter?: Counter<'reason'>;
  readonly maxBodyBytes?: number;
};

const refuse = (status: 400 | 401 | 404 | 413 | 503, error: string, message: string) => ({
  status,
  body: { error, message },
});

/** POST /webhooks/ordercloud/:connectionId — verify on raw bytes, parse, store + enqueue, then 2xx. */
export function createOrderCloudWebhookRoute(deps: OrderCloudIntakeDeps): Hono {
  const app = new Hono();
  const limit = deps.maxBodyBytes ?? 1024 * 1024;
  app.post('/webhooks/ordercloud/:connectionId', async (c) => {
    const connectionId = c.req.param('connectionId');
    const rawBody = await readBounded(c.req.raw, limit);
    if (!rawBody)
      return c.json(
        refuse(413, 'payload_too_large', `Deliveries over ${limit} bytes are refused.`).body,
        413,
      );
    let hashKey: string | undefined;
    try {
      hashKey = await deps.hashKeyFor(connectionId);
    } catch {
      c.header('Retry-After', '30');
      return c.json(refuse(503, 'unavailable', 'Storage is unavailable; deliver again later.').body, 503);
    }
    if (!hashKey)
      return c.json(refuse(404, 'unknown_connection', `No OrderCloud connection ${connectionId}.`).body, 404);
    const signature = c.req.header('x-oc-hash');
    if (!signature)
      return c.json(refuse(401, 'missing_signature', 'The X-oc-hash header is missing.').body, 401);
    if (!deps.reader.verify({ rawBody, signature, hashKey })) {
      return c.json(
        refuse(401, 'bad_signature', 'X-oc-hash does not match the body under this connection’s hash key.')
          .body,
        401,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(rawBody));
    } catch (error) {
      return c.json(
        refuse(400, 'malformed_json', `The body is not JSON: ${(error as Error).message}`).body,
        400,
      );
    }
    const meaning = deps.reader.interpret(json);
    if (meaning.kind === 'invalid') return c.json(refuse(400, 'unexpected_shape', meaning.reason).body, 400);
    if (meaning.kind === 'ignored') {
      deps.ignoredCounter?.inc({ reason: meaning.reason.slice(0, 60) });
      return c.json({ status: 'ignored', reason: meaning.reason }, 200);
    }
    const event = { ...meaning.event, connectionId, source: 'ordercloud' } as SyncEvent;
    try {
      const outcome = await deps.accept({ event, rawPayload: json });
      return c.json({ status: outcome }, outcome === 'stored' ? 202 : 200);
    } catch {
      c.header('Retry-After', '30');
      return c.json(
        refuse(503, 'unavailable', 'The delivery could not be stored; deliver it again.').body,
        503,
      );
    }
  });
  return app;
}

/**
 * The body, or undefined when it is over `limit`: an oversized body is read to its end and dropped
 * (never buffered), so the sender gets a clean 413 instead of a reset mid-upload.
 */
async function readBounded(request: Request, limit: number): Promise<Uint8Array | undefined> {
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size <= limit) chunks.push(value);
    else chunks.length = 0;
  }
  if (size > limit) return undefined;
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
