import { readFile } from 'node:fs/promises';
import {
  buildCatalog,
  createMemoryCaller,
  createRandom,
  placeOrder,
  planOrders,
  profileRegions,
} from '@ledgerbridge/ordercloud-sandbox';
import { SEEDED_TENANT_IDS, startXeroSandbox } from '@ledgerbridge/xero-sandbox';
import { sql } from 'kysely';
import { type Stack, startStack } from '../support/stack.ts';
import { startWorkerProcess } from '../support/worker-processes.ts';
import { withBenchDatabase } from './bench-database.ts';
import { collectAndMeasureHeap } from './inspect-heap.ts';
import { type ResidentSet, residentSetOf } from './resident-set.ts';

const tenantId = SEEDED_TENANT_IDS.au;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A process's resident set (Linux /proc): the worker's own memory, not the sandboxes' in this process. */
async function rssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** Where a process's resident set lives (V8 and anonymous pages, glibc's arenas, files). */
async function residentSet(pid: number): Promise<ResidentSet> {
  return residentSetOf(await readFile(`/proc/${pid}/smaps`, 'utf8'));
}

/** Orders the worker has carried past planning (any state after received/queued). */
async function throughWorker(stack: Stack): Promise<number> {
  const row = await stack.infra.database.db
    .selectFrom('order_syncs')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('status', 'not in', ['received', 'queued'])
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Nothing left for the worker: no sync or write-back job pending, no operation open. */
async function idle(stack: Stack): Promise<boolean> {
  const db = stack.infra.database.db;
  const open = await db
    .selectFrom('xero_operations')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('status', 'in', ['waiting', 'ready', 'sending'])
    .executeTakeFirstOrThrow();
  const jobs = await db
    .selectFrom(sql`pgboss.job`.as('j'))
    .select(sql<number>`count(*)::int`.as('n'))
    .where(sql.ref('j.name'), 'in', ['sync', 'write-back'])
    .where(sql.ref('j.state'), 'in', ['created', 'retry', 'active'])
    .executeTakeFirstOrThrow();
  return open.n === 0 && jobs.n === 0;
}

/** Per queue: jobs the worker completed, their mean time in hand and their mean wait once due. */
async function jobTimings(stack: Stack) {
  const rows = await sql<{ name: string; n: number; run_ms: number; wait_ms: number }>`
    select name, count(*)::int as n,
      round(avg(extract(epoch from completed_on - started_on)) * 1000)::int as run_ms,
      round(avg(extract(epoch from started_on - start_after)) * 1000)::int as wait_ms
    from pgboss.job where state = 'completed' group by name order by name`.execute(stack.infra.database.db);
  return Object.fromEntries(rows.rows.map((r) => [r.name, { n: r.n, runMs: r.run_ms, waitMs: r.wait_ms }]));
}

/**
 * BENCH_WORKER_NODE_ARGS: more flags for the worker's node, space-separated, to see where an order's time
 * goes (`--cpu-prof --cpu-prof-dir=/tmp/prof` writes its CPU profile when it stops).
 */
function profileArgs(): string[] {
  // biome-ignore lint/style/noProcessEnv: a developer's switch for a benchmark run, not app configuration
  return (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter((flag) => flag.length > 0);
}

/**
 * `pnpm bench memory`: orders through one worker process, against the sandboxes on a compressed clock with
 * limits high enough that Xero is never what waits. The worker's resident set is read when `first` orders
 * have gone through and again at `orders`, each time once the worker has drained its backlog, stood
 * idle for `settleMs` and been made to collect its garbage (through its inspector), as the median of five
 * readings a second apart:
 * `rssGrowthPct` is the growth between the two. The sandboxes live in this process and are not counted.
 */
export async function measureMemory(input: {
  orders: number;
  first: number;
  minuteMs: number;
  seed: number;
  /** Order jobs the worker plans at once. */
  concurrency: number;
  /** Orders placed ahead of the worker at most. */
  ahead?: number;
  settleMs?: number;
  /** Feeding stops here even short of `orders` (the phase keeps to its time); the last reading follows. */
  maxSeconds?: number;
  log?: (line: string) => void;
}) {
  const log = input.log ?? (() => {});
  const dayLimit = 10_000_000;
  const xero = await startXeroSandbox({
    minuteMs: input.minuteMs,
    limits: { minute: 100_000, day: dayLimit, appMinute: 1_000_000, concurrent: 50 },
    requestLogLimit: 10,
  });
  try {
    return await withBenchDatabase(async (url) => {
      const stack = await startStack({
        xero,
        tenantId,
        databaseUrl: url,
        withWorker: false,
        catalog: { seed: input.seed, profile: 'au' },
      });
      const worker = await startWorkerProcess(
        'memory',
        {
          databaseUrl: url,
          xero,
          minuteMs: input.minuteMs,
          dailyLimit: dayLimit,
          concurrency: input.concurrency,
        },
        // Its inspector, on a port of its own: the readings follow a full collection.
        { readyTimeoutMs: 120_000, nodeArgs: ['--inspect=127.0.0.1:0', ...profileArgs()] },
      );
      try {
        const random = createRandom(input.seed);
        const catalog = buildCatalog({ random, regions: profileRegions('au') });
        const call = createMemoryCaller(stack.orderCloud.sandbox);
        const started = Date.now();
        const deadline = started + (input.maxSeconds ?? 12 * 60) * 1000;
        let placed = 0;
        let done = 0;
        // Time spent placing orders in the OrderCloud sandbox: near the run's length, the feed is the limit.
        let feedMs = 0;
        let nextMark = 0;
        const timeline: Array<{ orders: number; seconds: number; rssMb: number; resident: ResidentSet }> = [];
        const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
        // heapTotalMb: what V8 holds for its heap, used or not; the rest of the resident set beyond it is the
        // allocator's and native memory.
        const checkpoints: Array<{
          orders: number;
          rssMb: number;
          heapUsedMb: number;
          heapTotalMb: number;
          externalMb: number;
          resident: ResidentSet;
          seconds: number;
        }> = [];
        for (const checkpoint of [input.first, input.orders]) {
          while (done < checkpoint && (checkpoint === input.first || Date.now() < deadline)) {
            if (placed < checkpoint && placed - done < (input.ahead ?? 400)) {
              const count = Math.min(100, checkpoint - placed);
              // Plans numbered on from the last chunk: guests and purchase orders stay distinct.
              const feedStart = Date.now();
              for (const plan of planOrders({ random, catalog, count, profile: 'au' }))
                await placeOrder(call, { ...plan, index: plan.index + placed });
              feedMs += Date.now() - feedStart;
              placed += count;
            } else await sleep(250);
            done = await throughWorker(stack);
            if (done >= nextMark) {
              const rssMb = mb(await rssBytes(worker.pid));
              const resident = await residentSet(worker.pid);
              timeline.push({
                orders: done,
                seconds: Math.round((Date.now() - started) / 1000),
                rssMb,
                resident,
              });
              log(
                `  ${done} orders through the worker, ${timeline.at(-1)?.seconds} s, worker RSS ${rssMb} MB ${JSON.stringify(resident)}`,
              );
              nextMark = done + Math.max(1_000, Math.round(input.orders / 20));
            }
          }
          while (!(await idle(stack))) await sleep(500);
          await sleep(input.settleMs ?? 10_000);
          const heap = await collectAndMeasureHeap(worker.output());
          await sleep(1_000);
          const readings: number[] = [];
          for (let i = 0; i < 5; i += 1) {
            readings.push(await rssBytes(worker.pid));
            await sleep(1_000);
          }
          const median = [...readings].sort((a, b) => a - b)[2] ?? 0;
          checkpoints.push({
            orders: await throughWorker(stack),
            rssMb: mb(median),
            heapUsedMb: heap.usedMb,
            heapTotalMb: heap.totalMb,
            externalMb: heap.externalMb,
            resident: await residentSet(worker.pid),
            seconds: Math.round((Date.now() - started) / 1000),
          });
          log(`  checkpoint: ${JSON.stringify(checkpoints.at(-1))}`);
        }
        const [atFirst, atLast] = checkpoints;
        const seconds = (Date.now() - started) / 1000;
        // Short of 100,000 orders in the time: what a leak grows is the heap in use after a collection;
        // its growth per order between the readings, carried on in a straight line (an extrapolation,
        // said as such) from 10,000 to 100,000 orders, against the resident set at the first reading.
        // RSS itself moves with V8's and the allocator's choices by more than a short run's leak would.
        const heapPerOrderMb =
          atFirst && atLast && atLast.orders > atFirst.orders
            ? Math.max(0, atLast.heapUsedMb - atFirst.heapUsedMb) / (atLast.orders - atFirst.orders)
            : 0;
        return {
          orders: atLast?.orders ?? 0,
          first: atFirst?.orders ?? 0,
          rssFirstMb: atFirst?.rssMb ?? 0,
          rssLastMb: atLast?.rssMb ?? 0,
          heapFirstMb: atFirst?.heapUsedMb ?? 0,
          heapLastMb: atLast?.heapUsedMb ?? 0,
          heapTotalFirstMb: atFirst?.heapTotalMb ?? 0,
          heapTotalLastMb: atLast?.heapTotalMb ?? 0,
          residentFirst: atFirst?.resident,
          residentLast: atLast?.resident,
          rssGrowthPct:
            atFirst && atLast ? Math.round(((atLast.rssMb - atFirst.rssMb) / atFirst.rssMb) * 1000) / 10 : 0,
          heapMbPerThousandOrders: Math.round(heapPerOrderMb * 1000 * 1000) / 1000,
          rssGrowthPctProjected: atFirst
            ? Math.round(((heapPerOrderMb * 90_000) / atFirst.rssMb) * 1000) / 10
            : 0,
          ordersPerSecond: Math.round(((atLast?.orders ?? 0) / seconds) * 10) / 10,
          seconds: Math.round(seconds),
          feedSeconds: Math.round(feedMs / 1000),
          jobs: await jobTimings(stack),
          timeline,
        };
      } finally {
        await worker.stop(5_000);
        await stack.close();
      }
    });
  } finally {
    await xero.close();
  }
}
