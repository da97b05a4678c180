// The app's public surface: what its entry points, the demo and the cross-package tests use.
// Anything not exported here is internal; tests outside the app reach it through these names only.
export { connectOrderCloud } from './connections/connect-ordercloud.ts';
export { createOrderCloudAdminHttp } from './connections/ordercloud-admin-http.ts';
export { createUserUrlFetch } from './outbound/user-url-fetch.ts';
export { enforceTlsFloor } from './http/create-listener-server.ts';
export { createApiKeyStore } from './console/api-keys.ts';
export { createSession } from './auth/sessions-repo.ts';
export { getOrderCloudConnectionSecrets } from './connections/ordercloud-connections-repo.ts';
export { orderCloudWebhookRoutes } from './connections/ordercloud-webhook-definition.ts';
export { repairOrderCloudWebhook } from './connections/repair-ordercloud-webhook.ts';
export { createKeyring, type Keyring, keyringFromConfig } from './crypto/keyring.ts';
export { type Db, openDatabase } from './db/database.ts';
export { migrateToLatest } from './db/migrate.ts';
export { type AppConfig, loadConfig } from './env.ts';
export { type Infrastructure, openInfrastructure } from './infrastructure.ts';
export { defaultMapping } from './mapping/default-mapping.ts';
export { type MappingConfig, MappingConfigSchema } from './mapping/mapping-config.ts';
export { createMappingVersion } from './mapping/mapping-repo.ts';
export { createStudioOrdersRepo } from './mapping/studio/studio-orders-repo.ts';
export { createMappingStudio } from './mapping/studio/studio-service.ts';
export { createVersionsRepo } from './mapping/studio/versions-repo.ts';
export { createLogger } from './observability/logger.ts';
export { queueNames } from './queue/queue-names.ts';
export { arrivalMargin, createRateBudget, type RateBudget } from './rate-budget/rate-budget.ts';
export { type RateLimits, xeroLimits } from './rate-budget/rate-limits.ts';
export * as ratePolicy from './rate-budget/rate-policy.ts';
export { addRoutingRule } from './routing/routing-repo.ts';
export { type RunningServer, startServer } from './server.ts';
export { type FlushDeps, type FlushOutcome, flushTenant } from './sync/flush/flush-tenant.ts';
export { opKey } from './sync/operations/operation.ts';
export {
  ensureOperation,
  markDone,
  promoteSettledWaiters,
} from './sync/operations/operations-repo.ts';
export { getOrderSync } from './sync/order-status/order-syncs-repo.ts';
export { referenceData } from './sync/reference-cache.ts';
export { syncOrder } from './sync/sync-order.ts';
export { approveTaxRates } from './tax-rates/tax-rate-proposals.ts';
export { type RunningWorker, startWorker, type WorkerOptions } from './worker.ts';
export { signEmitterBody } from './sitecore/emitter-signature.ts';
export { createSitecoreSite } from './sitecore/sitecore-sites-repo.ts';
export { planBackfill } from './backfill/plan-backfill.ts';
export { changeBackfill } from './backfill/start-backfill.ts';
export { backfillTick } from './backfill/backfill-tick.ts';
export { planChunk } from './backfill/plan-chunk.ts';
export { dayLimitOf } from './dashboard/budget-reads.ts';
export { healFindings } from './reconciliation/heal-finding.ts';
export { createReport, findReport } from './reconciliation/reports-repo.ts';
export { createCommerceSources } from './server.ts';
export { receiveXeroEvents } from './xero-webhooks/receive-xero-events.ts';
export { applyInvoiceChange } from './xero-webhooks/apply-invoice-change.ts';
export { createDemoTour } from './demo-tour-controls.ts';
export type { DemoTour } from './console/demo-tour.ts';
export { SIGNATURE_HEADER, verifyAlertSignature } from './alerts/alert-signature.ts';
