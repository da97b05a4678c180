import type { Actor } from '../auth/actor.ts';
import type { TokenService } from '../auth/token-service.ts';
import type { IntegrationEventRecord, SandboxState } from '../state.ts';
import { isLoopbackUrl } from '../webhooks/loopback.ts';
import { signWebhookBody } from '../webhooks/sign.ts';

// OrderCloud's Order Checkout integration event, as documented in oc-documentation
// `order-checkout-integration.mdx`: the API client's OrderCheckoutIntegrationEventID names an
// IntegrationEvent; estimateshipping / calculate / submit POST the same payload
// {ConfigData, Environment, OrderCloudAccessToken, OrderWorksheet} to
// {CustomImplementationUrl}/shippingrates | /ordercalculate | /ordersubmit, signed with
// X-oc-hash = Base64(HMAC-SHA256(HashKey, body)).

/** The seeded event whose "endpoint" is the sandbox's own checkout engine, answered in process. */
export const builtinCheckoutEventId = 'sandbox-checkout';
export const builtinCheckoutUrl = 'builtin:sandbox-checkout';

export type CheckoutEndpoint = 'shippingrates' | 'ordercalculate' | 'ordersubmit';

export type EndpointAnswer = {
  status: number; // 0 when the endpoint could not be reached
  json: unknown; // parsed body when it was JSON, else undefined
  text: string;
};

export type CheckoutPayload = {
  ConfigData: unknown;
  Environment: 'Sandbox';
  OrderCloudAccessToken: string;
  OrderWorksheet: unknown;
};

export function isBuiltinCheckout(event: IntegrationEventRecord): boolean {
  return event.CustomImplementationUrl === builtinCheckoutUrl;
}

/** The OrderCheckout event that applies to a call: the one on the calling API client, if any. */
export function checkoutEventFor(state: SandboxState, clientId: string): IntegrationEventRecord | undefined {
  const id = state.apiClients.get(clientId)?.OrderCheckoutIntegrationEventID;
  const event = id ? state.integrationEvents.get(id) : undefined;
  return event?.EventType === 'OrderCheckout' ? event : undefined;
}

export function isAllowedIntegrationUrl(url: string): boolean {
  return url === builtinCheckoutUrl || isLoopbackUrl(url);
}

/** The caller's own token, with the event's ElevatedRoles added (as for webhooks). */
export async function integrationToken(
  tokens: TokenService,
  actor: Actor,
  event: IntegrationEventRecord,
): Promise<string> {
  if (event.ElevatedRoles.length === 0 && actor.token) return actor.token;
  return tokens.issue({
    clientId: actor.clientId,
    username: actor.username,
    userId: actor.userId,
    userType: actor.kind,
    roles: [...new Set([...actor.roles, ...event.ElevatedRoles])],
    lifetimeSeconds: 600,
    ...(actor.anonymousOrderId ? { anonymousOrderId: actor.anonymousOrderId } : {}),
  });
}

export function endpointUrl(event: IntegrationEventRecord, endpoint: CheckoutEndpoint): string {
  return `${event.CustomImplementationUrl.replace(/\/+$/, '')}/${endpoint}`;
}

export async function postToEndpoint(input: {
  event: IntegrationEventRecord;
  endpoint: CheckoutEndpoint;
  payload: CheckoutPayload;
  timeoutMs: number;
}): Promise<EndpointAnswer> {
  const { event } = input;
  const url = endpointUrl(event, input.endpoint);
  if (!isLoopbackUrl(url)) {
    return { status: 0, json: undefined, text: 'The sandbox calls integration endpoints on 127.0.0.1 only.' };
  }
  const body = JSON.stringify(input.payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'x-oc-hash': signWebhookBody(body, event.HashKey),
  };
  if (event.CustomAuthHeaderName && event.CustomAuthHeaderValue !== undefined)
    headers[event.CustomAuthHeaderName] = event.CustomAuthHeaderValue;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(input.timeoutMs),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, json, text };
  } catch (error) {
    return { status: 0, json: undefined, text: error instanceof Error ? error.message : String(error) };
  }
}

export function succeeded(answer: EndpointAnswer): boolean {
  return answer.status >= 200 && answer.status < 300;
}
