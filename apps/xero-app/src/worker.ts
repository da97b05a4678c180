import { randomUUID } from 'node:crypto';
import type { CommerceSource, SyncEvent } from '@ledgerbridge/canonical';
import { permanent, SyncEventSchema, SyncFailure } from '@ledgerbridge/canonical';
import { createOrderCloudAdapter, createOrderCloudClient } from '@ledgerbridge/ordercloud';
import {
  createXeroAccountingAdapter,
  createXeroApiClient,
  createXeroIdentityClient,
} from '@ledgerbridge/xero';
import { createAccessTokenProvider } from './connections/access-token-provider.ts';
import { getOrderCloudConnectionSecrets } from './connections/ordercloud-connections-repo.ts';
import { parkJob, workspaceOfOrderCloudConnection } from './connections/parked-jobs.ts';
import { keyringFromConfig } from './crypto/keyring.ts';
import type { Infrastructure } from './infrastructure.ts';
import { purgeExpiredDeliveries } from './intake/delivery-retention.ts';
import { createUserUrlFetch } from './outbound/user-url-fetch.ts';
import { queueNames } from './queue/queue-names.ts';
import { createApprovedTaxRates, type TaxRatesJob } from './tax-rates/tax-rate-proposals.ts';
import { createRateBudget } from './rate-budget/rate-budget.ts';
import type { RateLimits } from './rate-budget/rate-limits.ts';
import { tenantLimitsReader } from './rate-budget/tenant-limits.ts';
import {
  flushBackoffMs,
  flushGiveUpAfter,
  flushPriority,
  contactRefreshMinutes,
  flushTurnLeadMs,
  minuteScarce,
} from './rate-budget/rate-policy.ts';
import { createDayPacer } from './rate-budget/pace-fill-wait.ts';
import { flushTenant } from './sync/flush/flush-tenant.ts';
import { operationModules } from './sync/operations/operation-modules.ts';
import { arrivalsSince, workspaceOfTenant } from './sync/operations/operations-repo.ts';
import { createDeliveryBatcher } from './intake/delivery-batcher.ts';
import { runWithVerdict } from './sync/job-verdict.ts';
import { reconcileConnection } from './sync/reconcile-connection.ts';
import { syncOrder } from './sync/sync-order.ts';
import { syncProduct, syncSpec } from './sync/catalog/sync-product.ts';
import { isCustomerEvent, syncCustomerEvent } from './sync/customers/customer-events.ts';
import { createItemPollStore } from './sync/catalog/item-poll-repo.ts';
import { pollItems } from './sync/catalog/poll-items.ts';
import { writeBackOrder } from './sync/write-back.ts';
import { startXeroEventsWith } from './xero-webhooks/xero-events-wiring.ts';
import { createSitecoreCommerceSource } from './sitecore/sitecore-commerce-source.ts';
import { workspaceOfSitecoreSite } from './sitecore/sitecore-sites-repo.ts';
import { syncSiteCustomer } from './sitecore/sync-site-customer.ts';
import { recheckAttention } from './attention/recheck-attention.ts';
import { startBackfillWorkers } from './backfill/backfill-wiring.ts';
import { startReconciliationWorker } from './reconciliation/reconciliation-wiring.ts';
import { createAlertPorts, startAlertWorker } from './alerts/alerts-wiring.ts';

export type RunningWorker = { stop(): Promise<void> };

export type WorkerOptions = {
  readonly concurrency?: number;
  /** Overrides of Xero's limits (a benchmark compresses the minute). */
  readonly limits?: Partial<RateLimits>;
  readonly fillWaitMs?: number;
  /** How long a partial batch of catalog items waits to fill (5 s by default). */
  readonly catalogFillWaitMs?: number;
  readonly batchSize?: number;
  /** False for a worker that only plans (the benchmark measures planning and sending apart). */
  readonly flush?: boolean;
  /** False to send partial batches without pacing the day (a backlog benchmark measures the minute). */
  readonly pace?: boolean;
  /** Tenants flushed at once by this process (FLUSH_CONCURRENCY by default). */
  readonly flushConcurrency?: number;
  /** When the reconciler looks for lost webhooks (cron); every 5 minutes by default. */
  readonly reconcileCron?: string;
  /** When Xero's items are polled for stock (cron); every 5 minutes by default. */
  readonly itemPollCron?: string;
};

