// Accounting-side documents, shaped by what an accounting target (Xero) needs but free of its SDK.
// Amounts are decimal strings in the document's currency.

export type LineAmountTypes = 'Exclusive' | 'Inclusive' | 'NoTax';

export type ReferenceData = {
  readonly organisation: {
    readonly name: string;
    readonly baseCurrency: string;
    readonly countryCode: string;
    readonly lockDate?: string;
    readonly isStarterTier: boolean;
    /** Xero's short code of the organisation, for deep links into Xero's web app (go.xero.com/app/{ShortCode}/…). */
    readonly shortCode?: string;
  };
  readonly accounts: ReadonlyArray<{
    readonly code: string;
    readonly name: string;
    readonly type: string;
    readonly active: boolean;
    readonly taxType?: string;
    readonly acceptsPayments: boolean;
    /** Xero's own accounts (receivables, GST, rounding…) cannot be coded to on a document line. */
    readonly systemAccount?: string;
  }>;
  readonly taxRates: ReadonlyArray<{
    readonly taxType: string;
    readonly name: string;
    readonly ratePercent: string;
    readonly active: boolean;
    readonly canApplyToRevenue: boolean;
  }>;
  readonly trackingCategories: ReadonlyArray<{
    readonly name: string;
    readonly active: boolean;
    readonly options: ReadonlyArray<{ readonly name: string; readonly active: boolean }>;
  }>;
  readonly currencies: readonly string[];
  readonly itemCodes: readonly string[];
};

/** A postal address as Xero keeps it on a contact. */
export type AccountingAddress = {
  readonly line1?: string;
  readonly line2?: string;
  readonly city?: string;
  readonly region?: string;
  readonly postalCode?: string;
  readonly country?: string;
};

export type ContactDraft = {
  readonly existingId?: string;
  readonly contactNumber: string;
  readonly name: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly address?: AccountingAddress;
};

export type AccountingContact = {
  readonly id: string;
  readonly contactNumber?: string;
  readonly name: string;
  readonly email?: string;
  readonly archived: boolean;
  readonly updatedAt?: string;
};

export type DocumentLineDraft = {
  readonly description: string;
  readonly quantity: string;
  readonly unitAmount: string;
  readonly itemCode?: string;
  readonly accountCode: string;
  readonly taxType: string;
  readonly taxAmount?: string;
  readonly discountAmount?: string;
  readonly tracking: ReadonlyArray<{ readonly category: string; readonly option: string }>;
};

export type InvoiceDraft = {
  readonly contactId: string;
  /**
   * A contact Xero does not have yet, sent inside the invoice instead of `contactId` (decision 0111):
   * Xero creates the contact named on an invoice when it has none of that name.
   */
  readonly newContact?: ContactDraft;
  readonly number: string;
  readonly reference: string;
  readonly date: string;
  readonly dueDate: string;
  readonly currency: string;
  readonly currencyRate?: string;
  readonly lineAmountTypes: LineAmountTypes;
  readonly status: 'DRAFT' | 'AUTHORISED';
  readonly lines: readonly DocumentLineDraft[];
};

export type AccountingInvoice = {
  readonly id: string;
  readonly contactId?: string;
  /** The contact as the invoice's answer shows it (Xero nests a summary of it). */
  readonly contact?: AccountingContactDetail;
  readonly date?: string;
  readonly lineAmountTypes?: LineAmountTypes;
  readonly lines?: ReadonlyArray<{
    readonly description?: string;
    readonly quantity?: string;
    readonly unitAmount?: string;
    readonly lineAmount?: string;
    readonly taxAmount?: string;
    readonly accountCode?: string;
    readonly taxType?: string;
    readonly itemCode?: string;
    readonly tracking: ReadonlyArray<{ readonly category: string; readonly option: string }>;
  }>;
  readonly number: string;
  readonly reference?: string;
  readonly status: string;
  readonly currency: string;
  readonly total: string;
  readonly totalTax: string;
  readonly amountDue: string;
  readonly amountPaid: string;
  readonly amountCredited: string;
  readonly fullyPaidOn?: string;
  /** Xero's UpdatedDateUTC after our write: its webhook for this change is our own echo. */
  readonly updatedAt?: string;
  readonly payments?: ReadonlyArray<{
    readonly id: string;
    readonly amount: string;
    readonly reference?: string;
  }>;
};

/** A payment against an invoice, or a refund paid out of a credit note (money back to the customer). */
export type PaymentDraft = {
  readonly invoiceId?: string;
  readonly creditNoteId?: string;
  readonly accountCode: string;
  readonly amount: string;
  readonly date: string;
  readonly reference: string;
  readonly currencyRate?: string;
};

export type AccountingPayment = {
  readonly id: string;
  readonly invoiceId: string;
  readonly amount: string;
  readonly accountCode?: string;
  /** Xero's UpdatedDateUTC of the payment, which is when it changed its invoice. */
  readonly updatedAt?: string;
};

export type CreditNoteDraft = Omit<InvoiceDraft, 'status' | 'dueDate'> & { readonly status: 'AUTHORISED' };

export type AccountingCreditNote = { readonly id: string; readonly number: string; readonly total: string };

export type ItemDraft = {
  readonly code: string;
  readonly name: string;
  readonly description?: string;
  readonly salesAccountCode?: string;
  readonly salesTaxType?: string;
  readonly salesUnitPrice?: string;
  /** Xero tracks stock for the item (then it needs an inventory asset account, and a purchase account). */
  readonly isTrackedAsInventory?: boolean;
  readonly inventoryAssetAccountCode?: string;
  /** Cost of goods sold account, which Xero requires (in PurchaseDetails) to track an item. */
  readonly cogsAccountCode?: string;
  /**
   * No longer sold (Xero's IsSold false): gone from sales forms, kept with its history. Xero's API has no
   * archive for items; this is the nearest, and Xero then drops the sales description and price.
   */
  readonly inactive?: boolean;
};

/** An item as Xero holds it, for the catalog's way back (stock, names changed in Xero). */
export type AccountingItem = {
  readonly id: string;
  readonly code: string;
  readonly name?: string;
  readonly description?: string;
  readonly salesUnitPrice?: string;
  readonly isTrackedAsInventory: boolean;
  /** Decimal string; only for tracked items. */
  readonly quantityOnHand?: string;
  readonly updatedAt?: string;
};

/** A contact as Xero holds it, for the way back (Xero owns phone and billing address). */
export type AccountingContactDetail = AccountingContact & {
  readonly phone?: string;
  readonly address?: AccountingAddress;
};

/** A sales tax rate to create in the accounting system: one component per jurisdiction. */
export type TaxRateDraft = {
  readonly name: string;
  readonly components: ReadonlyArray<{ readonly name: string; readonly ratePercent: string }>;
};

export type AccountingTaxRate = {
  readonly taxType: string;
  readonly name: string;
  readonly ratePercent: string;
};
