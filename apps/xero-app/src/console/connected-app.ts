import { indexedContactsByOrganisation } from '../sync/customers/duplicate-contacts-repo.ts';
import { duplicateGroups } from '../sync/customers/duplicate-contacts.ts';
import { listConflicts } from '../sync/catalog/catalog-conflicts-repo.ts';
import { createCatalogConsole } from './catalog-console.ts';
import {
  type AccountingTarget,
  type CommerceSource,
  fail,
  ok,
  permanent,
  type XeroIdentity,
} from '@ledgerbridge/canonical';
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { createAuthRoutes } from '../auth/auth-routes.ts';
import { completeXeroOAuth } from '../auth/complete-xero-oauth.ts';
import { createOAuthStateCodec } from '../auth/oauth-state.ts';
import { cookiePolicyFor } from '../auth/session-cookies.ts';
import { createSession, deleteSession, findSession } from '../auth/sessions-repo.ts';
import {
  type AccessTokenInvalidation,
  type AccessTokenProvider,
  createAccessTokenProvider,
} from '../connections/access-token-provider.ts';
import { connectOrderCloud } from '../connections/connect-ordercloud.ts';
import { disconnectXero } from '../connections/disconnect-xero.ts';
import type { OrderCloudAdmin } from '../connections/ordercloud-admin.ts';
import { repairOrderCloudWebhook } from '../connections/repair-ordercloud-webhook.ts';
import { saveXeroAuthorisation } from '../connections/save-xero-authorisation.ts';
import type { Keyring } from '../crypto/keyring.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { AppConfig } from '../env.ts';
import type { Logger } from '../observability/logger.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { queueNames } from '../queue/queue-names.ts';
import { createRoutingConsole } from '../routing/routing-console.ts';
import { approveTaxRates, pendingTaxRates } from '../tax-rates/tax-rate-proposals.ts';
import { createExtensionApiRoutes } from '../storefront/extension-api-routes.ts';
import { describeProductItem } from '../storefront/product-item-status.ts';
import { findProductItemFacts } from '../storefront/product-items-repo.ts';
import { createInvoicePdfs, type InvoicePdfSource } from '../storefront/invoice-pdf.ts';
import {
  extensionSyncHealth,
  listExtensionOrders,
  retryExtensionOrder,
} from '../storefront/extension-orders.ts';
import { findOrderStatus } from '../storefront/order-status.ts';
import { createOrderStatusTokens } from '../storefront/order-status-token.ts';
import { createStorefrontRoutes } from '../storefront/storefront-routes.ts';
import { createSitecoreConsoleRoutes } from '../sitecore/sitecore-console-routes.ts';
import { createSitecoreSite, listSitecoreSites, siteEnvironments } from '../sitecore/sitecore-sites-repo.ts';
import { receiveXeroEvents } from '../xero-webhooks/receive-xero-events.ts';
import { createXeroWebhookRoute } from '../xero-webhooks/xero-webhook-route.ts';
import { createApiKeyStore } from './api-keys.ts';
import { bindEnvironment } from './bind-environment.ts';
import { countAttentionByReason, listAttention } from '../attention/attention-repo.ts';
import { retryOrders } from '../attention/retry-orders.ts';
import { createDashboardLoader } from '../dashboard/load-dashboard.ts';
import { defaultRetryPolicy } from '../queue/job-queue.ts';
import { describeRetryWindow } from '../queue/retry-window.ts';
import type { SyncEvent } from '@ledgerbridge/canonical';
import { backfillEta } from '../backfill/backfill-estimate.ts';
import { listBackfills } from '../backfill/backfill-repo.ts';
import { planBackfill } from '../backfill/plan-backfill.ts';
import { changeBackfill } from '../backfill/start-backfill.ts';
import { dayLimitOf } from '../dashboard/budget-reads.ts';
import { healFindings } from '../reconciliation/heal-finding.ts';
import { createReport, findReport, listReports } from '../reconciliation/reports-repo.ts';
import { createConsoleQueries } from './console-queries.ts';
import { createConsoleRoutes } from './console-routes.ts';
import { createStudioOrdersRepo } from '../mapping/studio/studio-orders-repo.ts';
import { createMappingStudio } from '../mapping/studio/studio-service.ts';
import type { ExplanationPhraser } from '../mapping/suggest/explanation-phraser.ts';
import { createVersionsRepo } from '../mapping/studio/versions-repo.ts';
import { referenceData } from '../sync/reference-cache.ts';
import { createDeadLetterConsole } from './dead-letters.ts';
import type { AlertsConsole } from '../alerts/alerts-console.ts';
import type { DemoTour } from './demo-tour.ts';

