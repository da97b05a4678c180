import { toFixed4 } from '../money/fixed4.ts';
import type {
  AccountRecord,
  CreditNoteRecord,
  InvoiceRecord,
  OrgState,
  PaymentRecord,
} from '../state/types.ts';
import { sameId, ZERO_UUID } from '../util/ids.ts';
import { asRecord, has, type JsonRecord, readBoolean, readString, readTrimmed } from '../util/json-input.ts';
import { parseXeroDay } from '../util/xero-dates.ts';
import { type AccountingDeps, type ElementOutcome, recordChange } from './accounting-deps.ts';
import { refreshCreditNoteBalances, refreshInvoiceBalances } from './balances.ts';
import { findCreditNote } from './credit-note-lookup.ts';
import { findInvoice } from './invoice-service.ts';
import { lockDateErrors } from './lock-dates.ts';
import { messages } from './messages.ts';
import { findAccount } from './org-lookups.ts';

type Target = { invoice?: InvoiceRecord; creditNote?: CreditNoteRecord; error?: string };

function resolveTarget(org: OrgState, raw: JsonRecord): Target {
  const invoiceRef = asRecord(raw.Invoice);
  const invoiceKey =
    readTrimmed(invoiceRef, 'InvoiceID') ??
    readTrimmed(invoiceRef, 'InvoiceNumber') ??
    readTrimmed(raw, 'InvoiceNumber');
  if (invoiceKey !== undefined) {
    const invoice = findInvoice(org, invoiceKey);
    return invoice ? { invoice } : { error: messages.invoiceNotFound() };
  }
  const noteRef = asRecord(raw.CreditNote);
  const noteKey =
    readTrimmed(noteRef, 'CreditNoteID') ??
    readTrimmed(noteRef, 'CreditNoteNumber') ??
    readTrimmed(raw, 'CreditNoteNumber');
  if (noteKey !== undefined) {
    const creditNote = findCreditNote(org, noteKey);
    return creditNote ? { creditNote } : { error: messages.creditNoteNotFound() };
  }
  return { error: messages.paymentTargetRequired() };
}

function resolveAccount(org: OrgState, raw: JsonRecord): AccountRecord | undefined {
  const ref = asRecord(raw.Account);
  const accountId = readTrimmed(ref, 'AccountID');
  const code = readTrimmed(ref, 'Code') ?? readTrimmed(raw, 'Code');
  return findAccount(org, { accountId, code });
}

