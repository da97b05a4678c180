import type { IntegrationState, Result } from '@ledgerbridge/canonical';

// What the way back from Xero to Sitecore needs. The Xero accounting adapter and the OrderCloud adapter
// implement these in the composition root; tests pass fakes or sandbox-backed implementations.

export type XeroInvoiceSnapshot = {
  readonly id: string;
  readonly number: string;
  readonly status: string;
  readonly total: string;
  readonly amountPaid: string;
  readonly amountDue: string;
  readonly currency: string;
};

export interface XeroInvoiceReader {
  getInvoice(input: {
    workspaceId: string;
    tenantId: string;
    invoiceId: string;
  }): Promise<Result<XeroInvoiceSnapshot>>;
}

export type PostalAddress = {
  readonly street1?: string;
  readonly street2?: string;
  readonly city?: string;
  readonly region?: string;
  readonly postalCode?: string;
  readonly country?: string;
};

export type XeroContactSnapshot = {
  readonly id: string;
  readonly contactNumber?: string;
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
  readonly billingAddress?: PostalAddress;
};

export interface XeroContactReader {
  getContact(input: {
    workspaceId: string;
    tenantId: string;
    contactId: string;
  }): Promise<Result<XeroContactSnapshot>>;
}

export interface OrderCloudWriteBack {
  writeBack(input: {
    connectionId: string;
    orderId: string;
    state: IntegrationState;
    status?: 'Completed';
  }): Promise<Result<void>>;
}

/** Only the fields Xero owns (field-ownership.ts) ever travel this way. */
export interface OrderCloudCustomerWriter {
  updateCustomer(input: {
    connectionId: string;
    customerId: string;
    fields: { phone?: string; billingAddress?: PostalAddress };
  }): Promise<Result<void>>;
}
