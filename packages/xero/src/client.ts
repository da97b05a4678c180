import { createRequire } from 'node:module';
import type { SyncError } from '@ledgerbridge/canonical';
import {
  AccountingApi,
  type Allocations,
  type Contacts,
  type CreditNotes,
  type Invoices,
  type Items,
  type Payments,
  type TaxRates,
} from 'xero-node';
import { mapXeroFailure } from './errors.ts';
import { readResponseMeta, type XeroResponseMeta } from './rate-headers.ts';

// The only file that imports xero-node. Its positional arguments shift between majors, so every call
// is wrapped once here behind named arguments.

export type XeroCallResult<T> =
  | { readonly ok: true; readonly body: T; readonly meta: XeroResponseMeta }
  | {
      readonly ok: false;
      readonly error: SyncError;
      readonly meta: XeroResponseMeta;
      readonly body: unknown;
    };

export type XeroCallContext = { readonly tenantId: string; readonly accessToken: string };

type SdkSuccess = { response: { status: number; headers: Record<string, unknown> }; body: unknown };

// xero-node sets no timeout on API calls; a hung Xero would hold a worker forever.
function applyTimeout(timeoutMs: number): void {
  const requireFromSdk = createRequire(createRequire(import.meta.url).resolve('xero-node'));
  const axios = requireFromSdk('axios') as { defaults: { timeout?: number } };
  axios.defaults.timeout = timeoutMs;
}

function parseRejection(reason: unknown): {
  status: number;
  headers: Record<string, unknown>;
  body: unknown;
  message?: string;
} {
  // xero-node rejects with a JSON string {response:{statusCode, body, headers}} (or the raw {response, body}).
  let value: unknown = reason;
  if (typeof reason === 'string') {
    try {
      value = JSON.parse(reason);
    } catch {
      return { status: 0, headers: {}, body: reason, message: reason };
    }
  }
  const r = (value ?? {}) as {
    response?: {
      statusCode?: number;
      status?: number;
      body?: unknown;
      data?: unknown;
      headers?: Record<string, unknown>;
    };
    body?: unknown;
    message?: string;
  };
  const status = r.response?.statusCode ?? r.response?.status ?? 0;
  const body = r.response?.body ?? r.response?.data ?? r.body;
  return {
    status,
    headers: r.response?.headers ?? {},
    body,
    message:
      status === 0 ? String((typeof body === 'string' ? body : r.message) ?? 'no response') : undefined,
  };
}

