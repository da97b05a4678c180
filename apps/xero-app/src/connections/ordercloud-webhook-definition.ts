import type { OrderCloudWebhookRoute, OrderCloudWebhookSpec } from './ordercloud-admin.ts';

// The OrderCloud calls whose results Ledgerbridge syncs (ORDERCLOUD.md). Post-hooks only: the sync
// must never be able to fail a shopper's checkout.
export const orderCloudWebhookRoutes: readonly OrderCloudWebhookRoute[] = [
  { route: 'v1/orders/{direction}/{orderID}/submit', verb: 'POST' },
  { route: 'v1/cart/submit', verb: 'POST' },
  { route: 'v1/orders/{direction}/{orderID}/complete', verb: 'POST' },
  { route: 'v1/orders/{direction}/{orderID}/cancel', verb: 'POST' },
  { route: 'v1/orders/{direction}/{orderID}/payments', verb: 'POST' },
  { route: 'v1/orders/{direction}/{orderID}/payments/{paymentID}', verb: 'PATCH' },
  { route: 'v1/orders/{direction}/{orderID}/payments/{paymentID}/transactions', verb: 'POST' },
  { route: 'v1/buyers/{buyerID}/users', verb: 'POST' },
  { route: 'v1/buyers/{buyerID}/users/{userID}', verb: 'PUT' },
  { route: 'v1/buyers/{buyerID}/users/{userID}', verb: 'PATCH' },
  // Buyer companies and billing addresses reach Xero contacts without an order (decision 0097).
  { route: 'v1/buyers', verb: 'POST' },
  { route: 'v1/buyers/{buyerID}', verb: 'PUT' },
  { route: 'v1/buyers/{buyerID}', verb: 'PATCH' },
  { route: 'v1/buyers/{buyerID}/addresses', verb: 'POST' },
  { route: 'v1/buyers/{buyerID}/addresses/{addressID}', verb: 'PUT' },
  { route: 'v1/buyers/{buyerID}/addresses/{addressID}', verb: 'PATCH' },
  { route: 'v1/buyers/{buyerID}/addresses/assignments', verb: 'POST' },
  // A user group's members get its billing address (decision 0125).
  { route: 'v1/buyers/{buyerID}/usergroups/assignments', verb: 'POST' },
  { route: 'v1/buyers/{buyerID}/usergroups/{userGroupID}/assignments/{userID}', verb: 'DELETE' },
  { route: 'v1/me/addresses', verb: 'POST' },
  { route: 'v1/me/addresses/{addressID}', verb: 'PUT' },
  { route: 'v1/me/addresses/{addressID}', verb: 'PATCH' },
  { route: 'v1/products', verb: 'POST' },
  { route: 'v1/products/{productID}', verb: 'PUT' },
  { route: 'v1/products/{productID}', verb: 'PATCH' },
  { route: 'v1/products/{productID}/variants/generate', verb: 'POST' },
  { route: 'v1/products/{productID}/variants/{variantID}', verb: 'PUT' },
  { route: 'v1/products/{productID}/variants/{variantID}', verb: 'PATCH' },
  { route: 'v1/priceschedules/{priceScheduleID}', verb: 'PATCH' },
  // A spec option's markup is part of its variants' prices (decision 0098).
  { route: 'v1/specs/{specID}/options/{optionID}', verb: 'PUT' },
  { route: 'v1/specs/{specID}/options/{optionID}', verb: 'PATCH' },
  { route: 'v1/orderreturns/{returnID}/submit', verb: 'POST' },
  { route: 'v1/orderreturns/{returnID}/complete', verb: 'POST' },
];

export function orderCloudWebhookUrl(publicUrl: string, connectionId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/webhooks/ordercloud/${connectionId}`;
}

export function desiredWebhook(input: {
  publicUrl: string;
  connectionId: string;
  hashKey: string;
  apiClientIds: readonly string[];
}): OrderCloudWebhookSpec {
  return {
    name: 'Ledgerbridge (Xero sync)',
    url: orderCloudWebhookUrl(input.publicUrl, input.connectionId),
    hashKey: input.hashKey,
    apiClientIds: [...input.apiClientIds].sort(),
    routes: orderCloudWebhookRoutes,
  };
}

const routeKey = (r: OrderCloudWebhookRoute) =>
  `${r.verb} ${r.route.replace(/\{[^}]*\}/g, '{}').toLowerCase()}`;

/** Why the registered webhook differs from what it should be; empty when it matches. */
export function webhookDrift(actual: OrderCloudWebhookSpec, desired: OrderCloudWebhookSpec): string[] {
  const drift: string[] = [];
  if (actual.url !== desired.url) drift.push(`it points at ${actual.url}`);
  if (actual.hashKey !== null && actual.hashKey !== desired.hashKey) drift.push('its hash key changed');
  const actualRoutes = new Set(actual.routes.map(routeKey));
  const missing = desired.routes.filter((r) => !actualRoutes.has(routeKey(r)));
  if (missing.length > 0) drift.push(`${missing.length} route(s) are missing`);
  const clients = new Set(actual.apiClientIds);
  const missingClients = desired.apiClientIds.filter((id) => !clients.has(id));
  if (missingClients.length > 0) drift.push(`API client(s) ${missingClients.join(', ')} are not listed`);
  return drift;
}
