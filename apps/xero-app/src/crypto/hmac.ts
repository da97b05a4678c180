import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export function hmacBase64Url(secret: string | Buffer, message: string | Buffer): string {
  return createHmac('sha256', secret).update(message).digest('base64url');
}

/** One secret per purpose, so a value signed for one thing is never accepted for another. */
export function deriveSecret(master: string, purpose: string): Buffer {
  return createHmac('sha256', master).update(`ledgerbridge/${purpose}`).digest();
}

/** Constant-time comparison; hashing first makes unequal lengths take the same time too. */
export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}
