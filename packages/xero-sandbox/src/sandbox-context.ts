import { createSandboxClock, type SandboxClock } from './clock/sandbox-clock.ts';
import { type ContractChecker, createContractChecker } from './contract/contract-checker.ts';
import { createFaultInjector, type FaultInjector } from './faults/fault-injector.ts';
import { createIdempotencyStore, type IdempotencyStore } from './idempotency/idempotency-store.ts';
import { type AppRegistry, createAppRegistry } from './identity/apps.ts';
import { type AuthStore, createAuthStore } from './identity/auth-store.ts';
import { createSigningKeys, type SigningKeys } from './identity/signing-keys.ts';
import { createTokenIssuer, type TokenIssuer } from './identity/token-issuer.ts';
import { createRateLimiter, type RateLimiter } from './limits/rate-limiter.ts';
import { createRequestLog, type RequestLog } from './log/request-log.ts';
import type { ResolvedOptions } from './sandbox-options.ts';
import type { SandboxUrls } from './sandbox-urls.ts';
import { buildOrg } from './seed/build-org.ts';
import { DEFAULT_ORG_SEEDS, type OrgSeed } from './seed/org-seeds.ts';
import type { OrgState } from './state/types.ts';
import { createIdSource, type IdSource } from './util/ids.ts';
import { type ChangeFeed, createChangeFeed } from './webhooks/change-feed.ts';
import { createWebhookDispatcher, type WebhookDispatcher } from './webhooks/webhook-dispatcher.ts';

export type SandboxContext = {
  options: ResolvedOptions;
  urls: SandboxUrls;
  clock: SandboxClock;
  ids: IdSource;
  orgs: Map<string, OrgState>;
  orgSeeds: OrgSeed[];
  apps: AppRegistry;
  auth: AuthStore;
  keys: SigningKeys;
  tokens: TokenIssuer;
  limiter: RateLimiter;
  idempotency: IdempotencyStore;
  faults: FaultInjector;
  log: RequestLog;
  changes: ChangeFeed;
  webhooks: WebhookDispatcher;
  contract: ContractChecker | undefined;
  findOrg(tenantId: string | undefined): OrgState | undefined;
  dailyLimitFor(org: OrgState): number;
  reseed(): void;
  addOrg(seed: OrgSeed): OrgState;
  dispose(): void;
};

export async function createSandboxContext(
  options: ResolvedOptions,
  urls: SandboxUrls,
  orgSeeds: readonly OrgSeed[] = DEFAULT_ORG_SEEDS,
): Promise<SandboxContext> {
  const clock = createSandboxClock({ startAt: options.startAt });
  const ids = createIdSource(options.seed);
  const apps = createAppRegistry(options.apps);
  const auth = createAuthStore(ids);
  const keys = await createSigningKeys(`sandbox-${ids.secret(4)}`);
  const changes = createChangeFeed();
  const orgs = new Map<string, OrgState>();
  const seeds = [...orgSeeds];
  const seedOrgs = () => {
    orgs.clear();
    for (const seed of seeds) {
      const org = buildOrg(seed, clock.now());
      orgs.set(org.tenantId.toLowerCase(), org);
    }
  };
  seedOrgs();
  const context: SandboxContext = {
    options,
    urls,
    clock,
    ids,
    orgs,
    orgSeeds: seeds,
    apps,
    auth,
    keys,
    tokens: createTokenIssuer({
      clock,
      keys,
      store: auth,
      ids,
      issuer: urls.identityUrl,
      user: options.user,
    }),
    limiter: createRateLimiter({
      limits: options.limits,
      minuteMs: options.minuteMs,
      dayMs: options.dayMs,
      now: clock.now,
    }),
    idempotency: createIdempotencyStore({ windowMs: options.idempotencyWindowMs, now: clock.now }),
    faults: createFaultInjector(() => ids.secret(6), clock.now),
    log: createRequestLog(options.requestLogLimit),
    changes,
    webhooks: createWebhookDispatcher({
      clock,
      changes,
      apps: apps.list,
      isConnected: (clientId, tenantId) =>
        [...auth.connections.values()].some(
          (connection) =>
            connection.clientId === clientId && connection.tenantId.toLowerCase() === tenantId.toLowerCase(),
        ),
      apiBasePath: urls.apiBasePath,
      timeoutMs: options.webhookTimeoutMs,
      retryDelaysMs: options.webhookRetryDelaysMs,
    }),
    contract: options.contractCheck === 'off' ? undefined : createContractChecker(),
    findOrg: (tenantId) => (tenantId === undefined ? undefined : orgs.get(tenantId.toLowerCase())),
    dailyLimitFor: (org) =>
      org.dailyLimit ??
      (org.organisation.class === 'STARTER' ? options.limits.starterDay : options.limits.day),
    reseed() {
      seedOrgs();
      context.limiter.reset();
      context.idempotency.clear();
      context.faults.clear();
      context.log.clear();
      context.contract?.clear();
    },
    // Added orgs survive a reset, like the seeded ones.
    addOrg(seed) {
      const org = buildOrg(seed, clock.now());
      seeds.push(seed);
      orgs.set(org.tenantId.toLowerCase(), org);
      return org;
    },
    dispose() {
      context.webhooks.dispose();
      clock.dispose();
    },
  };
  return context;
}
