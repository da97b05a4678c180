export { createOrderCloudSandboxAdmin } from './admin/admin-client.ts';
export type { ApiFaultInput, OrderCloudSandboxAdmin, SandboxStatsView } from './admin/admin-client.ts';
export { createOrderCloudSandboxApp } from './app.ts';
export type { OrderCloudSandboxApp } from './app.ts';
export { createSandboxCore } from './core.ts';
export type { DispatchRequest, DispatchResponse, Sandbox, SandboxCoreOptions } from './core.ts';
export { defaultMarketplaceSeed, sandboxDefaults } from './seed.ts';
export type { MarketplaceSeed } from './seed.ts';
export { startOrderCloudSandbox } from './server.ts';
export type { RunningOrderCloudSandbox, StartOrderCloudSandboxOptions } from './server.ts';
export { signWebhookBody } from './webhooks/sign.ts';
export type { DeliveryFaults, DeliveryRecord, WebhookPayload } from './webhooks/webhook-dispatcher.ts';
export { buildCatalog } from './generator/catalog.ts';
export type { Catalog, CatalogProduct, CatalogPromotion, CatalogUser } from './generator/catalog.ts';
export { createHttpCaller, createMemoryCaller, ScenarioCallError } from './generator/callers.ts';
export type { Principal, ScenarioCall, ScenarioCaller } from './generator/callers.ts';
export { generateOrders, runOrderScenario } from './generator/generate-orders.ts';
export type { GeneratedOrder, GenerateOrdersInput } from './generator/generate-orders.ts';
export { planOrders, profileRegions } from './generator/plans.ts';
export type { GeneratorProfile, OrderPlan } from './generator/plans.ts';
export { regions } from './generator/regions.ts';
export type { Region, RegionKey } from './generator/regions.ts';
export { placeOrder, setupCatalog } from './generator/scenario.ts';
export type { PlacedOrder } from './generator/scenario.ts';
export { createRandom } from './prng.ts';
export type { Random } from './prng.ts';
export { startCheckoutEndpoint } from './testing/checkout-endpoint.ts';
export type {
  CheckoutCallName,
  CheckoutEndpoint,
  CheckoutHandler,
  RecordedCheckoutCall,
} from './testing/checkout-endpoint.ts';
export { builtinCheckoutEventId, builtinCheckoutUrl } from './integrations/checkout-integration.ts';
