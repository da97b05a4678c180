import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { CookiePolicy } from '../auth/session-cookies.ts';

// A one-shot message carried across the redirect after a form post (post/redirect/get).

export type Flash = { kind: 'ok' | 'error'; message: string };
const COOKIE = 'lb_flash';

export function setFlash(c: Context, policy: CookiePolicy, flash: Flash): void {
  const value = Buffer.from(JSON.stringify({ ...flash, message: flash.message.slice(0, 600) })).toString(
    'base64url',
  );
  setCookie(c, COOKIE, value, {
    httpOnly: true,
    secure: policy.secure,
    sameSite: 'Lax',
    path: '/',
    maxAge: 60,
  });
}

export function takeFlash(c: Context, policy: CookiePolicy): Flash | null {
  const value = getCookie(c, COOKIE);
  if (!value) return null;
  deleteCookie(c, COOKIE, { path: '/', secure: policy.secure, httpOnly: true });
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Flash>;
    if ((parsed.kind === 'ok' || parsed.kind === 'error') && typeof parsed.message === 'string') {
      return { kind: parsed.kind, message: parsed.message };
    }
  } catch {
    // An unreadable flash is simply not shown.
  }
  return null;
}