// Payments only go to AUTHORISED documents, never above what is outstanding, into a bank or payment account.
export function createPayment(
  org: OrgState,
  deps: AccountingDeps,
  raw: JsonRecord,
): ElementOutcome<PaymentRecord> {
  const errors: string[] = [];
  const target = resolveTarget(org, raw);
  if (target.error) errors.push(target.error);
  const account = resolveAccount(org, raw);
  if (!account) errors.push(messages.accountNotFound());
  else if ((account.type !== 'BANK' && !account.enablePaymentsToAccount) || account.status !== 'ACTIVE') {
    errors.push(messages.invalidPaymentAccount());
  }
  const amount = has(raw, 'Amount') ? toFixed4(raw.Amount, 2) : undefined;
  if (amount === undefined || amount <= 0n) errors.push(messages.paymentAmountPositive());
  const date = has(raw, 'Date') ? parseXeroDay(raw.Date) : undefined;
  if (!has(raw, 'Date')) errors.push(messages.paymentDateRequired());
  else if (date === undefined) errors.push(messages.invalidDate('Date'));
  else errors.push(...lockDateErrors(org, date));

  const document = target.invoice ?? target.creditNote;
  if (document) {
    if (document.status !== 'AUTHORISED' && document.status !== 'PAID')
      errors.push(messages.paymentsOnlyAgainstAuthorised());
    else if (amount !== undefined) {
      const outstanding = target.invoice
        ? target.invoice.amountDue
        : (target.creditNote?.remainingCredit ?? 0n);
      if (amount > outstanding) {
        errors.push(target.invoice ? messages.paymentExceedsOutstanding() : messages.refundExceedsCredit());
      }
    }
  }
  const now = deps.now();
  const payment: PaymentRecord = {
    paymentId: deps.ids.uuid('payment'),
    invoiceId: target.invoice?.invoiceId,
    creditNoteId: target.creditNote?.creditNoteId,
    accountId: account?.accountId ?? '',
    date: date ?? '',
    amount: amount ?? 0n,
    currencyRate: readString(raw, 'CurrencyRate') ?? document?.currencyRate ?? '1',
    reference: readString(raw, 'Reference') ?? '',
    status: 'AUTHORISED',
    paymentType: paymentTypeFor(target),
    isReconciled: readBoolean(raw, 'IsReconciled') ?? false,
    createdAt: now,
    updatedAt: now,
  };
  if (errors.length > 0)
    return { ok: false, errors: [...new Set(errors)], echo: { ...raw, PaymentID: ZERO_UUID } };
  org.payments.set(payment.paymentId, payment);
  if (target.invoice) {
    target.invoice.paymentIds.push(payment.paymentId);
    target.invoice.updatedAt = now;
    refreshInvoiceBalances(org, target.invoice);
    recordChange(deps, org.tenantId, 'INVOICE', 'UPDATE', target.invoice.invoiceId);
  }
  if (target.creditNote) {
    target.creditNote.paymentIds.push(payment.paymentId);
    target.creditNote.updatedAt = now;
    refreshCreditNoteBalances(org, target.creditNote);
    recordChange(deps, org.tenantId, 'CREDITNOTE', 'UPDATE', target.creditNote.creditNoteId, {
      Type: target.creditNote.type,
      Status: target.creditNote.status,
    });
  }
  return { ok: true, record: payment };
}

function paymentTypeFor(target: Target): PaymentRecord['paymentType'] {
  if (target.creditNote)
    return target.creditNote.type === 'ACCRECCREDIT' ? 'ARCREDITPAYMENT' : 'APCREDITPAYMENT';
  return target.invoice?.type === 'ACCPAY' ? 'ACCPAYPAYMENT' : 'ACCRECPAYMENT';
}

export function findPayment(org: OrgState, paymentId: string): PaymentRecord | undefined {
  return [...org.payments.values()].find((payment) => sameId(payment.paymentId, paymentId));
}

// Payments cannot be edited, only deleted; deleting reopens a PAID document.
export function deletePayment(
  org: OrgState,
  deps: AccountingDeps,
  payment: PaymentRecord,
  raw: JsonRecord,
): ElementOutcome<PaymentRecord> {
  const status = readTrimmed(raw, 'Status')?.toUpperCase();
  const echo = { ...raw, PaymentID: payment.paymentId };
  if (status !== 'DELETED') return { ok: false, errors: [messages.paymentOnlyStatusUpdates()], echo };
  if (payment.status === 'DELETED') return { ok: false, errors: [messages.paymentAlreadyDeleted()], echo };
  const locked = lockDateErrors(org, payment.date);
  if (locked.length > 0) return { ok: false, errors: locked, echo };
  payment.status = 'DELETED';
  payment.updatedAt = deps.now();
  const invoice = payment.invoiceId ? org.invoices.get(payment.invoiceId) : undefined;
  if (invoice) {
    invoice.updatedAt = payment.updatedAt;
    refreshInvoiceBalances(org, invoice);
    recordChange(deps, org.tenantId, 'INVOICE', 'UPDATE', invoice.invoiceId);
  }
  const creditNote = payment.creditNoteId ? org.creditNotes.get(payment.creditNoteId) : undefined;
  if (creditNote) {
    creditNote.updatedAt = payment.updatedAt;
    refreshCreditNoteBalances(org, creditNote);
    recordChange(deps, org.tenantId, 'CREDITNOTE', 'UPDATE', creditNote.creditNoteId, {
      Type: creditNote.type,
      Status: creditNote.status,
    });
  }
  return { ok: true, record: payment };
}
