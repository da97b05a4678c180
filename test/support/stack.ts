import {
  type DemoTour,
  type Infrastructure,
  type RunningServer,
  type RunningWorker,
  type WorkerOptions,
  createKeyring,
  createLogger,
  loadConfig,
  openInfrastructure,
  orderCloudWebhookRoutes,
  startServer,
  startWorker,
} from '@ledgerbridge/xero-app';
import { seedSyncContext } from '@ledgerbridge/xero-app/testing';
import {
  buildCatalog,
  createHttpCaller,
  createRandom,
  placeOrder,
  planOrders,
  type GeneratorProfile,
  profileRegions,
  type RunningOrderCloudSandbox,
  regions,
  sandboxDefaults,
  setupCatalog,
  startOrderCloudSandbox,
} from '@ledgerbridge/ordercloud-sandbox';
import { DEMO_APP, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { sql } from 'kysely';

// STACK_LOG_LEVEL=warn (or debug) shows the app's log while a scenario runs.
// biome-ignore lint/style/noProcessEnv: a developer's switch for test output, not app configuration
const stackLogLevel = process.env.STACK_LOG_LEVEL ?? 'silent';

export const TEST_ENCRYPTION_KEY = 'stack-test-key-stack-test-key-stack-test-key';
export const TEST_SESSION_SECRET = 'stack-session-secret-stack-session-secret';
/** The HashKey of the OrderCloud webhook the stack registers (X-oc-hash), for tests that deliver by hand. */
export const TEST_WEBHOOK_HASH_KEY = 'stack-hash-key-0123456789';

/** The app (server + worker) on a database, wired to a Xero sandbox and its own OrderCloud sandbox. */
export type Stack = {
  readonly infra: Infrastructure;
  readonly server: RunningServer;
  readonly worker: RunningWorker;
  readonly orderCloud: RunningOrderCloudSandbox;
  readonly connectionId: string;
  readonly workspaceId: string;
  readonly tenantId: string;
  close(): Promise<void>;
};

export async function startStack(input: {
  xero: XeroSandbox;
  tenantId: string;
  databaseUrl?: string;
  dataDir?: string;
  worker?: WorkerOptions;
  withWorker?: boolean;
  /** The generator's catalog (buyers, storefront API clients, products) is set up before the webhook. */
  catalog?: { seed: number; profile: GeneratorProfile };
  /** Runs once the catalog is set up and before anything is connected (orders placed here are history). */
  beforeConnect?: (orderCloud: RunningOrderCloudSandbox) => Promise<void>;
  /** More environment for the app (SMTP_URL for alert e-mails). */
  env?: Record<string, string>;
  /** The demo's guided tour on the overview. */
  tour?: DemoTour;
}): Promise<Stack> {
  const config = loadConfig({
    NODE_ENV: 'test',
    ...(input.databaseUrl ? { DATABASE_URL: input.databaseUrl } : {}),
    DATA_DIR: input.dataDir ?? 'memory://',
    PORT: '0',
    LOG_LEVEL: stackLogLevel,
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    SESSION_SECRET: TEST_SESSION_SECRET,
    XERO_CLIENT_ID: DEMO_APP.clientId,
    XERO_CLIENT_SECRET: DEMO_APP.clientSecret,
    XERO_WEBHOOK_KEY: DEMO_APP.webhookKey ?? 'unused',
    XERO_API_URL: input.xero.url,
    XERO_IDENTITY_URL: input.xero.identityUrl,
    XERO_LOGIN_URL: input.xero.loginUrl,
    SHUTDOWN_GRACE_MS: '2000',
    // The OrderCloud sandbox listens on plain http on 127.0.0.1.
    ALLOWED_HTTP_HOSTS: '127.0.0.1',
    ...input.env,
  });
  const infra = await openInfrastructure(config, createLogger({ level: stackLogLevel }));
  const orderCloud = await startOrderCloudSandbox();
  const catalog = input.catalog ?? { seed: 1, profile: 'mixed' as const };
  await setupCatalog(
    createHttpCaller({ baseUrl: orderCloud.url }),
    buildCatalog({ random: createRandom(catalog.seed), regions: profileRegions(catalog.profile) }),
  );
  await input.beforeConnect?.(orderCloud);
  const tokens = await input.xero.admin.issueTokens({ tenantIds: [input.tenantId] });
  const keyring = createKeyring({ current: TEST_ENCRYPTION_KEY });
  const hashKey = TEST_WEBHOOK_HASH_KEY;
  const seeded = await seedSyncContext(infra.database.db, keyring, {
    tenantId: input.tenantId,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token ?? '',
    orderCloud: {
      apiUrl: orderCloud.url,
      clientId: sandboxDefaults.integrationClientId,
      clientSecret: sandboxDefaults.integrationClientSecret,
      hashKey,
    },
  });
  const worker =
    input.withWorker === false ? { stop: async () => {} } : await startWorker(infra, input.worker ?? {});
  const server = await startServer(infra, {
    port: 0,
    hostname: '127.0.0.1',
    ...(input.tour ? { tour: input.tour } : {}),
  });
  await registerWebhook(orderCloud.url, {
    url: `${server.url}/webhooks/ordercloud/${seeded.connectionId}`,
    hashKey,
    clientIds: profileRegions(catalog.profile).map((r) => regions[r].storefrontClientId),
  });
  return {
    infra,
    server,
    worker,
    orderCloud,
    connectionId: seeded.connectionId,
    workspaceId: seeded.workspaceId,
    tenantId: input.tenantId,
    async close() {
      await orderCloud.close();
      await server.close();
      await worker.stop();
      await infra.close();
    },
  };
}

export async function registerWebhook(
  apiUrl: string,
  input: { url: string; hashKey: string; clientIds: string[] },
): Promise<void> {
  const tokenResponse = await fetch(`${apiUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: sandboxDefaults.integrationClientId,
      client_secret: sandboxDefaults.integrationClientSecret,
      scope: 'FullAccess',
    }),
  });
  const { access_token } = (await tokenResponse.json()) as { access_token: string };
  const response = await fetch(`${apiUrl}/v1/webhooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      Name: 'Ledgerbridge (test)',
      Url: input.url,
      HashKey: input.hashKey,
      ApiClientIDs: [
        sandboxDefaults.storefrontClientId,
        sandboxDefaults.integrationClientId,
        ...input.clientIds,
      ],
      WebhookRoutes: orderCloudWebhookRoutes.map((r) => ({ Route: r.route, Verb: r.verb })),
    }),
  });
  if (!response.ok)
    throw new Error(`webhook registration failed: ${response.status} ${await response.text()}`);
}

