import type { OrgSeed } from './seed/org-seeds.ts';

export type SandboxApp = {
  clientId: string;
  // Omitted for PKCE (public) apps, which must send a code_verifier instead.
  clientSecret?: string;
  // Exact URIs; a `*` matches any run of characters (a sandbox convenience for local ports).
  redirectUris: string[];
  webhookUrl?: string;
  webhookKey?: string;
  // ISO date: apps created on or after 2026-03-02 may only ask for granular scopes.
  createdAt: string;
  name?: string;
};

export type SandboxLimits = {
  concurrent: number;
  minute: number;
  day: number;
  starterDay: number;
  appMinute: number;
};

export type SandboxUser = { userId: string; email: string; givenName: string; familyName: string };

export type ContractCheckMode = 'off' | 'record' | 'strict';

export type XeroSandboxOptions = {
  port?: number;
  host?: string;
  // Base URL the app advertises when it is served by someone else (createXeroSandboxApp).
  baseUrl?: string;
  minuteMs?: number;
  limits?: Partial<SandboxLimits>;
  apps?: SandboxApp[];
  orgs?: OrgSeed[];
  user?: Partial<SandboxUser>;
  autoConsent?: boolean | { tenantIds: string[] };
  contractCheck?: boolean | ContractCheckMode;
  // Makes generated document IDs reproducible.
  seed?: string;
  // Where the sandbox clock starts (ms or ISO); defaults to the wall clock.
  startAt?: number | string;
  idempotencyWindowMs?: number;
  webhookTimeoutMs?: number;
  webhookRetryDelaysMs?: number[];
  requestLogLimit?: number;
  // Upper bound on a "hang" fault that no client abort ends, in real milliseconds.
  maxHangMs?: number;
  /**
   * What a contact created from an invoice's or credit note's `Contact` (a name Xero has no active contact
   * for) keeps of the other fields sent with it: all of them (`kept`, the default) or only the name. Xero
   * does not document it (a guess either way; README, "Contacts created from documents").
   */
  inlineContactDetails?: InlineContactDetails;
};

export type InlineContactDetails = 'kept' | 'name-only';

export const DEFAULT_LIMITS: SandboxLimits = {
  concurrent: 5,
  minute: 60,
  day: 5000,
  starterDay: 1000,
  appMinute: 10_000,
};

export const DEMO_APP: SandboxApp = {
  clientId: 'LEDGERBRIDGEDEMOCLIENT0000000001',
  clientSecret: 'ledgerbridge-demo-client-secret',
  redirectUris: ['http://localhost:*', 'http://127.0.0.1:*'],
  webhookKey: 'ledgerbridge-demo-webhook-key-0000000000000000000000000000000000000000',
  createdAt: '2026-03-02',
  name: 'Ledgerbridge (demo)',
};

export const DEFAULT_USER: SandboxUser = {
  userId: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
  email: 'demo.user@ledgerbridge.example',
  givenName: 'Demo',
  familyName: 'User',
};

const MINUTE = 60_000;
// Xero: immediate retry, then with decreasing frequency for 24 hours.
const DEFAULT_RETRY_DELAYS = [0, 1, 5, 15, 30, 60, 120, 240, 480, 480].map((minutes) => minutes * MINUTE);

export type ResolvedOptions = {
  minuteMs: number;
  dayMs: number;
  limits: SandboxLimits;
  apps: SandboxApp[];
  user: SandboxUser;
  autoConsent: false | { tenantIds: string[] | undefined };
  contractCheck: ContractCheckMode;
  seed: string | undefined;
  startAt: number | undefined;
  idempotencyWindowMs: number;
  webhookTimeoutMs: number;
  webhookRetryDelaysMs: number[];
  requestLogLimit: number;
  maxHangMs: number;
  inlineContactDetails: InlineContactDetails;
};

export function resolveOptions(options: XeroSandboxOptions): ResolvedOptions {
  const minuteMs = options.minuteMs ?? MINUTE;
  if (!(minuteMs > 0)) throw new RangeError('minuteMs must be positive');
  const startAt = typeof options.startAt === 'string' ? Date.parse(options.startAt) : options.startAt;
  if (startAt !== undefined && Number.isNaN(startAt)) throw new RangeError('startAt is not a valid date');
  const contractCheck =
    options.contractCheck === true
      ? 'record'
      : options.contractCheck === false || !options.contractCheck
        ? 'off'
        : options.contractCheck;
  return {
    minuteMs,
    dayMs: minuteMs * 1440,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    apps: options.apps ?? [DEMO_APP],
    user: { ...DEFAULT_USER, ...options.user },
    autoConsent:
      options.autoConsent === true
        ? { tenantIds: undefined }
        : options.autoConsent
          ? { tenantIds: options.autoConsent.tenantIds }
          : false,
    contractCheck,
    seed: options.seed,
    startAt,
    idempotencyWindowMs: options.idempotencyWindowMs ?? 6 * MINUTE,
    webhookTimeoutMs: options.webhookTimeoutMs ?? 5000,
    webhookRetryDelaysMs: options.webhookRetryDelaysMs ?? DEFAULT_RETRY_DELAYS,
    requestLogLimit: options.requestLogLimit ?? 20_000,
    maxHangMs: options.maxHangMs ?? 120_000,
    inlineContactDetails: options.inlineContactDetails ?? 'kept',
  };
}
