import { Hono } from 'hono';
import { type DeliveryHandler, defaultMaxBodyBytes } from './ordercloud-delivery.ts';

export const orderCloudWebhookPath = '/webhooks/ordercloud/:connectionId';

/** POST /webhooks/ordercloud/:connectionId on Hono: the same handler the fast path serves. */
export function createOrderCloudWebhookRoute(deps: { handle: DeliveryHandler; maxBodyBytes?: number }): Hono {
  const app = new Hono();
  const limit = deps.maxBodyBytes ?? defaultMaxBodyBytes;
  app.post(orderCloudWebhookPath, async (c) => {
    const answer = await deps.handle({
      connectionId: c.req.param('connectionId'),
      rawBody: await readBounded(c.req.raw, limit),
      signature: c.req.header('x-oc-hash'),
    });
    if (answer.retryAfterSeconds !== undefined) c.header('Retry-After', String(answer.retryAfterSeconds));
    return c.json(answer.body, answer.status);
  });
  return app;
}

/**
 * The body, or undefined when it is over `limit`: an oversized body is read to its end and dropped
 * (never buffered), so the sender gets a clean 413 instead of a reset mid-upload.
 */
export async function readBounded(request: Request, limit: number): Promise<Uint8Array | undefined> {
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
