import { isUuid } from '../connections/uuid.ts';
import type { Result } from '@ledgerbridge/canonical';
import { type Context, Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { requireCsrf } from '../auth/csrf.ts';
import type { CookiePolicy } from '../auth/session-cookies.ts';
import { type LoadSession, requireSession, type SessionEnv } from '../auth/session-middleware.ts';
import type { ConnectOrderCloudInput } from '../connections/connect-ordercloud.ts';
import { readForm } from '../http/read-form.ts';
import type { ApiKeyStore } from './api-keys.ts';
import type { ConsoleQueries } from './console-queries.ts';
import type { MappingStudio } from '../mapping/studio/studio-service.ts';
import type { DeadLetterConsole } from './dead-letters.ts';
import type { PendingTaxRates } from '../tax-rates/tax-rate-proposals.ts';
import type { RoutingConsole } from '../routing/routing-console.ts';
import { setFlash, takeFlash } from './flash.ts';
import type { AttentionRow } from '../attention/attention-repo.ts';
import type { ReportRow } from '../reconciliation/reports-repo.ts';
import { findingsCsv } from '../reconciliation/three-way.ts';
import { type BackfillView, backfillPage } from './views/backfill-page.ts';
import { reconciliationPage, reportPage } from './views/reconciliation-page.ts';
import { mountMappingStudio } from './mapping-studio-routes.ts';
import { createRoutingRoutes } from './routing-routes.ts';
import { createAlertsRoutes } from './alerts-routes.ts';
import { type CatalogConsole, createCatalogRoutes } from './catalog-routes.ts';
import { getCookie } from 'hono/cookie';
import { type DemoTour, TOUR_COOKIE } from './demo-tour.ts';
import { createTourRoutes } from './tour-routes.ts';
import type { AlertsConsole } from '../alerts/alerts-console.ts';
import { apiKeysPage } from './views/api-keys-page.ts';
import { attentionPage } from './views/attention-page.ts';
import type { DashboardView } from './views/dashboard-sections.ts';
import { consoleCss, consoleJs } from './views/assets.ts';
import { deadLettersPage } from './views/dead-letters-page.ts';
import { catalogConflictsPage } from './views/catalog-conflicts-page.ts';
import { duplicateContactsPage, type DuplicatesView } from './views/duplicate-contacts-page.ts';
import type { CatalogConflictRow } from '../sync/catalog/catalog-conflicts-repo.ts';
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
  readonly deadLetters: Pick<DeadLetterConsole, 'list' | 'replay'> &
    Partial<Pick<DeadLetterConsole, 'replayAll' | 'skip'>>;
  /** Values the catalog's field-ownership rule overwrote (products and their Xero items). */
  readonly catalogConflicts?: { list(workspaceId: string): Promise<CatalogConflictRow[]> };
  /** The catalog's first-connect match review and the choice per conflict; absent, neither page acts. */
  readonly catalog?: CatalogConsole;
  /** Xero contacts that look like one customer, per organisation, from the local contact index. */
  readonly duplicateContacts?: (workspaceId: string) => Promise<DuplicatesView[]>;
  /** How long failing work is retried before it becomes a dead letter, in words. */
  readonly retryWindow?: string;
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
  /** The dashboard of the overview (charts, gauges, banners); absent, the overview shows connections only. */
  readonly dashboard?: (workspaceId: string) => Promise<DashboardView>;
  readonly attention?: {
    list(input: { workspaceId: string; reason?: string }): Promise<AttentionRow[]>;
    counts(workspaceId: string): Promise<ReadonlyMap<string, number>>;
    retry(input: Actor & { ids?: string[]; reason?: string }): Promise<Result<{ retried: number }>>;
  };
  readonly backfill?: {
    list(workspaceId: string): Promise<BackfillView[]>;
    plan(input: Actor & { from: string; to: string }): Promise<Result<{ id: string }>>;
    change(input: Actor & { id: string; action: 'start' | 'cancel' }): Promise<Result<void>>;
  };
  readonly reconciliation?: {
    list(workspaceId: string): Promise<ReportRow[]>;
    find(input: { workspaceId: string; id: string }): Promise<ReportRow | undefined>;
    request(input: Actor & { from: string; to: string }): Promise<Result<{ id: string }>>;
    heal(input: Actor & { reportId: string; index?: number }): Promise<Result<{ healed: number }>>;
  };
  /** The demo's guided tour with its sandbox controls (only `pnpm demo` has one). */
  readonly tour?: DemoTour;
  /** Alert destinations, events and the alert log; absent, no alerts page. */
  readonly alerts?: AlertsConsole;
  /** Where the merchant's Xero is opened (fix links); https://go.xero.com. */
  readonly xeroAppUrl?: string;
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
      // HSTS comes from the app-wide headers, and only when PUBLIC_URL is https.
      strictTransportSecurity: false,
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
  /** What every page shows around its content: who is signed in, and the message a form post left. */
  const frame = (c: Context<SessionEnv>) => ({ session: c.get('session'), flash: takeFlash(c, policy) });
  const failTo = (c: Context<SessionEnv>, to: string, message: string) => {
    setFlash(c, policy, { kind: 'error', message });
    return c.redirect(to, 303);
  };
  const form = async (c: Context<SessionEnv>) => {
    const body = await readForm(c);
    return (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  };

  app.get('/console', async (c) => {
    const { workspaceId } = who(c);
    const [alerts, xero, ordercloud, environments, dashboard, catalogReviews] = await Promise.all([
      deps.queries.alerts(workspaceId),
      deps.queries.xeroConnections(workspaceId),
      deps.queries.ordercloudConnections(workspaceId),
      deps.queries.environments(workspaceId),
      deps.dashboard?.(workspaceId),
      deps.queries.catalogReviewNotices(workspaceId),
    ]);
    return c.html(
      overviewPage({
        ...frame(c),
        alerts,
        catalogReviews,
        xero,
        ordercloud,
        environments,
        ...(dashboard ? { dashboard } : {}),
        ...(deps.tour && (c.req.query('tour') === '1' || getCookie(c, TOUR_COOKIE) !== 'dismissed')
          ? { tour: deps.tour }
          : {}),
        now: now(),
      }),
    );
  });

  app.get('/console/attention', async (c) => {
    if (!deps.attention) return notFound(c);
    const { workspaceId } = who(c);
    const reason = (c.req.query('reason') ?? '').slice(0, 40);
    const [rows, counts] = await Promise.all([
      deps.attention.list({ workspaceId, ...(reason ? { reason } : {}) }),
      deps.attention.counts(workspaceId),
    ]);
    return c.html(
      attentionPage({
        ...frame(c),
        rows,
        counts,
        reason,
        xeroAppUrl: deps.xeroAppUrl ?? 'https://go.xero.com',
      }),
    );
  });
  app.post('/console/attention/retry', async (c) => {
    if (!deps.attention) return notFound(c);
    const field = await form(c);
    const id = field('id');
    const reason = field('reason').slice(0, 40);
    if (!id && !reason)
      return back(c, '/console/attention', { ok: true, value: undefined }, 'Nothing chosen.');
    const result = await deps.attention.retry({ ...who(c), ...(id ? { ids: [id] } : { reason }) });
    const to =
      field('back') === 'order' && id
        ? `/console/orders/${id}`
        : `/console/attention${reason ? `?reason=${encodeURIComponent(reason)}` : ''}`;
    if (!result.ok && result.error.code === 'not-found') return failTo(c, to, result.error.message);
    const n = result.ok ? result.value.retried : 0;
    return back(
      c,
      to,
      result,
      `Retrying ${n} order${n === 1 ? '' : 's'}: each is checked against Xero again and posted if it passes.`,
    );
  });

  const today = () => now().toISOString().slice(0, 10);
  app.get('/console/backfill', async (c) => {
    if (!deps.backfill) return notFound(c);
    return c.html(
      backfillPage({
        ...frame(c),
        imports: await deps.backfill.list(who(c).workspaceId),
        today: today(),
      }),
    );
  });
  app.post('/console/backfill', async (c) => {
    if (!deps.backfill) return notFound(c);
    const field = await form(c);
    const result = await deps.backfill.plan({ ...who(c), from: field('from'), to: field('to') });
    return back(c, '/console/backfill', result, 'Dry run done: check the figures, then start the import.');
  });
  app.post('/console/backfill/:id/:action{start|cancel}', async (c) => {
    if (!deps.backfill || !isUuid(c.req.param('id'))) return notFound(c);
    const action = c.req.param('action') === 'start' ? 'start' : 'cancel';
    const result = await deps.backfill.change({ ...who(c), id: c.req.param('id'), action });
    return back(c, '/console/backfill', result, action === 'start' ? 'Import started.' : 'Import stopped.');
  });

  app.get('/console/reconciliation', async (c) => {
    if (!deps.reconciliation) return notFound(c);
    return c.html(
      reconciliationPage({
        ...frame(c),
        reports: await deps.reconciliation.list(who(c).workspaceId),
        today: today(),
      }),
    );
  });
  app.post('/console/reconciliation', async (c) => {
    if (!deps.reconciliation) return notFound(c);
    const field = await form(c);
    const result = await deps.reconciliation.request({ ...who(c), from: field('from'), to: field('to') });
    if (!result.ok) return back(c, '/console/reconciliation', result, '');
    setFlash(c, policy, {
      kind: 'ok',
      message: 'Report requested: it fills in as soon as the worker has compared.',
    });
    return c.redirect(`/console/reconciliation/${result.value.id}`, 303);
  });
  const findReport = async (c: Context<SessionEnv>) => {
    const id = c.req.param('id');
    return id && isUuid(id) ? deps.reconciliation?.find({ workspaceId: who(c).workspaceId, id }) : undefined;
  };
  app.get('/console/reconciliation/:id', async (c) => {
    const report = await findReport(c);
    if (!report) return notFound(c);
    return c.html(reportPage({ ...frame(c), report }));
  });
  app.get('/console/reconciliation/:id/findings.csv', async (c) => {
    const report = await findReport(c);
    if (!report) return notFound(c);
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `attachment; filename="reconciliation-${report.from}-${report.to}.csv"`);
    return c.body(findingsCsv(report.findings));
  });
  app.post('/console/reconciliation/:id/heal', async (c) => {
    if (!deps.reconciliation || !isUuid(c.req.param('id'))) return notFound(c);
    const field = await form(c);
    const index = field('index') === '' ? undefined : Number(field('index'));
    const to = `/console/reconciliation/${c.req.param('id')}`;
    const result = await deps.reconciliation.heal({
      ...who(c),
      reportId: c.req.param('id'),
      ...(index !== undefined && Number.isInteger(index) ? { index } : {}),
    });
    const n = result.ok ? result.value.healed : 0;
    return back(
      c,
      to,
      result,
      `Healing ${n} finding${n === 1 ? '' : 's'}: run the report again in a minute to see them gone.`,
    );
  });

  app.get('/console/organisations', async (c) =>
    c.html(
      organisationsPage({
        ...frame(c),
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

  // The environments and the connections they can bind, as the environments page lists them.
  const environmentsView = async (c: Context<SessionEnv>) => {
    const { workspaceId } = who(c);
    const [environments, xero, ordercloud] = await Promise.all([
      deps.queries.environments(workspaceId),
      deps.queries.xeroConnections(workspaceId),
      deps.queries.ordercloudConnections(workspaceId),
    ]);
    return { environments, xero, ordercloud };
  };
  app.get('/console/environments', async (c) => {
    const view = await environmentsView(c);
    return c.html(environmentsPage({ ...frame(c), ...view, now: now() }));
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
      const view = await environmentsView(c);
      return c.html(
        environmentsPage({
          session: c.get('session'),
          flash: null,
          ...view,
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

  // The marketplaces connected so far, and the API URL the connect form starts from.
  const ordercloudView = async (c: Context<SessionEnv>) => ({
    connections: await deps.queries.ordercloudConnections(who(c).workspaceId),
    defaultApiUrl: deps.defaultOrderCloudApiUrl,
    now: now(),
  });
  app.get('/console/ordercloud', async (c) =>
    c.html(ordercloudPage({ ...frame(c), ...(await ordercloudView(c)) })),
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
          ...(await ordercloudView(c)),
          values,
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
    const q = (name: string, max = 100) => (c.req.query(name) ?? '').slice(0, max);
    const day = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '');
    const filters = {
      search: q('q'),
      status: q('status', 20),
      reason: q('reason', 40),
      connectionId: q('org', 40),
      from: day(q('from', 10)),
      to: day(q('to', 10)),
    };
    const page = Number.parseInt(q('page', 6), 10) || 1;
    const { workspaceId } = who(c);
    const [result, environments] = await Promise.all([
      deps.queries.ordersPage(workspaceId, {
        page,
        ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '')),
      }),
      deps.queries.environments(workspaceId),
    ]);
    return c.html(
      ordersPage({
        session: c.get('session'),
        orders: result.rows,
        search: filters.search,
        filters,
        total: result.total,
        page: result.page,
        pageSize: result.pageSize,
        organisations: environments
          .filter((e) => e.ordercloudConnectionId)
          .map((e) => ({
            id: e.ordercloudConnectionId ?? '',
            name: `${e.tenantName ?? 'no organisation'} · ${e.ordercloudName ?? ''} (${e.name})`,
          })),
        now: now(),
      }),
    );
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
        ...frame(c),
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

  app.get('/console/catalog/conflicts', async (c) => {
    if (!deps.catalogConflicts) return notFound(c);
    return c.html(
      catalogConflictsPage({
        ...frame(c),
        conflicts: await deps.catalogConflicts.list(who(c).workspaceId),
        catalogReviews: await deps.queries.catalogReviewNotices(who(c).workspaceId),
      }),
    );
  });

  app.get('/console/catalog/duplicates', async (c) => {
    if (!deps.duplicateContacts) return notFound(c);
    return c.html(
      duplicateContactsPage({
        session: c.get('session'),
        organisations: await deps.duplicateContacts(who(c).workspaceId),
        xeroAppUrl: deps.xeroAppUrl ?? 'https://go.xero.com',
      }),
    );
  });

  app.get('/console/dead-letters', async (c) =>
    c.html(
      deadLettersPage({
        ...frame(c),
        letters: await deps.deadLetters.list(who(c).workspaceId),
        ...(deps.retryWindow ? { retryWindow: deps.retryWindow } : {}),
      }),
    ),
  );
  app.post('/console/dead-letters/replay-all', async (c) => {
    if (!deps.deadLetters.replayAll) return notFound(c);
    const body = await readForm(c, { all: true });
    const picked = ([] as unknown[]).concat(body.id ?? []).filter((v): v is string => typeof v === 'string');
    const result = await deps.deadLetters.replayAll({
      ...who(c),
      ...(picked.length > 0 ? { ids: picked } : {}),
    });
    const n = result.ok ? result.value.replayed : 0;
    return back(c, '/console/dead-letters', result, `Replayed ${n}: back on their queues.`);
  });
  app.post('/console/dead-letters/:id/skip', async (c) => {
    if (!deps.deadLetters.skip) return notFound(c);
    const field = await form(c);
    const result = await deps.deadLetters.skip({ ...who(c), id: c.req.param('id'), reason: field('reason') });
    if (!result.ok && result.error.code === 'invalid')
      return failTo(c, '/console/dead-letters', result.error.message);
    return back(c, '/console/dead-letters', result, 'Skipped; the reason is in the audit log.');
  });
  app.post('/console/dead-letters/:id/replay', async (c) => {
    const result = await deps.deadLetters.replay({ ...who(c), id: c.req.param('id') });
    return back(c, '/console/dead-letters', result, 'Replayed: the job is back on its queue.');
  });

  app.get('/console/api-keys', async (c) =>
    c.html(
      apiKeysPage({
        ...frame(c),
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
  if (deps.catalog) app.route('/', createCatalogRoutes({ catalog: deps.catalog, cookiePolicy: policy }));
  if (deps.alerts) app.route('/', createAlertsRoutes({ alerts: deps.alerts, cookiePolicy: policy }));
  if (deps.tour) app.route('/', createTourRoutes({ tour: deps.tour, cookiePolicy: policy }));

  return app;
}
