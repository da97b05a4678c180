// What of an OrderCloud delivery is kept. OrderCloud sends the buyer's access token (UserToken, a
// FullAccess JWT for hours), the request and response headers and the webhook's ConfigData: none is
// needed once the signature is checked, so none is stored. The bodies (orders, addresses: personal
// data) are kept sealed under the keyring for support, scrubbed of anything that looks like a secret.

export type StoredDelivery = {
  readonly Route: unknown;
  readonly Verb: unknown;
  readonly Date: unknown;
  readonly LogID: unknown;
  readonly RouteParams: unknown;
  readonly QueryParams: unknown;
  /** The ID of the object OrderCloud answered with (the order, payment, user…): what support searches by. */
  readonly ResponseID: string | null;
  /** keyring-sealed JSON of { request, response } bodies; context `inbound_events.payload:<connectionId>`. */
  readonly sealedBodies: string;
};

const JWT = /^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const JWT_INSIDE = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const SECRET_KEY = /password|token|secret|authorization|cookie|hashkey|apikey|api_key|credential/i;

/** Removes secret-named fields and JWT-shaped strings, at any depth. */
export function scrubSecrets(value: unknown, depth = 0): unknown {
  if (depth > 32) return '[too deep]';
  if (typeof value === 'string') {
    if (JWT.test(value)) return '[token removed]';
    return value.includes('eyJ') ? value.replace(JWT_INSIDE, '[token removed]') : value;
  }
  if (Array.isArray(value)) return value.map((v) => scrubSecrets(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (SECRET_KEY.test(key)) continue;
      out[key] = scrubSecrets(v, depth + 1);
    }
    return out;
  }
  return value;
}

export const storedDeliveryContext = (connectionId: string) => `inbound_events.payload:${connectionId}`;

const bodyOf = (message: unknown) =>
  message && typeof message === 'object' ? (message as { Body?: unknown }).Body : undefined;

const responseId = (message: unknown): string | null => {
  const id = (bodyOf(message) as { ID?: unknown } | undefined)?.ID;
  return typeof id === 'string' && id.length <= 100 ? id : null;
};

/** The row's payload for a verified, parsed delivery. */
export function toStoredDelivery(
  json: unknown,
  connectionId: string,
  seal: (plaintext: string, context: string) => string,
): StoredDelivery {
  const d = (json ?? {}) as Record<string, unknown>;
  const bodies = scrubSecrets({ request: bodyOf(d.Request), response: bodyOf(d.Response) });
  return {
    Route: d.Route,
    Verb: d.Verb,
    Date: d.Date,
    LogID: d.LogID,
    RouteParams: scrubSecrets(d.RouteParams ?? null),
    QueryParams: scrubSecrets(d.QueryParams ?? null),
    ResponseID: responseId(d.Response),
    sealedBodies: seal(JSON.stringify(bodies), storedDeliveryContext(connectionId)),
  };
}
