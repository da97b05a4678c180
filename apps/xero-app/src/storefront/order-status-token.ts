import { deriveSecret, hmacBase64Url, safeEqual } from '../crypto/hmac.ts';

// The storefront's per-order status link: an HMAC of workspace and order under a key derived from
// SESSION_SECRET. Unguessable without the secret, checked in constant time, and it reveals nothing.

export function createOrderStatusTokens(sessionSecret: string) {
  const key = deriveSecret(sessionSecret, 'storefront-order-status');
  const sign = (workspaceId: string, orderId: string) => hmacBase64Url(key, `${workspaceId}\n${orderId}`);
  return {
    sign,
    verify: (input: { workspaceId: string; orderId: string; token: string }) =>
      safeEqual(input.token, sign(input.workspaceId, input.orderId)),
  };
}

export type OrderStatusTokens = ReturnType<typeof createOrderStatusTokens>;
