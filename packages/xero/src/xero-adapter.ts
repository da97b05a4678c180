import { type AccountingTarget, fail, ok, permanent, type Result } from '@ledgerbridge/canonical';
import type {
  Account,
  Contact,
  CreditNote,
  Currency,
  Invoice,
  Item,
  Organisation,
  Payment,
  TaxRate,
  TrackingCategory,
} from 'xero-node';
import type { XeroCallGate, XeroTokenSource } from './call-gate.ts';
import { elementResults } from './element-results.ts';
import { fromSdkNumber, toSdkNumber } from './numbers.ts';
import type { XeroApiClient, XeroCallContext, XeroCallResult } from './client.ts';
import {
  fromXeroContact,
  fromXeroContactDetail,
  fromXeroCreditNote,
  fromXeroInvoice,
  fromXeroPayment,
  toReferenceData,
  toXeroContact,
  toXeroCreditNote,
  toXeroInvoice,
  toXeroItem,
  fromXeroItem,
  toXeroPayment,
} from './mapper.ts';

export function createXeroAccountingAdapter(deps: {
  client: XeroApiClient;
  tokens: XeroTokenSource;
  gate: XeroCallGate;
  /** Told when Xero refuses the access token, so the next call refreshes (or finds it revoked). */
  onUnauthorized?: (input: { tenantId: string }) => Promise<void>;
}): AccountingTarget {
  const { client, tokens, gate } = deps;

  /** Token, budget lease, one HTTP call, lease back with what Xero said about the budget. */
  async function call<T>(
    tenantId: string,
    run: (ctx: XeroCallContext) => Promise<XeroCallResult<T>>,
  ): Promise<Result<T>> {
    const token = await tokens.getAccessToken({ tenantId });
    if (!token.ok) return token;
    const lease = await gate.acquire({ tenantId });
    if (!lease.ok) return lease;
    let outcome: XeroCallResult<T> | undefined;
    try {
      outcome = await run({ tenantId, accessToken: token.value.accessToken });
    } finally {
      await gate.release({ tenantId, leaseId: lease.value.leaseId, meta: outcome?.meta ?? null });
    }
    if (!outcome.ok && outcome.meta.status === 401) await deps.onUnauthorized?.({ tenantId });
    return outcome.ok ? ok(outcome.body) : fail(outcome.error);
  }

  return {
    async getReferenceData({ tenantId }) {
      const org = await call(
        tenantId,
        (ctx) => client.getOrganisations(ctx) as Promise<XeroCallResult<{ organisations?: Organisation[] }>>,
      );
      if (!org.ok) return org;
      const accounts = await call(
        tenantId,
        (ctx) => client.getAccounts(ctx) as Promise<XeroCallResult<{ accounts?: Account[] }>>,
      );
      if (!accounts.ok) return accounts;
      const taxRates = await call(
        tenantId,
        (ctx) => client.getTaxRates(ctx) as Promise<XeroCallResult<{ taxRates?: TaxRate[] }>>,
      );
      if (!taxRates.ok) return taxRates;
      const tracking = await call(
        tenantId,
        (ctx) =>
          client.getTrackingCategories(ctx) as Promise<
            XeroCallResult<{ trackingCategories?: TrackingCategory[] }>
          >,
      );
      if (!tracking.ok) return tracking;
      const currencies = await call(
        tenantId,
        (ctx) => client.getCurrencies(ctx) as Promise<XeroCallResult<{ currencies?: Currency[] }>>,
      );
      if (!currencies.ok) return currencies;
      const items = await call(
        tenantId,
        (ctx) => client.getItems(ctx) as Promise<XeroCallResult<{ items?: Item[] }>>,
      );
      if (!items.ok) return items;
      const organisation = org.value.organisations?.[0];
      if (!organisation)
        return fail(permanent('xero-no-organisation', 'Xero returned no organisation for this tenant'));
      return ok(
        toReferenceData({
          organisation,
          accounts: accounts.value.accounts ?? [],
          taxRates: taxRates.value.taxRates ?? [],
          tracking: tracking.value.trackingCategories ?? [],
          currencies: currencies.value.currencies ?? [],
          items: items.value.items ?? [],
        }),
      );
    },

    async listContacts({ tenantId, modifiedSince, page }) {
      const pageSize = 100;
      const result = await call(
        tenantId,
        (ctx) =>
          client.getContacts(ctx, { page, pageSize, ...(modifiedSince ? { modifiedSince } : {}) }) as Promise<
            XeroCallResult<{ contacts?: Contact[] }>
          >,
      );
      if (!result.ok) return result;
      const contacts = result.value.contacts ?? [];
      return ok({ contacts: contacts.map(fromXeroContact), hasMore: contacts.length === pageSize });
    },

    async upsertContacts({ tenantId, contacts, idempotencyKey }) {
      const result = await call(
        tenantId,
        (ctx) =>
          client.updateOrCreateContacts(ctx, {
            contacts: { contacts: contacts.map(toXeroContact) },
            idempotencyKey,
          }) as Promise<XeroCallResult<{ contacts?: Contact[] }>>,
      );
      if (!result.ok) return result;
      return ok(elementResults(result.value.contacts, contacts.length, fromXeroContact));
    },

    async createTaxRates({ tenantId, taxRates, idempotencyKey }) {
      const result = await call(
        tenantId,
        (ctx) =>
          client.createTaxRates(ctx, {
            taxRates: {
              taxRates: taxRates.map((rate) => ({
                name: rate.name,
                taxComponents: rate.components.map((c) => ({
                  name: c.name,
                  rate: toSdkNumber(c.ratePercent),
                })),
              })),
            },
            idempotencyKey,
          }) as Promise<XeroCallResult<{ taxRates?: TaxRate[] }>>,
      );
      if (!result.ok) return result;
      return ok(
        (result.value.taxRates ?? []).map((t) => ({
          taxType: t.taxType ?? '',
          name: t.name ?? '',
          ratePercent: fromSdkNumber(t.effectiveRate ?? t.displayTaxRate),
        })),
      );
    },

    async createItems({ tenantId, items, idempotencyKey }) {
      const result = await call(
        tenantId,
        (ctx) =>
          client.createItems(ctx, { items: { items: items.map(toXeroItem) }, idempotencyKey }) as Promise<
            XeroCallResult<{ items?: Item[] }>
          >,
      );
      if (!result.ok) return result;
      return ok(elementResults(result.value.items, items.length, (i) => ({ code: i.code ?? '' })));
    },

    async upsertItems({ tenantId, items, idempotencyKey }) {
      const result = await call(
        tenantId,
        (ctx) =>
          client.updateOrCreateItems(ctx, {
            items: { items: items.map(toXeroItem) },
            idempotencyKey,
          }) as Promise<XeroCallResult<{ items?: Item[] }>>,
      );
      if (!result.ok) return result;
      return ok(elementResults(result.value.items, items.length, fromXeroItem));
    },

    async listItems({ tenantId, modifiedSince }) {
      const result = await call(
        tenantId,
        (ctx) =>
          client.getItems(ctx, modifiedSince ? { modifiedSince } : {}) as Promise<
            XeroCallResult<{ items?: Item[] }>
          >,
      );
      if (!result.ok) return result;
      return ok((result.value.items ?? []).map(fromXeroItem));
    },

    async createInvoices({ tenantId, invoices, idempotencyKey }) {
      const result = await call(
        tenantId,
        (ctx) =>
          client.createInvoices(ctx, {
            invoices: { invoices: invoices.map(toXeroInvoice) },
            idempotencyKey,
          }) as Promise<XeroCallResult<{ invoices?: Invoice[] }>>,
      );
      if (!result.ok) return result;
      return ok(elementResults(result.value.invoices, invoices.length, fromXeroInvoice));
    },

    async findInvoices({ tenantId, numbers, references, ids }) {
      const where = references?.length
        ? references.map((r) => `Reference==${JSON.stringify(r)}`).join(' OR ')
        : undefined;
      const result = await call(
        tenantId,
        (ctx) =>
          client.getInvoices(ctx, {
            ...(where ? { where } : {}),
            ...(numbers?.length ? { numbers: [...numbers] } : {}),
            ...(ids?.length ? { ids: [...ids] } : {}),
          }) as Promise<XeroCallResult<{ invoices?: Invoice[] }>>,
      );
      if (!result.ok) return result;
      return ok((result.value.invoices ?? []).map(fromXeroInvoice));
    },

    async getContact({ tenantId, contactId }) {
      const result = await call(
        tenantId,
        (ctx) => client.getContact(ctx, { contactId }) as Promise<XeroCallResult<{ contacts?: Contact[] }>>,
      );
      if (!result.ok) return result;
      const contact = result.value.contacts?.[0];
      return contact
        ? ok(fromXeroContactDetail(contact))
        : fail(permanent('xero-not-found', `Contact ${contactId} not found`));
    },

    async findContacts({ tenantId, ids }) {
      const result = await call(
        tenantId,
        (ctx) =>
          client.getContacts(ctx, { ids: [...ids], pageSize: 100 }) as Promise<
            XeroCallResult<{ contacts?: Contact[] }>
          >,
      );
      if (!result.ok) return result;
      return ok((result.value.contacts ?? []).map(fromXeroContactDetail));
    },

    async getInvoice({ tenantId, invoiceId }) {
      const result = await call(
        tenantId,
        (ctx) => client.getInvoice(ctx, { invoiceId }) as Promise<XeroCallResult<{ invoices?: Invoice[] }>>,
      );
      if (!result.ok) return result;
      const invoice = result.value.invoices?.[0];
      return invoice
        ? ok(fromXeroInvoice(invoice))
        : fail(permanent('xero-not-found', `Invoice ${invoiceId} not found`));
    },

    async getInvoicePdf({ tenantId, invoiceId }) {
      const result = await call(
        tenantId,
        (ctx) => client.getInvoiceAsPdf(ctx, { invoiceId }) as Promise<XeroCallResult<Buffer>>,
      );
      if (!result.ok) return result;
      return ok(new Uint8Array(result.value));
    },

    async createPayments({ tenantId, payments, idempotencyKey }) {
      const result = await call(
        tenantId,
        (ctx) =>
          client.createPayments(ctx, {
            payments: { payments: payments.map(toXeroPayment) },
            idempotencyKey,
          }) as Promise<XeroCallResult<{ payments?: Payment[] }>>,
      );
      if (!result.ok) return result;
      return ok(elementResults(result.value.payments, payments.length, fromXeroPayment));
    },

    async voidInvoices({ tenantId, invoiceIds, idempotencyKey }) {
      // POST /Invoices with only InvoiceID and Status: Xero voids each, or says per invoice why not.
      const body = {
        invoices: invoiceIds.map((invoiceID) => ({ invoiceID, status: 'VOIDED' })),
      } as unknown as {
        invoices: Invoice[];
      };
      const result = await call(
        tenantId,
        (ctx) =>
          client.updateOrCreateInvoices(ctx, { invoices: body, idempotencyKey }) as Promise<
            XeroCallResult<{ invoices?: Invoice[] }>
          >,
      );
      if (!result.ok) return result;
      return ok(elementResults(result.value.invoices, invoiceIds.length, fromXeroInvoice));
    },

    async createCreditNotes({ tenantId, creditNotes, idempotencyKey }) {
      const result = await call(
        tenantId,
        (ctx) =>
          client.createCreditNotes(ctx, {
            creditNotes: { creditNotes: creditNotes.map(toXeroCreditNote) },
            idempotencyKey,
          }) as Promise<XeroCallResult<{ creditNotes?: CreditNote[] }>>,
      );
      if (!result.ok) return result;
      return ok(elementResults(result.value.creditNotes, creditNotes.length, fromXeroCreditNote));
    },

    async allocateCreditNote({ tenantId, creditNoteId, invoiceId, amount, date, idempotencyKey }) {
      const allocations = {
        allocations: [{ invoice: { invoiceID: invoiceId }, amount: toSdkNumber(amount), date }],
      } as never;
      const result = await call(tenantId, (ctx) =>
        client.createAllocation(ctx, { creditNoteId, allocations, idempotencyKey }),
      );
      if (!result.ok) return result;
      return ok(undefined);
    },
  };
}
