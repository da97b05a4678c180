import { createHmac, timingSafeEqual } from 'node:crypto';

// Webhook signatures as integrators know them (Stripe's scheme): HMAC-SHA256 over "timestamp.body",
// sent as `Ledgerbridge-Signature: t=<unix seconds>,v1=<hex>`. The timestamp inside the signed text
// lets a receiver refuse replays older than its tolerance.

export const SIGNATURE_HEADER = 'Ledgerbridge-Signature';

export function signAlertBody(input: { secret: string; body: string; timestamp: number }): string {
  const mac = createHmac('sha256', input.secret).update(`${input.timestamp}.${input.body}`).digest('hex');
  return `t=${input.timestamp},v1=${mac}`;
}

/** What a receiver does: recompute, compare in constant time, refuse stale timestamps. */
export function verifyAlertSignature(input: {
  secret: string;
  body: string;
  header: string;
  now: number;
  toleranceSeconds?: number;
}): boolean {
  const parts = new Map(
    input.header.split(',').map((p) => {
      const at = p.indexOf('=');
      return [p.slice(0, at).trim(), p.slice(at + 1).trim()] as const;
    }),
  );
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(given)) return false;
  if (Math.abs(input.now - timestamp) > (input.toleranceSeconds ?? 300)) return false;
  const expected = signAlertBody({ secret: input.secret, body: input.body, timestamp }).slice(-64);
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex'));
}
