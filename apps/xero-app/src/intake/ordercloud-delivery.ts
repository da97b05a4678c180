import type { SyncEvent } from '@ledgerbridge/canonical';
import type { Counter } from 'prom-client';
import type { AcceptOutcome } from './delivery-batcher.ts';

export type WebhookInterpretation =
  | { readonly kind: 'event'; readonly event: Omit<SyncEvent, 'connectionId' | 'source'> }
  | { readonly kind: 'ignored'; readonly reason: string }
  | { readonly kind: 'invalid'; readonly reason: string };

/** What the intake needs from the OrderCloud adapter, given by the composition root. */
export type OrderCloudWebhookReader = {
  verify(input: { rawBody: Uint8Array; signature: string | undefined; hashKey: string }): boolean;
  interpret(json: unknown): WebhookInterpretation;
};

export type OrderCloudIntakeDeps = {
  readonly reader: OrderCloudWebhookReader;
  readonly hashKeyFor: (connectionId: string) => Promise<string | undefined>;
  readonly accept: (input: { event: SyncEvent; rawPayload: unknown }) => Promise<AcceptOutcome>;
  /** What of the delivery is stored (stored-delivery.ts): never its UserToken or headers. */
  readonly prepareForStorage: (json: unknown, connectionId: string) => unknown;
  readonly ignoredCounter?: Counter<'reason'>;
  readonly maxBodyBytes?: number;
};

/** The answer to one delivery, whatever serves the HTTP. */
export type DeliveryAnswer = {
  readonly status: 200 | 202 | 400 | 401 | 404 | 413 | 503;
  readonly body: Record<string, string>;
  readonly retryAfterSeconds?: number;
};

export const defaultMaxBodyBytes = 1024 * 1024;

const refuse = (status: DeliveryAnswer['status'], error: string, message: string): DeliveryAnswer => ({
  status,
  body: { error, message },
});
const unavailable = (message: string): DeliveryAnswer => ({
  ...refuse(503, 'unavailable', message),
  retryAfterSeconds: 30,
});

/**
 * One OrderCloud delivery: verify the signature on the raw bytes, parse, then store and enqueue before
 * answering 2xx. `rawBody` is undefined when the body was over the size limit.
 */
export function createOrderCloudDeliveryHandler(deps: OrderCloudIntakeDeps) {
  const limit = deps.maxBodyBytes ?? defaultMaxBodyBytes;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return async function handleDelivery(input: {
    connectionId: string;
    rawBody: Uint8Array | undefined;
    signature: string | undefined;
  }): Promise<DeliveryAnswer> {
    const { connectionId, rawBody, signature } = input;
    if (!rawBody) return refuse(413, 'payload_too_large', `Deliveries over ${limit} bytes are refused.`);
    let hashKey: string | undefined;
    try {
      hashKey = await deps.hashKeyFor(connectionId);
    } catch {
      return unavailable('Storage is unavailable; deliver again later.');
    }
    if (!hashKey) return refuse(404, 'unknown_connection', `No OrderCloud connection ${connectionId}.`);
    if (!signature) return refuse(401, 'missing_signature', 'The X-oc-hash header is missing.');
    if (!deps.reader.verify({ rawBody, signature, hashKey }))
      return refuse(
        401,
        'bad_signature',
        'X-oc-hash does not match the body under this connection’s hash key.',
      );
    let json: unknown;
    try {
      json = JSON.parse(decoder.decode(rawBody));
    } catch (error) {
      return refuse(400, 'malformed_json', `The body is not JSON: ${(error as Error).message}`);
    }
    const meaning = deps.reader.interpret(json);
    if (meaning.kind === 'invalid') return refuse(400, 'unexpected_shape', meaning.reason);
    if (meaning.kind === 'ignored') {
      deps.ignoredCounter?.inc({ reason: meaning.reason.slice(0, 60) });
      return { status: 200, body: { status: 'ignored', reason: meaning.reason } };
    }
    const event = { ...meaning.event, connectionId, source: 'ordercloud' } as SyncEvent;
    try {
      const outcome = await deps.accept({ event, rawPayload: deps.prepareForStorage(json, connectionId) });
      return { status: outcome === 'stored' ? 202 : 200, body: { status: outcome } };
    } catch {
      return unavailable('The delivery could not be stored; deliver it again.');
    }
  };
}

export type DeliveryHandler = ReturnType<typeof createOrderCloudDeliveryHandler>;
