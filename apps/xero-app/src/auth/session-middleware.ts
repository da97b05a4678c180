import type { MiddlewareHandler } from 'hono';
import type { Session } from './sessions-repo.ts';
import { readSessionCookie } from './session-cookies.ts';

export type SessionEnv = { Variables: { session: Session; sessionToken: string } };

export type LoadSession = (token: string) => Promise<Session | undefined>;

/** Pages without a session go to the sign-in page; JSON and writes get a 401. */
export function requireSession(loadSession: LoadSession): MiddlewareHandler<SessionEnv> {
  return async (c, next) => {
    const token = readSessionCookie(c);
    const session = token ? await loadSession(token) : undefined;
    if (!session || !token) {
      const wantsHtml = c.req.method === 'GET' && (c.req.header('accept') ?? '').includes('text/html');
      return wantsHtml
        ? c.redirect('/?signin=required', 302)
        : c.json({ error: 'unauthenticated', message: 'Sign in first.' }, 401);
    }
    c.set('session', session);
    c.set('sessionToken', token);
    await next();
  };
}