export type ConnectedAppConfig = Pick<
  AppConfig,
  | 'PUBLIC_URL'
  | 'SESSION_SECRET'
  | 'XERO_SCOPES'
  | 'XERO_WEBHOOK_KEY'
  | 'XERO_DAILY_LIMIT'
  | 'XERO_MINUTE_MS'
  | 'XERO_LOGIN_URL'
  | 'ORDERCLOUD_API_URL'
  | 'STATUS_LINK_DAYS'
> &
  Partial<Pick<AppConfig, 'XERO_APP_URL' | 'JOB_RETRY_LIMIT' | 'JOB_RETRY_MAX_DELAY_SECONDS'>>;

/**
 * Wiring of the connected app (sign-in, connections, Xero webhooks, console, storefront and extension
 * APIs): repositories and use cases built over the database and the ports the composition root gives.
 * The routes themselves only ever see functions.
 */
export function createConnectedApp(deps: {
  db: Kysely<DatabaseSchema>;
  queue: Pick<JobQueue, 'enqueue' | 'enqueueMany' | 'deadLetters' | 'deleteDeadLetter' | 'wake'>;
  identity: XeroIdentity;
  orderCloudAdmin: OrderCloudAdmin;
  keyring: Keyring;
  config: ConnectedAppConfig;
  logger: Pick<Logger, 'error'>;
  /** Reads an order as the sync sees it (for testing routing rules in the console). */
  orderFor?: (input: { connectionId: string; orderId: string }) => ReturnType<CommerceSource['getOrder']>;
  /** Reads of OrderCloud for the console (the history import's dry run); without it, no import. */
  commerceFor?: (connectionId: string) => Promise<CommerceSource>;
  /** Xero and OrderCloud for the mapping studio (pick-lists, previews); without them it reads the cache only. */
  studioPorts?: (tokens: AccessTokenProvider & AccessTokenInvalidation) => {
    accountingFor: (workspaceId: string) => Pick<AccountingTarget, 'getReferenceData' | 'listItems'>;
    commerceFor: (connectionId: string) => Promise<Pick<CommerceSource, 'getOrder' | 'profileSourceValues'>>;
    phraser?: ExplanationPhraser;
    referenceMaxAgeMs?: number;
  };
  /** The demo's guided tour (only `pnpm demo` gives one). */
  tour?: DemoTour;
  /** The alerts page (destinations, events, log); the composition root builds it. */
  alerts?: AlertsConsole;
  /** Invoice PDFs from the accounting system (the composition root builds it over the Xero adapter). */
  invoicePdfSource?: InvoicePdfSource;
  clock?: () => Date;
}): { routes: Hono; tokens: AccessTokenProvider } {
  const { db, keyring, config } = deps;
  const publicUrl = config.PUBLIC_URL.replace(/\/+$/, '');
  const cookiePolicy = cookiePolicyFor(publicUrl);
  const loadSession = (token: string) => findSession(db, token);
  const tokens = createAccessTokenProvider({
    db,
    identity: deps.identity,
    keyring,
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
  const statusTokens = createOrderStatusTokens(config.SESSION_SECRET, {
    lifetimeDays: config.STATUS_LINK_DAYS,
    ...(deps.clock ? { now: deps.clock } : {}),
  });
  const apiKeys = createApiKeyStore(db);
  const consoleQueries = createConsoleQueries({ db, dailyLimit: config.XERO_DAILY_LIMIT });
  const ocDeps = { db, keyring, admin: deps.orderCloudAdmin, publicUrl };
  const fullScopes = config.XERO_SCOPES.split(/\s+/).filter(Boolean);

  const deadLetters = createDeadLetterConsole({ db, queue: deps.queue });
  const ports = deps.studioPorts?.(tokens);
  const studio = createMappingStudio({
    versions: createVersionsRepo(db),
    orders: createStudioOrdersRepo(db),
    ...(ports
      ? {
          reference: ({ workspaceId, tenantId, force }) =>
            referenceData({
              db,
              accounting: ports.accountingFor(workspaceId),
              tenantId,
              maxAgeMs: ports.referenceMaxAgeMs ?? 3_600_000,
              force,
            }),
          ...(ports.phraser ? { phraser: ports.phraser } : {}),
          getOrder: async ({ connectionId, orderId }) =>
            (await ports.commerceFor(connectionId)).getOrder({ orderId }),
          profileSources: async ({ connectionId, orderIds }) => {
            const source = await ports.commerceFor(connectionId);
            return source.profileSourceValues
              ? source.profileSourceValues({ orderIds })
              : { ok: true, value: [] };
          },
        }
      : {}),
  });

  const app = new Hono();
  app.route(
    '/',
    createAuthRoutes({
      identity: deps.identity,
      stateCodec: createOAuthStateCodec({
        secret: config.SESSION_SECRET,
        ...(deps.clock ? { clock: deps.clock } : {}),
      }),
      loadSession,
      completeOAuth: (input) =>
        completeXeroOAuth(
          {
            db,
            identity: deps.identity,
            saveAuthorisation: (save) => saveXeroAuthorisation({ db, keyring, queue: deps.queue }, save),
          },
          input,
        ),
      createSession: (input) => createSession(db, input),
      deleteSession: (token) => deleteSession(db, token),
      scopes: { signin: ['openid', 'profile', 'email'], full: fullScopes },
      publicUrl,
      cookiePolicy,
    }),
  );
  app.route(
    '/',
    createConsoleRoutes({
      loadSession,
      queries: createConsoleQueries({
        db,
        dailyLimit: config.XERO_DAILY_LIMIT,
        minuteMs: config.XERO_MINUTE_MS,
        xeroAppUrl: config.XERO_APP_URL ?? 'https://go.xero.com',
      }),
      deadLetters,
      catalogConflicts: { list: (workspaceId) => listConflicts(db, { workspaceId }) },
      catalog: createCatalogConsole({
        db,
        queue: deps.queue,
        ...(deps.commerceFor ? { commerceFor: deps.commerceFor } : {}),
        ...(ports
          ? {
              accountingFor: ports.accountingFor,
              ...(ports.referenceMaxAgeMs !== undefined
                ? { referenceMaxAgeMs: ports.referenceMaxAgeMs }
                : {}),
            }
          : {}),
      }),
      duplicateContacts: async (workspaceId) =>
        (await indexedContactsByOrganisation(db, workspaceId)).map(({ contacts, ...org }) => ({
          ...org,
          groups: duplicateGroups(contacts),
        })),
      retryWindow: describeRetryWindow({
        retryLimit: config.JOB_RETRY_LIMIT ?? defaultRetryPolicy.retryLimit,
        retryDelaySeconds: defaultRetryPolicy.retryDelaySeconds,
        retryDelayMaxSeconds: config.JOB_RETRY_MAX_DELAY_SECONDS ?? defaultRetryPolicy.retryDelayMaxSeconds,
      }),
      dashboard: createDashboardLoader({
        db,
        dailyLimit: config.XERO_DAILY_LIMIT,
        minuteMs: config.XERO_MINUTE_MS,
        deadLetterTimes: async (workspaceId) =>
          (await deadLetters.list(workspaceId)).map((letter) => letter.createdOn),
        ...(deps.clock ? { clock: deps.clock } : {}),
      }),
      attention: {
        list: (input) => listAttention(db, input),
        counts: (workspaceId) => countAttentionByReason(db, workspaceId),
        retry: (input) =>
          retryOrders(
            {
              db,
              enqueueSync: (events, trx) =>
                deps.queue.enqueueMany({ queue: queueNames.sync, data: events, trx }),
            },
            input,
          ),
      },
      xeroAppUrl: config.XERO_APP_URL ?? 'https://go.xero.com',
      ...(deps.alerts ? { alerts: deps.alerts } : {}),
      ...(deps.tour ? { tour: deps.tour } : {}),
      ...(deps.commerceFor
        ? {
            backfill: {
              list: async (workspaceId: string) => {
                const dayMs = config.XERO_MINUTE_MS * 1440;
                const at = new Date();
                return (await listBackfills(db, workspaceId)).map((b) => ({
                  ...b,
                  dayMs,
                  eta: backfillEta({
                    remaining: b.totalOrders - b.fedOrders - b.skippedOrders,
                    ordersPerDay: b.estimate.ordersPerDay,
                    now: at,
                    dayMs,
                  }),
                }));
              },
              plan: (input: { workspaceId: string; actor: string; from: string; to: string }) =>
                planBackfill(
                  {
                    db,
                    commerceFor: deps.commerceFor as (id: string) => Promise<CommerceSource>,
                    dayLimitOf: (tenantId) =>
                      dayLimitOf(db, { tenantId, configured: config.XERO_DAILY_LIMIT }),
                  },
                  input,
                ),
              change: (input: {
                workspaceId: string;
                actor: string;
                id: string;
                action: 'start' | 'cancel';
              }) =>
                changeBackfill(
                  {
                    db,
                    kick: async (backfillId) => {
                      await deps.queue.enqueue({
                        queue: queueNames.backfill,
                        data: { backfillId },
                        singletonKey: backfillId,
                      });
                    },
                  },
                  input,
                ),
            },
          }
        : {}),
      reconciliation: {
        list: (workspaceId) => listReports(db, workspaceId),
        find: (input) => findReport(db, input),
        request: async (input) => {
          const day = /^\d{4}-\d{2}-\d{2}$/;
          if (!day.test(input.from) || !day.test(input.to) || input.from > input.to)
            return fail(permanent('invalid-range', 'Choose a start and an end date, the start first.'));
          const id = await createReport(db, {
            workspaceId: input.workspaceId,
            from: input.from,
            to: input.to,
            requestedBy: input.actor,
          });
          await deps.queue.enqueue({
            queue: queueNames.reconciliationReport,
            data: { reportId: id, workspaceId: input.workspaceId, from: input.from, to: input.to },
          });
          return ok({ id });
        },
        heal: (input) =>
          healFindings(
            {
              db,
              resync: async (event: SyncEvent) => {
                await deps.queue.enqueue({ queue: queueNames.sync, data: event });
              },
              replayXero: (events) => receiveXeroEvents({ db, queue: deps.queue }, events),
            },
            input,
          ),
      },
      apiKeys,
      studio,
      bindEnvironment: (input) => bindEnvironment(db, input),
      disconnectXero: (input) => disconnectXero({ db, identity: deps.identity, tokens, keyring }, input),
      connectOrderCloud: (input) => connectOrderCloud(ocDeps, input),
      repairOrderCloudWebhook: (input) => repairOrderCloudWebhook(ocDeps, input),
      ...(deps.orderFor ? { routing: createRoutingConsole({ db, orderFor: deps.orderFor }) } : {}),
      taxRates: {
        pending: (input) => pendingTaxRates(db, input),
        approve: (input) =>
          approveTaxRates(
            {
              db,
              enqueue: async (job) => {
                await deps.queue.enqueue({ queue: queueNames.taxRates, data: job });
              },
            },
            input,
          ),
      },
      defaultOrderCloudApiUrl: config.ORDERCLOUD_API_URL,
      cookiePolicy,
      formTargets: [new URL(config.XERO_LOGIN_URL).origin],
    }),
  );
  app.route(
    '/',
    createSitecoreConsoleRoutes({
      loadSession,
      cookiePolicy,
      publicUrl,
      listSites: (workspaceId) => listSitecoreSites(db, workspaceId),
      environments: (workspaceId) => siteEnvironments(db, workspaceId),
      createSite: async (input) => {
        const environment = (await siteEnvironments(db, input.workspaceId)).find(
          (e) => e.id === input.environmentId && e.ready,
        );
        if (!environment) return undefined;
        return createSitecoreSite(
          {
            db,
            keyring,
            createApiKey: (name) =>
              apiKeys.create({ workspaceId: input.workspaceId, name, actor: input.actor }),
          },
          input,
        );
      },
    }),
  );
  app.route(
    '/',
    createXeroWebhookRoute({
      webhookKey: config.XERO_WEBHOOK_KEY,
      receive: (events) => receiveXeroEvents({ db, queue: deps.queue }, events),
      onError: (error) => deps.logger.error({ err: error }, 'xero webhook could not be stored'),
    }),
  );
  app.route(
    '/',
    createStorefrontRoutes({
      tokens: statusTokens,
      isKeyLive: (input) => apiKeys.isLive(input),
      findOrderStatus: (input) => findOrderStatus(db, input),
      ...(deps.invoicePdfSource
        ? { invoicePdf: createInvoicePdfs({ db, source: deps.invoicePdfSource }) }
        : {}),
    }),
  );
  app.route(
    '/',
    createExtensionApiRoutes({
      authenticate: (key) => apiKeys.authenticate(key),
      findOrderStatus: (input) => findOrderStatus(db, input),
      listOrders: (input) => listExtensionOrders(db, input),
      retryOrder: (input) => retryExtensionOrder({ db, queue: deps.queue }, input),
      productItems: async (input) => (await findProductItemFacts(db, input)).map(describeProductItem),
      health: async ({ workspaceId }) => {
        const organisations = await consoleQueries.xeroConnections(workspaceId);
        return {
          ...(await extensionSyncHealth(db, { workspaceId, now: deps.clock?.() ?? new Date() })),
          budgets: organisations.map((o) => ({ organisation: o.tenantName, ...o.budget })),
        };
      },
      tokens: statusTokens,
      publicUrl,
    }),
  );
  return { routes: app, tokens };
}
