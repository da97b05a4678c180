export {
  AdminError,
  type AdminOrg,
  type OrgDocuments,
  type OrgPatch,
  type XeroSandboxAdmin,
} from './admin/admin-client.ts';
export type { IssuedTokens } from './admin/admin-auth-actions.ts';
export type { ContractViolation } from './contract/contract-checker.ts';
export type { ActiveFault, FaultSpec } from './faults/fault-injector.ts';
export type { TenantRateStats } from './limits/rate-limiter.ts';
export type { RequestLogEntry, RequestLogFilter } from './log/request-log.ts';
export { createXeroSandboxApp, type XeroSandboxApp } from './sandbox-app.ts';
export {
  DEFAULT_LIMITS,
  DEFAULT_USER,
  DEMO_APP,
  type InlineContactDetails,
  type SandboxApp,
  type SandboxLimits,
  type SandboxUser,
  type XeroSandboxOptions,
} from './sandbox-options.ts';
export { DEFAULT_ORG_SEEDS, type OrgSeed, SEEDED_TENANT_IDS, type SeededOrgKey } from './seed/org-seeds.ts';
export { startXeroSandbox, type XeroSandbox } from './start-sandbox.ts';
export type { IntentToReceiveResult, WebhookAttempt } from './webhooks/webhook-dispatcher.ts';
export { signWebhookBody } from './webhooks/webhook-signature.ts';
