import { fixed4ToNumber } from '../money/fixed4.ts';
import type { OrgState, PaymentRecord } from '../state/types.ts';
import { dayToMsDate, toIsoSeconds, toMsDate } from '../util/xero-dates.ts';
import { contactSummaryJson } from './contact-json.ts';

export function paymentToJson(org: OrgState, payment: PaymentRecord): Record<string, unknown> {
  const account = org.accounts.find((candidate) => candidate.accountId === payment.accountId);
  const invoice = payment.invoiceId ? org.invoices.get(payment.invoiceId) : undefined;
  const creditNote = payment.creditNoteId ? org.creditNotes.get(payment.creditNoteId) : undefined;
  const document = invoice ?? creditNote;
  const contact = document ? org.contacts.get(document.contactId) : undefined;
  return {
    PaymentID: payment.paymentId,
    Date: dayToMsDate(payment.date),
    BankAmount: fixed4ToNumber(payment.amount, 2),
    Amount: fixed4ToNumber(payment.amount, 2),
    Reference: payment.reference,
    CurrencyRate: Number(payment.currencyRate),
    PaymentType: payment.paymentType,
    Status: payment.status,
    UpdatedDateUTC: toMsDate(payment.updatedAt),
    UpdatedDateUTCString: toIsoSeconds(payment.updatedAt),
    HasAccount: account !== undefined,
    IsReconciled: payment.isReconciled,
    Account: account ? { AccountID: account.accountId, Code: account.code, Name: account.name } : undefined,
    Invoice: invoice
      ? {
          Type: invoice.type,
          InvoiceID: invoice.invoiceId,
          InvoiceNumber: invoice.invoiceNumber,
          Reference: invoice.reference,
          AmountDue: fixed4ToNumber(invoice.amountDue, 2),
          AmountPaid: fixed4ToNumber(invoice.amountPaid, 2),
          CurrencyCode: invoice.currencyCode,
          Status: invoice.status,
          Contact: contactSummaryJson(contact),
          LineItems: [],
          Payments: [],
          CreditNotes: [],
          Prepayments: [],
          Overpayments: [],
          HasErrors: false,
        }
      : undefined,
    CreditNote: creditNote
      ? {
          Type: creditNote.type,
          CreditNoteID: creditNote.creditNoteId,
          CreditNoteNumber: creditNote.creditNoteNumber,
          RemainingCredit: fixed4ToNumber(creditNote.remainingCredit, 2),
          CurrencyCode: creditNote.currencyCode,
          Status: creditNote.status,
          Contact: contactSummaryJson(contact),
          LineItems: [],
          HasErrors: false,
        }
      : undefined,
    HasValidationErrors: false,
  };
}
