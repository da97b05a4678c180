import type { Result } from '@ledgerbridge/canonical';
import type { XeroResponseMeta } from './rate-headers.ts';

/** Admission to one Xero call under the tenant's shared rate budget; told what Xero said afterwards. */
export interface XeroCallGate {
  acquire(input: { tenantId: string }): Promise<Result<{ leaseId: string }>>;
  release(input: { tenantId: string; leaseId: string; meta: XeroResponseMeta | null }): Promise<void>;
}

export interface XeroTokenSource {
  getAccessToken(input: { tenantId: string }): Promise<Result<{ accessToken: string }>>;
}

/** No budget at all: for tests of the adapter alone. */
export const openGate: XeroCallGate = {
  acquire: async () => ({ ok: true, value: { leaseId: 'open' } }),
  release: async () => {},
};
