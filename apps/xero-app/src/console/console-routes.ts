import type { Result } from '@ledgerbridge/canonical';
import { type Context, Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { requireCsrf } from '../auth/csrf.ts';
import type { CookiePolicy } from '../auth/session-cookies.ts';
import { type LoadSession, requireSession, type SessionEnv } from '../auth/session-middleware.ts';
import type { ConnectOrderCloudInput } from '../connections/connect-ordercloud.ts';
import type { ApiKeyStore } from './api-keys.ts';
import type { ConsoleQueries } from './console-queries.ts';
import type { MappingStudio } from '../mapping/studio/studio-service.ts';
import type { DeadLetterConsole } from './dead-letters.ts';
import type { PendingTaxRates } from '../tax-rates/tax-rate-proposals.ts';
import type { RoutingConsole } from '../routing/routing-console.ts';
import { setFlash, takeFlash } from './flash.ts';
import { mountMappingStudio } from './mapping-studio-routes.ts';
import { createRoutingRoutes } from './routing-routes.ts';
import { apiKeysPage } from './views/api-keys-page.ts';
import { consoleCss, consoleJs } from './views/assets.ts';
import { deadLettersPage } from './views/dead-letters-page.ts';
import { environmentsPage } from './views/environments-page.ts';
import { errorPage } from './views/landing-page.ts';
import { orderPage, ordersPage } from './views/orders-page.ts';
import { ordercloudPage } from './views/ordercloud-page.ts';
import { organisationsPage } from './views/organisations-page.ts';
import { overviewPage } from './views/overview-page.ts';

type Actor = { workspaceId: string; actor: string };

export type ConsoleDeps = {
  readonly loadSession: LoadSession;
  readonly queries: ConsoleQueries;
  readonly deadLetters: Pick<DeadLetterConsole, 'list' | 'replay'>;
  readonly apiKeys: Pick<ApiKeyStore, 'create' | 'list' | 'revoke'>;
  readonly studio: MappingStudio;
  bindEnvironment(
    input: Actor & {
      environment: string;
      xeroConnectionId?: string | null;
      ordercloudConnectionId?: string | null;
      confirmed?: boolean;
    },
  ): Promise<Result<void>>;
  disconnectXero(input: Actor & { connectionId: string }): Promise<Result<unknown>>;
  connectOrderCloud(
    input: ConnectOrderCloudInput,
  ): Promise<Result<{ status: 'active' | 'broken'; message?: string }>>;
  repairOrderCloudWebhook(
    input: Actor & { connectionId: string },
  ): Promise<Result<{ repaired: boolean; drift: readonly string[] }>>;
  /** Tax rates an order waits for (US sales tax), created in Xero only when the merchant approves. */
  readonly taxRates?: {
    pending(input: { workspaceId: string; orderSyncId: string }): Promise<PendingTaxRates | undefined>;
    approve(input: Actor & { orderSyncId: string }): Promise<Result<{ count: number }>>;
  };
  /** Routing rules (one marketplace, several Xero organisations). */
  readonly routing?: RoutingConsole;
  readonly defaultOrderCloudApiUrl: string;
  readonly cookiePolicy: CookiePolicy;
  /** Origins forms may hand over to (Xero's login), for the CSP's form-action. */
  readonly formTargets: readonly string[];
  readonly clock?: () => Date;
};

/** The merchant console: server-rendered pages; every read and write scoped to the session's workspace. */
export function createConsoleRoutes(deps: ConsoleDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  const now = () => (deps.clock ?? (() => new Date()))();
  const policy = deps.cookiePolicy;

  app.get('/console/assets/console.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=300');
    return c.body(consoleCss);
  });
  app.get('/console/assets/console.js', (c) => {
    c.header('content-type', 'text/javascript; charset=utf-8');
    c.header('cache-control', 'public, max-age=300');
    return c.body(consoleJs);
  });

  app.use(
    '/console/*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'", ...deps.formTargets],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.use('/console', requireSession(deps.loadSession));
  app.use('/console/*', requireSession(deps.loadSession));
  app.use('/console/*', requireCsrf());

  const who = (c: Context<SessionEnv>): Actor => {
    const s = c.get('session');
    return { workspaceId: s.workspaceId, actor: s.userEmail || s.userId };
  };
  const notFound = (c: Context<SessionEnv>) =>
    c.html(errorPage({ title: 'Not found', message: 'There is nothing like that in this workspace.' }), 404);
  const back = (c: Context<SessionEnv>, to: string, result: Result<unknown>, okMessage: string) => {
    if (!result.ok && result.error.code === 'not-found') return notFound(c);
    setFlash(
      c,
      policy,
      result.ok ? { kind: 'ok', message: okMessage } : { kind: 'error', message: result.error.message },
    );
    return c.redirect(to, 303);
  };
  const form = async (c: Context<SessionEnv>) => {
    const body = await c.req.parseBody();
    return (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  };

  app.get('/console', async (c) => {
    const { workspaceId } = who(c);
    const [alerts, xero, ordercloud, environments] = await Promise.all([
      deps.queries.alerts(workspaceId),
      deps.queries.xeroConnections(workspaceId),
      deps.queries.ordercloudConnections(workspaceId),
      deps.queries.environments(workspaceId),
    ]);
    return c.html(
      overviewPage({
        session: c.get('session'),
        flash: takeFlash(c, policy),
        alerts,
        xero,
        ordercloud,
        environments,
        now: now(),
      }),
    );
  });

  app.get('/console/organisations', async (c) =>
    c.html(
      organisationsPage({
        session: c.get('session'),
        flash: takeFlash(c, policy),
        connections: await deps.queries.xeroConnections(who(c).workspaceId),
        now: now(),
      }),
    ),
  );
  app.post('/console/organisations/:id/disconnect', async (c) => {
    const result = await deps.disconnectXero({ ...who(c), connectionId: c.req.param('id') });
    return back(
      c,
      '/console/organisations',
      result,
      'Disconnected. Xero no longer lets Ledgerbridge use that organisation.',
    );
  });

  app.get('/console/environments', async (c) => {
    const { workspaceId } = who(c);
    const [environments, xero, ordercloud] = await Promise.all([
      deps.queries.environments(workspaceId),
      deps.queries.xeroConnections(workspaceId),
      deps.queries.ordercloudConnections(workspaceId),
    ]);
    return c.html(
      environmentsPage({
        session: c.get('session'),
        flash: takeFlash(c, policy),
        environments,
        xero,
        ordercloud,
        now: now(),
      }),
    );
  });
  app.post('/console/environments/:name', async (c) => {
    const field = await form(c);
    const name = c.req.param('name');
    const binding = {
      xeroConnectionId: field('xeroConnectionId') || null,
      ordercloudConnectionId: field('ordercloudConnectionId') || null,
    };
    const result = await deps.bindEnvironment({
      ...who(c),
      environment: name,
      ...binding,
      confirmed: field('confirmed') === 'yes',
    });
    if (!result.ok && result.error.code === 'needs-confirmation') {
      // Moving orders away from prod is never silent: the page asks, saying what stops syncing.
      const { workspaceId } = who(c);
      const [environments, xero, ordercloud] = await Promise.all([
        deps.queries.environments(workspaceId),
        deps.queries.xeroConnections(workspaceId),
        deps.queries.ordercloudConnections(workspaceId),
      ]);
      return c.html(
        environmentsPage({
          session: c.get('session'),
          flash: null,
          environments,
          xero,
          ordercloud,
          now: now(),
          confirm: { environment: name, message: result.error.message, ...binding },
        }),
        409,
      );
    }
    return back(c, '/console/environments', result, `Saved ${name}.`);
  });
  // The read-only page this replaced: old links land in the studio.
  app.get('/console/environments/:name/mapping', (c) =>
    c.redirect(`/console/mapping/${encodeURIComponent(c.req.param('name'))}`, 301),
  );

  app.get('/console/ordercloud', async (c) =>
    c.html(
      ordercloudPage({
        session: c.get('session'),
        flash: takeFlash(c, policy),
        connections: await deps.queries.ordercloudConnections(who(c).workspaceId),
        defaultApiUrl: deps.defaultOrderCloudApiUrl,
        now: now(),
      }),
    ),
  );
  app.post('/console/ordercloud', async (c) => {
    const field = await form(c);
    const environment = field('environment');
    const values = { name: field('name'), apiUrl: field('apiUrl'), clientId: field('clientId'), environment };
    const result = await deps.connectOrderCloud({
      ...who(c),
      ...values,
      clientSecret: field('clientSecret'),
      environment:
        environment === 'dev' || environment === 'qa' || environment === 'prod' ? environment : undefined,
    });
    if (!result.ok) {
      // The form comes back filled in (except the secret) with the reason, instead of a redirect.
      return c.html(
        ordercloudPage({
          session: c.get('session'),
          flash: { kind: 'error', message: result.error.message },
          connections: await deps.queries.ordercloudConnections(who(c).workspaceId),
          defaultApiUrl: deps.defaultOrderCloudApiUrl,
          values,
          now: now(),
        }),
        422,
      );
    }
    setFlash(
      c,
      policy,
      result.value.status === 'active'
        ? { kind: 'ok', message: 'Connected: credentials verified and webhook registered.' }
        : {
            kind: 'error',
            message: `Connected, but the webhook is not registered: ${result.value.message ?? ''}`,
          },
    );
    return c.redirect('/console/ordercloud', 303);
  });
  app.post('/console/ordercloud/:id/repair', async (c) => {
    const result = await deps.repairOrderCloudWebhook({ ...who(c), connectionId: c.req.param('id') });
    const message = result.ok
      ? result.value.repaired
        ? `Webhook repaired (${result.value.drift.join('; ')}).`
        : 'Webhook checked: it is registered as it should be.'
      : '';
    return back(c, '/console/ordercloud', result, message);
  });

  app.get('/console/orders', async (c) => {
    const search = (c.req.query('q') ?? '').slice(0, 100);
    const orders = await deps.queries.orders(who(c).workspaceId, { search: search || undefined });
    return c.html(ordersPage({ session: c.get('session'), orders, search, now: now() }));
  });
  app.get('/console/orders/:id', async (c) => {
    const found = await deps.queries.order(who(c).workspaceId, c.req.param('id'));
    if (!found) return notFound(c);
    const taxRates = await deps.taxRates?.pending({
      workspaceId: who(c).workspaceId,
      orderSyncId: found.order.id,
    });
    return c.html(
      orderPage({
        session: c.get('session'),
        flash: takeFlash(c, policy),
        ...found,
        ...(taxRates ? { taxRateProposals: taxRates.proposals } : {}),
      }),
    );
  });
  app.post('/console/orders/:id/tax-rates', async (c) => {
    if (!deps.taxRates) return notFound(c);
    const id = c.req.param('id');
    const result = await deps.taxRates.approve({ ...who(c), orderSyncId: id });
    return back(
      c,
      `/console/orders/${encodeURIComponent(id)}`,
      result,
      'Approved: the tax rates are being created in Xero; the order follows.',
    );
  });

  app.get('/console/dead-letters', async (c) =>
    c.html(
      deadLettersPage({
        session: c.get('session'),
        flash: takeFlash(c, policy),
        letters: await deps.deadLetters.list(who(c).workspaceId),
      }),
    ),
  );
  app.post('/console/dead-letters/:id/replay', async (c) => {
    const result = await deps.deadLetters.replay({ ...who(c), id: c.req.param('id') });
    return back(c, '/console/dead-letters', result, 'Replayed: the job is back on its queue.');
  });

  app.get('/console/api-keys', async (c) =>
    c.html(
      apiKeysPage({
        session: c.get('session'),
        flash: takeFlash(c, policy),
        keys: await deps.apiKeys.list(who(c).workspaceId),
      }),
    ),
  );
  app.post('/console/api-keys', async (c) => {
    const field = await form(c);
    const name = field('name').slice(0, 100) || 'Sitecore';
    const created = await deps.apiKeys.create({ ...who(c), name });
    // Rendered, not redirected: the key exists only in this response.
    c.header('cache-control', 'no-store');
    return c.html(
      apiKeysPage({
        session: c.get('session'),
        flash: null,
        keys: await deps.apiKeys.list(who(c).workspaceId),
        created: { name, key: created.key },
      }),
      201,
    );
  });
  app.post('/console/api-keys/:id/revoke', async (c) => {
    const revoked = await deps.apiKeys.revoke({ ...who(c), id: c.req.param('id') });
    if (!revoked) return notFound(c);
    setFlash(c, policy, { kind: 'ok', message: 'Key revoked.' });
    return c.redirect('/console/api-keys', 303);
  });

  mountMappingStudio(app, { studio: deps.studio, policy, now, who, notFound });
  if (deps.routing) app.route('/', createRoutingRoutes({ routing: deps.routing, cookiePolicy: policy }));

  return app;
}
