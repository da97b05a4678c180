// Xero's validation texts. Sourced ones are marked; the rest are the closest wording we could find.
export const messages = {
  // Sourced (Xero API responses quoted in public integrations and Xero's docs).
  duplicateContactName: (name: string) =>
    `The contact name ${name} is already assigned to another contact. The contact name must be unique across all active contacts.`,
  duplicateInvoiceNumber: () => 'Invoice # must be unique.',
  invalidAccountCode: (code: string) => `Account code '${code}' is not a valid code for this document.`,
  taxTypeNotForAccount: (taxType: string, code: string) =>
    `The TaxType code '${taxType}' cannot be used with account code '${code}'.`,
  unknownTaxType: (taxType: string) =>
    `The TaxType code ${taxType} does not exist or cannot be used for this type of transaction.`,
  currencyNotSubscribed: (code: string) => `Organisation is not subscribed to currency ${code}`,
  paymentExceedsOutstanding: () => 'Payment amount exceeds the amount outstanding on this document',
  paymentsOnlyAgainstAuthorised: () => 'Payments can only be made against Authorised documents',
  invalidPaymentAccount: () => 'Account type is invalid for making a payment to/from',
  documentHasAllocations: () =>
    'This document cannot be edited as it has a payment or credit note allocated to it.',
  invoiceStatusForModification: () => 'Invoice not of valid status for modification',
  periodLockDate: (lockDate: string) =>
    `The document date cannot be before the period lock date, currently set at ${lockDate}`,
  endOfYearLockDate: (lockDate: string) =>
    `The document date cannot be before the end of year lock date, currently set at ${lockDate}`,
  contactRequired: () => 'A Contact must be specified for this type of transaction',
  // Closest wording available.
  taxRateInvalid: () => 'Tax rate must be valid.',
  tooManyTrackingCategories: () => 'A maximum of two tracking categories can be used on a line item.',
  trackingCategoryNotFound: (name: string) => `The tracking category '${name}' could not be found.`,
  trackingOptionNotFound: (option: string, category: string) =>
    `The tracking option '${option}' could not be found for tracking category '${category}'.`,
  contactNotFound: () => 'The contact could not be found.',
  contactArchived: (name: string) => `The contact '${name}' is archived and cannot be used on transactions.`,
  contactNameRequired: () => 'The contact name must be specified.',
  duplicateAccountNumber: () => 'The Account Number already exists. Please enter a different Account Number.',
  invalidEmail: () => 'Email address must be valid.',
  invoiceTypeRequired: () => 'Invoice Type must be specified as ACCREC or ACCPAY.',
  invalidDate: (field: string) => `${field} is not a valid date.`,
  invalidLineAmountTypes: (value: string) => `'${value}' is not a valid value for LineAmountTypes.`,
  invalidStatusForCreation: (label: string, status: string) =>
    `${label} cannot be created with status ${status}.`,
  itemNotFound: (code: string) => `Item code '${code}' is not valid.`,
  duplicateItemCode: (code: string) => `Item code '${code}' already exists.`,
  itemCodeRequired: () => 'Item code must be specified.',
  // Wording of the four below is a guess (the limits and rules are from the OpenAPI file's Item schema).
  itemCodeTooLong: () => 'The Code must not exceed 30 characters.',
  itemNameTooLong: () => 'The Name must not exceed 50 characters.',
  inventoryAccountRequired: (code: string) =>
    `The InventoryAssetAccountCode '${code}' must be an account of type INVENTORY.`,
  cogsAccountRequired: () => 'A COGSAccountCode in PurchaseDetails is required to track an item.',
  lineAmountMismatch: (given: string, expected: string) =>
    `The line amount ${given} does not match the expected line amount of ${expected}.`,
  accountRequiredToApprove: () =>
    'Account code must be specified for each line item on an approved document.',
  lineItemsRequiredToApprove: () => 'At least one line item must be specified to approve a document.',
  negativeTotal: () => 'The document total cannot be negative.',
  invalidAmount: (field: string) => `${field} must be a number.`,
  invoiceNotFound: () => 'Invoice could not be found',
  creditNoteNotFound: () => 'Credit note could not be found',
  paymentTargetRequired: () => 'You must specify an Invoice or a CreditNote for the payment',
  accountNotFound: () => 'Account could not be found',
  paymentAmountPositive: () => 'Payment amount must be greater than zero',
  paymentDateRequired: () => 'Payment date must be specified',
  paymentOnlyStatusUpdates: () => 'Only the Status of a payment can be updated, to DELETED.',
  paymentAlreadyDeleted: () => 'This payment has already been deleted',
  duplicateCreditNoteNumber: () => 'Credit Note # must be unique.',
  creditNoteStatusForModification: () => 'Credit note not of valid status for modification',
  creditNoteStatusForAllocation: () => 'Credit note not of valid status for allocation',
  invoiceStatusForAllocation: () => 'Invoice not of valid status for allocation',
  allocationContactMismatch: () => 'The credit note and the invoice must be for the same contact',
  allocationCurrencyMismatch: () => 'The credit note and the invoice must be in the same currency',
  allocationTypeMismatch: () => 'The credit note type does not match the invoice type',
  allocationExceedsInvoice: () => 'The amount being allocated exceeds the amount outstanding on the invoice',
  allocationExceedsCredit: () => 'The amount being allocated exceeds the remaining credit on the credit note',
  allocationAmountPositive: () => 'The allocation amount must be greater than zero',
  refundExceedsCredit: () => 'Payment amount exceeds the remaining credit on this credit note',
  currencyUnknown: (code: string) => `The currency code ${code} is not valid.`,
  multiCurrencyNotAvailable: () => "Multi-currency is not available on this organisation's plan.",
} as const;
