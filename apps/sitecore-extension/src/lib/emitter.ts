import { createHmac, randomUUID } from 'node:crypto';
import type { ExtensionConfig } from './env.ts';

// The event emitter: order, payment, refund and customer events from the head's server side to the app's
// intake (POST /webhooks/sitecore/{siteId}), signed with the site's secret at sending time:
//   X-Ledgerbridge-Signature: t=<unix seconds>,v1=<base64url HMAC-SHA256 of "<t>.<body>">

export type EmitterEvent =
  | { type: 'order.submitted'; order: object }
  | { type: 'order.canceled'; orderId: string }
  | { type: 'payment.captured'; payment: object }
  | { type: 'customer.updated'; customer: object }
  | { type: 'refund.issued'; refund: object };

// Each event declares the schema version that introduced its type (decision 0087): a head upgraded before
// Ledgerbridge keeps sending what the older app reads; only the new types need the newer app.
const introducedIn: Record<EmitterEvent['type'], number> = {
  'order.submitted': 1,
  'order.canceled': 1,
  'payment.captured': 1,
  'customer.updated': 1,
  'refund.issued': 2,
};

export type EmitOutcome =
  | { readonly ok: true; readonly status: 'stored' | 'duplicate'; readonly eventId: string }
  | { readonly ok: false; readonly status: number; readonly message: string; readonly eventId: string };

export function signEmitterBody(secret: string, body: string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('base64url')}`;
}

/**
 * Sends one event; a 5xx or a network failure is retried (same event ID, so the app stores it once),
 * a 4xx is not (the event itself is wrong and says why).
 */
export async function emitEvent(
  config: Pick<ExtensionConfig, 'appUrl' | 'siteId' | 'signingSecret'>,
  event: EmitterEvent,
  options: { eventId?: string; fetchImpl?: typeof fetch; attempts?: number; now?: () => Date } = {},
): Promise<EmitOutcome> {
  const eventId = options.eventId ?? randomUUID();
  if (!config.appUrl || !config.siteId || !config.signingSecret)
    return {
      ok: false,
      status: 0,
      message: 'The emitter is not configured (LEDGERBRIDGE_SITE_ID, LEDGERBRIDGE_SIGNING_SECRET).',
      eventId,
    };
  const body = JSON.stringify({
    schemaVersion: introducedIn[event.type],
    id: eventId,
    occurredAt: new Date().toISOString(),
    ...event,
  });
  const fetchImpl = options.fetchImpl ?? fetch;
  const attempts = options.attempts ?? 3;
  let last: EmitOutcome = { ok: false, status: 0, message: 'not sent', eventId };
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      const response = await fetchImpl(
        `${config.appUrl}/webhooks/sitecore/${encodeURIComponent(config.siteId)}`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-ledgerbridge-signature': signEmitterBody(
              config.signingSecret,
              body,
              (options.now ?? (() => new Date()))(),
            ),
          },
          body,
          signal: AbortSignal.timeout(10_000),
        },
      );
      const answer = (await response.json().catch(() => ({}))) as { status?: string; message?: string };
      if (response.status === 202 || response.status === 200)
        return { ok: true, status: answer.status === 'duplicate' ? 'duplicate' : 'stored', eventId };
      last = {
        ok: false,
        status: response.status,
        message: answer.message ?? `HTTP ${response.status}`,
        eventId,
      };
      if (response.status < 500) return last;
    } catch (error) {
      last = { ok: false, status: 0, message: (error as Error).message, eventId };
    }
    if (attempt < attempts) await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
  }
  return last;
}
