import type { CommerceSource } from '@ledgerbridge/canonical';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { fail, permanent } from '@ledgerbridge/canonical';
import {
  classifyWebhook,
  createOrderCloudAdapter,
  createOrderCloudClient,
  parseWebhookPayload,
  verifyOrderCloudSignature,
} from '@ledgerbridge/ordercloud';
import {
  createXeroAccountingAdapter,
  createXeroApiClient,
  createXeroIdentityClient,
} from '@ledgerbridge/xero';
import { Counter } from 'prom-client';
import type { AccessTokenInvalidation, AccessTokenProvider } from './connections/access-token-provider.ts';
import { createOrderCloudAdminHttp } from './connections/ordercloud-admin-http.ts';
import {
  getOrderCloudConnectionSecrets,
  type OrderCloudConnectionSecrets,
} from './connections/ordercloud-connections-repo.ts';
import type { Db } from './db/database.ts';
import type { AppConfig } from './env.ts';
import { createLlmPhraser } from './mapping/suggest/explanation-phraser.ts';
import { createRateBudget } from './rate-budget/rate-budget.ts';
import { tenantLimitsReader } from './rate-budget/tenant-limits.ts';
import { resealSecrets } from './connections/reseal-secrets.ts';
import { createConnectedApp } from './console/connected-app.ts';
import { type Keyring, keyringFromConfig } from './crypto/keyring.ts';
import { createApp } from './http/create-app.ts';
import { clientIp } from './http/client-ip.ts';
import { createListenerServer } from './http/create-listener-server.ts';
import { defaultMaxBodyBytes, hardenApp } from './http/harden-app.ts';
import { xeroWebhookMaxBytes, xeroWebhookPath } from './xero-webhooks/xero-webhook-route.ts';
import { createHealthRoutes } from './http/health-routes.ts';
import { createRateLimits } from './http/rate-limits.ts';
import { withOversizeGuard } from './http/oversize-guard.ts';
import { securityHeaderValues } from './http/security-headers.ts';
import { createHashKeyLookup } from './intake/connection-hash-keys.ts';
import type { Infrastructure } from './infrastructure.ts';
import { createDeliveryBatcher } from './intake/delivery-batcher.ts';
import {
  createOrderCloudDeliveryHandler,
  type OrderCloudWebhookReader,
} from './intake/ordercloud-delivery.ts';
import { createOrderCloudWebhookRoute, orderCloudWebhookPath } from './intake/ordercloud-webhook-route.ts';
import { toStoredDelivery } from './intake/stored-delivery.ts';
import { withOrderCloudFastPath } from './intake/webhook-fast-path.ts';
import { createSitecoreIntake } from './sitecore/sitecore-intake-wiring.ts';
import type { InvoicePdfSource } from './storefront/invoice-pdf.ts';
import { createUserUrlFetch } from './outbound/user-url-fetch.ts';
import { createOutboundPolicy } from './outbound/outbound-policy.ts';
import { createAlertsConsole } from './alerts/alerts-console.ts';
import { createAlertsStore } from './alerts/alerts-repo.ts';
import { createAlertPorts } from './alerts/alerts-wiring.ts';
import type { DemoTour } from './console/demo-tour.ts';

/** A connection's OrderCloud adapter, from its unsealed secrets; `fetch` guards a merchant-given API URL. */
function orderCloudAdapterOf(
  secrets: OrderCloudConnectionSecrets,
  fetch?: Parameters<typeof createOrderCloudClient>[0]['fetch'],
) {
  return createOrderCloudAdapter({
    client: createOrderCloudClient({
      connectionKey: secrets.id,
      apiUrl: secrets.apiUrl,
      clientId: secrets.clientId,
      clientSecret: secrets.clientSecret,
      ...(fetch ? { fetch } : {}),
    }),
    mapping: { pricesIncludeTaxDefault: false },
  });
}

