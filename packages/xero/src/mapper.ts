import type {
  AccountingContact,
  AccountingContactDetail,
  AccountingCreditNote,
  AccountingInvoice,
  AccountingItem,
  AccountingPayment,
  ContactDraft,
  CreditNoteDraft,
  DocumentLineDraft,
  InvoiceDraft,
  ItemDraft,
  LineAmountTypes,
  PaymentDraft,
  ReferenceData,
} from '@ledgerbridge/canonical';
import type {
  Account,
  Contact,
  CreditNote,
  Currency,
  Invoice,
  Item,
  LineItem,
  Organisation,
  Payment,
  TaxRate,
  TrackingCategory,
} from 'xero-node';
import { fromSdkAmount, fromSdkNumber, toSdkNumber } from './numbers.ts';

// Pure translations between our drafts and Xero's models. Enum fields are plain strings on the wire.
type Loose<T> = { [K in keyof T]?: unknown };

function dateOnly(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string') {
    const ms = /\/Date\((\d+)/.exec(value);
    return ms ? new Date(Number(ms[1])).toISOString().slice(0, 10) : value.slice(0, 10);
  }
  return undefined;
}

export function toXeroContact(draft: ContactDraft): Contact {
  const contact: Loose<Contact> = {
    contactID: draft.existingId,
    contactNumber: draft.contactNumber,
    name: draft.name,
    firstName: draft.firstName,
    lastName: draft.lastName,
    emailAddress: draft.email,
    isCustomer: true,
  };
  if (draft.address) {
    contact.addresses = [
      {
        addressType: 'POBOX',
        addressLine1: draft.address.line1,
        addressLine2: draft.address.line2,
        city: draft.address.city,
        region: draft.address.region,
        postalCode: draft.address.postalCode,
        country: draft.address.country,
      },
    ];
  }
  if (draft.phone) contact.phones = [{ phoneType: 'DEFAULT', phoneNumber: draft.phone }];
  return contact as Contact;
}

export function fromXeroContactDetail(contact: Contact): AccountingContactDetail {
  const phone = (contact.phones ?? []).find((p) => String(p.phoneType) === 'DEFAULT' && p.phoneNumber);
  const address = (contact.addresses ?? []).find(
    (a) => String(a.addressType) === 'POBOX' && (a.addressLine1 || a.city),
  );
  const text = (value: string | undefined) => (value ? { value } : undefined);
  return {
    ...fromXeroContact(contact),
    ...(phone?.phoneNumber
      ? { phone: [phone.phoneCountryCode, phone.phoneAreaCode, phone.phoneNumber].filter(Boolean).join(' ') }
      : {}),
    ...(address
      ? {
          address: {
            ...(text(address.addressLine1) ? { line1: address.addressLine1 } : {}),
            ...(text(address.addressLine2) ? { line2: address.addressLine2 } : {}),
            ...(text(address.city) ? { city: address.city } : {}),
            ...(text(address.region) ? { region: address.region } : {}),
            ...(text(address.postalCode) ? { postalCode: address.postalCode } : {}),
            ...(text(address.country) ? { country: address.country } : {}),
          },
        }
      : {}),
  };
}

export function fromXeroContact(contact: Contact): AccountingContact {
  const status = String(contact.contactStatus ?? 'ACTIVE');
  return {
    id: contact.contactID ?? '',
    name: contact.name ?? '',
    archived: status === 'ARCHIVED',
    ...(contact.contactNumber ? { contactNumber: contact.contactNumber } : {}),
    ...(contact.emailAddress ? { email: contact.emailAddress } : {}),
    ...(contact.updatedDateUTC ? { updatedAt: new Date(contact.updatedDateUTC).toISOString() } : {}),
  };
}

function toXeroLine(line: DocumentLineDraft): LineItem {
  const item: Loose<LineItem> = {
    description: line.description,
    quantity: toSdkNumber(line.quantity),
    unitAmount: toSdkNumber(line.unitAmount),
    accountCode: line.accountCode,
    taxType: line.taxType,
    itemCode: line.itemCode,
    tracking: line.tracking.map((t) => ({ name: t.category, option: t.option })),
  };
  if (line.taxAmount !== undefined) item.taxAmount = toSdkNumber(line.taxAmount);
  if (line.discountAmount !== undefined) item.discountAmount = toSdkNumber(line.discountAmount);
  return item as LineItem;
}

