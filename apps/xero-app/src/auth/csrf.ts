import type { MiddlewareHandler } from 'hono';
import { safeEqual } from '../crypto/hmac.ts';
import { readForm } from '../http/read-form.ts';
import type { SessionEnv } from './session-middleware.ts';

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Synchronizer token: every write must carry the session's CSRF token (form field or header), compared
 * in constant time. Runs after requireSession.
 */
export function requireCsrf(): MiddlewareHandler<SessionEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    let sent = c.req.header(CSRF_HEADER);
    const type = c.req.header('content-type') ?? '';
    if (
      !sent &&
      (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data'))
    ) {
      const form = await readForm(c);
      const value = form[CSRF_FIELD];
      sent = typeof value === 'string' ? value : undefined;
    }
    if (!sent || !safeEqual(sent, c.get('session').csrfToken)) {
      return c.json(
        { error: 'csrf', message: 'This form has expired or did not come from the console; reload it.' },
        403,
      );
    }
    await next();
  };
}
