import { createHmac } from 'node:crypto';
import { safeEqual } from '../crypto/hmac.ts';

/** x-xero-signature = base64(HMAC-SHA256(webhook key, raw body)), compared in constant time. */
export function verifyXeroSignature(input: {
  webhookKey: string;
  rawBody: Uint8Array;
  signature: string | undefined;
}): boolean {
  if (!input.signature) return false;
  const expected = createHmac('sha256', input.webhookKey).update(input.rawBody).digest('base64');
  return safeEqual(input.signature.trim(), expected);
}
