import { hmacBase64Url, safeEqual } from '../crypto/hmac.ts';

// The Sitecore emitter signs `${timestamp}.${raw body}` with the site's signing secret:
//   X-Ledgerbridge-Signature: t=<unix seconds>,v1=<base64url HMAC-SHA256>
// The timestamp inside the signature bounds replays to the tolerance window; the event ID inside the
// body makes a replay within the window a duplicate. Several v1 values may be sent while a secret rotates.

export const signatureHeader = 'x-ledgerbridge-signature';
export const defaultToleranceSeconds = 300;

export type SignatureCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

export function signEmitterBody(input: { secret: string; body: Uint8Array | string; now: Date }): string {
  const t = Math.floor(input.now.getTime() / 1000);
  return `t=${t},v1=${hmacBase64Url(input.secret, signedContent(t, input.body))}`;
}

export function verifyEmitterSignature(input: {
  secret: string;
  body: Uint8Array;
  header: string | undefined;
  now: Date;
  toleranceSeconds?: number;
}): SignatureCheck {
  if (!input.header) return { ok: false, reason: 'missing' };
  let t: number | undefined;
  const candidates: string[] = [];
  for (const part of input.header.split(',')) {
    const at = part.indexOf('=');
    const name = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (name === 't' && /^\d{1,12}$/.test(value)) t = Number(value);
    else if (name === 'v1' && value) candidates.push(value);
  }
  if (t === undefined || candidates.length === 0) return { ok: false, reason: 'malformed' };
  const tolerance = input.toleranceSeconds ?? defaultToleranceSeconds;
  if (Math.abs(input.now.getTime() / 1000 - t) > tolerance) return { ok: false, reason: 'stale' };
  const expected = hmacBase64Url(input.secret, signedContent(t, input.body));
  // Every candidate is compared, so timing does not tell which one matched.
  let matched = false;
  for (const candidate of candidates) matched = safeEqual(candidate, expected) || matched;
  return matched ? { ok: true } : { ok: false, reason: 'mismatch' };
}

function signedContent(t: number, body: Uint8Array | string): Buffer {
  const raw = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  return Buffer.concat([Buffer.from(`${t}.`, 'utf8'), raw]);
}