const safeKey = (value: string) => value.replace(/[^\w.\-/]/g, '_');

/** Composition root of the worker: builds the adapters and use cases and subscribes them to the queue. */
export async function startWorker(
  infra: Infrastructure,
  options: WorkerOptions = {},
): Promise<RunningWorker> {
  const { config, queue, logger } = infra;
  const db = infra.database.db;
  infra.liveness.expect('worker');
  const keyring = keyringFromConfig(config);
  const identity = createXeroIdentityClient({
    clientId: config.XERO_CLIENT_ID,
    clientSecret: config.XERO_CLIENT_SECRET,
    loginUrl: config.XERO_LOGIN_URL,
    identityUrl: config.XERO_IDENTITY_URL,
    apiUrl: config.XERO_API_URL,
  });
  const accessTokens = createAccessTokenProvider({ db, identity, keyring });
  // One reader for the budget and the backfill: a benchmark's compressed limits apply to both.
  const tenantLimits = tenantLimitsReader(db, {
    configuredDayLimit: config.XERO_DAILY_LIMIT,
    minuteMs: config.XERO_MINUTE_MS,
    appPerMinute: config.XERO_APP_MINUTE_LIMIT,
    overrides: {
      ...(config.XERO_APP_BLOCK_CALLS !== undefined ? { appBlockCalls: config.XERO_APP_BLOCK_CALLS } : {}),
      ...options.limits,
    },
  });
  const budget = createRateBudget({
    db,
    limits: tenantLimits,
  });
  const turnLeadMs = flushTurnLeadMs(options.limits?.minuteMs ?? config.XERO_MINUTE_MS);
  const client = createXeroApiClient({
    basePath: `${config.XERO_API_URL.replace(/\/$/, '')}/api.xro/2.0`,
    timeoutMs: 30_000,
  });
  const accountingFor = (workspaceId: string) =>
    createXeroAccountingAdapter({
      client,
      gate: budget,
      tokens: { getAccessToken: ({ tenantId }) => accessTokens.getAccessToken({ workspaceId, tenantId }) },
      onUnauthorized: ({ tenantId }) => accessTokens.invalidateAccessToken({ workspaceId, tenantId }),
    });
  const workspaceOfConnection = async (id: string) =>
    (await workspaceOfOrderCloudConnection(db, id)) ?? (await workspaceOfSitecoreSite(db, id));
  const userUrlFetch = createUserUrlFetch(config);
  const sources = new Map<string, Promise<CommerceSource>>();
  const commerceFor = (connectionId: string): Promise<CommerceSource> => {
    let source = sources.get(connectionId);
    if (!source) {
      source = getOrderCloudConnectionSecrets({ db, keyring }, connectionId).then(async (secrets) => {
        // A Sitecore site's orders are the documents its emitter sent.
        if (!secrets && (await workspaceOfSitecoreSite(db, connectionId)))
          return createSitecoreCommerceSource(db, connectionId);
        if (!secrets) throw new Error(`OrderCloud connection ${connectionId} is unknown or disconnected`);
        return createOrderCloudAdapter({
          client: createOrderCloudClient({
            connectionKey: secrets.id,
            apiUrl: secrets.apiUrl,
            clientId: secrets.clientId,
            clientSecret: secrets.clientSecret,
            // The API URL is the merchant's: every call goes through the outbound guard.
            fetch: userUrlFetch,
          }),
          // Orders say whether their prices include tax (xp); a marketplace that does not is tax-exclusive.
          mapping: { pricesIncludeTaxDefault: false },
        });
      });
      source.catch(() => sources.delete(connectionId));
      sources.set(connectionId, source);
    }
    return source;
  };
  const requestFlush = async (tenantId: string) => {
    await queue.enqueue({ queue: queueNames.flush, data: { tenantId }, singletonKey: safeKey(tenantId) });
    queue.wake(queueNames.flush);
  };
  const requestWriteBack = async (input: { connectionId: string; orderId: string }) => {
    await queue.enqueue({ queue: queueNames.writeBack, data: input });
    queue.wake(queueNames.writeBack);
  };
  const actionsFor = (
    queueName: string,
    data: object,
    workspaceId: () => Promise<string | undefined>,
    singletonKey?: string,
  ) => ({
    later: async (ms: number) => {
      await queue.enqueue({
        queue: queueName,
        data,
        startAfter: new Date(Date.now() + ms),
        ...(singletonKey ? { singletonKey } : {}),
      });
    },
    park: async (reason: string) => {
      const ws = await workspaceId();
      if (ws) await parkJob(db, { workspaceId: ws, queue: queueName, data, reason });
    },
  });
  const requestWriteBacks = async (inputs: ReadonlyArray<{ connectionId: string; orderId: string }>) => {
    await queue.enqueueMany({ queue: queueNames.writeBack, data: [...inputs] });
    queue.wake(queueNames.writeBack);
  };
  const syncDeps = { db, commerceFor, accountingFor, requestFlush, requestWriteBack };
  const requestOrderSync = async (input: { connectionId: string; orderId: string }) => {
    const event: SyncEvent = {
      type: 'order.submitted',
      source: 'console',
      eventId: `console-${randomUUID()}`,
      connectionId: input.connectionId,
      orderId: input.orderId,
      occurredAt: new Date().toISOString(),
    };
    await queue.enqueue({ queue: queueNames.sync, data: event });
    queue.wake(queueNames.sync);
  };
  // Pacing the day (rate-budget/pace-fill-wait.ts), asked by the flush at each pass.
  const paceFillWaitMs = createDayPacer(
    {
      dayLeft: (tenantId) => budget.dayLeft(tenantId),
      arrivalsSince: (query) => arrivalsSince(db, query),
      recordForecast: (tenantId, forecast) => budget.recordForecast(tenantId, forecast),
      now: () => new Date(),
    },
    {
      baseFillWaitMs: Math.max(100, options.fillWaitMs ?? 1_000),
      latencyCeilingMs: config.SYNC_LATENCY_CEILING_MS,
      modules: operationModules,
    },
  );

  // Live orders and the orders of a history import run the same sync, on queues of their own.
  const syncHandler = async (job: { data: unknown }) => {
    const event: SyncEvent = SyncEventSchema.parse(job.data);
    const workspace = () => workspaceOfConnection(event.connectionId);
    return runWithVerdict(actionsFor(queueNames.sync, event, workspace), async () => {
      if ('orderId' in event) {
        await syncOrder(syncDeps, {
          connectionId: event.connectionId,
          orderId: event.orderId,
          background: event.source === 'backfill',
        });
      } else if (event.type === 'product.updated') {
        await syncProduct(syncDeps, { connectionId: event.connectionId, productId: event.productId });
      } else if (event.type === 'spec.updated') {
        await syncSpec(syncDeps, { connectionId: event.connectionId, specId: event.specId });
      } else if (event.type === 'customer.updated' && event.source === 'sitecore') {
        await syncSiteCustomer(syncDeps, {
          connectionId: event.connectionId,
          customerId: event.customerId,
        });
      } else if (isCustomerEvent(event)) {
        await syncCustomerEvent(syncDeps, event);
      }
      infra.metrics.jobs.inc({ queue: queueNames.sync, outcome: 'completed' });
    });
  };
  await queue.work<unknown>(queueNames.sync, syncHandler, {
    concurrency: options.concurrency ?? config.WORKER_CONCURRENCY,
  });
  await startBackfillWorkers({
    db,
    queue,
    logger,
    accountingFor,
    syncHandler,
    syncDeps,
    dailyLimit: async (tenantId) => (await tenantLimits(tenantId)).perDay,
    minuteMs: options.limits?.minuteMs ?? config.XERO_MINUTE_MS,
    concurrency: options.concurrency ?? config.WORKER_CONCURRENCY,
  });
  await startReconciliationWorker({ db, queue, commerceFor, accountingFor });
  await queue.work(queueNames.attentionRecheck, async () => {
    const { retried } = await recheckAttention({
      db,
      accountingFor,
      enqueueSync: (events, trx) => queue.enqueueMany({ queue: queueNames.sync, data: events, trx }),
    });
    if (retried > 0) logger.info({ retried }, 'orders retried after their cause changed');
    return undefined;
  });
  await queue.schedule(queueNames.attentionRecheck, '*/5 * * * *');

  await startAlertWorker({
    queue,
    logger,
    ports: createAlertPorts({ db, keyring, queue, fetch: userUrlFetch, config }),
  });

  await queue.work<TaxRatesJob>(queueNames.taxRates, async (job) =>
    runWithVerdict(
      actionsFor(queueNames.taxRates, job.data, async () => job.data.workspaceId),
      () => createApprovedTaxRates({ db, accountingFor, requestSync: requestOrderSync }, job.data),
    ),
  );

  if (options.flush !== false)
    await queue.work<{ tenantId: string; attempt?: number; servedAt?: string }>(
      queueNames.flush,
      async (job) => {
        const { tenantId } = job.data;
        const workspace = () => workspaceOfTenant(db, tenantId);
        return runWithVerdict(
          actionsFor(queueNames.flush, job.data, workspace, safeKey(tenantId)),
          async () => {
            let outcome: Awaited<ReturnType<typeof flushTenant>>;
            try {
              outcome = await flushTenant(
                {
                  db,
                  accountingFor,
                  requestWriteBack,
                  requestWriteBacks,
                  budgetScarce: async (t) => minuteScarce(await budget.snapshot(t)),
                  budgetWaitMs: (t) => budget.admissionWaitMs(t),
                  turnLeadMs,
                  // Other tenants' flushes due now (not this tenant's own next one, queued by new orders):
                  // this one takes its turn of one batch and queues again.
                  othersWaiting: async () =>
                    (await queue.dueJobCount([queueNames.flush], 0, safeKey(tenantId))) > 0,
                  ...(options.pace === false ? {} : { paceFillWaitMs }),
                  contactRefreshMs:
                    contactRefreshMinutes * (options.limits?.minuteMs ?? config.XERO_MINUTE_MS),
                  batchSize: options.batchSize ?? config.SYNC_BATCH_SIZE,
                  ...(options.fillWaitMs !== undefined ? { fillWaitMs: options.fillWaitMs } : {}),
                  ...(options.catalogFillWaitMs !== undefined
                    ? { catalogFillWaitMs: options.catalogFillWaitMs }
                    : {}),
                },
                { tenantId },
              );
            } catch (error) {
              // pg-boss cannot queue a retry beside the flush already queued for this tenant (one per
              // tenant), so transient failures back off here: the tenant pauses, and the flush comes back.
              if (!(error instanceof SyncFailure) || error.error.kind !== 'retryable') throw error;
              const attempt = (job.data.attempt ?? 0) + 1;
              if (attempt > flushGiveUpAfter) {
                throw new SyncFailure(
                  permanent(
                    'flush-gave-up',
                    `Xero kept failing for this organisation: ${error.error.message}`,
                  ),
                );
              }
              const delay = flushBackoffMs(attempt);
              await budget.pause({
                tenantId,
                ms: delay,
                reason: `Xero failed (${error.error.message}); trying again`,
              });
              await queue.enqueue({
                queue: queueNames.flush,
                data: { tenantId, attempt },
                singletonKey: safeKey(tenantId),
                startAfter: new Date(Date.now() + delay),
              });
              logger.warn({ tenantId, attempt, delay, err: error }, 'flush failed; backing off');
              return;
            }
            if (outcome.again) {
              // Its place in the round: behind the tenants served less recently (a turn without a call
              // keeps the place it had).
              const servedAt =
                outcome.calls > 0 ? new Date() : job.data.servedAt ? new Date(job.data.servedAt) : undefined;
              await queue.enqueue({
                queue: queueNames.flush,
                data: { tenantId, ...(servedAt ? { servedAt: servedAt.toISOString() } : {}) },
                singletonKey: safeKey(tenantId),
                // A little before its moment, so it is there when its turn (at the app's minute) comes.
                startAfter: new Date(Date.now() + Math.max(0, outcome.again.afterMs - turnLeadMs)),
                priority: flushPriority(servedAt),
              });
            }
            logger.debug({ tenantId, ...outcome }, 'flushed');
          },
        );
      },
      { concurrency: options.flushConcurrency ?? 1 },
    );

  await queue.work<{ connectionId: string; orderId: string }>(
    queueNames.writeBack,
    async (job) => {
      const workspace = () => workspaceOfConnection(job.data.connectionId);
      return runWithVerdict(actionsFor(queueNames.writeBack, job.data, workspace), () =>
        writeBackOrder({ db, commerceFor }, job.data),
      );
    },
    { concurrency: 2 },
  );

  // Xero webhooks: invoices paid or voided in Xero, back to the OrderCloud order.
  // Reads of Xero events gather for two Xero seconds.
  await startXeroEventsWith({
    db,
    queue,
    logger,
    accountingFor,
    commerceFor,
    gatherMs: Math.max(50, Math.round(config.XERO_MINUTE_MS / 30)),
  });

  const redeliveries = createDeliveryBatcher({ db, queue });
  await queue.work<{ connectionId?: string }>(queueNames.reconcile, async (job) => {
    const connections = job.data.connectionId
      ? [{ id: job.data.connectionId }]
      : await db.selectFrom('ordercloud_connections').select('id').where('status', '=', 'active').execute();
    for (const connection of connections) {
      const { recovered } = await reconcileConnection(
        {
          db,
          commerceFor,
          accept: redeliveries.accept,
          workspaceOf: (id) => workspaceOfConnection(id),
        },
        { connectionId: connection.id },
      );
      if (recovered.length > 0)
        logger.warn(
          { connectionId: connection.id, recovered: recovered.length },
          'orders recovered without webhooks',
        );
    }
  });
  await queue.schedule(queueNames.reconcile, options.reconcileCron ?? '*/5 * * * *');

  // Xero has no item webhooks: a poll a connection every 5 minutes (one call each, 288 a day) carries
  // tracked stock back when the mapping gives stock to Xero, and settles items edited in Xero by the
  // ownership table; a connection with no synced products and stock off costs nothing.
  const itemPollStore = createItemPollStore(db);
  await queue.work<{ connectionId?: string }>(queueNames.itemPoll, async (job) => {
    const connections = job.data.connectionId
      ? [{ id: job.data.connectionId }]
      : await db.selectFrom('ordercloud_connections').select('id').where('status', '=', 'active').execute();
    for (const connection of connections) {
      try {
        const outcome = await pollItems(
          { store: itemPollStore, accountingFor, commerceFor, requestFlush, now: () => new Date() },
          { connectionId: connection.id },
        );
        if (outcome.written + outcome.renamed + outcome.resent + outcome.refused.length > 0)
          logger.info({ connectionId: connection.id, ...outcome }, 'Xero items settled with OrderCloud');
      } catch (error) {
        // One connection's trouble does not hold the others back; the next poll starts where it stopped.
        logger.warn({ connectionId: connection.id, err: error }, 'item poll failed');
      }
    }
  });
  await queue.schedule(queueNames.itemPoll, options.itemPollCron ?? '*/5 * * * *');

  await queue.work(queueNames.retention, async () => {
    const purged = await purgeExpiredDeliveries(db, { retentionDays: config.RETENTION_DAYS });
    if (purged > 0)
      logger.info({ purged, retentionDays: config.RETENTION_DAYS }, 'expired deliveries deleted');
  });
  await queue.schedule(queueNames.retention, '17 * * * *');
  return {
    stop: async () => {
      await queue.stop(config.SHUTDOWN_GRACE_MS);
      // The calls of the app's minute this process took and did not spend go back to the others; if the
      // database is gone already, the block is over within a second anyway.
      await budget.returnBlock().catch(() => {});
    },
  };
}