export function toXeroInvoice(draft: InvoiceDraft): Invoice {
  const invoice: Loose<Invoice> = {
    type: 'ACCREC',
    // A new contact goes whole, without an ID: Xero creates it when no contact has its name.
    contact: draft.newContact ? toXeroContact(draft.newContact) : { contactID: draft.contactId },
    invoiceNumber: draft.number,
    reference: draft.reference,
    date: draft.date,
    dueDate: draft.dueDate,
    currencyCode: draft.currency,
    lineAmountTypes: draft.lineAmountTypes,
    status: draft.status,
    lineItems: draft.lines.map(toXeroLine),
  };
  if (draft.currencyRate !== undefined) invoice.currencyRate = toSdkNumber(draft.currencyRate);
  return invoice as Invoice;
}

export function fromXeroInvoice(invoice: Invoice): AccountingInvoice {
  return {
    id: invoice.invoiceID ?? '',
    number: invoice.invoiceNumber ?? '',
    status: String(invoice.status ?? ''),
    currency: String(invoice.currencyCode ?? ''),
    total: fromSdkAmount(invoice.total),
    totalTax: fromSdkAmount(invoice.totalTax),
    amountDue: fromSdkAmount(invoice.amountDue),
    amountPaid: fromSdkAmount(invoice.amountPaid),
    amountCredited: fromSdkAmount(invoice.amountCredited),
    lineAmountTypes: String(invoice.lineAmountTypes ?? 'Exclusive') as LineAmountTypes,
    lines: (invoice.lineItems ?? []).map((l) => ({
      ...(l.description !== undefined ? { description: l.description } : {}),
      quantity: fromSdkNumber(l.quantity),
      unitAmount: fromSdkNumber(l.unitAmount),
      lineAmount: fromSdkNumber(l.lineAmount),
      taxAmount: fromSdkNumber(l.taxAmount),
      ...(l.accountCode ? { accountCode: l.accountCode } : {}),
      ...(l.taxType ? { taxType: l.taxType } : {}),
      ...(l.itemCode ? { itemCode: l.itemCode } : {}),
      tracking: (l.tracking ?? []).map((t) => ({ category: t.name ?? '', option: t.option ?? '' })),
    })),
    ...(invoice.payments?.length
      ? {
          payments: invoice.payments.map((p) => ({
            id: p.paymentID ?? '',
            amount: fromSdkAmount(p.amount),
            ...(p.reference ? { reference: p.reference } : {}),
          })),
        }
      : {}),
    ...(invoice.reference ? { reference: invoice.reference } : {}),
    ...(invoice.contact?.contactID
      ? { contactId: invoice.contact.contactID, contact: fromXeroContactDetail(invoice.contact) }
      : {}),
    ...(dateOnly(invoice.date) ? { date: dateOnly(invoice.date) } : {}),
    ...(dateOnly(invoice.fullyPaidOnDate) ? { fullyPaidOn: dateOnly(invoice.fullyPaidOnDate) } : {}),
    ...(invoice.updatedDateUTC ? { updatedAt: new Date(invoice.updatedDateUTC).toISOString() } : {}),
  };
}

export function toXeroPayment(draft: PaymentDraft): Payment {
  const payment: Loose<Payment> = {
    ...(draft.creditNoteId
      ? { creditNote: { creditNoteID: draft.creditNoteId } }
      : { invoice: { invoiceID: draft.invoiceId } }),
    account: { code: draft.accountCode },
    amount: toSdkNumber(draft.amount),
    date: draft.date,
    reference: draft.reference,
  };
  if (draft.currencyRate !== undefined) payment.currencyRate = toSdkNumber(draft.currencyRate);
  return payment as Payment;
}

export function fromXeroPayment(payment: Payment): AccountingPayment {
  return {
    id: payment.paymentID ?? '',
    invoiceId: payment.invoice?.invoiceID ?? '',
    amount: fromSdkAmount(payment.amount),
    ...(payment.account?.code ? { accountCode: payment.account.code } : {}),
    ...(payment.updatedDateUTC ? { updatedAt: new Date(payment.updatedDateUTC).toISOString() } : {}),
  };
}

export function toXeroCreditNote(draft: CreditNoteDraft): CreditNote {
  const note: Loose<CreditNote> = {
    type: 'ACCRECCREDIT',
    contact: { contactID: draft.contactId },
    creditNoteNumber: draft.number,
    reference: draft.reference,
    date: draft.date,
    currencyCode: draft.currency,
    lineAmountTypes: draft.lineAmountTypes,
    status: draft.status,
    lineItems: draft.lines.map(toXeroLine),
  };
  if (draft.currencyRate !== undefined) note.currencyRate = toSdkNumber(draft.currencyRate);
  return note as CreditNote;
}

