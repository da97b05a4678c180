import { deriveSecret, hmacBase64Url, safeEqual } from '../crypto/hmac.ts';

// The storefront's per-order status link: `<expiry>.<api key id>.<HMAC>` over workspace, order, expiry
// and the API key that issued it, under a key derived from SESSION_SECRET. Unguessable without the
// secret, checked in constant time; it stops working when it expires (STATUS_LINK_DAYS) and when the
// issuing key is revoked (the route asks whether the key is still live).

export type StatusLinkIssuer = { readonly keyId: string };

export function createOrderStatusTokens(
  sessionSecret: string,
  options: { lifetimeDays?: number; now?: () => Date } = {},
) {
  const key = deriveSecret(sessionSecret, 'storefront-order-status');
  const lifetimeMs = (options.lifetimeDays ?? 90) * 86_400_000;
  const now = options.now ?? (() => new Date());
  const mac = (workspaceId: string, orderId: string, expiry: string, keyId: string) =>
    hmacBase64Url(key, `${workspaceId}\n${orderId}\n${expiry}\n${keyId}`);
  return {
    sign(workspaceId: string, orderId: string, issuer: StatusLinkIssuer): string {
      const expiry = String(Math.floor((now().getTime() + lifetimeMs) / 1000));
      return `${expiry}.${issuer.keyId}.${mac(workspaceId, orderId, expiry, issuer.keyId)}`;
    },
    /** The issuing key's id when the token is genuine and unexpired; the caller checks the key is live. */
    verify(input: { workspaceId: string; orderId: string; token: string }): StatusLinkIssuer | undefined {
      const [expiry = '', keyId = '', signature = '', ...rest] = input.token.split('.');
      if (rest.length > 0 || !/^\d{1,12}$/.test(expiry) || !keyId || keyId.length > 64) return undefined;
      if (!safeEqual(signature, mac(input.workspaceId, input.orderId, expiry, keyId))) return undefined;
      if (Number(expiry) * 1000 <= now().getTime()) return undefined;
      return { keyId };
    },
  };
}

export type OrderStatusTokens = ReturnType<typeof createOrderStatusTokens>;
