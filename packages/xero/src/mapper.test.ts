import type { InvoiceDraft } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import type { Invoice } from 'xero-node';
import { fromXeroInvoice, toXeroInvoice } from './mapper.ts';

const draft: InvoiceDraft = {
  contactId: 'XC',
  number: 'INV-O1',
  reference: 'O1',
  date: '2026-12-01',
  dueDate: '2026-12-31',
  currency: 'AUD',
  lineAmountTypes: 'Exclusive',
  status: 'AUTHORISED',
  lines: [
    {
      description: 'Mug',
      quantity: '1',
      unitAmount: '10.00',
      accountCode: '200',
      taxType: 'OUTPUT',
      tracking: [],
    },
  ],
};

describe('invoices to and from Xero', () => {
  it('names its contact by ID', () => {
    expect(toXeroInvoice(draft).contact).toEqual({ contactID: 'XC' });
  });

  it('carries a new contact whole, without an ID (decision 0111)', () => {
    const contact = toXeroInvoice({
      ...draft,
      contactId: '',
      newContact: {
        contactNumber: 'buyer/ada',
        name: 'Ada Byron',
        email: 'ada@example.com',
        phone: '0400 000 000',
        address: { line1: '1 Main St', city: 'Sydney', country: 'AU' },
      },
    }).contact;
    expect(contact).toMatchObject({
      contactNumber: 'buyer/ada',
      name: 'Ada Byron',
      emailAddress: 'ada@example.com',
    });
    expect(contact?.contactID).toBeUndefined();
    expect(contact?.addresses?.[0]).toMatchObject({ addressLine1: '1 Main St', city: 'Sydney' });
    expect(contact?.phones?.[0]).toMatchObject({ phoneNumber: '0400 000 000' });
  });

  it('reads back the contact the invoice is on, with what Xero kept of it', () => {
    const invoice = {
      invoiceID: 'XINV',
      invoiceNumber: 'INV-O1',
      contact: {
        contactID: 'XC',
        name: 'Ada Byron',
        contactNumber: 'buyer/ada',
        emailAddress: 'ada@example.com',
        addresses: [{ addressType: 'POBOX', addressLine1: '1 Main St' }],
        phones: [{ phoneType: 'DEFAULT', phoneNumber: '0400 000 000' }],
      },
    } as unknown as Invoice;
    const read = fromXeroInvoice(invoice);
    expect(read.contactId).toBe('XC');
    expect(read.contact).toMatchObject({
      id: 'XC',
      name: 'Ada Byron',
      contactNumber: 'buyer/ada',
      email: 'ada@example.com',
      phone: '0400 000 000',
      address: { line1: '1 Main St' },
    });
    const bare = fromXeroInvoice({ ...invoice, contact: { contactID: 'XC', name: 'Ada Byron' } } as Invoice);
    expect(bare.contact).toEqual({ id: 'XC', name: 'Ada Byron', archived: false });
  });
});
