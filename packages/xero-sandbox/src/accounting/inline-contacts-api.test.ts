import { describe, expect, it } from 'vitest';
import { Invoice } from 'xero-node';
import type { InlineContactDetails } from '../sandbox-options.ts';
import { TENANTS, unique, useHarness } from '../testing/xero-node-harness.ts';

// An invoice whose Contact names no ContactID: Xero uses the active contact of that name, else creates
// one (README, "Contacts created from documents"); what the new contact keeps is the sandbox option.

const modes: InlineContactDetails[] = ['kept', 'name-only'];

describe.each(modes)('an invoice with its contact inline (%s)', (mode) => {
  const h = useHarness({ inlineContactDetails: mode });
  const api = () => h.xero.accountingApi;

  const invoiceFor = (contact: Invoice['contact']): Invoice => ({
    type: Invoice.TypeEnum.ACCREC,
    contact,
    date: '2026-05-04',
    dueDate: '2026-05-18',
    lineItems: [{ description: 'Widget', quantity: 1, unitAmount: 10, accountCode: '200' }],
    status: Invoice.StatusEnum.AUTHORISED,
  });

  const details = (name: string) => ({
    name,
    contactNumber: unique('buyer/user'),
    firstName: 'Ada',
    lastName: 'Byron',
    emailAddress: `${unique('ada')}@example.com`,
    addresses: [{ addressType: 'POBOX' as never, addressLine1: '1 Main St', city: 'Sydney' }],
    phones: [{ phoneType: 'DEFAULT' as never, phoneNumber: '0400 000 000' }],
  });

  it('creates a contact for a new name, keeping the other fields only when the option says so', async () => {
    const contact = details(unique('Ada Byron'));
    const { body } = await api().createInvoices(TENANTS.au, { invoices: [invoiceFor(contact)] });
    const answered = body.invoices?.[0]?.contact;
    expect(answered?.contactID).toBeTruthy();
    expect(answered?.name).toBe(contact.name);
    const stored = await api().getContact(TENANTS.au, answered?.contactID ?? '');
    const created = stored.body.contacts?.[0];
    if (mode === 'kept') {
      expect(created).toMatchObject({
        contactNumber: contact.contactNumber,
        emailAddress: contact.emailAddress,
        firstName: 'Ada',
      });
      expect(created?.addresses?.[0]?.addressLine1).toBe('1 Main St');
      expect(answered?.emailAddress).toBe(contact.emailAddress);
    } else {
      expect(created?.contactNumber).toBeUndefined();
      expect(created?.emailAddress).toBeUndefined();
      expect(created?.addresses ?? []).toEqual([]);
      expect(answered?.emailAddress).toBeUndefined();
    }
  });

  it('uses the active contact of that name and leaves its fields as they were', async () => {
    const name = unique('Existing Customer');
    const made = await api().createContacts(TENANTS.au, {
      contacts: [{ name, emailAddress: 'first@example.com' }],
    });
    const existingId = made.body.contacts?.[0]?.contactID;
    const { body } = await api().createInvoices(TENANTS.au, { invoices: [invoiceFor(details(name))] });
    expect(body.invoices?.[0]?.contact?.contactID).toBe(existingId);
    const stored = await api().getContact(TENANTS.au, existingId ?? '');
    expect(stored.body.contacts?.[0]?.emailAddress).toBe('first@example.com');
    const named = await api().getContacts(TENANTS.au, undefined, `Name=="${name}"`);
    expect(named.body.contacts).toHaveLength(1);
  });

  it('creates nothing when the invoice is refused', async () => {
    const contact = details(unique('Refused Customer'));
    const refused = invoiceFor(contact);
    refused.lineItems = [{ description: 'Widget', quantity: 1, unitAmount: 10, accountCode: 'NOPE' }];
    await api()
      .createInvoices(TENANTS.au, { invoices: [refused] }, true)
      .catch(() => undefined);
    const named = await api().getContacts(TENANTS.au, undefined, `Name=="${contact.name}"`);
    expect(named.body.contacts ?? []).toHaveLength(0);
  });
});
