import type { DocumentStatus, InvoiceRecord, InvoiceType, OrgState } from '../state/types.ts';
import { isUuid, sameId, ZERO_UUID } from '../util/ids.ts';
import { has, type JsonRecord, readBoolean, readString, readTrimmed } from '../util/json-input.ts';
import { parseXeroDay } from '../util/xero-dates.ts';
import {
  type AccountingDeps,
  type ElementOutcome,
  recordChange,
  type WriteOptions,
} from './accounting-deps.ts';
import { hasLiveSettlements, refreshInvoiceBalances } from './balances.ts';
import { buildDocumentBody, type DocumentBody } from './document-body.ts';
import {
  approvalErrors,
  createPendingContact,
  creationStatusErrors,
  materiallyChanged,
  readDocumentType,
  readStatus,
} from './document-rules.ts';
import { invoiceToJson } from './invoice-json.ts';
import { keyedIndex } from '../util/keyed-index.ts';
import { lockDateErrors } from './lock-dates.ts';
import { messages } from './messages.ts';

const TYPES = new Set<InvoiceType>(['ACCREC', 'ACCPAY']);

// Invoices by number, case-insensitively (Xero's numbers are unique that way).
const invoicesByNumber = keyedIndex<InvoiceRecord>(
  (invoice) => (invoice.invoiceNumber === '' ? undefined : invoice.invoiceNumber.toLowerCase()),
  (invoice) => invoice.invoiceId,
);

type Candidate = { invoice: InvoiceRecord; body: DocumentBody; errors: string[] };

