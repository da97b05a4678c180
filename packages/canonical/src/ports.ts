import type {
  AccountingContact,
  AccountingContactDetail,
  AccountingCreditNote,
  AccountingInvoice,
  AccountingItem,
  AccountingPayment,
  ContactDraft,
  CreditNoteDraft,
  InvoiceDraft,
  ItemDraft,
  PaymentDraft,
  ReferenceData,
  AccountingTaxRate,
  TaxRateDraft,
} from './accounting-documents.ts';
import type { Customer } from './customer.ts';
import type { Order } from './order.ts';
import type { Payment } from './payment.ts';
import type { Product } from './product.ts';
import type { Refund } from './refund.ts';
import type { SourcePaths, ValueProfile } from './source-paths.ts';
import type { Result, SyncError } from './sync-error.ts';

/** Each element of a batch succeeds or fails on its own. */
export type ElementResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: SyncError };

export type IntegrationState = {
  readonly invoiceId?: string;
  readonly invoiceNumber?: string;
  readonly invoiceStatus?: string;
  readonly amountPaid?: string;
  readonly needsAttention: boolean;
  readonly message?: string;
  readonly syncedAt: string;
};

/** Where orders come from (OrderCloud today; kept pluggable). */
export interface CommerceSource {
  /** `sources` says where the merchant keeps tax codes, SKUs and the like; unset uses conventions. */
  getOrder(input: { orderId: string; sources?: SourcePaths }): Promise<Result<Order>>;
  getPayments(input: { orderId: string }): Promise<Result<Payment[]>>;
  getRefunds(input: { orderId: string }): Promise<Result<Refund[]>>;
  /** The refunds of many orders at once (a history import's chunk); optional, getRefunds otherwise. */
  getRefundsOf?(input: { orderIds: readonly string[] }): Promise<Result<Map<string, Refund[]>>>;
  getCustomer(input: { customerId: string }): Promise<Result<Customer>>;
  /** `sources.sku` names where variants keep their SKU (products keep theirs in `xp.SKU`). */
  getProduct(input: { productId: string; sources?: SourcePaths }): Promise<Result<Product>>;
  /**
   * A buyer company as the customer its contact stands for (kind `company`), or undefined when it is no
   * company buyer (retail). Optional: platforms without buyer companies omit it.
   */
  getCompany?(input: { companyId: string }): Promise<Result<Customer | undefined>>;
  /**
   * Who a company's address bills: users (by ID, the members of a user group it is assigned to among
   * them) and/or the whole company.
   */
  addressHolders?(input: {
    companyId: string;
    addressId: string;
  }): Promise<Result<{ customerIds: string[]; company: boolean }>>;
  /** The customers (by ID) of a company's user group. Optional: platforms without groups omit it. */
  groupMembers?(input: { companyId: string; groupId: string }): Promise<Result<string[]>>;
  /** The products a spec is assigned to (their variants' prices carry its options' markups). */
  productsOfSpec?(input: { specId: string }): Promise<Result<string[]>>;
  /** The customer ID of a user known only by username (a shopper's own token names the username). */
  customerOfUsername?(input: { username: string }): Promise<Result<string | undefined>>;
  /**
   * What the merchant's own fields hold on these orders, their lines, products and buyers (read as the
   * sync reads them), for suggesting source paths. Optional: a platform without such fields omits it.
   */
  profileSourceValues?(input: { orderIds: readonly string[] }): Promise<Result<ValueProfile[]>>;
  /** Submitted orders since a moment, oldest first; `orders` says who bought and when (backfill estimates). */
  listSubmittedOrdersSince(input: { since: string; page?: number }): Promise<
    Result<{
      orderIds: string[];
      orders?: ReadonlyArray<{ id: string; customerId: string | null; submittedAt: string | null }>;
      nextPage?: number;
    }>
  >;
  writeBack(input: { orderId: string; state: IntegrationState; status?: 'Completed' }): Promise<Result<void>>;
  /** Only fields the accounting side owns (phone, billing address) travel back. */
  updateCustomer(input: {
    customerId: string;
    fields: { phone?: string; billingAddress?: Record<string, string | undefined> };
  }): Promise<Result<void>>;
  /**
   * Stock the accounting side owns: the product's available quantity (whole units), or its variant's
   * when the item is a variant's.
   */
  setProductStock(input: {
    productId: string;
    variantId?: string;
    quantityAvailable: number;
  }): Promise<Result<void>>;
  /** A name the merchant changed in Xero last (names go to the later edit): the product's or variant's. */
  renameProduct(input: { productId: string; variantId?: string; name: string }): Promise<Result<void>>;
  /** Every product with its price (first-connect catalog review). Optional: not every source lists. */
  listProducts?(): Promise<Result<Product[]>>;
  /**
   * One catalog field set to the value the merchant chose in a conflict (price: the single-unit break).
   * A variant has a name and description of its own but no price (the product's plus its markups).
   */
  setProductField?(input: {
    productId: string;
    variantId?: string;
    field: 'name' | 'description' | 'price';
    value: string;
  }): Promise<Result<void>>;
}

