import { type Context, Hono } from 'hono';
import { readForm } from '../http/read-form.ts';
import { secureHeaders } from 'hono/secure-headers';
import { requireCsrf } from '../auth/csrf.ts';
import type { CookiePolicy } from '../auth/session-cookies.ts';
import { type LoadSession, requireSession, type SessionEnv } from '../auth/session-middleware.ts';
import { takeFlash } from '../console/flash.ts';
import type { SitecoreSiteView } from './sitecore-sites-repo.ts';
import { type CreatedSite, sitecorePage } from './sitecore-site-page.ts';

export type SitecoreConsoleDeps = {
  readonly loadSession: LoadSession;
  readonly cookiePolicy: CookiePolicy;
  readonly publicUrl: string;
  listSites(workspaceId: string): Promise<SitecoreSiteView[]>;
  environments(workspaceId: string): Promise<Array<{ id: string; name: string; ready: boolean }>>;
  createSite(input: {
    workspaceId: string;
    actor: string;
    name: string;
    environmentId: string;
  }): Promise<{ id: string; apiKey: string; signingSecret: string } | undefined>;
};

/** /console/sitecore: connect a Sitecore site (API key + signing secret) and show the env to paste. */
export function createSitecoreConsoleRoutes(deps: SitecoreConsoleDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  app.use(
    '/console/sitecore',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.use('/console/sitecore', requireSession(deps.loadSession));
  app.use('/console/sitecore', requireCsrf());

  const render = async (c: Context<SessionEnv>, created?: CreatedSite) => {
    const session = c.get('session');
    return sitecorePage({
      session,
      flash: created ? null : takeFlash(c, deps.cookiePolicy),
      sites: await deps.listSites(session.workspaceId),
      environments: await deps.environments(session.workspaceId),
      created: created ?? null,
    });
  };

  app.get('/console/sitecore', async (c) => c.html(await render(c)));
  app.post('/console/sitecore', async (c) => {
    const session = c.get('session');
    const body = await readForm(c);
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    const name = text('name').trim().slice(0, 100) || 'Sitecore site';
    const created = await deps.createSite({
      workspaceId: session.workspaceId,
      actor: session.userEmail || session.userId,
      name,
      environmentId: text('environment'),
    });
    if (!created) return c.html(await render(c), 400);
    // Rendered, not redirected: the key and the secret exist only in this response.
    c.header('cache-control', 'no-store');
    return c.html(
      await render(c, {
        id: created.id,
        name,
        apiKey: created.apiKey,
        signingSecret: created.signingSecret,
        workspaceId: session.workspaceId,
        appUrl: deps.publicUrl,
      }),
      201,
    );
  });
  return app;
}