/** One CommerceSource per OrderCloud connection, built on first use (for the console's reads of OrderCloud). */
export function createCommerceSources(deps: { db: Db; keyring: Keyring }) {
  const sources = new Map<string, Promise<CommerceSource>>();
  return (connectionId: string): Promise<CommerceSource> => {
    let source = sources.get(connectionId);
    if (!source) {
      source = getOrderCloudConnectionSecrets(deps, connectionId).then((secrets) => {
        if (!secrets) throw new Error(`OrderCloud connection ${connectionId} is unknown or disconnected`);
        return orderCloudAdapterOf(secrets);
      });
      source.catch(() => sources.delete(connectionId));
      sources.set(connectionId, source);
    }
    return source;
  };
}

/** The OrderCloud adapter's verification and classification, as the intake route sees them. */
const orderCloudReader: OrderCloudWebhookReader = {
  verify: (input) => verifyOrderCloudSignature(input),
  interpret: (json) => {
    const parsed = parseWebhookPayload(json);
    if (!parsed.ok) return { kind: 'invalid', reason: parsed.message };
    const meaning = classifyWebhook(parsed.payload);
    if (meaning.kind === 'invalid') {
      return {
        kind: 'invalid',
        reason: `${meaning.reason}: ${meaning.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      };
    }
    return meaning;
  },
};

export type RunningServer = {
  readonly url: string;
  /** Every route the app serves (method, path pattern): suites enumerate them so none is forgotten. */
  readonly routes: ReadonlyArray<{ readonly method: string; readonly path: string }>;
  close(): Promise<void>;
};

/** Composition root of the HTTP side: builds the routes over the infrastructure and listens. */
export async function startServer(
  infra: Infrastructure,
  options: { port?: number; hostname?: string; tour?: DemoTour } = {},
): Promise<RunningServer> {
  const { config } = infra;
  const app = createApp({ logger: infra.logger, metrics: infra.metrics });
  const limits = createRateLimits({ scale: config.RATE_LIMIT_SCALE });
  const formTargets = [new URL(config.XERO_LOGIN_URL).origin];
  hardenApp(app, {
    publicUrl: config.PUBLIC_URL,
    formTargets,
    limits,
    trustedProxyHops: config.TRUSTED_PROXY_HOPS,
  });
  app.route(
    '/',
    createHealthRoutes({
      registry: infra.metrics.registry,
      liveness: infra.liveness,
      probes: [
        { name: 'database', check: () => infra.database.ping() },
        { name: 'queue', check: () => infra.queue.ping() },
      ],
    }),
  );
  const keyring = keyringFromConfig(infra.config);
  const db = infra.database.db;
  if (config.ENCRYPTION_KEY_PREVIOUS) {
    // Key rotation: secrets sealed with a previous key move to the current one.
    const { resealed } = await resealSecrets({ db, keyring });
    infra.logger.info({ resealed }, 'secrets re-sealed under the current encryption key');
  }
  // Invoice PDFs for the storefront's signed link.
  const { budget: pdfBudget, client: xeroClient } = fewCallsXero(db, config);
  const invoicePdfSource: InvoicePdfSource = async ({ workspaceId, tenantId, invoiceId }) => {
    const adapter = createXeroAccountingAdapter({
      client: xeroClient,
      gate: pdfBudget,
      tokens: { getAccessToken: (input) => connected.tokens.getAccessToken({ workspaceId, ...input }) },
    });
    return adapter.getInvoicePdf
      ? adapter.getInvoicePdf({ tenantId, invoiceId })
      : fail(permanent('not-supported', 'The accounting adapter has no invoice PDFs.'));
  };
  // Sign-in, Xero and OrderCloud connections, Xero webhooks, the console, storefront and extension APIs.
  const connected = createConnectedApp({
    invoicePdfSource,
    db,
    queue: infra.queue,
    identity: createXeroIdentityClient({
      clientId: config.XERO_CLIENT_ID,
      clientSecret: config.XERO_CLIENT_SECRET,
      loginUrl: config.XERO_LOGIN_URL,
      identityUrl: config.XERO_IDENTITY_URL,
      apiUrl: config.XERO_API_URL,
    }),
    orderCloudAdmin: createOrderCloudAdminHttp({ fetch: createUserUrlFetch(config), logger: infra.logger }),
    keyring,
    config,
    logger: infra.logger,
    orderFor: async ({ connectionId, orderId }) => {
      const secrets = await getOrderCloudConnectionSecrets({ db, keyring }, connectionId);
      if (!secrets) return fail(permanent('not-found', 'The OrderCloud marketplace is disconnected.'));
      return orderCloudAdapterOf(secrets).getOrder({ orderId });
    },
    commerceFor: createCommerceSources({ db, keyring }),
    studioPorts: createStudioPorts({ db, keyring, config }),
    ...(options.tour ? { tour: options.tour } : {}),
    alerts: createAlertsConsole({
      ports: createAlertPorts({ db, keyring, queue: infra.queue, fetch: createUserUrlFetch(config), config }),
      store: createAlertsStore({ db, keyring }),
      policy: createOutboundPolicy({ allowedHttpHosts: config.ALLOWED_HTTP_HOSTS }),
      emailAvailable: Boolean(config.SMTP_URL),
    }),
  });
  app.route('/', connected.routes);
  const deliveries = createDeliveryBatcher({ db, queue: infra.queue });
  // Hash keys change only on repair; a short cache spares a query and a decryption per delivery, and
  // unknown IDs are remembered as unknown.
  const hashKeyFor = createHashKeyLookup({
    load: async (connectionId) =>
      (await getOrderCloudConnectionSecrets({ db, keyring }, connectionId))?.hashKey,
  });
  const handleDelivery = createOrderCloudDeliveryHandler({
    reader: orderCloudReader,
    hashKeyFor,
    accept: deliveries.accept,
    prepareForStorage: (json, connectionId) =>
      toStoredDelivery(json, connectionId, (plaintext, context) => keyring.encrypt(plaintext, context)),
    ignoredCounter: new Counter({
      name: 'ledgerbridge_ordercloud_webhooks_ignored_total',
      help: 'OrderCloud deliveries for routes we do not sync',
      labelNames: ['reason'] as const,
      registers: [infra.metrics.registry],
    }),
  });
  app.route('/', createOrderCloudWebhookRoute({ handle: handleDelivery }));
  app.route('/', createSitecoreIntake({ db, queue: infra.queue, keyring }));
  const listener = withOrderCloudFastPath({
    handle: handleDelivery,
    fallback: withOversizeGuard({
      next: getRequestListener(app.fetch),
      // Webhook routes keep their own (larger) limits; everything else takes the app-wide one. Xero's
      // intake is answered here too: Hono's body limit answered before the body was read, and the
      // connection, announced as kept alive, was closed half a second later under the client's next
      // request (decision 0101).
      limitFor: (path) =>
        path === xeroWebhookPath
          ? xeroWebhookMaxBytes
          : path.startsWith('/webhooks/')
            ? undefined
            : defaultMaxBodyBytes,
      headers: securityHeaderValues({ publicUrl: config.PUBLIC_URL, formTargets }),
    }),
    observe: (status, seconds) => {
      const labels = { method: 'POST', route: orderCloudWebhookPath };
      infra.metrics.httpDuration.observe(labels, seconds);
      infra.metrics.httpRequests.inc({ ...labels, status: String(status) });
    },
    admit: (req) =>
      limits.check({
        method: 'POST',
        path: (req.url ?? '').split('?')[0] ?? '',
        ip: clientIp({
          remoteAddress: req.socket.remoteAddress,
          forwardedFor: req.headers['x-forwarded-for']?.toString(),
          hops: config.TRUSTED_PROXY_HOPS,
        }),
      }),
    headers: securityHeaderValues({ publicUrl: config.PUBLIC_URL, formTargets }),
  });
  const hostname = options.hostname ?? '0.0.0.0';
  const { server, scheme } = createListenerServer(
    listener,
    { certFile: config.TLS_CERT_FILE, keyFile: config.TLS_KEY_FILE },
    config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? infra.config.PORT, hostname, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    routes: app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => ({ method: r.method, path: r.path }))
      .filter((r, i, all) => all.findIndex((o) => o.method === r.method && o.path === r.path) === i),
    url: `${scheme}://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive sockets would otherwise hold the close open until they time out.
        server.closeIdleConnections();
      }),
  };
}