export function createXeroApiClient(options: { basePath: string; timeoutMs?: number }) {
  applyTimeout(options.timeoutMs ?? 30_000);
  const api = (ctx: XeroCallContext): AccountingApi => {
    // One instance per call: the SDK keeps the access token on the instance, and tenants run concurrently.
    const instance = new AccountingApi();
    instance.basePath = options.basePath;
    instance.accessToken = ctx.accessToken;
    return instance;
  };

  async function invoke<T>(run: () => Promise<SdkSuccess>): Promise<XeroCallResult<T>> {
    try {
      const { response, body } = await run();
      return { ok: true, body: body as T, meta: readResponseMeta(response.status, response.headers) };
    } catch (reason) {
      const failure = parseRejection(reason);
      const meta = readResponseMeta(failure.status, failure.headers);
      return {
        ok: false,
        error: mapXeroFailure(meta, failure.body, failure.message),
        meta,
        body: failure.body,
      };
    }
  }

  return {
    getOrganisations: (ctx: XeroCallContext) => invoke(() => api(ctx).getOrganisations(ctx.tenantId)),
    getAccounts: (ctx: XeroCallContext) => invoke(() => api(ctx).getAccounts(ctx.tenantId)),
    getTaxRates: (ctx: XeroCallContext) => invoke(() => api(ctx).getTaxRates(ctx.tenantId)),
    getTrackingCategories: (ctx: XeroCallContext) =>
      invoke(() => api(ctx).getTrackingCategories(ctx.tenantId, undefined, undefined, true)),
    getCurrencies: (ctx: XeroCallContext) => invoke(() => api(ctx).getCurrencies(ctx.tenantId)),
    getItems: (ctx: XeroCallContext, input: { modifiedSince?: Date } = {}) =>
      invoke(() => api(ctx).getItems(ctx.tenantId, input.modifiedSince, undefined, undefined, 4)),
    updateOrCreateItems: (ctx: XeroCallContext, input: { items: Items; idempotencyKey: string }) =>
      invoke(() => api(ctx).updateOrCreateItems(ctx.tenantId, input.items, false, 4, input.idempotencyKey)),
    createTaxRates: (ctx: XeroCallContext, input: { taxRates: TaxRates; idempotencyKey: string }) =>
      invoke(() => api(ctx).createTaxRates(ctx.tenantId, input.taxRates, input.idempotencyKey)),
    createItems: (ctx: XeroCallContext, input: { items: Items; idempotencyKey: string }) =>
      invoke(() => api(ctx).createItems(ctx.tenantId, input.items, false, 4, input.idempotencyKey)),
    getContacts: (
      ctx: XeroCallContext,
      input: { modifiedSince?: Date; where?: string; ids?: string[]; page?: number; pageSize?: number },
    ) =>
      invoke(() =>
        api(ctx).getContacts(
          ctx.tenantId,
          input.modifiedSince,
          input.where,
          'UpdatedDateUTC ASC',
          input.ids,
          input.page ?? 1,
          true,
          false,
          undefined,
          input.pageSize ?? 100,
        ),
      ),
    getContact: (ctx: XeroCallContext, input: { contactId: string }) =>
      invoke(() => api(ctx).getContact(ctx.tenantId, input.contactId)),
    createContacts: (ctx: XeroCallContext, input: { contacts: Contacts; idempotencyKey: string }) =>
      invoke(() => api(ctx).createContacts(ctx.tenantId, input.contacts, false, input.idempotencyKey)),
    updateOrCreateContacts: (ctx: XeroCallContext, input: { contacts: Contacts; idempotencyKey: string }) =>
      invoke(() =>
        api(ctx).updateOrCreateContacts(ctx.tenantId, input.contacts, false, input.idempotencyKey),
      ),
    createInvoices: (ctx: XeroCallContext, input: { invoices: Invoices; idempotencyKey: string }) =>
      invoke(() => api(ctx).createInvoices(ctx.tenantId, input.invoices, false, 4, input.idempotencyKey)),
    getInvoices: (
      ctx: XeroCallContext,
      input: { where?: string; ids?: string[]; numbers?: string[]; page?: number; modifiedSince?: Date },
    ) =>
      invoke(() =>
        api(ctx).getInvoices(
          ctx.tenantId,
          input.modifiedSince,
          input.where,
          undefined,
          input.ids,
          input.numbers,
          undefined,
          undefined,
          input.page ?? 1,
          false,
          undefined,
          4,
        ),
      ),
    getInvoice: (ctx: XeroCallContext, input: { invoiceId: string }) =>
      invoke(() => api(ctx).getInvoice(ctx.tenantId, input.invoiceId, 4)),
    getInvoiceAsPdf: (ctx: XeroCallContext, input: { invoiceId: string }) =>
      invoke(() => api(ctx).getInvoiceAsPdf(ctx.tenantId, input.invoiceId)),
    updateOrCreateInvoices: (ctx: XeroCallContext, input: { invoices: Invoices; idempotencyKey: string }) =>
      invoke(() =>
        api(ctx).updateOrCreateInvoices(ctx.tenantId, input.invoices, false, 4, input.idempotencyKey),
      ),
    updateInvoice: (
      ctx: XeroCallContext,
      input: { invoiceId: string; invoices: Invoices; idempotencyKey: string },
    ) =>
      invoke(() =>
        api(ctx).updateInvoice(ctx.tenantId, input.invoiceId, input.invoices, 4, input.idempotencyKey),
      ),
    createPayments: (ctx: XeroCallContext, input: { payments: Payments; idempotencyKey: string }) =>
      invoke(() => api(ctx).createPayments(ctx.tenantId, input.payments, false, input.idempotencyKey)),
    createCreditNotes: (ctx: XeroCallContext, input: { creditNotes: CreditNotes; idempotencyKey: string }) =>
      invoke(() =>
        api(ctx).createCreditNotes(ctx.tenantId, input.creditNotes, false, 4, input.idempotencyKey),
      ),
    createAllocation: (
      ctx: XeroCallContext,
      input: { creditNoteId: string; allocations: Allocations; idempotencyKey: string },
    ) =>
      invoke(() =>
        api(ctx).createCreditNoteAllocation(
          ctx.tenantId,
          input.creditNoteId,
          input.allocations,
          false,
          input.idempotencyKey,
        ),
      ),
  };
}

export type XeroApiClient = ReturnType<typeof createXeroApiClient>;
