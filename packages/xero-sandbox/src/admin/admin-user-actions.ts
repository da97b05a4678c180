import { adjustItemQuantity, findItem, itemToJson, saveItem } from '../accounting/item-service.ts';
import { contactToJson } from '../accounting/contact-json.ts';
import { createContact, updateContact } from '../accounting/contact-service.ts';
import { invoiceToJson } from '../accounting/invoice-json.ts';
import { createInvoice, findInvoice, updateInvoice } from '../accounting/invoice-service.ts';
import { findContact } from '../accounting/org-lookups.ts';
import { paymentToJson } from '../accounting/payment-json.ts';
import { createPayment } from '../accounting/payment-service.ts';
import { formatFixed4 } from '../money/fixed4.ts';
import { accountingDeps } from '../api/routes/route-helpers.ts';
import type { SandboxContext } from '../sandbox-context.ts';
import type { InvoiceRecord, OrgState } from '../state/types.ts';
import type { JsonRecord } from '../util/json-input.ts';
import { msToDay } from '../util/xero-dates.ts';

export type ActionResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; status: 400 | 404; errors: string[] };

const notFound = (what: string): ActionResult => ({ ok: false, status: 404, errors: [`${what} not found`] });
const invoiceJson = (org: OrgState, invoice: InvoiceRecord) =>
  invoiceToJson(org, invoice, { unitdp: 4, includeLines: true });

// What a person does in the Xero web app; each change fires the same webhooks as API writes.
export function createInvoiceAsUser(ctx: SandboxContext, org: OrgState, raw: JsonRecord): ActionResult {
  const outcome = createInvoice(org, accountingDeps(ctx), raw, { unitdp: 4 });
  if (!outcome.ok) return { ok: false, status: 400, errors: outcome.errors };
  return { ok: true, value: invoiceJson(org, outcome.record) };
}

export function payInvoiceAsUser(
  ctx: SandboxContext,
  org: OrgState,
  invoiceKey: string,
  input: { amount?: number | string; accountCode?: string; date?: string; reference?: string },
): ActionResult {
  const invoice = findInvoice(org, invoiceKey);
  if (!invoice) return notFound('Invoice');
  const bank = org.accounts.find((account) => account.type === 'BANK' && account.status === 'ACTIVE');
  const outcome = createPayment(org, accountingDeps(ctx), {
    Invoice: { InvoiceID: invoice.invoiceId },
    Account: { Code: input.accountCode ?? bank?.code },
    Date: input.date ?? msToDay(ctx.clock.now()),
    Amount: input.amount ?? formatFixed4(invoice.amountDue, 2),
    Reference: input.reference ?? 'Paid in Xero',
  });
  if (!outcome.ok) return { ok: false, status: 400, errors: outcome.errors };
  return { ok: true, value: paymentToJson(org, outcome.record) };
}

export function voidInvoiceAsUser(ctx: SandboxContext, org: OrgState, invoiceKey: string): ActionResult {
  const invoice = findInvoice(org, invoiceKey);
  if (!invoice) return notFound('Invoice');
  const status = invoice.status === 'DRAFT' || invoice.status === 'SUBMITTED' ? 'DELETED' : 'VOIDED';
  const outcome = updateInvoice(org, accountingDeps(ctx), invoice, { Status: status }, { unitdp: 4 });
  if (!outcome.ok) return { ok: false, status: 400, errors: outcome.errors };
  return { ok: true, value: invoiceJson(org, invoice) };
}

export function saveContactAsUser(
  ctx: SandboxContext,
  org: OrgState,
  contactId: string | undefined,
  raw: JsonRecord,
): ActionResult {
  const deps = accountingDeps(ctx);
  const existing = contactId === undefined ? undefined : findContact(org, contactId);
  if (contactId !== undefined && !existing) return notFound('Contact');
  const outcome = existing ? updateContact(org, deps, existing, raw) : createContact(org, deps, raw);
  if (!outcome.ok) return { ok: false, status: 400, errors: outcome.errors };
  return { ok: true, value: contactToJson(outcome.record) };
}

/** The merchant adjusts a tracked item's stock (or edits the item) in Xero's web app. */
export function saveItemAsUser(
  ctx: SandboxContext,
  org: OrgState,
  code: string,
  raw: JsonRecord,
): ActionResult {
  const deps = accountingDeps(ctx);
  const existing = findItem(org, code);
  if (!existing) return notFound('Item');
  const { QuantityOnHand: quantity, ...fields } = raw;
  if (Object.keys(fields).length > 0) {
    const saved = saveItem(org, deps, fields, existing, 4);
    if (!saved.ok) return { ok: false, status: 400, errors: saved.errors };
  }
  if (quantity !== undefined) {
    const adjusted = adjustItemQuantity(org, deps, code, String(quantity));
    if (!adjusted.ok) return { ok: false, status: 400, errors: adjusted.errors };
  }
  return { ok: true, value: itemToJson(existing, 4) };
}