/**
 * Composition of the adapters the mapping studio reads through in the web process: Xero reference data
 * under the same shared rate budget as the worker, and OrderCloud orders for previews.
 */
/**
 * Xero's accounting API for the server's own few calls, under the same rate budget as the worker's: the
 * day limit as the worker reads it (a starter-tier organisation gets 1000), and the app's minute shared
 * with it. Each call is admitted alone, so no block of the app's minute is held idle here (decision 0115).
 */
function fewCallsXero(
  db: Db,
  config: Pick<AppConfig, 'XERO_API_URL' | 'XERO_DAILY_LIMIT' | 'XERO_MINUTE_MS' | 'XERO_APP_MINUTE_LIMIT'>,
) {
  const budget = createRateBudget({
    db,
    limits: tenantLimitsReader(db, {
      configuredDayLimit: config.XERO_DAILY_LIMIT,
      minuteMs: config.XERO_MINUTE_MS,
      appPerMinute: config.XERO_APP_MINUTE_LIMIT,
      overrides: { appBlockCalls: 1 },
    }),
  });
  const client = createXeroApiClient({
    basePath: `${config.XERO_API_URL.replace(/\/$/, '')}/api.xro/2.0`,
    timeoutMs: 30_000,
  });
  return { budget, client };
}

function createStudioPorts(deps: {
  db: Db;
  keyring: Keyring;
  config: Pick<
    AppConfig,
    | 'XERO_API_URL'
    | 'XERO_DAILY_LIMIT'
    | 'XERO_MINUTE_MS'
    | 'XERO_APP_MINUTE_LIMIT'
    | 'LLM_API_URL'
    | 'LLM_API_KEY'
    | 'LLM_MODEL'
    | 'ALLOWED_HTTP_HOSTS'
  >;
}) {
  const { db, keyring, config } = deps;
  // The marketplace's API URL is the merchant's: the SDK client goes through the outbound guard.
  const userUrlFetch = createUserUrlFetch(config);
  // The studio's reads of Xero.
  const { budget, client } = fewCallsXero(db, config);
  const phraser = config.LLM_API_URL
    ? createLlmPhraser({
        url: config.LLM_API_URL,
        model: config.LLM_MODEL,
        ...(config.LLM_API_KEY ? { apiKey: config.LLM_API_KEY } : {}),
      })
    : undefined;
  return (tokens: AccessTokenProvider & AccessTokenInvalidation) => ({
    ...(phraser ? { phraser } : {}),
    accountingFor: (workspaceId: string) =>
      createXeroAccountingAdapter({
        client,
        gate: budget,
        tokens: { getAccessToken: ({ tenantId }) => tokens.getAccessToken({ workspaceId, tenantId }) },
        onUnauthorized: ({ tenantId }) => tokens.invalidateAccessToken({ workspaceId, tenantId }),
      }),
    commerceFor: async (
      connectionId: string,
    ): Promise<Pick<CommerceSource, 'getOrder' | 'profileSourceValues'>> => {
      const secrets = await getOrderCloudConnectionSecrets({ db, keyring }, connectionId);
      if (!secrets) throw new Error(`OrderCloud connection ${connectionId} is unknown or disconnected`);
      return orderCloudAdapterOf(secrets, userUrlFetch);
    },
  });
}
