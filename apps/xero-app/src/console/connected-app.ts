import type { AccountingTarget, CommerceSource } from '@ledgerbridge/canonical';
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
import type { XeroIdentity } from '../connections/xero-identity-port.ts';
import type { Keyring } from '../crypto/keyring.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { AppConfig } from '../env.ts';
import type { Logger } from '../observability/logger.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { queueNames } from '../queue/queue-names.ts';
import { createRoutingConsole } from '../routing/routing-console.ts';
import { approveTaxRates, pendingTaxRates } from '../tax-rates/tax-rate-proposals.ts';
import { createExtensionApiRoutes } from '../storefront/extension-api-routes.ts';
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
import { createConsoleQueries } from './console-queries.ts';
import { createConsoleRoutes } from './console-routes.ts';
import { createStudioOrdersRepo } from '../mapping/studio/studio-orders-repo.ts';
import { createMappingStudio } from '../mapping/studio/studio-service.ts';
import type { ExplanationPhraser } from '../mapping/suggest/explanation-phraser.ts';
import { createVersionsRepo } from '../mapping/studio/versions-repo.ts';
import { referenceData } from '../sync/reference-cache.ts';
import { createDeadLetterConsole } from './dead-letters.ts';

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
>;

/**
 * Wiring of the connected app (sign-in, connections, Xero webhooks, console, storefront and extension
 * APIs): repositories and use cases built over the database and the ports the composition root gives.
 * The routes themselves only ever see functions.
 */
export function createConnectedApp(deps: {
  db: Kysely<DatabaseSchema>;
  queue: Pick<JobQueue, 'enqueue' | 'deadLetters' | 'deleteDeadLetter' | 'wake'>;
  identity: XeroIdentity;
  orderCloudAdmin: OrderCloudAdmin;
  keyring: Keyring;
  config: ConnectedAppConfig;
  logger: Pick<Logger, 'error'>;
  /** Reads an order as the sync sees it (for testing routing rules in the console). */
  orderFor?: (input: { connectionId: string; orderId: string }) => ReturnType<CommerceSource['getOrder']>;
  /** Xero and OrderCloud for the mapping studio (pick-lists, previews); without them it reads the cache only. */
  studioPorts?: (tokens: AccessTokenProvider & AccessTokenInvalidation) => {
    accountingFor: (workspaceId: string) => Pick<AccountingTarget, 'getReferenceData'>;
    commerceFor: (connectionId: string) => Promise<Pick<CommerceSource, 'getOrder'>>;
    phraser?: ExplanationPhraser;
    referenceMaxAgeMs?: number;
  };
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
  const statusTokens = createOrderStatusTokens(config.SESSION_SECRET);
  const apiKeys = createApiKeyStore(db);
  const consoleQueries = createConsoleQueries({ db, dailyLimit: config.XERO_DAILY_LIMIT });
  const ocDeps = { db, keyring, admin: deps.orderCloudAdmin, publicUrl };
  const fullScopes = config.XERO_SCOPES.split(/\s+/).filter(Boolean);

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
      }),
      deadLetters: createDeadLetterConsole({ db, queue: deps.queue }),
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
