export * from './api-types.ts';
export { createOrderCloudClient } from './client/ordercloud-client.ts';
export type {
  Direction,
  OrderCloudClient,
  OrderCloudClientConfig,
  PageInfo,
} from './client/ordercloud-client.ts';
export { mapOrderCloudError, parseRetryAfter } from './client/error-mapping.ts';
export { backoffDelay, defaultRetryPolicy, withRetry } from './client/retry.ts';
export type { RetryPolicy } from './client/retry.ts';
export { mapAddress } from './mapping/address-mapper.ts';
export { decimalFromNumber, toMoney } from './mapping/amounts.ts';
export { mapOrderCustomer, mapUserToCustomer } from './mapping/customer-mapper.ts';
export type { CustomerMappingOptions } from './mapping/customer-mapper.ts';
export { MappingProblem } from './mapping/mapping-problem.ts';
export { mapOrder, mapWorksheetToOrder } from './mapping/order-mapper.ts';
export type { OrderMappingOptions, OrderSource } from './mapping/order-mapper.ts';
export { mapPayment } from './mapping/payment-mapper.ts';
export { mapProduct } from './mapping/product-mapper.ts';
export { mapOrderReturn } from './mapping/refund-mapper.ts';
export {
  isDottedPath,
  resolveConventions,
  resolveSources,
  sourceConventions,
  sourcePathProblem,
} from './mapping/source-paths.ts';
export type { ResolvedSources } from './mapping/source-paths.ts';
export { detectPricesIncludeTax } from './mapping/tax-mode.ts';
export type { TaxModeSource } from './mapping/tax-mode.ts';
export { createOrderCloudAdapter } from './ordercloud-adapter.ts';
export type { OrderCloudAdapterConfig } from './ordercloud-adapter.ts';
export { classifyWebhook } from './webhooks/webhook-classifier.ts';
export type {
  ClassifyOptions,
  OrderCloudEventDraft,
  WebhookClassification,
} from './webhooks/webhook-classifier.ts';
export { OrderCloudWebhookPayloadSchema, parseWebhookPayload } from './webhooks/webhook-payload.ts';
export type {
  FieldIssue,
  OrderCloudWebhookPayload,
  ParsedWebhookPayload,
} from './webhooks/webhook-payload.ts';
export { signOrderCloudPayload, verifyOrderCloudSignature } from './webhooks/webhook-signature.ts';
