import type { SyncEvent } from '@ledgerbridge/canonical';
import type { DeliveryAnswer } from '../intake/ordercloud-delivery.ts';
import { interpretEmitterEvent, type StoredDocument } from './emitter-event.ts';
import { verifyEmitterSignature } from './emitter-signature.ts';

export const defaultEmitterMaxBodyBytes = 256 * 1024;

export type EmitterIntakeDeps = {
  readonly secretFor: (siteId: string) => Promise<string | undefined>;
  readonly store: (input: {
    event: SyncEvent;
    document: StoredDocument | undefined;
    rawPayload: unknown;
  }) => Promise<'stored' | 'duplicate'>;
  readonly now?: () => Date;
  readonly maxBodyBytes?: number;
};

const refuse = (status: DeliveryAnswer['status'], error: string, message: string): DeliveryAnswer => ({
  status,
  body: { error, message },
});
const unavailable = (message: string): DeliveryAnswer => ({
  ...refuse(503, 'unavailable', message),
  retryAfterSeconds: 30,
});

const signatureMessages = {
  missing: 'The X-Ledgerbridge-Signature header is missing.',
  malformed: 'X-Ledgerbridge-Signature must read t=<unix seconds>,v1=<signature>.',
  stale:
    'The signature’s timestamp is more than 5 minutes from our clock; sign each delivery when sending it.',
  mismatch: 'X-Ledgerbridge-Signature does not match the body under this site’s signing secret.',
} as const;

/**
 * One emitter delivery: the same rules as the OrderCloud intake — size, then signature on the raw
 * bytes, then shape — and stored before it is acknowledged. `rawBody` is undefined when over the limit.
 */
export function createEmitterDeliveryHandler(deps: EmitterIntakeDeps) {
  const limit = deps.maxBodyBytes ?? defaultEmitterMaxBodyBytes;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const now = deps.now ?? (() => new Date());
  return async function handleEmitterDelivery(input: {
    siteId: string;
    rawBody: Uint8Array | undefined;
    signature: string | undefined;
  }): Promise<DeliveryAnswer> {
    const { siteId, rawBody } = input;
    if (!rawBody) return refuse(413, 'payload_too_large', `Events over ${limit} bytes are refused.`);
    let secret: string | undefined;
    try {
      secret = await deps.secretFor(siteId);
    } catch {
      return unavailable('Storage is unavailable; send the event again later.');
    }
    if (!secret) return refuse(404, 'unknown_site', `No Sitecore site ${siteId} is connected.`);
    const check = verifyEmitterSignature({ secret, body: rawBody, header: input.signature, now: now() });
    if (!check.ok)
      return refuse(
        401,
        check.reason === 'missing' ? 'missing_signature' : 'bad_signature',
        signatureMessages[check.reason],
      );
    let json: unknown;
    try {
      json = JSON.parse(decoder.decode(rawBody));
    } catch (error) {
      return refuse(400, 'malformed_json', `The body is not JSON: ${(error as Error).message}`);
    }
    const meaning = interpretEmitterEvent(json, siteId);
    if (meaning.kind === 'invalid') return refuse(400, 'unexpected_shape', meaning.reason);
    try {
      const outcome = await deps.store({
        event: meaning.event,
        document: meaning.document,
        rawPayload: json,
      });
      return { status: outcome === 'stored' ? 202 : 200, body: { status: outcome } };
    } catch {
      return unavailable('The event could not be stored; send it again.');
    }
  };
}

export type EmitterDeliveryHandler = ReturnType<typeof createEmitterDeliveryHandler>;
