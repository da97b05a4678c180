import type { WorkerOptions } from '@ledgerbridge/xero-app';
import {
  buildCatalog,
  createHttpCaller,
  createRandom,
  type GeneratorProfile,
  placeOrder,
  planOrders,
  profileRegions,
} from '@ledgerbridge/ordercloud-sandbox';
import { SEEDED_TENANT_IDS, startXeroSandbox, type XeroSandbox } from '@ledgerbridge/xero-sandbox';
import { sql } from 'kysely';
import { createStackDatabase, type StackDatabase, type TestBackend } from './backends.ts';
import { sharedBaseline } from './fault-baseline.ts';
import { compareWithTruth, readOrderCloudTruth } from './ordercloud-truth.ts';
import { type Stack, startStack, waitUntil } from './stack.ts';
import { type FinalStateReading, readFinalState, type ScenarioOrder } from './xero-final-state.ts';

export type ScenarioSpec = {
  readonly seed: number;
  readonly count: number;
  readonly profile: GeneratorProfile;
};

/**
 * The orders every fault scenario replays (AU org): card payments captured in full, in two parts and
 * failed; a purchase order and a canceled purchase order; returns (credit notes); a guest; two customers
 * with two orders each. No card order is canceled and no card is left authorised-only, so the fault-free
 * outcome does not depend on timing (see the authorisation test in fault-free-truth.test.ts).
 */
export const standardScenario: ScenarioSpec = { seed: 128, count: 8, profile: 'au' };

/** The same stream of orders, twice as long (canceled card orders included): for load, not for faults. */
export const volumeScenario: ScenarioSpec = { seed: 128, count: 16, profile: 'au' };

export type Scenario = {
  readonly stack: Stack;
  readonly database: StackDatabase;
  readonly spec: ScenarioSpec;
  close(): Promise<void>;
};

/** A fresh database and app stack (server, and the worker unless `withWorker: false`) for one scenario. */
export async function openScenario(input: {
  xero: XeroSandbox;
  tenantId: string;
  runUrl: string;
  spec: ScenarioSpec;
  worker?: WorkerOptions;
  withWorker?: boolean;
  /** PostgreSQL unless said; PGlite is the embedded database `pnpm start` opens without DATABASE_URL. */
  backend?: TestBackend;
}): Promise<Scenario> {
  const database = await createStackDatabase(input.backend ?? 'postgres', input.runUrl);
  let stack: Stack;
  try {
    stack = await startStack({
      xero: input.xero,
      tenantId: input.tenantId,
      databaseUrl: database.url,
      // `pnpm start`'s settings unless a scenario says otherwise.
      worker: input.worker ?? {},
      ...(input.withWorker === false ? { withWorker: false } : {}),
      catalog: { seed: input.spec.seed, profile: input.spec.profile },
    });
  } catch (error) {
    await database.drop();
    throw error;
  }
  let closed = false;
  return {
    stack,
    database,
    spec: input.spec,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await stack.close();
      } finally {
        await database.drop();
      }
    },
  };
}

/**
 * Places the scenario's generated orders through OrderCloud, all of them or the plan positions in
 * [from, to): the webhooks fire to the app as they go. Placing a scenario in slices places the same orders.
 */
export async function placeScenarioOrders(
  scenario: Scenario,
  slice: { from?: number; to?: number } = {},
): Promise<ScenarioOrder[]> {
  const { seed, count, profile } = scenario.spec;
  const random = createRandom(seed);
  const catalog = buildCatalog({ random, regions: profileRegions(profile) });
  const plans = planOrders({ random, catalog, count, profile }).slice(slice.from ?? 0, slice.to ?? count);
  const call = createHttpCaller({ baseUrl: scenario.stack.orderCloud.url });
  const placed: ScenarioOrder[] = [];
  for (const plan of plans) {
    const order = await placeOrder(call, plan);
    placed.push({ index: plan.index, orderId: order.orderId, status: order.status });
  }
  return placed;
}

export type QuietReport = {
  readonly waitedMs: number;
  /** Deliveries the app did not accept (non-2xx or no answer): events it may have lost. */
  readonly failedDeliveries: string[];
  /** Operations still waiting on a dependency that is already done: they would never be sent. */
  readonly strandedOperations: string[];
  /** Jobs the queue gave up on (its dead-letter queues). */
  readonly deadLetters: string[];
};

