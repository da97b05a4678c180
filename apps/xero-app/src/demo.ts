import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  buildCatalog,
  createHttpCaller,
  createRandom,
  placeOrder,
  planOrders,
  profileRegions,
  sandboxDefaults,
  setupCatalog,
  startOrderCloudSandbox,
} from '@ledgerbridge/ordercloud-sandbox';
import { DEMO_APP, SEEDED_TENANT_IDS, startXeroSandbox } from '@ledgerbridge/xero-sandbox';
import { createOrderCloudAdminHttp } from './connections/ordercloud-admin-http.ts';
import { connectOrderCloud } from './connections/connect-ordercloud.ts';
import { startDemoStorefront } from './demo-storefront.ts';
import { bindEnvironment } from './console/bind-environment.ts';
import {
  type DemoOrgKey,
  type IntegratorAccess,
  integratorLine,
  parseDemoArgs,
  routeByBillingCountry,
} from './demo-integrator.ts';
import { keyringFromConfig } from './crypto/keyring.ts';
import { createDemoTour } from './demo-tour-controls.ts';
import { consoleUrlOf, type DemoUrls, demoUrlBlock } from './demo-urls.ts';
import { type AppConfig, loadConfig } from './env.ts';
import { openInfrastructure } from './infrastructure.ts';
import { onShutdownSignal } from './lifecycle.ts';
import { createUserUrlFetch } from './outbound/user-url-fetch.ts';
import { startServer } from './server.ts';
import { startWorker } from './worker.ts';

// `pnpm demo`: the embedded database, both sandboxes, the app and its worker in one process; the demo
// workspace signs up through the real OAuth flow, connects the sandbox marketplace, and an order
// generator keeps placing orders. Each run starts from an empty demo database.
const base = loadConfig();
const options = parseDemoArgs(process.argv.slice(2));
const tenants = demoTenants(options.orgs);
const tenantId = tenants[options.orgs[0] ?? 'au'] ?? SEEDED_TENANT_IDS.au;
const port = base.PORT;
const publicUrl = base.PUBLIC_URL;
const xero = await startXeroSandbox({
  ...(options.xeroPort ? { port: options.xeroPort } : {}),
  autoConsent: { tenantIds: Object.values(tenants) },
  apps: [{ ...DEMO_APP, webhookUrl: `${publicUrl}/webhooks/xero` }],
});
const orderCloud = await startOrderCloudSandbox(
  options.orderCloudPort ? { port: options.orderCloudPort } : {},
);
const catalogSeed = 2026;
await setupCatalog(
  createHttpCaller({ baseUrl: orderCloud.url }),
  buildCatalog({ random: createRandom(catalogSeed), regions: demoRegions(options.orgs) }),
);

const dataDir = resolve(base.DATA_DIR, 'demo');
await rm(dataDir, { recursive: true, force: true });
const { DATABASE_URL: _embeddedOnly, ...rest } = base;
const config: AppConfig = {
  ...rest,
  DATA_DIR: dataDir,
  XERO_API_URL: xero.url,
  XERO_IDENTITY_URL: xero.identityUrl,
  XERO_LOGIN_URL: xero.loginUrl,
  XERO_CLIENT_ID: DEMO_APP.clientId,
  XERO_CLIENT_SECRET: DEMO_APP.clientSecret ?? base.XERO_CLIENT_SECRET,
  XERO_WEBHOOK_KEY: DEMO_APP.webhookKey ?? base.XERO_WEBHOOK_KEY,
  // The sandboxes listen on plain http on this machine.
  ALLOWED_HTTP_HOSTS: [...base.ALLOWED_HTTP_HOSTS, new URL(orderCloud.url).hostname],
};
const infra = await openInfrastructure(config);
const worker = await startWorker(infra, { fillWaitMs: 0 });
const xeroOrgUrl = `${xero.url}/orgs/${tenantId}`;
const server = await startServer(infra, {
  port,
  tour: createDemoTour({ admin: xero.admin, tenantId, xeroOrgUrl }),
});

