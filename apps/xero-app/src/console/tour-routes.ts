import { type Context, Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import type { CookiePolicy } from '../auth/session-cookies.ts';
import type { SessionEnv } from '../auth/session-middleware.ts';
import { type DemoTour, isTourAction, TOUR_COOKIE } from './demo-tour.ts';
import { setFlash } from './flash.ts';

/** The demo tour's controls and its dismissal; mounted inside the console routes (session and CSRF checked). */
export function createTourRoutes(deps: { tour: DemoTour; cookiePolicy: CookiePolicy }): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  const policy = deps.cookiePolicy;
  app.post('/console/tour/dismiss', (c: Context<SessionEnv>) => {
    setCookie(c, TOUR_COOKIE, 'dismissed', {
      httpOnly: true,
      secure: policy.secure,
      sameSite: 'Lax',
      path: '/console',
      maxAge: 365 * 86_400,
    });
    setFlash(c, policy, { kind: 'ok', message: 'Tour dismissed. /console?tour=1 brings it back.' });
    return c.redirect('/console', 303);
  });
  app.post('/console/tour/:action', async (c) => {
    const action = c.req.param('action');
    if (!isTourAction(action)) return c.notFound();
    try {
      setFlash(c, policy, { kind: 'ok', message: await deps.tour.actions[action]() });
    } catch (error) {
      setFlash(c, policy, {
        kind: 'error',
        message: `The sandbox did not take it: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
    return c.redirect('/console', 303);
  });
  return app;
}