export function fromXeroCreditNote(note: CreditNote): AccountingCreditNote {
  return {
    id: note.creditNoteID ?? '',
    number: note.creditNoteNumber ?? '',
    total: fromSdkNumber(note.total),
  };
}

export function toXeroItem(draft: ItemDraft): Item {
  // Only the flag: every other field of the item stays as the merchant has it.
  if (draft.inactive) return { code: draft.code, isSold: false } as Item;
  const item: Loose<Item> = {
    code: draft.code,
    name: draft.name.slice(0, 50),
    description: draft.description,
    isSold: true,
    salesDetails: {
      accountCode: draft.salesAccountCode,
      taxType: draft.salesTaxType,
      ...(draft.salesUnitPrice !== undefined ? { unitPrice: toSdkNumber(draft.salesUnitPrice) } : {}),
    },
    ...(draft.isTrackedAsInventory !== undefined ? { isTrackedAsInventory: draft.isTrackedAsInventory } : {}),
    ...(draft.inventoryAssetAccountCode !== undefined
      ? { inventoryAssetAccountCode: draft.inventoryAssetAccountCode }
      : {}),
    ...(draft.cogsAccountCode !== undefined
      ? { purchaseDetails: { cOGSAccountCode: draft.cogsAccountCode } }
      : {}),
  };
  return item as Item;
}

export function fromXeroItem(item: Item): AccountingItem {
  const tracked = item.isTrackedAsInventory === true;
  const price = item.salesDetails?.unitPrice;
  return {
    id: item.itemID ?? '',
    code: item.code ?? '',
    ...(item.name ? { name: item.name } : {}),
    ...(item.description ? { description: item.description } : {}),
    ...(price !== undefined && price !== null ? { salesUnitPrice: fromSdkNumber(price) } : {}),
    isTrackedAsInventory: tracked,
    ...(tracked ? { quantityOnHand: fromSdkNumber(item.quantityOnHand) } : {}),
    ...(item.updatedDateUTC ? { updatedAt: new Date(item.updatedDateUTC).toISOString() } : {}),
  };
}

export function toReferenceData(input: {
  organisation: Organisation;
  accounts: Account[];
  taxRates: TaxRate[];
  tracking: TrackingCategory[];
  currencies: Currency[];
  items: Item[];
}): ReferenceData {
  const o = input.organisation;
  const lockDate = dateOnly(o.periodLockDate) ?? dateOnly(o.endOfYearLockDate);
  return {
    organisation: {
      name: o.name ?? '',
      baseCurrency: String(o.baseCurrency ?? ''),
      countryCode: String(o.countryCode ?? ''),
      isStarterTier: /STARTER/i.test(String(o.edition ?? '')) || /STARTER/i.test(String(o._class ?? '')),
      ...(lockDate ? { lockDate: latestLockDate(o) } : {}),
      ...(o.shortCode ? { shortCode: o.shortCode } : {}),
    },
    accounts: input.accounts.map((a) => ({
      code: a.code ?? '',
      name: a.name ?? '',
      type: String(a.type ?? ''),
      active: String(a.status ?? 'ACTIVE') === 'ACTIVE',
      acceptsPayments: String(a.type) === 'BANK' || a.enablePaymentsToAccount === true,
      ...(a.taxType ? { taxType: a.taxType } : {}),
      ...(a.systemAccount ? { systemAccount: String(a.systemAccount) } : {}),
    })),
    taxRates: input.taxRates.map((t) => ({
      taxType: t.taxType ?? '',
      name: t.name ?? '',
      ratePercent: fromSdkNumber(t.effectiveRate ?? t.displayTaxRate),
      active: String(t.status ?? 'ACTIVE') === 'ACTIVE',
      canApplyToRevenue: t.canApplyToRevenue !== false,
    })),
    trackingCategories: input.tracking.map((c) => ({
      name: c.name ?? '',
      active: String(c.status ?? 'ACTIVE') === 'ACTIVE',
      options: (c.options ?? []).map((opt) => ({
        name: opt.name ?? '',
        active: String(opt.status ?? 'ACTIVE') === 'ACTIVE',
      })),
    })),
    currencies: input.currencies.map((c) => String(c.code ?? '')),
    itemCodes: input.items.map((i) => i.code ?? '').filter((code) => code.length > 0),
  };
}

function latestLockDate(o: Organisation): string | undefined {
  const dates = [dateOnly(o.periodLockDate), dateOnly(o.endOfYearLockDate)].filter((d): d is string =>
    Boolean(d),
  );
  return dates.sort().at(-1);
}
