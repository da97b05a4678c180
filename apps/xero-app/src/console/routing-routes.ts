import { type Context, Hono } from 'hono';
import { readForm } from '../http/read-form.ts';
import type { CookiePolicy } from '../auth/session-cookies.ts';
import type { SessionEnv } from '../auth/session-middleware.ts';
import type { RoutingConsole } from '../routing/routing-console.ts';
import { setFlash, takeFlash } from './flash.ts';
import { errorPage } from './views/landing-page.ts';
import { routingPage } from './views/routing-page.ts';

/** Routing rules in the console; mounted inside the console routes (session and CSRF already checked). */
export function createRoutingRoutes(deps: {
  routing: RoutingConsole;
  cookiePolicy: CookiePolicy;
}): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  const who = (c: Context<SessionEnv>) => {
    const s = c.get('session');
    return { workspaceId: s.workspaceId, actor: s.userEmail || s.userId };
  };
  const field = async (c: Context<SessionEnv>) => {
    const body = await readForm(c);
    return (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  };
  const notFound = (c: Context<SessionEnv>) =>
    c.html(errorPage({ title: 'Not found', message: 'There is nothing like that in this workspace.' }), 404);
  const environmentName = (value: string) => (['dev', 'qa', 'prod'].includes(value) ? value : 'prod');
  const backTo = (env: string) => `/console/environments/${environmentName(env)}/routing`;

  app.get('/console/environments/:name/routing', async (c) => {
    const data = await deps.routing.page(who(c).workspaceId, c.req.param('name'));
    if (!data) return notFound(c);
    return c.html(routingPage({ session: c.get('session'), flash: takeFlash(c, deps.cookiePolicy), data }));
  });
  app.post('/console/environments/:name/routing', async (c) => {
    const f = await field(c);
    const name = c.req.param('name');
    const result = await deps.routing.add({
      ...who(c),
      environment: name,
      name: f('name').slice(0, 100),
      kind: f('kind'),
      value: f('value').slice(0, 500),
      xeroConnectionId: f('xeroConnectionId'),
    });
    setFlash(
      c,
      deps.cookiePolicy,
      result.ok ? { kind: 'ok', message: 'Rule added.' } : { kind: 'error', message: result.error.message },
    );
    return c.redirect(backTo(name), 303);
  });
  app.post('/console/environments/:name/routing/test', async (c) => {
    const f = await field(c);
    const name = c.req.param('name');
    const data = await deps.routing.page(who(c).workspaceId, name);
    if (!data) return notFound(c);
    const test = await deps.routing.test({
      workspaceId: who(c).workspaceId,
      environment: name,
      orderId: f('orderId').slice(0, 100),
    });
    return c.html(
      routingPage({
        session: c.get('session'),
        flash: test.ok ? null : { kind: 'error', message: test.error.message },
        data,
        ...(test.ok ? { test: test.value } : {}),
      }),
      test.ok ? 200 : 422,
    );
  });
  app.post('/console/routing/:id/move', async (c) => {
    const f = await field(c);
    const result = await deps.routing.move({
      ...who(c),
      ruleId: c.req.param('id'),
      direction: f('direction') === 'up' ? 'up' : 'down',
    });
    if (!result.ok) return notFound(c);
    return c.redirect(backTo(f('environment')), 303);
  });
  app.post('/console/routing/:id/delete', async (c) => {
    const f = await field(c);
    const result = await deps.routing.remove({ ...who(c), ruleId: c.req.param('id') });
    if (!result.ok) return notFound(c);
    setFlash(c, deps.cookiePolicy, { kind: 'ok', message: 'Rule deleted.' });
    return c.redirect(backTo(f('environment')), 303);
  });
  return app;
}
