import { createHmac } from 'node:crypto';

/** X-oc-hash: Base64(HMAC-SHA256(key = HashKey as UTF-8, message = the exact body bytes)). */
export function signWebhookBody(body: string | Uint8Array, hashKey: string): string {
  return createHmac('sha256', Buffer.from(hashKey, 'utf8')).update(body).digest('base64');
}