type Pending = { ops: number; batches: number; jobs: number };

async function pending(scenario: Scenario): Promise<Pending> {
  const db = scenario.stack.infra.database.db;
  const { rows } = await sql<Pending>`
    select
      (select count(*) from xero_operations where status in ('ready', 'sending'))::int as ops,
      (select count(*) from xero_batches where status = 'sending')::int as batches,
      (select count(*) from pgboss.job where name in ('sync', 'flush', 'xero-events') and state in ('created', 'retry', 'active'))::int as jobs
  `.execute(db);
  return rows[0] ?? { ops: 0, batches: 0, jobs: 0 };
}

async function describeJobs(scenario: Scenario): Promise<string> {
  const { rows } = await sql<{
    name: string;
    state: string;
    retry_count: number;
    start_after: Date;
    output: unknown;
  }>`
    select name, state, retry_count, start_after, output from pgboss.job
    where name in ('sync', 'flush', 'xero-events') and state in ('created', 'retry', 'active')
  `.execute(scenario.stack.infra.database.db);
  return JSON.stringify(rows);
}

/**
 * Waits until OrderCloud has delivered every webhook and the app has nothing left to do for Xero (no
 * sync, flush or Xero-event job queued, retrying or running; no operation ready or being sent) for
 * `quietMs` in a row.
 */
