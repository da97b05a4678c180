import { createHmac, randomBytes } from 'node:crypto';

// x-xero-signature: base64 HMAC-SHA256 of the raw body under the app's webhook key.
export function signWebhookBody(key: string, body: string): string {
  return createHmac('sha256', key).update(body).digest('base64');
}

export function webhookEntropy(): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return [...randomBytes(20)].map((byte) => letters[byte % letters.length]).join('');
}
