import type { Fixed4 } from '../money/fixed4.ts';

export type Region = 'AU' | 'NZ' | 'UK' | 'US';
export type DocumentStatus = 'DRAFT' | 'SUBMITTED' | 'AUTHORISED' | 'PAID' | 'VOIDED' | 'DELETED';
export type LineAmountTypes = 'Exclusive' | 'Inclusive' | 'NoTax';
export type InvoiceType = 'ACCREC' | 'ACCPAY';
export type CreditNoteType = 'ACCRECCREDIT' | 'ACCPAYCREDIT';

export type AccountRecord = {
  accountId: string;
  code: string;
  name: string;
  type: string;
  taxType?: string;
  class: string;
  status: 'ACTIVE' | 'ARCHIVED';
  enablePaymentsToAccount: boolean;
  showInExpenseClaims: boolean;
  bankAccountType?: string;
  bankAccountNumber?: string;
  currencyCode?: string;
  systemAccount?: string;
  description?: string;
  reportingCode?: string;
  reportingCodeName?: string;
  updatedAt: number;
};

export type TaxComponentRecord = {
  name: string;
  rate: Fixed4;
  isCompound: boolean;
  isNonRecoverable: boolean;
};

export type TaxRateRecord = {
  name: string;
  taxType: string;
  reportTaxType?: string;
  status: string;
  effectiveRate: Fixed4;
  displayTaxRate: Fixed4;
  canApplyToAssets: boolean;
  canApplyToEquity: boolean;
  canApplyToExpenses: boolean;
  canApplyToLiabilities: boolean;
  canApplyToRevenue: boolean;
  components: TaxComponentRecord[];
};

export type TrackingOptionRecord = { trackingOptionId: string; name: string; status: 'ACTIVE' | 'ARCHIVED' };
export type TrackingCategoryRecord = {
  trackingCategoryId: string;
  name: string;
  status: 'ACTIVE' | 'ARCHIVED';
  options: TrackingOptionRecord[];
};

export type CurrencyRecord = { code: string; description: string };

export type OrganisationRecord = {
  organisationId: string;
  name: string;
  legalName: string;
  shortCode: string;
  version: string;
  baseCurrency: string;
  countryCode: string;
  class: string;
  edition: string;
  isDemoCompany: boolean;
  periodLockDate?: string;
  endOfYearLockDate?: string;
  createdAt: number;
  // Passthrough fields from the fixture (PaysTax, Timezone, SalesTaxBasis, ...), in Xero casing.
  extra: Record<string, unknown>;
};

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type ContactRecord = {
  contactId: string;
  contactNumber?: string;
  accountNumber?: string;
  status: 'ACTIVE' | 'ARCHIVED' | 'GDPRREQUEST';
  name: string;
  firstName?: string;
  lastName?: string;
  emailAddress?: string;
  taxNumber?: string;
  companyNumber?: string;
  bankAccountDetails?: string;
  defaultCurrency?: string;
  addresses: JsonValue[];
  phones: JsonValue[];
  contactPersons: JsonValue[];
  isCustomer: boolean;
  isSupplier: boolean;
  createdAt: number;
  updatedAt: number;
};

export type TrackingRef = {
  trackingCategoryId: string;
  name: string;
  option: string;
  trackingOptionId: string;
};

export type LineRecord = {
  lineItemId: string;
  description?: string;
  quantity: Fixed4;
  unitAmount: Fixed4;
  itemCode?: string;
  accountCode?: string;
  accountId?: string;
  taxType?: string;
  taxAmount: Fixed4;
  lineAmount: Fixed4;
  discountRate?: Fixed4;
  discountAmount?: Fixed4;
  tracking: TrackingRef[];
};

type DocumentCommon = {
  contactId: string;
  date: string;
  dueDate?: string;
  status: DocumentStatus;
  lineAmountTypes: LineAmountTypes;
  currencyCode: string;
  currencyRate: string;
  reference: string;
  lines: LineRecord[];
  subTotal: Fixed4;
  totalTax: Fixed4;
  total: Fixed4;
  totalDiscount: Fixed4;
  fullyPaidOnDate?: string;
  brandingThemeId?: string;
  createdByClientId?: string;
  createdAt: number;
  updatedAt: number;
};

export type InvoiceRecord = DocumentCommon & {
  invoiceId: string;
  type: InvoiceType;
  invoiceNumber: string;
  url?: string;
  sentToContact: boolean;
  expectedPaymentDate?: string;
  amountPaid: Fixed4;
  amountCredited: Fixed4;
  amountDue: Fixed4;
  paymentIds: string[];
  allocationIds: string[];
};

export type CreditNoteRecord = DocumentCommon & {
  creditNoteId: string;
  type: CreditNoteType;
  creditNoteNumber: string;
  remainingCredit: Fixed4;
  paymentIds: string[];
  allocationIds: string[];
};

export type PaymentRecord = {
  paymentId: string;
  invoiceId?: string;
  creditNoteId?: string;
  accountId: string;
  date: string;
  amount: Fixed4;
  currencyRate: string;
  reference: string;
  status: 'AUTHORISED' | 'DELETED';
  paymentType: 'ACCRECPAYMENT' | 'ACCPAYPAYMENT' | 'ARCREDITPAYMENT' | 'APCREDITPAYMENT';
  isReconciled: boolean;
  createdAt: number;
  updatedAt: number;
};

export type AllocationRecord = {
  allocationId: string;
  creditNoteId: string;
  invoiceId: string;
  amount: Fixed4;
  date: string;
  isDeleted: boolean;
  createdAt: number;
};

export type ItemDetails = {
  unitPrice?: Fixed4;
  accountCode?: string;
  taxType?: string;
  /** Purchase details of a tracked item only. */
  cogsAccountCode?: string;
};

export type ItemRecord = {
  itemId: string;
  code: string;
  name?: string;
  description?: string;
  purchaseDescription?: string;
  isSold: boolean;
  isPurchased: boolean;
  salesDetails?: ItemDetails;
  purchaseDetails?: ItemDetails;
  /** Set with a COGS account in PurchaseDetails, it makes the item tracked (IsTrackedAsInventory). */
  inventoryAssetAccountCode?: string;
  /** Tracked items only; changed by purchases, sales and adjustments, never by writing the item. */
  quantityOnHand?: Fixed4;
  totalCostPool?: Fixed4;
  updatedAt: number;
};

export type OrgState = {
  tenantId: string;
  key: string;
  region: Region;
  organisation: OrganisationRecord;
  accounts: AccountRecord[];
  taxRates: TaxRateRecord[];
  trackingCategories: TrackingCategoryRecord[];
  currencies: CurrencyRecord[];
  multiCurrency: boolean;
  dailyLimit?: number;
  contacts: Map<string, ContactRecord>;
  invoices: Map<string, InvoiceRecord>;
  creditNotes: Map<string, CreditNoteRecord>;
  payments: Map<string, PaymentRecord>;
  allocations: Map<string, AllocationRecord>;
  items: Map<string, ItemRecord>;
  sequences: { invoice: number; creditNote: number };
};
