import type { ActiveFault, FaultSpec } from '../faults/fault-injector.ts';
import type { TenantRateStats } from '../limits/rate-limiter.ts';
import type { RequestLogEntry, RequestLogFilter } from '../log/request-log.ts';
import type { ContractViolation } from '../contract/contract-checker.ts';
import type { SandboxApp } from '../sandbox-options.ts';
import type { OrgSeed } from '../seed/org-seeds.ts';
import type { IntentToReceiveResult, WebhookAttempt } from '../webhooks/webhook-dispatcher.ts';
import type { IssuedTokens } from './admin-auth-actions.ts';

export type AdminOrg = {
  tenantId: string;
  key: string;
  name: string;
  region: string;
  baseCurrency: string;
  currencies: string[];
  class: string;
  dailyLimit: number;
  periodLockDate: string | null;
  endOfYearLockDate: string | null;
};

export type OrgPatch = {
  name?: string;
  class?: string;
  periodLockDate?: string | null;
  endOfYearLockDate?: string | null;
  dailyLimit?: number | null;
  multiCurrency?: boolean;
};

export type OrgDocuments = {
  invoices: Record<string, unknown>[];
  contacts: Record<string, unknown>[];
  payments: Record<string, unknown>[];
  creditNotes: Record<string, unknown>[];
};

export class AdminError extends Error {
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, body: unknown) {
    super(`Xero sandbox admin call failed with ${status}: ${JSON.stringify(body)}`);
    this.status = status;
    this.body = body;
  }
}

export type XeroSandboxAdmin = ReturnType<typeof createAdminClient>;

// Typed access to /__admin for tests, benchmarks and the demo.
export function createAdminClient(adminUrl: string) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${adminUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json: unknown = text === '' ? undefined : JSON.parse(text);
    if (!response.ok) throw new AdminError(response.status, json);
    return json as T;
  }
  const query = (params: Record<string, string | number | undefined>) => {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(params))
      if (value !== undefined) search.set(name, String(value));
    const text = search.toString();
    return text === '' ? '' : `?${text}`;
  };
  const org = (tenantId: string) => `/orgs/${encodeURIComponent(tenantId)}`;
  return {
    state: () =>
      call<{ now: number; orgs: AdminOrg[]; apps: Omit<SandboxApp, 'clientSecret'>[] }>('GET', '/state'),
    orgs: () => call<AdminOrg[]>('GET', '/orgs'),
    addOrg: (seed: OrgSeed) => call<AdminOrg>('POST', '/orgs', seed),
    reset: (options: { auth?: boolean } = {}) => call<{ ok: true }>('POST', '/reset', options),
    now: async () => (await call<{ now: number }>('GET', '/clock')).now,
    advance: async (ms: number) => (await call<{ now: number }>('POST', '/clock/advance', { ms })).now,
    updateOrg: (tenantId: string, patch: OrgPatch) => call<AdminOrg>('PATCH', org(tenantId), patch),
    documents: (tenantId: string) => call<OrgDocuments>('GET', `${org(tenantId)}/documents`),
    createInvoice: (tenantId: string, invoice: Record<string, unknown>) =>
      call<Record<string, unknown>>('POST', `${org(tenantId)}/invoices`, invoice),
    payInvoice: (
      tenantId: string,
      invoiceId: string,
      input: { amount?: number | string; accountCode?: string; date?: string; reference?: string } = {},
    ) =>
      call<Record<string, unknown>>(
        'POST',
        `${org(tenantId)}/invoices/${encodeURIComponent(invoiceId)}/pay`,
        input,
      ),
    voidInvoice: (tenantId: string, invoiceId: string) =>
      call<Record<string, unknown>>(
        'POST',
        `${org(tenantId)}/invoices/${encodeURIComponent(invoiceId)}/void`,
      ),
    createContact: (tenantId: string, contact: Record<string, unknown>) =>
      call<Record<string, unknown>>('POST', `${org(tenantId)}/contacts`, contact),
    editContact: (tenantId: string, contactId: string, fields: Record<string, unknown>) =>
      call<Record<string, unknown>>(
        'PATCH',
        `${org(tenantId)}/contacts/${encodeURIComponent(contactId)}`,
        fields,
      ),
    /** Edits an item as the merchant would in Xero (QuantityOnHand: a stock adjustment). */
    editItem: (tenantId: string, code: string, fields: Record<string, unknown>) =>
      call<Record<string, unknown>>('PATCH', `${org(tenantId)}/items/${encodeURIComponent(code)}`, fields),
    injectFault: (fault: FaultSpec) => call<ActiveFault>('POST', '/faults', fault),
    faults: () => call<ActiveFault[]>('GET', '/faults'),
    clearFaults: (tenantId?: string) => call<{ ok: true }>('DELETE', `/faults${query({ tenantId })}`),
    issueTokens: (input: { clientId?: string; tenantIds?: string[]; scopes?: string[] } = {}) =>
      call<IssuedTokens>('POST', '/tokens/issue', input),
    revokeTokens: (input: { accessToken?: string; refreshToken?: string; clientId?: string }) =>
      call<{ revokedGrants: number }>('POST', '/tokens/revoke', input),
    disconnect: (input: { tenantId: string; clientId?: string }) =>
      call<{ removedConnections: number }>('POST', '/disconnect', input),
    requests: (filter: RequestLogFilter = {}) => call<RequestLogEntry[]>('GET', `/requests${query(filter)}`),
    clearRequests: () => call<{ ok: true }>('DELETE', '/requests'),
    stats: () => call<TenantRateStats[]>('GET', '/stats'),
    contractViolations: () => call<ContractViolation[]>('GET', '/contract-violations'),
    clearContractViolations: () => call<{ ok: true }>('DELETE', '/contract-violations'),
    webhookDeliveries: () => call<WebhookAttempt[]>('GET', '/webhooks/deliveries'),
    flushWebhooks: () => call<{ ok: true }>('POST', '/webhooks/flush'),
    intentToReceive: (clientId?: string) =>
      call<IntentToReceiveResult>('POST', '/webhooks/intent-to-receive', { clientId }),
    apps: () => call<SandboxApp[]>('GET', '/apps'),
    upsertApp: (app: Partial<SandboxApp> & { clientId: string }) => call<SandboxApp>('PUT', '/apps', app),
    setAutoConsent: (autoConsent: boolean | { tenantIds: string[] }) =>
      call<unknown>('PUT', '/consent', { autoConsent }),
  };
}