// Sign up with Xero exactly as a browser would: follow the redirects, carry the cookies.
const cookies = new Map<string, string>();
async function browse(url: string): Promise<string> {
  let next = url;
  for (let hop = 0; hop < 10; hop += 1) {
    const response = await fetch(next, {
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = response.headers.get('location');
    await response.arrayBuffer();
    if (!location) return next;
    next = new URL(location, next).toString();
  }
  throw new Error('too many redirects while signing up');
}
await browse(`${server.url}/auth/xero/signup`);
const db = infra.database.db;
// The demo database is new each run: the one user is the one who just signed up.
const user = await db.selectFrom('users').select(['workspace_id']).executeTakeFirstOrThrow();
const xeroConnection = await db
  .selectFrom('xero_connections')
  .select('id')
  .where('workspace_id', '=', user.workspace_id)
  .where('tenant_id', '=', tenantId)
  .executeTakeFirstOrThrow();
await bindEnvironment(db, {
  workspaceId: user.workspace_id,
  environment: 'prod',
  xeroConnectionId: xeroConnection.id,
  actor: 'demo',
});
const connected = await connectOrderCloud(
  {
    db,
    keyring: keyringFromConfig(config),
    admin: createOrderCloudAdminHttp({ fetch: createUserUrlFetch(config) }),
    publicUrl: server.url,
  },
  {
    workspaceId: user.workspace_id,
    actor: 'demo',
    name: 'Sandbox marketplace',
    apiUrl: orderCloud.url,
    clientId: sandboxDefaults.integrationClientId,
    clientSecret: sandboxDefaults.integrationClientSecret,
    environment: 'prod',
  },
);
if (!connected.ok) throw new Error(`connecting the sandbox marketplace failed: ${connected.error.message}`);
await prepareForIntegrators(user.workspace_id);

// The order generator: a new order every few seconds (registered and guest buyers, payments, returns);
// `--orders N` stops after N, `--orders 0` places none (integrators bring their own storefront).
const generator = startOrderGenerator(options.orders);

// The Sitecore storefront (apps/sitecore-extension) on its own port, connected as a Sitecore site.
const storefront = await startDemoStorefront({
  db,
  keyring: keyringFromConfig(config),
  workspaceId: user.workspace_id,
  appUrl: server.url,
  port: port === 0 ? 3100 : port + 100,
});

const urls: DemoUrls = {
  publicUrl,
  listenUrl: server.url,
  port,
  storefrontUrl: storefront.url,
  storefrontPassword: storefront.adminPassword,
  xeroOrgUrl,
  orderCloudUrl: orderCloud.url,
  generator: options.orders !== 0,
};
let reprint: ReturnType<typeof setTimeout> | undefined;
if (options.json) process.stdout.write(`${integratorLine(await integratorAccess())}\n`);
else {
  process.stdout.write(
    demoUrlBlock(urls, 'Ledgerbridge demo is running (embedded database, Xero and OrderCloud sandboxes).'),
  );
  // The first orders' log lines scroll the block away: it comes again once start-up has settled.
  reprint = setTimeout(
    () => process.stdout.write(demoUrlBlock(urls, 'Ledgerbridge demo (again, after start-up):')),
    15_000,
  );
  reprint.unref();
}
onShutdownSignal(infra.logger, async () => {
  if (generator) clearInterval(generator);
  if (reprint) clearTimeout(reprint);
  await storefront.stop();
  await server.close();
  await worker.stop();
  await infra.close();
  await orderCloud.close();
  await xero.close();
});

// --- Integrator options (--orders, --orgs, --json): separate from the demo's own flow above. ---

function demoTenants(orgs: readonly DemoOrgKey[]): Partial<Record<DemoOrgKey, string>> {
  return Object.fromEntries(orgs.map((key) => [key, SEEDED_TENANT_IDS[key]]));
}

function demoRegions(orgs: readonly DemoOrgKey[]) {
  return orgs.flatMap((key) => profileRegions(key));
}

/** Routing by the buyer's billing country when there are several companies; NZD and USD on the AU org. */
async function prepareForIntegrators(workspaceId: string): Promise<void> {
  const environment = await db
    .selectFrom('environments')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', 'prod')
    .executeTakeFirstOrThrow();
  if (options.orgs.length > 1)
    await routeByBillingCountry(db, { workspaceId, environmentId: environment.id, tenants });
  const au = tenants.au;
  if (au) {
    await xero.admin.updateOrg(au, { multiCurrency: true });
    const { access_token } = await xero.admin.issueTokens({
      tenantIds: [au],
      scopes: ['accounting.settings'],
    });
    for (const code of ['NZD', 'USD']) {
      const response = await fetch(`${xero.url}/api.xro/2.0/Currencies`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${access_token}`,
          'xero-tenant-id': au,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ Currencies: [{ Code: code }] }),
      });
      if (!response.ok) throw new Error(`enabling ${code} on the AU org failed: ${response.status}`);
    }
  }
}

function startOrderGenerator(limit: number | undefined): ReturnType<typeof setInterval> | undefined {
  if (limit === 0) return undefined;
  const random = createRandom(catalogSeed);
  const plans = options.orgs.flatMap((key) =>
    planOrders({
      random,
      catalog: buildCatalog({ random, regions: demoRegions(options.orgs) }),
      count: Math.ceil((limit ?? 500) / options.orgs.length),
      profile: key,
    }),
  );
  const shopper = createHttpCaller({ baseUrl: orderCloud.url });
  let placed = 0;
  const timer = setInterval(() => {
    if (limit !== undefined && placed >= limit) {
      clearInterval(timer);
      return;
    }
    const plan = plans[placed % plans.length];
    placed += 1;
    if (plan)
      placeOrder(shopper, plan).catch((error: unknown) =>
        infra.logger.warn({ err: error }, 'demo order failed'),
      );
  }, 4_000);
  return timer;
}

/** What an integrator needs to drive the stack from their own storefront and check Xero. */
async function integratorAccess(): Promise<IntegratorAccess> {
  const secret = randomBytes(18).toString('base64url');
  const clientId = 'integrator-admin';
  await createHttpCaller({ baseUrl: orderCloud.url })({
    as: { kind: 'admin' },
    method: 'POST',
    path: '/v1/apiclients',
    body: {
      ID: clientId,
      AppName: 'Integrator (demo)',
      ClientSecret: secret,
      AccessTokenDuration: 600,
      Active: true,
      AllowSeller: true,
      AllowAnyBuyer: true,
      DefaultContextUserName: sandboxDefaults.integrationUsername,
    },
  });
  const readOnly = await xero.admin.issueTokens({
    tenantIds: Object.values(tenants),
    scopes: [
      'accounting.invoices.read',
      'accounting.payments.read',
      'accounting.contacts.read',
      'accounting.settings.read',
    ],
  });
  return {
    ordercloud: {
      url: orderCloud.url,
      adminClient: { id: clientId, secret, roles: ['FullAccess', 'OverrideShipping', 'OverrideTax'] },
      buyerClientId: sandboxDefaults.storefrontClientId,
    },
    xero: { url: xero.url, readOnlyAccessToken: readOnly.access_token, tenants },
    appUrl: consoleUrlOf({ publicUrl, listenUrl: server.url, port }),
  };
}
