import { type Context, Hono } from 'hono';
import type { AlertsConsole } from '../alerts/alerts-console.ts';
import type { CookiePolicy } from '../auth/session-cookies.ts';
import type { SessionEnv } from '../auth/session-middleware.ts';
import { readForm } from '../http/read-form.ts';
import { setFlash, takeFlash } from './flash.ts';
import { alertsPage } from './views/alerts-page.ts';

/** The alerts page; mounted inside the console routes (session and CSRF already checked). */
export function createAlertsRoutes(deps: {
  alerts: AlertsConsole;
  cookiePolicy: CookiePolicy;
}): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  const policy = deps.cookiePolicy;
  const who = (c: Context<SessionEnv>) => {
    const s = c.get('session');
    return { workspaceId: s.workspaceId, actor: s.userEmail || s.userId };
  };
  const done = (
    c: Context<SessionEnv>,
    result: { ok: true } | { ok: false; error: { message: string } },
    message: string,
  ) => {
    setFlash(
      c,
      policy,
      result.ok ? { kind: 'ok', message } : { kind: 'error', message: result.error.message },
    );
    return c.redirect('/console/alerts', 303);
  };

  app.get('/console/alerts', async (c) =>
    c.html(
      alertsPage({
        session: c.get('session'),
        flash: takeFlash(c, policy),
        data: await deps.alerts.page(who(c).workspaceId),
      }),
    ),
  );
  app.post('/console/alerts', async (c) => {
    const body = await readForm(c, { all: true });
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    const raw = body.events;
    const events = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
    const result = await deps.alerts.save({
      ...who(c),
      form: {
        webhookUrl: text('webhookUrl'),
        emailTo: text('emailTo'),
        events,
        quietMinutes: text('quietMinutes'),
        attentionThreshold: text('attentionThreshold'),
      },
    });
    return done(c, result, 'Alert settings saved.');
  });
  app.post('/console/alerts/test', async (c) => {
    const result = await deps.alerts.test(who(c));
    if (!result.ok) return done(c, result, '');
    const failed = result.value.filter((o) => !o.ok);
    return done(
      c,
      failed.length === 0
        ? { ok: true }
        : {
            ok: false,
            error: {
              message: `Test alert not delivered: ${failed.map((o) => `${o.channel}: ${o.detail}`).join('; ')}`,
            },
          },
      `Test alert delivered (${result.value.map((o) => `${o.channel}: ${o.detail}`).join('; ')}).`,
    );
  });
  app.post('/console/alerts/rotate-secret', async (c) =>
    done(c, await deps.alerts.rotateSecret(who(c)), 'New signing secret made; the old one no longer signs.'),
  );
  return app;
}