export async function waitUntil<T>(
  probe: () => Promise<T | undefined | false>,
  input: { timeoutMs: number; what: string; explain?: () => Promise<string> },
): Promise<T> {
  const deadline = Date.now() + input.timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) {
      const detail = input.explain ? `\n${await input.explain().catch((e: Error) => e.message)}` : '';
      throw new Error(`timed out waiting for ${input.what}${detail}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Places generated orders through the stack's OrderCloud sandbox (its catalog is already set up). */
export async function placeOrders(
  stack: Stack,
  input: { seed: number; count: number; profile: GeneratorProfile },
) {
  const random = createRandom(input.seed);
  const catalog = buildCatalog({ random, regions: profileRegions(input.profile) });
  const plans = planOrders({ random, catalog, count: input.count, profile: input.profile });
  const call = createHttpCaller({ baseUrl: stack.orderCloud.url });
  const placed = [];
  for (const plan of plans) placed.push({ plan, placed: await placeOrder(call, plan) });
  return placed;
}

/** Where a stack's work stands, for a timeout's message: order statuses, operations, queues. */
export async function describeProgress(stack: Stack): Promise<string> {
  const db = stack.infra.database.db;
  const syncs = await db
    .selectFrom('order_syncs')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('status')
    .execute();
  const ops = await db
    .selectFrom('xero_operations')
    .select(['kind', 'status', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(['kind', 'status'])
    .execute();
  // A queued job's start is named when it lies ahead: a job deferred far holds back the work it stands for.
  const jobs = await sql<{ name: string; state: string; n: string }>`
    select name, state, count(*)::text
      || coalesce(' (next in ' || round(extract(epoch from min(start_after) filter (where start_after > now()) - now())::numeric, 1)::text
        || ' s, last in ' || round(extract(epoch from max(start_after) - now())::numeric, 1)::text || ' s)', '') as n
    from pgboss.job group by name, state order by name, state`
    .execute(db)
    .then((r) => r.rows)
    .catch(() => []);
  // A job that stays active usually waits on a lock: name what each busy session waits for.
  const waits = await sql<{ state: string; wait: string | null; query: string }>`
    select state, wait_event_type || '/' || wait_event as wait, left(query, 160) as query
    from pg_stat_activity
    where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'`
    .execute(db)
    .then((r) => r.rows)
    .catch(() => []);
  return [
    ...waits.map((w) => `session ${w.state} waiting ${w.wait ?? '-'}: ${w.query}`),
    `order_syncs: ${syncs.map((r) => `${r.status}=${r.n}`).join(', ') || 'none'}`,
    `operations: ${ops.map((r) => `${r.kind}/${r.status}=${r.n}`).join(', ') || 'none'}`,
    `jobs: ${jobs.map((r) => `${r.name}/${r.state}=${r.n}`).join(', ') || 'none'}`,
  ].join('\n');
}

/**
 * Where named orders stand, for a timeout's message: each order's sync row, its Xero operations, its
 * timeline, the Xero events received for its invoice and our last write's stamp on it, and the queue's
 * jobs that name it — then the stack's overall progress.
 */
export async function describeOrders(stack: Stack, orderIds: readonly string[]): Promise<string> {
  const db = stack.infra.database.db;
  const ids = orderIds.filter(Boolean);
  if (ids.length === 0) return describeProgress(stack);
  const json = (v: unknown) => JSON.stringify(v);
  const when = (d: unknown) => (d instanceof Date ? d.toISOString() : String(d));
  const lines: string[] = [];
  for (const orderId of ids) {
    const sync = await db
      .selectFrom('order_syncs')
      .selectAll()
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    lines.push(
      `order ${orderId}: ${
        sync
          ? `${sync.status} invoice=${sync.invoice_number ?? '-'} (${sync.invoice_id ?? '-'}) paid=${sync.amount_paid ?? '-'} message=${json(sync.message)} reason=${json(sync.reason)} updated=${when(sync.updated_at)}`
          : 'no order_syncs row'
      }`,
    );
    const ops = await db
      .selectFrom('xero_operations')
      .select(['kind', 'status', 'target_number', 'error', 'depends_on', 'id', 'created_at', 'updated_at'])
      .where('order_id', '=', orderId)
      .orderBy('created_at')
      .execute();
    for (const op of ops)
      lines.push(
        `  op ${op.kind}/${op.status} #${op.id}${op.depends_on ? ` after #${op.depends_on}` : ''} target=${op.target_number ?? '-'} error=${json(op.error)} created=${when(op.created_at)} updated=${when(op.updated_at)}`,
      );
    const steps = await db
      .selectFrom('timeline')
      .select(['at', 'step', 'outcome', 'message'])
      .where('subject_type', '=', 'order')
      .where('subject_id', 'like', `%:${orderId}`)
      .orderBy('at')
      .orderBy('id')
      .execute();
    for (const s of steps) lines.push(`  step ${when(s.at)} ${s.step}/${s.outcome}: ${s.message}`);
    if (sync?.invoice_id) {
      const invoiceId = sync.invoice_id;
      const own = await db
        .selectFrom('echo_fingerprints')
        .select(['entity_type', 'fingerprint', 'recorded_at'])
        .where('direction', '=', 'to-xero')
        .where('entity_id', '=', invoiceId)
        .execute();
      for (const o of own)
        lines.push(`  own write ${o.entity_type} stamp=${o.fingerprint} recorded=${when(o.recorded_at)}`);
      const events = await db
        .selectFrom('inbound_events')
        .select(['event_type', 'status', 'payload', 'received_at', 'processed_at'])
        .where('source', '=', 'xero')
        .execute();
      for (const e of events.filter((e) => json(e.payload).includes(invoiceId)))
        lines.push(
          `  xero event ${e.event_type}/${e.status} received=${when(e.received_at)} processed=${e.processed_at ? when(e.processed_at) : '-'} payload=${json(e.payload)}`,
        );
    }
    const needles = [orderId, ...(sync?.invoice_id ? [sync.invoice_id] : [])];
    const jobs = await sql<{
      name: string;
      state: string;
      start_after: Date;
      retry_count: number;
      output: unknown;
      data: unknown;
    }>`
      select name, state, start_after, retry_count, output, data from pgboss.job
      where ${sql.join(
        needles.map((n) => sql`data::text like ${`%${n}%`}`),
        sql` or `,
      )}
      order by created_on`
      .execute(db)
      .then((r) => r.rows)
      .catch((e: Error) => [
        {
          name: 'pgboss.job unreadable',
          state: e.message,
          start_after: new Date(0),
          retry_count: 0,
          output: null,
          data: null,
        },
      ]);
    for (const j of jobs)
      lines.push(
        `  job ${j.name}/${j.state} retries=${j.retry_count} startAfter=${when(j.start_after)} output=${json(j.output)} data=${json(j.data)}`,
      );
  }
  const flushes = await sql<{ state: string; start_after: Date; data: unknown }>`
    select state, start_after, data from pgboss.job where name = 'flush' and state in ('created', 'retry', 'active')`
    .execute(db)
    .then((r) => r.rows)
    .catch(() => []);
  for (const f of flushes)
    lines.push(`flush ${f.state} startAfter=${when(f.start_after)} data=${json(f.data)}`);
  lines.push(`now ${new Date().toISOString()}`);
  return `${lines.join('\n')}\n${await describeProgress(stack)}`;
}
