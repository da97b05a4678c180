import { sumFixed4 } from '../money/fixed4.ts';
import type { CreditNoteRecord, InvoiceRecord, OrgState } from '../state/types.ts';

function latest(days: string[]): string | undefined {
  return [...days].sort().at(-1);
}

// Paid and credited amounts are derived from live payments and allocations, never kept as running sums.
export function refreshInvoiceBalances(org: OrgState, invoice: InvoiceRecord): void {
  const payments = invoice.paymentIds
    .map((id) => org.payments.get(id))
    .filter((p) => p?.status === 'AUTHORISED');
  const allocations = invoice.allocationIds
    .map((id) => org.allocations.get(id))
    .filter((a) => a && !a.isDeleted);
  invoice.amountPaid = sumFixed4(payments.map((payment) => payment?.amount ?? 0n));
  invoice.amountCredited = sumFixed4(allocations.map((allocation) => allocation?.amount ?? 0n));
  const posted = invoice.status === 'AUTHORISED' || invoice.status === 'PAID';
  invoice.amountDue =
    posted || invoice.status === 'DRAFT' || invoice.status === 'SUBMITTED'
      ? invoice.total - invoice.amountPaid - invoice.amountCredited
      : 0n;
  if (posted && invoice.amountDue <= 0n) {
    invoice.status = 'PAID';
    const days = [...payments.map((p) => p?.date ?? ''), ...allocations.map((a) => a?.date ?? '')].filter(
      Boolean,
    );
    invoice.fullyPaidOnDate = latest(days) ?? invoice.date;
  } else if (invoice.status === 'PAID') {
    invoice.status = 'AUTHORISED';
    invoice.fullyPaidOnDate = undefined;
  }
}

export function refreshCreditNoteBalances(org: OrgState, creditNote: CreditNoteRecord): void {
  const allocations = creditNote.allocationIds
    .map((id) => org.allocations.get(id))
    .filter((a) => a && !a.isDeleted);
  const refunds = creditNote.paymentIds
    .map((id) => org.payments.get(id))
    .filter((p) => p?.status === 'AUTHORISED');
  const used = sumFixed4([
    ...allocations.map((allocation) => allocation?.amount ?? 0n),
    ...refunds.map((payment) => payment?.amount ?? 0n),
  ]);
  const posted = creditNote.status === 'AUTHORISED' || creditNote.status === 'PAID';
  creditNote.remainingCredit =
    creditNote.status === 'VOIDED' || creditNote.status === 'DELETED' ? 0n : creditNote.total - used;
  if (posted && creditNote.remainingCredit <= 0n) {
    creditNote.status = 'PAID';
    const days = [...allocations.map((a) => a?.date ?? ''), ...refunds.map((p) => p?.date ?? '')].filter(
      Boolean,
    );
    creditNote.fullyPaidOnDate = latest(days) ?? creditNote.date;
  } else if (creditNote.status === 'PAID') {
    creditNote.status = 'AUTHORISED';
    creditNote.fullyPaidOnDate = undefined;
  }
}

export function hasLiveSettlements(org: OrgState, document: InvoiceRecord | CreditNoteRecord): boolean {
  const payment = document.paymentIds.some((id) => org.payments.get(id)?.status === 'AUTHORISED');
  const allocation = document.allocationIds.some((id) => org.allocations.get(id)?.isDeleted === false);
  return payment || allocation;
}
