import { createHmac, timingSafeEqual } from 'node:crypto';

// The storefront admin's session in the demo: a signed, expiring cookie value. A real head puts its
// own back-office authentication in front of /admin; the page only needs "is this an admin".

export const adminCookie = 'lb_storefront_admin';
const hoursValid = 8;

export function issueAdminSession(secret: string, now: Date): string {
  const expires = now.getTime() + hoursValid * 3_600_000;
  return `${expires}.${sign(secret, String(expires))}`;
}

export function isAdminSession(secret: string | undefined, value: string | undefined, now: Date): boolean {
  if (!secret || !value) return false;
  const [expires, signature] = value.split('.');
  if (!expires || !signature || !/^\d{1,16}$/.test(expires)) return false;
  if (Number(expires) < now.getTime()) return false;
  return safeEqual(signature, sign(secret, expires));
}

export function passwordMatches(expected: string | undefined, given: string): boolean {
  return Boolean(expected) && safeEqual(given, expected ?? '');
}

function sign(secret: string, value: string): string {
  return createHmac('sha256', secret).update(`storefront-admin:${value}`).digest('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const ha = createHmac('sha256', 'compare').update(a).digest();
  const hb = createHmac('sha256', 'compare').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** True when a form post comes from this site (SameSite cookies plus an Origin check against CSRF). */
export function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
