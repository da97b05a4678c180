import { fixed4ToNumber } from '../money/fixed4.ts';
import type { InvoiceRecord, OrgState } from '../state/types.ts';
import { dayToDateString, dayToMsDate, toIsoSeconds, toMsDate } from '../util/xero-dates.ts';
import { contactSummaryJson } from './contact-json.ts';
import { dayFields, lineToJson, type RenderOptions } from './document-json.ts';

function paymentsJson(org: OrgState, invoice: InvoiceRecord): Record<string, unknown>[] {
  return invoice.paymentIds
    .map((id) => org.payments.get(id))
    .filter((payment) => payment !== undefined && payment.status === 'AUTHORISED')
    .map((payment) => ({
      PaymentID: payment?.paymentId,
      Date: payment ? dayToMsDate(payment.date) : undefined,
      Amount: payment ? fixed4ToNumber(payment.amount, 2) : undefined,
      Reference: payment?.reference,
      CurrencyRate: payment ? Number(payment.currencyRate) : undefined,
      HasAccount: false,
      HasValidationErrors: false,
    }));
}

function creditNotesJson(org: OrgState, invoice: InvoiceRecord): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const id of invoice.allocationIds) {
    const allocation = org.allocations.get(id);
    if (!allocation || allocation.isDeleted) continue;
    const creditNote = org.creditNotes.get(allocation.creditNoteId);
    rows.push({
      CreditNoteID: allocation.creditNoteId,
      CreditNoteNumber: creditNote?.creditNoteNumber,
      ID: allocation.allocationId,
      AppliedAmount: fixed4ToNumber(allocation.amount, 2),
      DateString: dayToDateString(allocation.date),
      Date: dayToMsDate(allocation.date),
      LineItems: [],
      Total: creditNote ? fixed4ToNumber(creditNote.total, 2) : undefined,
      HasErrors: false,
    });
  }
  return rows;
}

export function invoiceToJson(
  org: OrgState,
  invoice: InvoiceRecord,
  options: RenderOptions,
  pendingContactName?: string,
): Record<string, unknown> {
  return {
    Type: invoice.type,
    InvoiceID: invoice.invoiceId,
    InvoiceNumber: invoice.invoiceNumber,
    Reference: invoice.reference,
    Payments: paymentsJson(org, invoice),
    CreditNotes: creditNotesJson(org, invoice),
    Prepayments: [],
    Overpayments: [],
    AmountDue: fixed4ToNumber(invoice.amountDue, 2),
    AmountPaid: fixed4ToNumber(invoice.amountPaid, 2),
    AmountCredited: fixed4ToNumber(invoice.amountCredited, 2),
    CurrencyRate: Number(invoice.currencyRate),
    IsDiscounted: invoice.totalDiscount !== 0n,
    HasAttachments: false,
    InvoiceAddresses: [],
    HasErrors: false,
    Contact: contactSummaryJson(org.contacts.get(invoice.contactId), pendingContactName),
    ...dayFields('Date', invoice.date),
    ...dayFields('DueDate', invoice.dueDate),
    BrandingThemeID: invoice.brandingThemeId,
    Status: invoice.status,
    LineAmountTypes: invoice.lineAmountTypes,
    LineItems: options.includeLines
      ? invoice.lines.map((line) => lineToJson(line, options.unitdp))
      : undefined,
    SubTotal: fixed4ToNumber(invoice.subTotal, 2),
    TotalTax: fixed4ToNumber(invoice.totalTax, 2),
    Total: fixed4ToNumber(invoice.total, 2),
    TotalDiscount: invoice.totalDiscount === 0n ? undefined : fixed4ToNumber(invoice.totalDiscount, 2),
    UpdatedDateUTC: toMsDate(invoice.updatedAt),
    UpdatedDateUTCString: toIsoSeconds(invoice.updatedAt),
    CurrencyCode: invoice.currencyCode,
    ...dayFields('FullyPaidOnDate', invoice.fullyPaidOnDate),
    ExpectedPaymentDate: invoice.expectedPaymentDate ? dayToMsDate(invoice.expectedPaymentDate) : undefined,
    SentToContact: invoice.sentToContact,
    Url: invoice.url,
  };
}