function buildCandidate(
  org: OrgState,
  deps: AccountingDeps,
  raw: JsonRecord,
  existing: InvoiceRecord | undefined,
  options: WriteOptions,
): Candidate {
  const errors: string[] = [];
  const type = readDocumentType(raw, TYPES, existing?.type);
  if (!type) errors.push(messages.invoiceTypeRequired());
  const side = type === 'ACCPAY' ? 'purchases' : 'sales';
  const { body, errors: bodyErrors } = buildDocumentBody(org, raw, existing, {
    side,
    unitdp: options.unitdp,
    now: deps.now(),
    ids: deps.ids,
    allowReference: type !== 'ACCPAY',
  });
  errors.push(...bodyErrors);
  const now = deps.now();
  const invoice: InvoiceRecord = {
    invoiceId: existing?.invoiceId ?? deps.ids.uuid('invoice'),
    type: type ?? 'ACCREC',
    invoiceNumber: readTrimmed(raw, 'InvoiceNumber') ?? existing?.invoiceNumber ?? '',
    status: existing?.status ?? 'DRAFT',
    contactId: body.contactId,
    date: body.date,
    dueDate: body.dueDate,
    lineAmountTypes: body.lineAmountTypes,
    currencyCode: body.currencyCode,
    currencyRate: body.currencyRate,
    reference: body.reference,
    lines: body.lines,
    subTotal: body.subTotal,
    totalTax: body.totalTax,
    total: body.total,
    totalDiscount: body.totalDiscount,
    fullyPaidOnDate: existing?.fullyPaidOnDate,
    brandingThemeId: readTrimmed(raw, 'BrandingThemeID') ?? existing?.brandingThemeId,
    createdByClientId: existing?.createdByClientId ?? options.clientId,
    url: readString(raw, 'Url') ?? existing?.url,
    sentToContact: readBoolean(raw, 'SentToContact') ?? existing?.sentToContact ?? false,
    expectedPaymentDate: has(raw, 'ExpectedPaymentDate')
      ? parseXeroDay(raw.ExpectedPaymentDate)
      : existing?.expectedPaymentDate,
    amountPaid: existing?.amountPaid ?? 0n,
    amountCredited: existing?.amountCredited ?? 0n,
    amountDue: existing?.amountDue ?? body.total,
    paymentIds: existing?.paymentIds ?? [],
    allocationIds: existing?.allocationIds ?? [],
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  if (invoice.type === 'ACCREC' && invoice.invoiceNumber !== '') {
    for (const other of invoicesByNumber.find(org.invoices, invoice.invoiceNumber.toLowerCase())) {
      if (other.type !== 'ACCREC' || other.status === 'DELETED' || sameId(other.invoiceId, invoice.invoiceId))
        continue;
      errors.push(messages.duplicateInvoiceNumber());
    }
  }
  return { invoice, body, errors };
}

function failure(org: OrgState, candidate: Candidate, errors: string[], isNew: boolean, unitdp: 2 | 4) {
  const echo = invoiceToJson(
    org,
    candidate.invoice,
    { unitdp, includeLines: true },
    candidate.body.pendingContact?.name,
  );
  return {
    ok: false as const,
    errors: [...new Set(errors)],
    echo: { ...echo, InvoiceID: isNew ? ZERO_UUID : candidate.invoice.invoiceId },
  };
}

function nextInvoiceNumber(org: OrgState): string {
  for (;;) {
    org.sequences.invoice += 1;
    const number = `INV-${String(org.sequences.invoice).padStart(4, '0')}`;
    if (invoicesByNumber.find(org.invoices, number.toLowerCase()).length === 0) return number;
  }
}

// Saves a validated candidate: creates its new contact first, so a failure leaves nothing behind.
function commit(
  org: OrgState,
  deps: AccountingDeps,
  candidate: Candidate,
  isNew: boolean,
  unitdp: 2 | 4,
): ElementOutcome<InvoiceRecord> {
  const { invoice, body } = candidate;
  const pending = createPendingContact(org, deps, body);
  if (!pending.ok) return failure(org, candidate, pending.errors, isNew, unitdp);
  if (pending.contactId) invoice.contactId = pending.contactId;
  if (isNew && invoice.type === 'ACCREC' && invoice.invoiceNumber === '')
    invoice.invoiceNumber = nextInvoiceNumber(org);
  const contact = org.contacts.get(invoice.contactId);
  if (contact && invoice.type === 'ACCREC') contact.isCustomer = true;
  if (contact && invoice.type === 'ACCPAY') contact.isSupplier = true;
  org.invoices.set(invoice.invoiceId, invoice);
  invoicesByNumber.saved(org.invoices, invoice);
  refreshInvoiceBalances(org, invoice);
  recordChange(deps, org.tenantId, 'INVOICE', isNew ? 'CREATE' : 'UPDATE', invoice.invoiceId);
  return { ok: true, record: invoice };
}

export function createInvoice(
  org: OrgState,
  deps: AccountingDeps,
  raw: JsonRecord,
  options: WriteOptions,
): ElementOutcome<InvoiceRecord> {
  const statusErrors: string[] = [];
  const status = readStatus(raw, statusErrors) ?? 'DRAFT';
  const candidate = buildCandidate(org, deps, raw, undefined, options);
  const errors = [
    ...statusErrors,
    ...candidate.errors,
    ...creationStatusErrors(org, candidate.body, status, 'Invoice'),
  ];
  candidate.invoice.status = status;
  if (errors.length > 0) return failure(org, candidate, errors, true, options.unitdp);
  return commit(org, deps, candidate, true, options.unitdp);
}

function applyStatusOnly(
  org: OrgState,
  deps: AccountingDeps,
  existing: InvoiceRecord,
  status: DocumentStatus,
): ElementOutcome<InvoiceRecord> {
  existing.status = status;
  existing.updatedAt = deps.now();
  refreshInvoiceBalances(org, existing);
  recordChange(deps, org.tenantId, 'INVOICE', 'UPDATE', existing.invoiceId);
  return { ok: true, record: existing };
}

export function updateInvoice(
  org: OrgState,
  deps: AccountingDeps,
  existing: InvoiceRecord,
  raw: JsonRecord,
  options: WriteOptions,
): ElementOutcome<InvoiceRecord> {
  const statusErrors: string[] = [];
  const requested = readStatus(raw, statusErrors) ?? existing.status;
  const candidate = buildCandidate(org, deps, raw, existing, options);
  const before = { ...existing, number: existing.invoiceNumber };
  const after = { ...candidate.body, number: candidate.invoice.invoiceNumber };
  const changed = materiallyChanged(before, after, candidate.body.pendingContact !== undefined);
  const settled = hasLiveSettlements(org, existing);
  const base = existing.status;
  const fail = (errors: string[]) => failure(org, candidate, errors, false, options.unitdp);
  if (statusErrors.length > 0) return fail(statusErrors);

  if (base === 'VOIDED' || base === 'DELETED') {
    if (changed || requested !== base) return fail([messages.invoiceStatusForModification()]);
    return { ok: true, record: existing };
  }
  if (base === 'PAID') {
    if (changed || (requested !== 'PAID' && requested !== 'AUTHORISED'))
      return fail([messages.documentHasAllocations()]);
    return { ok: true, record: existing };
  }
  if (base === 'AUTHORISED') {
    if (requested === 'VOIDED') {
      if (settled) return fail([messages.documentHasAllocations()]);
      const locked = lockDateErrors(org, existing.date);
      return locked.length > 0 ? fail(locked) : applyStatusOnly(org, deps, existing, 'VOIDED');
    }
    if (requested !== 'AUTHORISED') return fail([messages.invoiceStatusForModification()]);
    if (!changed) return { ok: true, record: existing };
    if (settled) return fail([messages.documentHasAllocations()]);
    const errors = [
      ...candidate.errors,
      ...approvalErrors(org, candidate.body),
      ...lockDateErrors(org, existing.date),
    ];
    return errors.length > 0 ? fail(errors) : commit(org, deps, candidate, false, options.unitdp);
  }
  if (requested === 'DELETED') return applyStatusOnly(org, deps, existing, 'DELETED');
  if (requested === 'VOIDED' || requested === 'PAID') return fail([messages.invoiceStatusForModification()]);
  candidate.invoice.status = requested;
  const errors = [
    ...candidate.errors,
    ...(requested === 'AUTHORISED' ? approvalErrors(org, candidate.body) : []),
  ];
  if (errors.length > 0) return fail(errors);
  if (!changed && requested === base) return { ok: true, record: existing };
  return commit(org, deps, candidate, false, options.unitdp);
}

export function findInvoice(org: OrgState, idOrNumber: string): InvoiceRecord | undefined {
  const direct =
    org.invoices.get(idOrNumber) ??
    org.invoices.get(idOrNumber.toLowerCase()) ??
    (isUuid(idOrNumber)
      ? [...org.invoices.values()].find((invoice) => sameId(invoice.invoiceId, idOrNumber))
      : undefined);
  if (direct) return direct;
  const matches = invoicesByNumber.find(org.invoices, idOrNumber.toLowerCase());
  return matches.find((invoice) => invoice.status !== 'DELETED') ?? matches[0];
}

// POST /Invoices: an InvoiceID or an existing InvoiceNumber updates, anything else creates.
export function upsertInvoice(
  org: OrgState,
  deps: AccountingDeps,
  raw: JsonRecord,
  options: WriteOptions,
): ElementOutcome<InvoiceRecord> {
  const invoiceId = readTrimmed(raw, 'InvoiceID');
  if (invoiceId !== undefined && invoiceId !== ZERO_UUID) {
    const existing = org.invoices.get(invoiceId) ?? findInvoice(org, invoiceId);
    if (!existing) return { ok: false, errors: [messages.invoiceNotFound()], echo: { ...raw } };
    return updateInvoice(org, deps, existing, raw, options);
  }
  const number = readTrimmed(raw, 'InvoiceNumber');
  const existing = number === undefined ? undefined : findInvoice(org, number);
  if (existing && existing.status !== 'DELETED') return updateInvoice(org, deps, existing, raw, options);
  return createInvoice(org, deps, raw, options);
}
