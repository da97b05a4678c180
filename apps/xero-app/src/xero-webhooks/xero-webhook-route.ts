import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { type XeroWebhookEvent, XeroWebhookPayloadSchema } from './xero-webhook-payload.ts';
import { verifyXeroSignature } from './xero-signature.ts';

export type XeroWebhookDeps = {
  readonly webhookKey: string;
  receive(events: readonly XeroWebhookEvent[]): Promise<unknown>;
  readonly onError?: (error: unknown) => void;
};

export const xeroWebhookPath = '/webhooks/xero';
/** Xero's deliveries are small; the server's oversize guard answers a larger announced body (server.ts). */
export const xeroWebhookMaxBytes = 1024 * 1024;

/**
 * POST /webhooks/xero. Verified on the raw bytes before anything else; Xero's intent-to-receive probe
 * (an empty event list, well or badly signed) gets 200 or 401 with an empty body. Valid events are
 * stored and queued before the 200; if that fails, a 500 makes Xero deliver again.
 */
export function createXeroWebhookRoute(deps: XeroWebhookDeps): Hono {
  const app = new Hono();
  app.post(
    xeroWebhookPath,
    // Bodies without a length (chunked) are cut here; an announced one over the limit never gets here.
    bodyLimit({ maxSize: xeroWebhookMaxBytes, onError: (c) => c.body(null, 413) }),
    async (c) => {
      const rawBody = new Uint8Array(await c.req.arrayBuffer());
      if (
        !verifyXeroSignature({
          webhookKey: deps.webhookKey,
          rawBody,
          signature: c.req.header('x-xero-signature'),
        })
      ) {
        return c.body(null, 401);
      }
      let parsed: ReturnType<typeof XeroWebhookPayloadSchema.safeParse>;
      try {
        parsed = XeroWebhookPayloadSchema.safeParse(JSON.parse(new TextDecoder().decode(rawBody)));
      } catch {
        return c.body(null, 400);
      }
      if (!parsed.success) return c.body(null, 400);
      if (parsed.data.events.length === 0) return c.body(null, 200);
      try {
        await deps.receive(parsed.data.events);
      } catch (error) {
        deps.onError?.(error);
        return c.body(null, 500);
      }
      return c.body(null, 200);
    },
  );
  return app;
}