export async function waitForQuiet(
  scenario: Scenario,
  input: { timeoutMs: number; quietMs?: number },
): Promise<QuietReport> {
  const started = Date.now();
  await scenario.stack.orderCloud.admin.flushDeliveries();
  const quietMs = input.quietMs ?? 700;
  let quietSince: number | undefined;
  let last: Pending = { ops: -1, batches: -1, jobs: -1 };
  for (;;) {
    last = await pending(scenario);
    const idle = last.ops === 0 && last.batches === 0 && last.jobs === 0;
    if (!idle) quietSince = undefined;
    else quietSince ??= Date.now();
    if (quietSince !== undefined && Date.now() - quietSince >= quietMs) break;
    if (Date.now() - started > input.timeoutMs) {
      throw new Error(
        `the app did not settle within ${input.timeoutMs} ms: ${last.ops} operations ready or sending, ${last.batches} batches open, ${last.jobs} sync/flush/xero-events jobs pending: ${await describeJobs(scenario)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const deliveries = await scenario.stack.orderCloud.admin.deliveries();
  const failedDeliveries = deliveries
    .filter((d) => d.kind === 'post' && d.status === 'failed')
    .map((d) => `${d.verb} ${d.route} → ${d.httpStatus ?? d.error ?? 'no answer'}`);
  const db = scenario.stack.infra.database.db;
  const { rows } = await sql<{ kind: string; order_id: string | null; dependency: string }>`
    select o.kind, o.order_id, d.kind as dependency
    from xero_operations o join xero_operations d on d.id = o.depends_on
    where o.status = 'waiting' and d.status = 'done'
  `.execute(db);
  const strandedOperations = rows.map(
    (r) => `${r.kind} of order ${r.order_id ?? '-'} waits on a ${r.dependency} that is done`,
  );
  const dead = await sql<{ name: string; data: unknown; retries: number | null; output: unknown }>`
    select name, data, source_retry_count as retries, coalesce(output, source_output) as output
    from pgboss.job where name like '%.dead'
  `.execute(db);
  const deadLetters = dead.rows.map((r) => {
    const output = (r.output ?? {}) as { error?: { message?: string }; message?: string };
    const why = output.error?.message ?? output.message ?? JSON.stringify(r.output).slice(0, 300);
    return `${r.name} ${JSON.stringify(r.data)} after ${r.retries ?? '?'} retries: ${why}`;
  });
  return { waitedMs: Date.now() - started, failedDeliveries, strandedOperations, deadLetters };
}

const tenants: Partial<Record<GeneratorProfile, string>> = {
  au: SEEDED_TENANT_IDS.au,
  nz: SEEDED_TENANT_IDS.nz,
  uk: SEEDED_TENANT_IDS.uk,
  us: SEEDED_TENANT_IDS.us,
};

/** The seeded Xero org whose region matches a single-region generator profile. */
export function tenantFor(spec: ScenarioSpec): string {
  const tenantId = tenants[spec.profile];
  if (!tenantId) throw new Error(`no seeded Xero org for the ${spec.profile} profile`);
  return tenantId;
}

export type ScenarioOutcome = FinalStateReading & {
  readonly quiet: QuietReport;
  readonly orders: ScenarioOrder[];
  /** Where Xero differs from OrderCloud (invoice totals, captured payments), order by order. */
  readonly truthDifferences: string[];
};

/** Waits for the app to settle, then reads Xero's final state, its contract violations and OrderCloud's truth. */
export async function settleAndRead(
  scenario: Scenario,
  xero: XeroSandbox,
  orders: ScenarioOrder[],
  input: { timeoutMs: number },
): Promise<ScenarioOutcome> {
  const quiet = await waitForQuiet(scenario, { timeoutMs: input.timeoutMs });
  const reading = await readFinalState(xero, scenario.stack.tenantId, orders);
  const violations = await xero.admin.contractViolations();
  const truth = await readOrderCloudTruth(scenario.stack.orderCloud.url, orders);
  return {
    ...reading,
    problems: [...reading.problems, ...violations.map((v) => `contract violation: ${JSON.stringify(v)}`)],
    quiet,
    orders,
    truthDifferences: compareWithTruth(reading, truth),
  };
}

/** Runs a scenario with no fault at all on its own Xero sandbox: what every faulted run must end with. */
export async function runFaultFree(runUrl: string, spec: ScenarioSpec): Promise<ScenarioOutcome> {
  const xero = await startXeroSandbox({ contractCheck: true });
  let scenario: Scenario | undefined;
  try {
    scenario = await openScenario({ xero, tenantId: tenantFor(spec), runUrl, spec });
    const orders = await placeAfterWarmUp(scenario, { timeoutMs: 60_000 });
    return await settleAndRead(scenario, xero, orders, { timeoutMs: 90_000 });
  } finally {
    await scenario?.close();
    await xero.close();
  }
}

export type Baseline = FinalStateReading & { readonly deadLetters: string[] };

/** The fault-free outcome of `spec`, computed by the first suite of the run that asks and shared after. */
export async function faultFreeBaseline(runUrl: string, spec: ScenarioSpec): Promise<Baseline> {
  return sharedBaseline({
    runUrl,
    key: `${spec.profile}-${spec.seed}-${spec.count}`,
    compute: async () => {
      const run = await runFaultFree(runUrl, spec);
      return {
        state: run.state,
        counts: run.counts,
        problems: [
          ...run.problems,
          ...run.quiet.failedDeliveries.map((d) => `delivery failed: ${d}`),
          ...run.quiet.strandedOperations,
          ...run.truthDifferences,
        ],
        deadLetters: run.quiet.deadLetters,
      };
    },
  });
}

/**
 * Places the first order alone and waits until the app has read the org's reference data (accounts, tax
 * rates…) and pinned its mapping, then places the rest (up to `to`): the faults that follow then land on
 * the order-to-cash calls instead of on every concurrent job's first look at the org.
 */
export async function placeAfterWarmUp(
  scenario: Scenario,
  input: { timeoutMs: number; to?: number },
): Promise<ScenarioOrder[]> {
  const first = await placeScenarioOrders(scenario, { to: 1 });
  const db = scenario.stack.infra.database.db;
  await waitUntil(
    async () => {
      const cached = await db
        .selectFrom('reference_cache')
        .select('tenant_id')
        .where('tenant_id', '=', scenario.stack.tenantId)
        .executeTakeFirst();
      const pinned = await db
        .selectFrom('environments')
        .select('mapping_version_id')
        .where('xero_tenant_id', '=', scenario.stack.tenantId)
        .where('mapping_version_id', 'is not', null)
        .executeTakeFirst();
      return cached && pinned;
    },
    { timeoutMs: input.timeoutMs, what: "the app's first read of the org and its mapping pinned" },
  );
  return [
    ...first,
    ...(await placeScenarioOrders(scenario, { from: 1, ...(input.to ? { to: input.to } : {}) })),
  ];
}
