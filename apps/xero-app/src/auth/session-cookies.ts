import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const SESSION_COOKIE = 'lb_session';
export const OAUTH_COOKIE = 'lb_oauth';

export type CookiePolicy = { readonly secure: boolean };

/** Secure whenever the app is reached over https; HttpOnly and SameSite=Lax always. */
export function cookiePolicyFor(publicUrl: string): CookiePolicy {
  return { secure: new URL(publicUrl).protocol === 'https:' };
}

export function setSessionCookie(c: Context, policy: CookiePolicy, token: string, expiresAt: Date): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure: policy.secure,
    sameSite: 'Lax',
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context, policy: CookiePolicy): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: policy.secure, httpOnly: true, sameSite: 'Lax' });
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

// Lax is what lets the cookie come back on Xero's top-level redirect to the callback.
export function setOAuthCookie(c: Context, policy: CookiePolicy, browserSecret: string): void {
  setCookie(c, OAUTH_COOKIE, browserSecret, {
    httpOnly: true,
    secure: policy.secure,
    sameSite: 'Lax',
    path: '/auth/xero',
    maxAge: 600,
  });
}

export function takeOAuthCookie(c: Context, policy: CookiePolicy): string | undefined {
  const value = getCookie(c, OAUTH_COOKIE);
  if (value !== undefined)
    deleteCookie(c, OAUTH_COOKIE, { path: '/auth/xero', secure: policy.secure, httpOnly: true });
  return value;
}
