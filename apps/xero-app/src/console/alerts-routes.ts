import { type Context, Hono } from 'hono';
import type { AlertsConsole } from '../alerts/alerts-console.ts';
import { alertKinds } from '../alerts/alert-kinds.ts';
import type { AlertSettings } from '../alerts/alert-settings.ts';
import type { CookiePolicy } from '../auth/session-cookies.ts';
import type { SessionEnv } from '../auth/session-middleware.ts';
import { readForm } from '../http/read-form.ts';
import { setFlash, takeFlash } from './flash.ts';
import { alertsPage } from './views/alerts-page.ts';

/** What the merchant typed, shown again after a refusal (numbers that do not parse keep the saved ones). */
function asTyped(
  form: {
    webhookUrl: string;
    emailTo: string;
    events: string[];
    quietMinutes: string;
    attentionThreshold: string;
  },
  saved: AlertSettings,
): AlertSettings {
  const whole = (value: string, fallback: number) => (/^\d{1,5}$/.test(value) ? Number(value) : fallback);
  return {
    webhookUrl: form.webhookUrl || null,
    emailTo: form.emailTo ? [form.emailTo] : [],
    events: alertKinds.filter((k) => form.events.includes(k)),
    quietMinutes: whole(form.quietMinutes, saved.quietMinutes),
    attentionThreshold: whole(form.attentionThreshold, saved.attentionThreshold),
  };
}

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
    const form = {
      webhookUrl: text('webhookUrl').slice(0, 2000),
      emailTo: text('emailTo').slice(0, 1300),
      events,
      quietMinutes: text('quietMinutes'),
      attentionThreshold: text('attentionThreshold'),
    };
    const result = await deps.alerts.save({ ...who(c), form });
    if (result.ok) return done(c, result, 'Alert settings saved.');
    // Refused: the form comes back as typed, with the reason, so nothing has to be entered again.
    const data = await deps.alerts.page(who(c).workspaceId);
    return c.html(
      alertsPage({
        session: c.get('session'),
        flash: { kind: 'error', message: result.error.message },
        data: { ...data, settings: asTyped(form, data.settings) },
      }),
      400,
    );
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
