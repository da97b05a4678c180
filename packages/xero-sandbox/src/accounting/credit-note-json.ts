import { fixed4ToNumber } from '../money/fixed4.ts';
import type { AllocationRecord, CreditNoteRecord, OrgState } from '../state/types.ts';
import { dayToMsDate, toIsoSeconds, toMsDate } from '../util/xero-dates.ts';
import { contactSummaryJson } from './contact-json.ts';
import { dayFields, lineToJson, type RenderOptions } from './document-json.ts';

export function allocationToJson(org: OrgState, allocation: AllocationRecord): Record<string, unknown> {
  const invoice = org.invoices.get(allocation.invoiceId);
  const creditNote = org.creditNotes.get(allocation.creditNoteId);
  return {
    AllocationID: allocation.allocationId,
    Amount: fixed4ToNumber(allocation.amount, 2),
    Date: dayToMsDate(allocation.date),
    IsDeleted: allocation.isDeleted,
    Invoice: invoice
      ? {
          InvoiceID: invoice.invoiceId,
          InvoiceNumber: invoice.invoiceNumber,
          Payments: [],
          CreditNotes: [],
          Prepayments: [],
          Overpayments: [],
          HasErrors: false,
          IsDiscounted: false,
          LineItems: [],
        }
      : undefined,
    CreditNote: creditNote
      ? {
          CreditNoteID: creditNote.creditNoteId,
          CreditNoteNumber: creditNote.creditNoteNumber,
          LineItems: [],
        }
      : undefined,
    ValidationErrors: [],
  };
}

export function creditNoteToJson(
  org: OrgState,
  note: CreditNoteRecord,
  options: RenderOptions,
  pendingContactName?: string,
): Record<string, unknown> {
  const allocations = note.allocationIds
    .map((id) => org.allocations.get(id))
    .filter(
      (allocation): allocation is AllocationRecord => allocation !== undefined && !allocation.isDeleted,
    );
  return {
    Type: note.type,
    CreditNoteID: note.creditNoteId,
    CreditNoteNumber: note.creditNoteNumber,
    Reference: note.reference,
    Contact: contactSummaryJson(org.contacts.get(note.contactId), pendingContactName),
    ...dayFields('Date', note.date),
    ...dayFields('DueDate', note.dueDate),
    Status: note.status,
    LineAmountTypes: note.lineAmountTypes,
    LineItems: options.includeLines ? note.lines.map((line) => lineToJson(line, options.unitdp)) : undefined,
    SubTotal: fixed4ToNumber(note.subTotal, 2),
    TotalTax: fixed4ToNumber(note.totalTax, 2),
    Total: fixed4ToNumber(note.total, 2),
    UpdatedDateUTC: toMsDate(note.updatedAt),
    UpdatedDateUTCString: toIsoSeconds(note.updatedAt),
    CurrencyCode: note.currencyCode,
    CurrencyRate: Number(note.currencyRate),
    ...dayFields('FullyPaidOnDate', note.fullyPaidOnDate),
    RemainingCredit: fixed4ToNumber(note.remainingCredit, 2),
    Allocations: allocations.map((allocation) => ({
      AllocationID: allocation.allocationId,
      Amount: fixed4ToNumber(allocation.amount, 2),
      Date: dayToMsDate(allocation.date),
      Invoice: {
        InvoiceID: allocation.invoiceId,
        InvoiceNumber: org.invoices.get(allocation.invoiceId)?.invoiceNumber,
      },
    })),
    Payments: note.paymentIds
      .map((id) => org.payments.get(id))
      .filter((payment) => payment?.status === 'AUTHORISED')
      .map((payment) => ({
        PaymentID: payment?.paymentId,
        Amount: payment ? fixed4ToNumber(payment.amount, 2) : 0,
      })),
    HasAttachments: false,
    HasErrors: false,
  };
}
