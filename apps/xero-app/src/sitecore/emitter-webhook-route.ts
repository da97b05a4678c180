import { Hono } from 'hono';
import { readBounded } from '../intake/ordercloud-webhook-route.ts';
import { defaultEmitterMaxBodyBytes, type EmitterDeliveryHandler } from './emitter-delivery.ts';
import { signatureHeader } from './emitter-signature.ts';

export const sitecoreWebhookPath = '/webhooks/sitecore/:siteId';

/** POST /webhooks/sitecore/:siteId — orders, payments and customers from a Sitecore site's emitter. */
export function createEmitterWebhookRoute(deps: {
  handle: EmitterDeliveryHandler;
  maxBodyBytes?: number;
}): Hono {
  const app = new Hono();
  const limit = deps.maxBodyBytes ?? defaultEmitterMaxBodyBytes;
  app.post(sitecoreWebhookPath, async (c) => {
    const answer = await deps.handle({
      siteId: c.req.param('siteId'),
      rawBody: await readBounded(c.req.raw, limit),
      signature: c.req.header(signatureHeader),
    });
    if (answer.retryAfterSeconds !== undefined) c.header('Retry-After', String(answer.retryAfterSeconds));
    return c.json(answer.body, answer.status);
  });
  return app;
}