/** Where documents go (Xero today). Every write takes an idempotency key. */
export interface AccountingTarget {
  getReferenceData(input: { tenantId: string }): Promise<Result<ReferenceData>>;
  /** One page of contacts (archived included), oldest change first, for the local contact index. */
  listContacts(input: {
    tenantId: string;
    modifiedSince?: Date;
    page: number;
  }): Promise<Result<{ contacts: AccountingContact[]; hasMore: boolean }>>;
  upsertContacts(input: {
    tenantId: string;
    contacts: readonly ContactDraft[];
    idempotencyKey: string;
  }): Promise<Result<ElementResult<AccountingContact>[]>>;
  createItems(input: {
    tenantId: string;
    items: readonly ItemDraft[];
    idempotencyKey: string;
  }): Promise<Result<ElementResult<{ code: string }>[]>>;
  /** Creates or updates items by Code (Xero's POST /Items), up to 50 a call. */
  upsertItems(input: {
    tenantId: string;
    items: readonly ItemDraft[];
    idempotencyKey: string;
  }): Promise<Result<ElementResult<AccountingItem>[]>>;
  /** Items changed since a moment (If-Modified-Since), or all of them. Items are not paged by Xero. */
  listItems(input: { tenantId: string; modifiedSince?: Date }): Promise<Result<AccountingItem[]>>;
  createInvoices(input: {
    tenantId: string;
    invoices: readonly InvoiceDraft[];
    idempotencyKey: string;
  }): Promise<Result<ElementResult<AccountingInvoice>[]>>;
  findInvoices(input: {
    tenantId: string;
    numbers?: readonly string[];
    references?: readonly string[];
    ids?: readonly string[];
  }): Promise<Result<AccountingInvoice[]>>;
  createPayments(input: {
    tenantId: string;
    payments: readonly PaymentDraft[];
    idempotencyKey: string;
  }): Promise<Result<ElementResult<AccountingPayment>[]>>;
  getInvoice(input: { tenantId: string; invoiceId: string }): Promise<Result<AccountingInvoice>>;
  /** The invoice as the accounting system renders it (Xero: GET /Invoices/{id}, Accept: application/pdf). */
  getInvoicePdf?(input: { tenantId: string; invoiceId: string }): Promise<Result<Uint8Array>>;
  getContact(input: { tenantId: string; contactId: string }): Promise<Result<AccountingContactDetail>>;
  /** Contacts by ID, up to 50 in one call (Xero: GET /Contacts?IDs=…); those not found are left out. */
  findContacts(input: {
    tenantId: string;
    ids: readonly string[];
  }): Promise<Result<AccountingContactDetail[]>>;
  /** Voids up to 50 invoices in one call (Xero updates invoices in batches); each answers on its own. */
  voidInvoices(input: {
    tenantId: string;
    invoiceIds: readonly string[];
    idempotencyKey: string;
  }): Promise<Result<ElementResult<AccountingInvoice>[]>>;
  createCreditNotes(input: {
    tenantId: string;
    creditNotes: readonly CreditNoteDraft[];
    idempotencyKey: string;
  }): Promise<Result<ElementResult<AccountingCreditNote>[]>>;
  /** Creates sales tax rates (Xero: PUT /TaxRates); only ever on the merchant's say-so. */
  createTaxRates(input: {
    tenantId: string;
    taxRates: readonly TaxRateDraft[];
    idempotencyKey: string;
  }): Promise<Result<AccountingTaxRate[]>>;
  allocateCreditNote(input: {
    tenantId: string;
    creditNoteId: string;
    invoiceId: string;
    amount: string;
    date: string;
    idempotencyKey: string;
  }): Promise<Result<void>>;
}
