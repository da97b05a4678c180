import { toFixed4 } from '../money/fixed4.ts';
import type { AllocationRecord, CreditNoteRecord, OrgState } from '../state/types.ts';
import { asRecord, has, type JsonRecord, readTrimmed } from '../util/json-input.ts';
import { parseXeroDay } from '../util/xero-dates.ts';
import { type AccountingDeps, type ElementOutcome, recordChange } from './accounting-deps.ts';
import { refreshCreditNoteBalances, refreshInvoiceBalances } from './balances.ts';
import { findInvoice } from './invoice-service.ts';
import { lockDateErrors } from './lock-dates.ts';
import { messages } from './messages.ts';

// PUT /CreditNotes/{id}/Allocations: same contact, same currency, both AUTHORISED, within both balances.
export function allocateCreditNote(
  org: OrgState,
  deps: AccountingDeps,
  note: CreditNoteRecord,
  raw: JsonRecord,
): ElementOutcome<AllocationRecord> {
  const errors: string[] = [];
  const invoiceRef = asRecord(raw.Invoice);
  const invoiceKey = readTrimmed(invoiceRef, 'InvoiceID') ?? readTrimmed(invoiceRef, 'InvoiceNumber');
  const invoice = invoiceKey === undefined ? undefined : findInvoice(org, invoiceKey);
  if (!invoice) errors.push(messages.invoiceNotFound());
  const amount = has(raw, 'Amount') ? toFixed4(raw.Amount, 2) : undefined;
  if (amount === undefined || amount <= 0n) errors.push(messages.allocationAmountPositive());
  const date = has(raw, 'Date') ? parseXeroDay(raw.Date) : undefined;
  if (has(raw, 'Date') && date === undefined) errors.push(messages.invalidDate('Date'));
  if (note.status !== 'AUTHORISED') errors.push(messages.creditNoteStatusForAllocation());
  if (invoice) {
    if (invoice.status !== 'AUTHORISED') errors.push(messages.invoiceStatusForAllocation());
    if ((invoice.type === 'ACCREC') !== (note.type === 'ACCRECCREDIT'))
      errors.push(messages.allocationTypeMismatch());
    if (invoice.contactId !== note.contactId) errors.push(messages.allocationContactMismatch());
    if (invoice.currencyCode !== note.currencyCode) errors.push(messages.allocationCurrencyMismatch());
    if (errors.length === 0 && amount !== undefined) {
      if (amount > invoice.amountDue) errors.push(messages.allocationExceedsInvoice());
      if (amount > note.remainingCredit) errors.push(messages.allocationExceedsCredit());
    }
  }
  const allocationDate = date ?? (invoice && invoice.date > note.date ? invoice.date : note.date);
  errors.push(...lockDateErrors(org, allocationDate));
  if (errors.length > 0 || !invoice || amount === undefined)
    return { ok: false, errors: [...new Set(errors)], echo: { ...raw } };
  const allocation: AllocationRecord = {
    allocationId: deps.ids.uuid('allocation'),
    creditNoteId: note.creditNoteId,
    invoiceId: invoice.invoiceId,
    amount,
    date: allocationDate,
    isDeleted: false,
    createdAt: deps.now(),
  };
  org.allocations.set(allocation.allocationId, allocation);
  note.allocationIds.push(allocation.allocationId);
  invoice.allocationIds.push(allocation.allocationId);
  note.updatedAt = allocation.createdAt;
  invoice.updatedAt = allocation.createdAt;
  refreshCreditNoteBalances(org, note);
  refreshInvoiceBalances(org, invoice);
  recordChange(deps, org.tenantId, 'CREDITNOTE', 'UPDATE', note.creditNoteId, {
    Type: note.type,
    Status: note.status,
  });
  recordChange(deps, org.tenantId, 'INVOICE', 'UPDATE', invoice.invoiceId);
  return { ok: true, record: allocation };
}
