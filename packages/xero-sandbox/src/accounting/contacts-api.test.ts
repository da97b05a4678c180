import { describe, expect, it } from 'vitest';
import { Contact } from 'xero-node';
import { failureOf, TENANTS, unique, useHarness, validationMessages } from '../testing/xero-node-harness.ts';

const h = useHarness();

const api = () => h.xero.accountingApi;

describe('contacts through xero-node', () => {
  it('refuses a duplicate active contact name with Xero’s text', async () => {
    const name = unique('Acme Ltd');
    await api().createContacts(TENANTS.uk, { contacts: [{ name, emailAddress: 'ap@acme.example' }] });
    const failure = await failureOf(
      api().createContacts(TENANTS.uk, { contacts: [{ name: name.toUpperCase() }] }),
    );
    expect(validationMessages(failure)).toEqual([
      `The contact name ${name.toUpperCase()} is already assigned to another contact. The contact name must be unique across all active contacts.`,
    ]);
  });

  it('frees the name once the holder is archived, and hides archived contacts unless asked', async () => {
    const name = unique('Archive Me');
    const created = await api().createContacts(TENANTS.uk, { contacts: [{ name }] });
    const contactID = created.body.contacts?.[0]?.contactID ?? '';
    await api().updateContact(TENANTS.uk, contactID, {
      contacts: [{ contactStatus: Contact.ContactStatusEnum.ARCHIVED }],
    });
    const again = await api().createContacts(TENANTS.uk, { contacts: [{ name }] });
    expect(again.body.contacts?.[0]?.contactStatus).toBe('ACTIVE');
    const visible = await api().getContacts(TENANTS.uk, undefined, `Name=="${name}"`);
    expect(visible.body.contacts).toHaveLength(1);
    const all = await api().getContacts(
      TENANTS.uk,
      undefined,
      `Name=="${name}"`,
      undefined,
      undefined,
      undefined,
      true,
    );
    expect(all.body.contacts).toHaveLength(2);
  });

  it('upserts by ContactNumber, reads by ContactNumber, and finds by EmailAddress and IDs', async () => {
    const contactNumber = unique('OC');
    const email = `${contactNumber.toLowerCase()}@shop.example`;
    await api().updateOrCreateContacts(TENANTS.nz, {
      contacts: [{ name: unique('Shopper'), contactNumber }],
    });
    const updated = await api().updateOrCreateContacts(TENANTS.nz, {
      contacts: [{ contactNumber, emailAddress: email, firstName: 'Ana' }],
    });
    const contact = updated.body.contacts?.[0];
    expect(contact).toMatchObject({ contactNumber, emailAddress: email, firstName: 'Ana' });
    const byNumber = await api().getContactByContactNumber(TENANTS.nz, contactNumber);
    expect(byNumber.body.contacts?.[0]?.contactID).toBe(contact?.contactID);
    const byEmail = await api().getContacts(TENANTS.nz, undefined, `EmailAddress=="${email}"`);
    expect(byEmail.body.contacts?.map((c) => c.contactID)).toEqual([contact?.contactID]);
    const byIds = await api().getContacts(TENANTS.nz, undefined, undefined, undefined, [
      contact?.contactID ?? '',
    ]);
    expect(byIds.body.contacts).toHaveLength(1);
  });

  it('pages contact lists', async () => {
    const { body } = await api().getContacts(
      TENANTS.us,
      undefined,
      undefined,
      'Name ASC',
      undefined,
      1,
      undefined,
      undefined,
      undefined,
      1,
    );
    expect(body.contacts).toHaveLength(1);
    expect(body.pagination).toMatchObject({ page: 1, pageSize: 1 });
  });
});
